/**
 * The work split of a job and the execution of one chunk — the code every worker runs.
 *
 * A chunk's tally is a pure function of (job, task, chunk index): its toys come from the stream
 * `createRng(seed, task key, chunk)` (a SHA-256 of the three, rng.ts), and its fitters are built
 * fresh for the chunk (the general engines of modelChunks.ts are built once per job and reused, but
 * every fit there starts from the task's own generating point), so nothing carries over from earlier
 * work in the same thread. Units group consecutive chunks to about {@link UNIT_COST} toy-fits of
 * work, the grain of scheduling, progress, resume files and shards.
 */
import { SingleBinKernel, testPoi } from '../likelihood/index.js';
import type { CountingModel } from '../likelihood/index.js';
import { SpecError } from '../errors.js';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { BinToyDrawer, ModelToyDrawer, binGenerator } from './generate.js';
import { KernelLikelihood } from './kernelLikelihood.js';
import { runFitChunk, runFitCoverageChunk } from './modelChunks.js';
import { ModelFits } from './modelFits.js';
import { createRng } from './rng.js';
import { exceedThreshold, fcAccepted } from './stats.js';
import type {
  BinTask,
  ChunkRef,
  ChunkTally,
  CombinedTask,
  CoverageTask,
  ToyJob,
  ToyTask,
  UnitTally,
} from './types.js';

/** Work per unit, in single-bin toy fits (≈ 20 ms on one core). */
export const UNIT_COST = 20_000;
/** Relative cost of one combined toy (12-bin fits + 12 local tests) against a single-bin toy. */
const COMBINED_TOY_COST = 150;
/** Cost of the asymptotic test of one pseudo-experiment, besides its inner toys. */
const EXPERIMENT_OVERHEAD_COST = 20;

function taskSize(task: ToyTask): number {
  return task.kind === 'coverage' || task.kind === 'fitCoverage' ? task.nExperiments : task.nToys;
}

function chunkSizeOf(job: ToyJob, task: ToyTask): number {
  const s = job.settings;
  switch (task.kind) {
    case 'bin':
      return s.chunkToys;
    case 'combined':
      return s.chunkCombined;
    case 'fit':
      return s.chunkFits;
    default:
      return s.chunkExperiments;
  }
}

/** Cost of one toy / experiment of a task, in single-bin toy fits. */
export function itemCost(task: ToyTask): number {
  if (task.kind === 'bin') return 1;
  if (task.kind === 'combined') return COMBINED_TOY_COST;
  if (task.kind === 'coverage') return task.innerToys + EXPERIMENT_OVERHEAD_COST;
  return task.cost;
}

/** The counting model of a job's per-bin and combined counting tasks. */
function countingModelOf(job: ToyJob): CountingModel {
  if (job.model === null) throw new RangeError('a counting task in a job without a counting model');
  return job.model;
}

/** All chunks of a job in task order, then chunk order. */
export function jobChunks(job: ToyJob): ChunkRef[] {
  const out: ChunkRef[] = [];
  job.tasks.forEach((task, t) => {
    const size = chunkSizeOf(job, task);
    const total = taskSize(task);
    for (let c = 0, start = 0; start < total; c++, start += size) {
      out.push({ task: t, chunk: c, size: Math.min(size, total - start) });
    }
  });
  return out;
}

/**
 * Largest number of chunks a job may have. A run lists every chunk and unit in memory (about 100 bytes
 * each, and the shard split and progress need the full list), so 10⁶ chunks — 10¹⁰ single-bin toys at
 * the default chunk size, days of CPU on a desktop — bound the plan to ~100 MB; `toys --n 1e12` would
 * need billions of chunks and gigabytes before the first toy.
 */
export const MAX_JOB_CHUNKS = 1_000_000;
/** Single-bin toy fits per core-second (README "Performance": 1.0–1.2 M), for the time estimate. */
const TOY_FITS_PER_CORE_SECOND = 1e6;

/** Number of chunks of a job and its work in single-bin toy fits, computed without listing them. */
export function jobSize(job: ToyJob): { chunks: number; cost: number; largestTask: number } {
  let chunks = 0;
  let cost = 0;
  let largestTask = 0;
  for (const task of job.tasks) {
    const size = taskSize(task);
    chunks += Math.ceil(size / chunkSizeOf(job, task));
    cost += size * itemCost(task);
    largestTask = Math.max(largestTask, size);
  }
  return { chunks, cost, largestTask };
}

