/**
 * Serialisable descriptions of the models that toys run on through the general engine (any compiled
 * HistFactory workspace, or the ξ ± σ Gaussian model), and of the ANALYSES done on them: which
 * parameter(s) of interest, with the others profiled.
 *
 * A toy job carries these (types.ts `ToyJob.toyModels`, `ToyJob.analyses`) instead of the dataset, so
 * worker threads, shards and `merge` rebuild exactly the model the plan used: the workspace JSON (as
 * validated by data/workspace), the measurement and the interpolation codes.
 *
 * - `workspace`: a pyhf workspace, compiled by likelihood/histfactory `compileWorkspace`. Every POI of
 *   an analysis must be a single-valued parameter of the measurement with finite bounds; tests run over
 *   its bounds [lo, hi] (α: [0, 1]).
 * - `gaussian`: likelihood/types.ts `GaussianModel` (x_i ~ N(x0_i + α(x1_i − x0_i), σ_i)), poi α ∈ [0, 1],
 *   no nuisance parameters.
 */
import type { Workspace } from '../data/index.js';
import type { GaussianModel } from '../likelihood/index.js';

export interface WorkspaceModelSpec {
  readonly kind: 'workspace';
  readonly workspace: Workspace;
  readonly measurement: string;
  readonly interpolation: {
    readonly normsys: 'code1' | 'code4';
    readonly histosys: 'code0' | 'code4p';
  };
}

export interface GaussianModelSpec {
  readonly kind: 'gaussian';
  readonly model: GaussianModel;
}

export type ToyModelSpec = WorkspaceModelSpec | GaussianModelSpec;

/** The name of the Gaussian model's only parameter (α). */
export const GAUSSIAN_POI = 'poi';

/**
 * One analysis: the POI(s) tested on a model, the other parameters profiled. One POI gives toy
 * p-values, Feldman–Cousins intervals and (on request) one-sided limits; two POIs a 2-D
 * Feldman–Cousins region on a grid.
 */
export interface ToyAnalysis {
  /** Stable key (enters the stream names of its tasks), e.g. "combined", "band2", "workspace". */
  readonly key: string;
  /** What a reader sees, e.g. "combined α (shared by every bin)". */
  readonly label: string;
  /** Index into the job's `toyModels`. */
  readonly model: number;
  /** Parameter names of the POIs (1 or 2). */
  readonly pois: readonly string[];
}

/** What a caller gives the planners: a model with its analyses (the job collects and indexes them). */
export interface ToyAnalysisInput {
  readonly key: string;
  readonly label: string;
  readonly spec: ToyModelSpec;
  readonly pois: readonly string[];
}

/** One-sided limits: upper (α < x) with q̃_μ, lower (α > x) with its mirror image. */
export type LimitSide = 'upper' | 'lower';
