/**
 * `npm run bench`: timings of the toolkit's hot paths, printed as a table (median of repeats).
 * Each bench module exports `benchmarks: Benchmark[]`; start-up (startup.ts) is measured first, in
 * fresh processes. `npm run bench -- start-up` runs only that. Never used by tests (no timed assertions).
 */
import { benchmarks as analysis } from './analysis.bench.js';
import { benchmarks as engine } from './engine.bench.js';
import { benchmarks as fit } from './fit.bench.js';
import { benchmarks as likelihood } from './likelihood.bench.js';
import { benchmarks as physics } from './physics.bench.js';
import { benchmarks as sensitivity } from './sensitivity.bench.js';
import { benchmarks as toys } from './toys.bench.js';
import { startupBenchmarks } from './startup.js';

export interface Benchmark {
  readonly name: string;
  /** Work per call, for the "per second" column (e.g. 1000 points). */
  readonly items?: number;
  readonly itemName?: string;
  readonly repeats?: number;
  run(): unknown;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const all: Benchmark[] = [
    ...physics,
    ...likelihood,
    ...engine,
    ...analysis,
    ...toys,
    ...fit,
    ...sensitivity,
  ];
  const filter = process.argv[2];
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  if (!filter || 'start-up'.includes(filter)) startupBenchmarks();
  // CPU time (user + system of this process) beside the wall time: on a shared, loaded machine the
  // wall time includes waiting for a core; the CPU time is what the work costs.
  console.log('benchmark'.padEnd(58), 'median'.padStart(12), 'CPU'.padStart(12), '  throughput');
  for (const b of all) {
    if (filter && !b.name.includes(filter)) continue;
    await b.run(); // warm-up (JIT, caches)
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < (b.repeats ?? 5); i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await b.run();
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const ms = median(times);
    const rate = b.items ? `  ${((b.items / ms) * 1000).toExponential(3)} ${b.itemName ?? 'items'}/s` : '';
    console.log(
      b.name.padEnd(58),
      `${ms.toFixed(2)} ms`.padStart(12),
      `${median(cpu).toFixed(0)} ms`.padStart(12),
      rate,
    );
  }
}

void main();
