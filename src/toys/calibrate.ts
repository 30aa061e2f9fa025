/**
 * One-call entry points for library users (and `coherency analyze --toys N`): plan, run (optionally
 * on worker threads), and summarise. For shards, resume files and progress bars use planToys /
 * runToyJob / toysResult directly, as the CLI does.
 */
import type { CountingModel } from '../likelihood/index.js';
import type { ToyAnalysisInput } from './modelSpec.js';
import { planCoverage } from './coverage.js';
import type { CoverageOptions } from './coverage.js';
import { planToys } from './plan.js';
import type { ToysOptions } from './plan.js';
import { coverageResult, toysResult } from './results.js';
import type { CoverageResult, ToysResult } from './results.js';
import { runToyJob } from './runner.js';
import type { RunOptions } from './runner.js';

export type RunControl = Pick<RunOptions, 'workers' | 'onUnit' | 'signal'>;

/**
 * Toy-calibrated p-values of α = 1 and α = 0 per bin and combined, and Feldman–Cousins intervals per
 * bin, beside the asymptotic ones (results.ts `ToysResult`). Same seed → same result, whatever
 * `workers`.
 * @example
 * const r = await calibrateWithToys(model, { seed: 1, nToys: 100_000, workers: 2 });
 * r.bins[0].alpha1.toys.pValue; // toy p-value of α = 1 in the first informative bin
 */
export async function calibrateWithToys(
  model: CountingModel,
  options: ToysOptions & RunControl,
): Promise<ToysResult> {
  const job = planToys(model, options);
  const run = await runToyJob(job, options);
  return toysResult(job, run.units);
}

/**
 * Toy p-values, Feldman–Cousins intervals or regions and (on request) limits of general-engine
 * analyses alone (no counting model): e.g. `toysForAnalyses(workspaceAnalyses(ws), { seed: 1 })`.
 */
export async function toysForAnalyses(
  analyses: readonly ToyAnalysisInput[],
  options: Omit<ToysOptions, 'analyses'> & RunControl,
): Promise<ToysResult> {
  const job = planToys(null, { ...options, analyses });
  const run = await runToyJob(job, options);
  return toysResult(job, run.units);
}

/** Coverage of general-engine analyses alone, at `options.truths` or on the α grid. */
export async function coverageForAnalyses(
  analyses: readonly ToyAnalysisInput[],
  options: Omit<CoverageOptions, 'analyses'> & RunControl,
): Promise<CoverageResult> {
  const job = planCoverage(null, { ...options, analyses });
  const run = await runToyJob(job, options);
  return coverageResult(job, run.units);
}

/** Coverage of the FC, asymptotic and Δχ² intervals on a grid of true α (results.ts `CoverageResult`). */
export async function coverageStudy(
  model: CountingModel,
  options: CoverageOptions & RunControl,
): Promise<CoverageResult> {
  const job = planCoverage(model, options);
  const run = await runToyJob(job, options);
  return coverageResult(job, run.units);
}
