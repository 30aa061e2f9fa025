/**
 * Start-up of the CLI and of the library (issue 13), as ratios to `node -e 0` on the same machine:
 * each command is spawned `runs` times, interleaved with the others so that a change of machine load
 * touches all of them alike, and the median wall time is reported. Targets: `coherency --help` and
 * `coherency alpha …` within 2× of `node -e 0`; importing the physics entry < 50 ms beyond it.
 * Runs the built package (dist/, `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}dist/bin/coherency.js`;
const importOf = (path: string): string[] => [
  '--input-type=module',
  '-e',
  `await import(${JSON.stringify(path)})`,
];

const CASES: { name: string; args: string[] }[] = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'coherency --help', args: [bin, '--help'] },
  { name: 'coherency alpha --target Xe --q2 3500', args: [bin, 'alpha', '--target', 'Xe', '--q2', '3500'] },
  { name: "import 'cevns-coherency/physics'", args: importOf(`${root}dist/physics/index.js`) },
  { name: 'coherency analyze (CsI, asymptotic)', args: [bin, 'analyze'] },
  { name: 'coherency analyze xenonnt-8b (asymptotic)', args: [bin, 'analyze', 'xenonnt-8b'] },
  { name: "import 'cevns-coherency' (everything)", args: importOf(`${root}dist/index.js`) },
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function startupBenchmarks(runs = 11): void {
  if (!existsSync(bin)) {
    console.log(`start-up: ${bin} missing — run \`npm run build\` first`);
    return;
  }
  const times = CASES.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    CASES.forEach((c, j) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, c.args, { stdio: 'ignore' });
      times[j]!.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`start-up bench: ${c.name} exited with ${r.status}`);
    });
  }
  const base = median(times[0]!);
  console.log(`start-up (median of ${runs} interleaved runs; ratio and excess over node -e 0)`);
  CASES.forEach((c, j) => {
    const ms = median(times[j]!);
    console.log(
      c.name.padEnd(58),
      `${ms.toFixed(0)} ms`.padStart(12),
      `  ${(ms / base).toFixed(2)}× node, +${(ms - base).toFixed(0)} ms`,
    );
  });
}