/** Throw SpecError unless the job fits {@link MAX_JOB_CHUNKS}; the message gives the limit and why. */
export function checkJobSize(job: ToyJob): void {
  const { chunks, cost, largestTask } = jobSize(job);
  if (chunks <= MAX_JOB_CHUNKS) return;
  const hours = cost / TOY_FITS_PER_CORE_SECOND / 3600;
  const e = (x: number) => x.toExponential(1).replace('e+', 'e');
  const time = hours >= 24 * 365.25 ? `${e(hours / (24 * 365.25))} core-years` : `${e(hours)} core-hours`;
  throw new SpecError(
    'invalid_input',
    `toy job too large: ${e(chunks)} chunks of work (${job.tasks.length} tasks, up to ${e(largestTask)} toys or experiments each) against a limit of ${e(MAX_JOB_CHUNKS)} chunks held in memory, and ~${time} of computing at ${e(TOY_FITS_PER_CORE_SECOND)} single-bin toy fits per core-second (a larger model's toy counts as several); lower the number of toys (or experiments)`,
    ['nToys'],
  );
}

/** Chunks grouped into units of ≈ UNIT_COST work (a chunk is never split). Deterministic. */
export function jobUnits(job: ToyJob): ChunkRef[][] {
  checkJobSize(job);
  const units: ChunkRef[][] = [];
  let current: ChunkRef[] = [];
  let cost = 0;
  for (const ref of jobChunks(job)) {
    const task = job.tasks[ref.task] as ToyTask;
    current.push(ref);
    cost += ref.size * itemCost(task);
    if (cost >= UNIT_COST) {
      units.push(current);
      current = [];
      cost = 0;
    }
  }
  if (current.length > 0) units.push(current);
  return units;
}

/** Work of each unit (for progress bars). */
export function unitCosts(job: ToyJob, units: readonly (readonly ChunkRef[])[]): number[] {
  return units.map((u) => u.reduce((s, ref) => s + ref.size * itemCost(job.tasks[ref.task] as ToyTask), 0));
}

function runBinChunk(job: ToyJob, task: BinTask, ref: ChunkRef): number[] {
  const rng = createRng(job.settings.seed, task.key, ref.chunk);
  const model = countingModelOf(job);
  const kernel = new SingleBinKernel(model, task.bin);
  const drawer = new BinToyDrawer(model, task.bin);
  const thr = exceedThreshold(task.tObs);
  const gen = task.gen;
  const poi = task.poi;
  let toys = 0;
  let exceed = 0;
  let failed = 0;
  for (let i = 0; i < ref.size; i++) {
    drawer.draw(rng, gen);
    kernel.obsSig = drawer.obsSig;
    kernel.obsBeam = drawer.obsBeam;
    kernel.obsKnown = drawer.obsKnown;
    const t = kernel.tildeT(drawer.n, drawer.m, poi);
    if (Number.isNaN(t)) {
      failed++;
      continue;
    }
    toys++;
    if (t >= thr) exceed++;
  }
  return [toys, exceed, failed];
}

function runCombinedChunk(job: ToyJob, task: CombinedTask, ref: ChunkRef): number[] {
  const rng = createRng(job.settings.seed, task.key, ref.chunk);
  const model = countingModelOf(job);
  const fits = new ModelFits(model);
  const drawer = new ModelToyDrawer(model);
  const thrShared = exceedThreshold(task.obs.shared);
  const thrGlobal = exceedThreshold(task.obs.global);
  const thrLocal = exceedThreshold(task.obs.maxLocal);
  let toys = 0;
  let shared = 0;
  let global = 0;
  let local = 0;
  let failed = 0;
  for (let i = 0; i < ref.size; i++) {
    drawer.draw(rng, task.gen);
    if (
      !fits.evaluate(
        drawer.n,
        drawer.m,
        drawer.obsSig,
        drawer.obsBeam,
        task.poi,
        drawer.obsKnown,
        task.localFarBranch,
      )
    ) {
      failed++;
      continue;
    }
    toys++;
    if (fits.shared >= thrShared) shared++;
    if (fits.global >= thrGlobal) global++;
    if (fits.maxLocal >= thrLocal) local++;
  }
  return [toys, shared, global, local, failed];
}

