/**
 * Speed of the toys (src/toys) on the COHERENT CsI 2017 fixture's per-bin models:
 *
 * 1. toys per second per core, one bin at a time (the bin alone with its constraint terms, as the
 *    per-bin tests and FC belts use it): each toy draws n, m and both global observables from the
 *    seeded stream and runs the unconditional and the conditional fit (SingleBinKernel.tildeT);
 *    at α = 1 (q1, the boundary test) and at α = 0.5 (an interior FC point), averaged over the bins;
 * 2. the same through the job machinery on 1 and 2 worker threads (wall clock, start-up included),
 *    and the scaling from 1 to 2;
 * 3. the time of one Feldman–Cousins interval: one bin, 41-point α grid, 1000 toys per point
 *    (planning — observed fits and asymptotic p-values — and the toys, reported separately).
 *
 * Run alone: `npx tsx bench/toys.bench.ts` (prints all numbers). `benchmarks` plugs into bench/run.ts.
 */
import { availableParallelism, loadavg } from 'node:os';
import { countsModel } from '../src/likelihood/index.js';
import { loadDataset } from '../src/data/index.js';
import type { CountingModel } from '../src/likelihood/index.js';
import { jobUnits, planToys, runChunk, runToyJob, toysResult } from '../src/toys/index.js';
import type { BinTask, ToyJob } from '../src/toys/index.js';
import type { Benchmark } from './run.js';

const dataset = loadDataset('coherent-csi-2017');
if (dataset.kind !== 'counts') throw new Error('the CsI fixture should be a counts dataset');
const model: CountingModel = countsModel(dataset);

/** A job of per-bin toys only: every bin at α = 1 and α = 0 with n toys each (FC grid step 1). */
function perBinJob(nToys: number, seed = 1): ToyJob {
  return planToys(model, { seed, nToys, fcToys: 1, alphaStep: 1, combinedToys: 0 });
}

/** Toys per second in this thread for the bin tasks of `job` at the given α. */
function kernelRate(job: ToyJob, poi: number): number {
  let toys = 0;
  const t0 = performance.now();
  job.tasks.forEach((task, t) => {
    if (task.kind !== 'bin' || task.poi !== poi) return;
    const c = runChunk(job, { task: t, chunk: 0, size: task.nToys });
    toys += c.counts[0] ?? 0;
  });
  return (toys / (performance.now() - t0)) * 1000;
}

/** α = 0.5 tasks: the FC job at one interior point per bin. */
function interiorJob(nToys: number): ToyJob {
  return planToys(model, { seed: 2, nToys: 1, fcToys: nToys, alphaStep: 0.5, combinedToys: 0 });
}

async function jobRate(job: ToyJob, workers: number): Promise<{ rate: number; seconds: number }> {
  const total = job.tasks.reduce((s, t) => s + (t.kind === 'bin' ? t.nToys : 0), 0);
  const t0 = performance.now();
  await runToyJob(job, { workers });
  const seconds = (performance.now() - t0) / 1000;
  return { rate: total / seconds, seconds };
}

function fcIntervalTime(bin: number): { planMs: number; toysMs: number; units: number } {
  const t0 = performance.now();
  const job = planToys(model, {
    seed: 3,
    nToys: 1000,
    fcToys: 1000,
    alphaStep: 0.025,
    combinedToys: 0,
    bins: [bin],
  });
  const t1 = performance.now();
  const units = jobUnits(job);
  const tallies = units.map((refs, u) => ({ unit: u, chunks: refs.map((r) => runChunk(job, r)) }));
  const result = toysResult(job, tallies);
  const t2 = performance.now();
  if (result.bins[0]?.fc.points.length !== 41) throw new Error('expected a 41-point grid');
  return { planMs: t1 - t0, toysMs: t2 - t1, units: units.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function run(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const small = perBinJob(100_000);
  const interior = interiorJob(100_000);
  kernelRate(small, 1); // warm-up (JIT)
  out['perBin.q1.toysPerSecondPerCore'] = median([1, 2, 3].map(() => kernelRate(small, 1)));
  out['perBin.tTilde(0.5).toysPerSecondPerCore'] = median([1, 2, 3].map(() => kernelRate(interior, 0.5)));
  const big = perBinJob(400_000, 5);
  const one = await jobRate(big, 1);
  const two = await jobRate(big, 2);
  out['job.1worker.toysPerSecond'] = one.rate;
  out['job.2workers.toysPerSecond'] = two.rate;
  out['job.2workers.toysPerSecondPerCore'] = two.rate / 2;
  out['job.scaling1to2'] = two.rate / one.rate;
  fcIntervalTime(6); // warm-up
  const fc = [0, 6, 11].map(fcIntervalTime);
  out['fc.41points.1000toys.planMs'] = median(fc.map((f) => f.planMs));
  out['fc.41points.1000toys.toysMs'] = median(fc.map((f) => f.toysMs));
  out['fc.41points.1000toys.totalMs'] = median(fc.map((f) => f.planMs + f.toysMs));
  return out;
}

const singleJob = perBinJob(50_000);
const scalingJob = perBinJob(100_000);
const taskOfBin6 = singleJob.tasks.findIndex((t) => t.kind === 'bin' && t.bin === 6 && t.poi === 1);

export const benchmarks: Benchmark[] = [
  {
    name: 'toys: CsI bin 6 alone, q1 toys (draw + 2 fits), 50k',
    items: 50_000,
    itemName: 'toys',
    run: () =>
      runChunk(singleJob, {
        task: taskOfBin6,
        chunk: 0,
        size: (singleJob.tasks[taskOfBin6] as BinTask).nToys,
      }),
  },
  {
    name: 'toys: FC interval, 1 bin, 41-point grid × 1000 toys',
    run: () => fcIntervalTime(6),
  },
  ...[1, 2].map((workers): Benchmark => ({
    name: `toys: job, 12 bins × (α=1, α=0) × 100k toys, ${workers} worker thread(s)`,
    items: scalingJob.tasks.reduce((s, t) => s + (t.kind === 'bin' ? t.nToys : 0), 0),
    itemName: 'toys',
    repeats: 3,
    run: () => runToyJob(scalingJob, { workers }),
  })),
];

const isMain = import.meta.url === `file://${process.argv[1] ?? ''}`;
if (isMain) {
  process.stdout.write(
    `node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  const res = await run();
  for (const [k, v] of Object.entries(res)) {
    const text = k.endsWith('Ms') || k.includes('scaling') ? v.toFixed(2) : v.toExponential(3);
    process.stdout.write(`${k.padEnd(44)} ${text}\n`);
  }
}
