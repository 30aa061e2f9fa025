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
 *    (planning — observed fits and asymptotic p-values — and the toys, reported separately);
 * 4. the general engine on the pyhf anchors (../shared/data/pyhf-anchors): toys per second of an
 *    interior FC point (α = 0.9), each toy = draw (main + auxiliary data) + free fit + conditional fit
 *    with the HistFactory engine — "fit pairs per second". Per core from the CPU time of this thread
 *    (process.cpuUsage), which a shared machine does not inflate as it does the wall clock; both are
 *    printed. pyhf's anchor README gives no timing to compare with.
 *
 * Run alone: `npx tsx bench/toys.bench.ts` (prints all numbers). `benchmarks` plugs into bench/run.ts.
 */
import { availableParallelism, loadavg } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countsModel } from '../src/likelihood/index.js';
import { loadAnyDataset, loadDataset, parseWorkspace, resolveDataDir } from '../src/data/index.js';
import type { CountingModel } from '../src/likelihood/index.js';
import {
  datasetToyInputs,
  jobUnits,
  planToys,
  runChunk,
  runToyJob,
  toysResult,
  workspaceAnalyses,
} from '../src/toys/index.js';
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

const ANCHORS = join(resolveDataDir(process.env.COHERENCY_DATA_DIR), 'pyhf-anchors');

/** A job with one FC point at α = 0.9 of an anchor workspace, and that task's index. */
function anchorJob(name: string, nToys: number): { job: ToyJob; task: number } | undefined {
  const file = join(ANCHORS, `${name}.workspace.json`);
  if (!existsSync(file)) return undefined;
  const ws = parseWorkspace(JSON.parse(readFileSync(file, 'utf8')), name);
  const job = planToys(null, {
    seed: 1,
    nToys: 1,
    fcToys: nToys,
    alphaStep: 0.1,
    analyses: workspaceAnalyses(ws),
  });
  const task = job.tasks.findIndex((t) => t.kind === 'fit' && Math.abs(t.tests[0]!.values[0]! - 0.9) < 1e-9);
  return { job, task };
}

/** Fit pairs (toys) per second of an anchor: by the wall clock and per core (CPU time). */
function anchorRate(name: string, nToys: number): { wall: number; cpu: number } | undefined {
  const a = anchorJob(name, nToys);
  if (a === undefined) return undefined;
  runChunk(a.job, { task: a.task, chunk: 99, size: Math.min(200, nToys) }); // warm-up (JIT)
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const c = runChunk(a.job, { task: a.task, chunk: r, size: nToys });
    const cu = process.cpuUsage(c0);
    const toys = (c.counts[0] ?? 0) + (c.counts[c.counts.length - 1] ?? 0);
    walls.push((toys / (performance.now() - t0)) * 1000);
    cpus.push(toys / ((cu.user + cu.system) / 1e6));
  }
  return { wall: median(walls), cpu: median(cpus) };
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
  for (const [name, n] of [
    ['template_3run', 3000],
    ['csi_like_full', 20_000],
    ['two_band', 20_000],
  ] as const) {
    const r = anchorRate(name, n);
    if (r === undefined) continue;
    out[`workspace.${name}.fitPairsPerSecondPerCore`] = r.cpu;
    out[`workspace.${name}.fitPairsPerSecondWall`] = r.wall;
  }
  return out;
}

const singleJob = perBinJob(50_000);
const scalingJob = perBinJob(100_000);
const taskOfBin6 = singleJob.tasks.findIndex((t) => t.kind === 'bin' && t.bin === 6 && t.poi === 1);

const template = anchorJob('template_3run', 500);

/**
 * One Feldman–Cousins grid point (α = 0.5) of band 0 of a shipped template dataset: `nToys` toys drawn
 * at θ̂̂(α = 0.5), each with a free and a conditional fit. An FC interval of a band is 41 such points
 * (the default --alpha-step 0.025) × 1000 toys: its cost is 41 × 1000 / (the rate of this entry).
 */
function templateBandPoint(name: string, nToys: number): { job: ToyJob; task: number } {
  const ds = loadAnyDataset(name);
  const { analyses } = datasetToyInputs(ds, { combined: false });
  const job = planToys(null, { seed: 1, nToys: 1, fcToys: nToys, alphaStep: 0.1, analyses });
  const band0 = analyses.findIndex((a) => a.label.startsWith('band 0'));
  const task = job.tasks.findIndex(
    (t) => t.kind === 'fit' && t.analysis === band0 && Math.abs(t.tests[0]!.values[0]! - 0.5) < 1e-9,
  );
  return { job, task };
}

const csi2021Point = templateBandPoint('coherent-csi-2021', 200);
const xenonPoint = templateBandPoint('xenonnt-8b', 500);

export const benchmarks: Benchmark[] = [
  ...(template === undefined
    ? []
    : [
        {
          name: 'toys: template_3run anchor, α = 0.9, 500 toys (draw + free + cond. fit)',
          items: 500,
          itemName: 'toys',
          run: () => runChunk(template.job, { task: template.task, chunk: 0, size: 500 }),
        },
      ]),
  {
    // Issue 10: FC per band with 1000 toys per point; × 41 points / this rate = one band's interval.
    name: 'toys: CsI 2021 band 0, one FC point, 200 toys (198 bins, 115 pars)',
    items: 200,
    itemName: 'toys',
    repeats: 3,
    run: () => runChunk(csi2021Point.job, { task: csi2021Point.task, chunk: 0, size: 200 }),
  },
  {
    // Issue 11: the XENONnT α interval by FC with 1000 toys per point (one band: all runs).
    name: 'toys: XENONnT ⁸B, one FC point, 500 toys (243 bins)',
    items: 500,
    itemName: 'toys',
    repeats: 3,
    run: () => runChunk(xenonPoint.job, { task: xenonPoint.task, chunk: 0, size: 500 }),
  },
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
