/**
 * Coverage study: for true α on a grid (0 and 1 included), the fraction of pseudo-experiments whose
 * interval covers the true value, for the Feldman–Cousins (toy) intervals, the asymptotic intervals
 * (two-boundary t̃ inversion) and the Δχ² rule, at each CL, with binomial Monte Carlo errors.
 *
 * Pseudo-experiments of bin i at true α are generated at (α, θ̂̂(α)) of the observed data (the bin
 * alone with the constraint terms, as for the toys); each has its own global observables, and its own
 * FC construction at α with `innerToys` toys (chunks.ts `runCoverageChunk`). The FC grid is not
 * needed: whether the interval covers α is decided at α itself.
 *
 * General-engine analyses (`analyses`: combined fits, bands, workspaces, ξ ± σ, 2-D regions) are
 * studied in the same job (modelCoverage.ts), at the true points `truths` or on the α grid.
 */
import { countingLikelihood } from '../likelihood/index.js';
import type { CountingModel } from '../likelihood/index.js';
import { binGenerator } from './generate.js';
import { planAnalysisCoverage } from './modelCoverage.js';
import type { AnalysisCoveragePoint } from './modelCoverage.js';
import { collectModels } from './modelPlan.js';
import type { ToyAnalysisInput, LimitSide } from './modelSpec.js';
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
import type { ToyJob, ToySource, ToyTask } from './types.js';
import { SpecError } from '../errors.js';

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
  /** General-engine analyses to study too (modelSpec.ts). */
  readonly analyses?: readonly ToyAnalysisInput[];
  /**
   * True POI points (own units, one value per POI); default the α grid. They apply to the per-bin
   * studies of `model` (one α ∈ [0, 1] each) and to the general-engine analyses alike.
   */
  readonly truths?: readonly (readonly number[])[];
  /** Also the coverage of one-sided limits (upper: truth ≤ limit) of one-POI analyses. */
  readonly limit?: LimitSide;
}

export interface CoverageSummary {
  readonly kind: 'coverage';
  readonly alphaStep: number;
  readonly nExperiments: number;
  readonly innerToys: number;
  readonly bins: readonly number[];
  readonly points: readonly { readonly bin: number; readonly poi: number; readonly task: number }[];
  readonly analyses: readonly AnalysisCoveragePoint[];
}

/** Plan a coverage study of `model`'s bins (null: none) and of `options.analyses`. */
export function planCoverage(model: CountingModel | null, options: CoverageOptions): ToyJob {
  const seed = seedString(options.seed);
  const alphaStep = options.alphaStep ?? COVERAGE_DEFAULTS.alphaStep;
  const intervals = gridIntervals(alphaStep);
  const nExperiments = requireCount(options.nExperiments ?? COVERAGE_DEFAULTS.nExperiments, 'nExperiments');
  const innerToys = requireCount(options.innerToys ?? COVERAGE_DEFAULTS.innerToys, 'innerToys');
  const cls = options.cls ?? TOYS_DEFAULTS.cls;
  validateCls(cls);
  if (model === null && (options.analyses ?? []).length === 0) {
    throw new SpecError('invalid_input', 'nothing to do: no counting model and no analyses', ['analyses']);
  }
  const lik = model === null ? null : countingLikelihood(model);
  const bins = lik === null ? [] : selectBins(options.bins, lik.informativeBins);
  const tasks: ToyTask[] = [];
  const points: { bin: number; poi: number; task: number }[] = [];
  // A truth given twice would run the same random streams twice (its task key is made from its value).
  const truthKeys = (options.truths ?? []).map((t) => t.join(':'));
  const twice = truthKeys.findIndex((t, j) => truthKeys.indexOf(t) < j);
  if (twice >= 0) {
    throw new SpecError(
      'invalid_input',
      `truths[${twice}]: ${truthKeys[twice]} given twice (also truths[${truthKeys.indexOf(truthKeys[twice]!)}]); expected distinct true values`,
      ['truths', twice],
    );
  }
  // The per-bin α: the grid j/intervals, or the given truths (keyed by value, not by grid index).
  const binTruths =
    options.truths === undefined || bins.length === 0
      ? Array.from({ length: intervals + 1 }, (_, j) => ({
          poi: j / intervals,
          key: `alpha${j}of${intervals}`,
        }))
      : options.truths.map((truth, j) => {
          if (truth.length !== 1 || !(truth[0]! >= 0 && truth[0]! <= 1)) {
            throw new SpecError(
              'invalid_input',
              `truths[${j}]: ${truth.join(':')} is not a value of α in [0, 1] (the per-bin analyses of a counts dataset have one POI, α ∈ [0, 1]); expected one value in [0, 1] per truth`,
              ['truths', j],
            );
          }
          return { poi: truth[0]!, key: `truth${truth[0]!}` };
        });
  for (const bin of bins) {
    if (model === null || lik === null) break;
    const bl = lik.bin(bin);
    for (const { poi, key } of binTruths) {
      tasks.push({
        kind: 'coverage',
        key: `coverage/bin${bin}/${key}`,
        bin,
        poi,
        nExperiments,
        innerToys,
        gen: binGenerator(model, bin, poi, bl.fitConditional(poi)),
      });
      points.push({ bin, poi, task: tasks.length - 1 });
    }
  }
  const { toyModels, analyses } = collectModels(options.analyses ?? []);
  const analysisPoints = planAnalysisCoverage(
    toyModels,
    analyses,
    {
      ...(options.truths === undefined ? {} : { truths: options.truths }),
      intervals,
      nExperiments,
      innerToys,
      limit: options.limit ?? null,
    },
    tasks,
  );
  const summary: CoverageSummary = {
    kind: 'coverage',
    alphaStep,
    nExperiments,
    innerToys,
    bins,
    points,
    analyses: analysisPoints,
  };
  return sealJob({
    schema: TOY_JOB_SCHEMA,
    kind: 'coverage',
    source: options.source ?? { id: 'model', hash: '' },
    model,
    toyModels,
    analyses,
    settings: {
      seed,
      chunkToys: TOYS_DEFAULTS.chunkToys,
      chunkCombined: TOYS_DEFAULTS.chunkCombined,
      chunkFits: TOYS_DEFAULTS.chunkFits,
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