/**
 * Coverage chunk: each pseudo-experiment is drawn at (poi, gen); it is covered at CL
 * - by FC if its own FC construction accepts poi: `innerToys` toys at (poi, θ̂̂_pe(poi)), fitted to
 *   the pseudo-data with its own global observables (the same rule as the `toys` FC intervals);
 * - asymptotically if the two-boundary p-value of t̃(poi) (σ from its Asimov data) is ≥ 1 − CL
 *   (likelihood `testPoi`, i.e. poi inside `poiInterval(…, {method: 'asymptotic'})`);
 * - by Δχ² if t̃(poi) ≤ χ²₁ quantile(CL) (`poiInterval(…, {method: 'deltaChi2'})`).
 * Checking poi against the accepted set is exactly "the interval covers poi" for a connected set.
 */
function runCoverageChunk(job: ToyJob, task: CoverageTask, ref: ChunkRef): number[] {
  const rng = createRng(job.settings.seed, task.key, ref.chunk);
  const model = countingModelOf(job);
  const cls = job.settings.cls;
  const crit = cls.map((cl) => chisquareQuantile(cl, 1));
  const kernel = new SingleBinKernel(model, task.bin);
  const outer = new BinToyDrawer(model, task.bin);
  const inner = new BinToyDrawer(model, task.bin);
  const poi = task.poi;
  const covered = new Array<number>(3 * cls.length).fill(0);
  let experiments = 0;
  let failed = 0;
  for (let e = 0; e < ref.size; e++) {
    outer.draw(rng, task.gen);
    const lik = new KernelLikelihood(
      kernel,
      model,
      task.bin,
      outer.n,
      outer.m,
      outer.obsSig,
      outer.obsBeam,
      outer.obsKnown,
    );
    const test = testPoi(lik, poi);
    const genPe = binGenerator(model, task.bin, poi, lik.fitConditional(poi));
    const thr = exceedThreshold(test.t);
    let toys = 0;
    let exceed = 0;
    for (let i = 0; i < task.innerToys; i++) {
      inner.draw(rng, genPe);
      kernel.obsSig = inner.obsSig;
      kernel.obsBeam = inner.obsBeam;
      kernel.obsKnown = inner.obsKnown;
      const t = kernel.tildeT(inner.n, inner.m, poi);
      if (Number.isNaN(t)) continue;
      toys++;
      if (t >= thr) exceed++;
    }
    if (Number.isNaN(test.t) || Number.isNaN(test.pValue) || toys === 0) {
      failed++;
      continue;
    }
    experiments++;
    cls.forEach((cl, j) => {
      if (fcAccepted(test.t, exceed, toys, cl)) covered[3 * j] = (covered[3 * j] as number) + 1;
      if (test.pValue >= 1 - cl) covered[3 * j + 1] = (covered[3 * j + 1] as number) + 1;
      if (test.t <= (crit[j] as number)) covered[3 * j + 2] = (covered[3 * j + 2] as number) + 1;
    });
  }
  return [experiments, ...covered, failed];
}

/** The tally of one chunk (pure in (job, ref)). */
export function runChunk(job: ToyJob, ref: ChunkRef): ChunkTally {
  const task = job.tasks[ref.task];
  if (task === undefined)
    throw new RangeError(`chunk refers to task ${ref.task}, job has ${job.tasks.length}`);
  const counts =
    task.kind === 'bin'
      ? runBinChunk(job, task, ref)
      : task.kind === 'combined'
        ? runCombinedChunk(job, task, ref)
        : task.kind === 'coverage'
          ? runCoverageChunk(job, task, ref)
          : task.kind === 'fit'
            ? runFitChunk(job, task, ref)
            : runFitCoverageChunk(job, task, ref);
  return { task: ref.task, chunk: ref.chunk, counts };
}

/** Run unit `unit` of `units` (from `jobUnits(job)`). */
export function runUnit(job: ToyJob, units: readonly (readonly ChunkRef[])[], unit: number): UnitTally {
  const refs = units[unit];
  if (refs === undefined) throw new RangeError(`unit ${unit} out of range (job has ${units.length})`);
  return { unit, chunks: refs.map((ref) => runChunk(job, ref)) };
}
