/**
 * Coverage study: for true α on a grid (0 and 1 included), the fraction of pseudo-experiments whose
 * interval covers the true value, for the Feldman–Cousins (toy) intervals, the asymptotic intervals
 * (two-boundary t̃ inversion) and the Δχ² rule, at each CL, with binomial Monte Carlo errors.
 *
 * Pseudo-experiments of bin i at true α are generated at (α, θ̂̂(α)) of the observed data (the bin
 * alone with the constraint terms, as for the toys); each has its own global observables, and its own
 * FC construction at α with `innerToys` toys (chunks.ts `runCoverageChunk`). The FC grid is not
 * needed: whether the interval covers α is decided at α itself.
 */
import { countingLikelihood } from '../likelihood/index.js';
import type { CountingModel } from '../likelihood/index.js';
import { binGenerator } from './generate.js';
import {
  gridIntervals,
  requireCount,
  sealJob,
  seedString,
  selectBins,
  TOYS_DEFAULTS,
  validateCls,
} from './plan.js';
import { TOY_JOB_SCHEMA } from './types.js';
import type { CoverageTask, ToyJob, ToySource } from './types.js';

export const COVERAGE_DEFAULTS = {
  alphaStep: 0.25,
  nExperiments: 1_000,
  innerToys: 1_000,
  chunkExperiments: 20,
} as const;

export interface CoverageOptions {
  readonly seed: string | number;
  /** Spacing of the true-α grid (1/step an integer; 0.25 → 0, 0.25, 0.5, 0.75, 1). */
  readonly alphaStep?: number;
  readonly nExperiments?: number;
  /** Toys of each pseudo-experiment's FC construction. */
  readonly innerToys?: number;
  readonly cls?: readonly number[];
  readonly bins?: readonly number[];
  readonly source?: ToySource;
  readonly chunkExperiments?: number;
}

export interface CoverageSummary {
  readonly kind: 'coverage';
  readonly alphaStep: number;
  readonly nExperiments: number;
  readonly innerToys: number;
  readonly bins: readonly number[];
  readonly points: readonly { readonly bin: number; readonly poi: number; readonly task: number }[];
}

export function planCoverage(model: CountingModel, options: CoverageOptions): ToyJob {
  const seed = seedString(options.seed);
  const alphaStep = options.alphaStep ?? COVERAGE_DEFAULTS.alphaStep;
  const intervals = gridIntervals(alphaStep);
  const nExperiments = requireCount(options.nExperiments ?? COVERAGE_DEFAULTS.nExperiments, 'nExperiments');
  const innerToys = requireCount(options.innerToys ?? COVERAGE_DEFAULTS.innerToys, 'innerToys');
  const cls = options.cls ?? TOYS_DEFAULTS.cls;
  validateCls(cls);
  const lik = countingLikelihood(model);
  const bins = selectBins(options.bins, lik.informativeBins);
  const tasks: CoverageTask[] = [];
  const points: { bin: number; poi: number; task: number }[] = [];
  for (const bin of bins) {
    const bl = lik.bin(bin);
    for (let j = 0; j <= intervals; j++) {
      const poi = j / intervals;
      tasks.push({
        kind: 'coverage',
        key: `coverage/bin${bin}/alpha${j}of${intervals}`,
        bin,
        poi,
        nExperiments,
        innerToys,
        gen: binGenerator(model, bin, poi, bl.fitConditional(poi)),
      });
      points.push({ bin, poi, task: tasks.length - 1 });
    }
  }
  const summary: CoverageSummary = { kind: 'coverage', alphaStep, nExperiments, innerToys, bins, points };
  return sealJob({
    schema: TOY_JOB_SCHEMA,
    kind: 'coverage',
    source: options.source ?? { id: 'model', hash: '' },
    model,
    settings: {
      seed,
      chunkToys: TOYS_DEFAULTS.chunkToys,
      chunkCombined: TOYS_DEFAULTS.chunkCombined,
      chunkExperiments: requireCount(
        options.chunkExperiments ?? COVERAGE_DEFAULTS.chunkExperiments,
        'chunkExperiments',
      ),
      cls: [...cls],
    },
    tasks,
    summary,
  });
}
