/**
 * The toy ENGINE of one analysis: draws datasets at a generating point and fits them, for any model
 * the general machinery handles (workspaceEngine.ts: any compiled HistFactory workspace;
 * gaussianEngine.ts: the ξ ± σ model). Statistics are built on top of it in teststat.ts, the same
 * code for the observed data (in the plan) and for every toy (in the chunks).
 *
 * Data live in three SLOTS, so a coverage study can hold a pseudo-experiment and its inner toys at
 * once: 0 = the observed data, 1 = a pseudo-experiment, 2 = a toy. `draw` fills slot 1 or 2,
 * `select` makes a slot the data the fits see.
 *
 * Generating points are full parameter vectors in the model's own order (workspace: pyhf's flat
 * parameter order; Gaussian: [α]); POI values are in the POI's own units (its bounds [lo, hi]).
 */
import { buildGaussianEngine } from './gaussianEngine.js';
import type { ToyModelSpec } from './modelSpec.js';
import type { Rng } from './rng.js';
import { buildWorkspaceEngine } from './workspaceEngine.js';
import type { PoiLikelihood } from '../likelihood/index.js';

export type DataSlot = 0 | 1 | 2;
export const OBSERVED: DataSlot = 0;
export const EXPERIMENT: DataSlot = 1;
export const TOY: DataSlot = 2;

export interface ToyEngine {
  /** Number of POIs (1 or 2) and their bounds, in their own units. */
  readonly nPois: number;
  readonly poiLower: readonly number[];
  readonly poiUpper: readonly number[];
  /** Length of a generating point. */
  readonly nPars: number;
  /** Names of the parameters of a generating point (for results and messages). */
  readonly parNames: readonly string[];
  /** The model's suggested starting point (first free fit of the observed data). */
  readonly init: ArrayLike<number>;
  /** Relative cost of one free + one conditional fit, in single-bin toy fits (chunks.ts units). */
  readonly fitCost: number;
  /** Draw a dataset at `gen` into slot 1 or 2 (fixed draw order; see the implementations). */
  draw(rng: Rng, gen: ArrayLike<number>, slot: DataSlot): void;
  /**
   * Put given data into slot 1 or 2 (main data in the model's order; auxiliary data of a workspace in
   * pyhf's order, absent: unchanged): statistics of datasets from elsewhere (tests, cross-checks).
   */
  load(slot: DataSlot, main: ArrayLike<number>, aux?: ArrayLike<number>): void;
  /** Make `slot` the data the fits see. */
  select(slot: DataSlot): void;
  /**
   * Fit with every POI free, warm-started at `warm`. False if the fit fails. `precise`: converge to
   * the minimiser's default tolerance instead of the toys' (for reported fits of the observed data);
   * `edmTolerance`: converge to this one instead (teststat.ts's coarse pass).
   */
  fitFree(warm: ArrayLike<number>, precise?: boolean, edmTolerance?: number): boolean;
  /** EDM of the last fit (free or conditional; 0 where fits are exact). */
  readonly lastEdm: number;
  /** NLL (saturated form, see histfactory/model.ts) and POI values of the last free fit. */
  readonly freeNll: number;
  freePoi(i: number): number;
  freePars(): ArrayLike<number>;
  /**
   * Fit with the POIs held at `values`, warm-started at `warm`; its NLL, NaN if the fit fails. With
   * `stopBelow`, the fit may stop at the first iterate with NLL ≤ stopBelow.nll whose minimum is
   * estimated above stopBelow.floor (minimize/minimizer.ts), returning that iterate's NLL.
   */
  fitFixed(
    values: ArrayLike<number>,
    warm: ArrayLike<number>,
    stopBelow?: { readonly nll: number; readonly floor: number },
    edmTolerance?: number,
  ): number;
  /** Parameters of the last conditional fit. */
  fixedPars(): ArrayLike<number>;
  /**
   * The asymptotic door (likelihood `PoiLikelihood`, poi ∈ [0, 1] mapped onto [lo, hi]) on the
   * current data; one-POI analyses only.
   */
  likelihood(): PoiLikelihood;
  /**
   * pyhf's asymptotic q̃_μ test on the current data (likelihood/inference `qtildeTest`: CLs+b and CLs
   * with the Asimov σ at μ′ = 0), for comparison with toy upper limits; null where it does not apply
   * (not a workspace, or a POI whose lower bound is not 0).
   */
  asymptoticQtilde(mu: number): { readonly clsb: number; readonly cls: number } | null;
}

/** The engine of one analysis (its model and POIs). Throws SpecError for a POI the model lacks. */
export function buildEngine(spec: ToyModelSpec, pois: readonly string[]): ToyEngine {
  return spec.kind === 'workspace' ? buildWorkspaceEngine(spec, pois) : buildGaussianEngine(spec, pois);
}
