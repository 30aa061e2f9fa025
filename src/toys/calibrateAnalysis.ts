/**
 * `coherency analyze --toys N`: replace the asymptotic per-bin p-values and intervals of an analysis
 * (likelihood/coherencyAnalysis.ts) by toy-calibrated ones — one-sided p-values of α = 1 and α = 0 from
 * toys, Feldman–Cousins intervals on the α grid — and the combined one-α fit's p-values and intervals
 * by toy p-values and Feldman–Cousins intervals with the nuisances profiled (the general engine on the
 * exact counting workspace, or the ξ ± σ model). For counts datasets the combined "α in every bin"
 * tests get their toy p-values too; for ξ ± σ and template datasets those stay asymptotic
 * (`combinedGlobalTests`). Template datasets: each band's analysis (its α, the other bands and the
 * nuisances profiled) calibrates that band, the tied one-α fit the combined numbers (a one-band
 * dataset: the band's, the same likelihood).
 * Every p-value and interval carries its method (toys with N, seed and MC error; Feldman–Cousins with
 * its toys per point and grid step); the asymptotic numbers are kept beside them (`asymptotic`), so
 * the two can be compared.
 */
import type { AnyDataset } from '../data/index.js';
import {
  phiOf,
  type AnalysisResult,
  type BinAnalysis,
  type GlobalTestSummary,
  type IntervalMethodInfo,
  type PValueMethod,
} from '../likelihood/index.js';
import { datasetToyInputs } from './analysisInputs.js';
import type { RunControl } from './calibrate.js';
import type { IntervalAnalysisResult } from './modelResults.js';
import { planToys, TOYS_DEFAULTS } from './plan.js';
import type { ToysOptions } from './plan.js';
import type { IntervalPair } from './results.js';
import { toysResult } from './results.js';
import { runToyJob } from './runner.js';
import type { ToyPValue } from './stats.js';

export interface ToyCalibration {
  readonly seed: string;
  readonly nToys: number;
  readonly fcToys: number;
  readonly alphaStep: number;
  /** Toys per hypothesis (α = 1, α = 0) of the combined tests. */
  readonly combinedToys: number;
  /** How the combined "α in every bin" tests were computed. */
  readonly combinedGlobalTests: 'toys' | 'asymptotic';
}

type AsymptoticFields = 'alpha68' | 'alpha90' | 'pAlpha1' | 'pAlpha0' | 'pAlpha1Method' | 'pAlpha0Method';

export interface CalibratedBin extends BinAnalysis {
  /** Monte Carlo errors of the toy p-values. */
  readonly pAlpha1McError: number;
  readonly pAlpha0McError: number;
  readonly asymptotic: Pick<BinAnalysis, AsymptoticFields>;
}

/**
 * The toy p-values (with Monte Carlo errors) of the combined tests of one hypothesis. `shared` comes
 * from the combined one-α fit's toys (the boundary tests of its Feldman–Cousins grid); `global` and
 * `mostSignificant` from the toys of the whole counting model (counts datasets with ≥ 2 informative
 * bins only).
 */
export interface CombinedToyPValues {
  /** One α for all bins. */
  readonly shared: ToyPValue;
  /** "α = v in every bin" against free α_i (the χ̄² statistic Λ). */
  readonly global?: ToyPValue;
  /** The most significant bin, look-elsewhere corrected by toys. */
  readonly mostSignificant?: ToyPValue;
}

export interface CalibratedAnalysis extends Omit<AnalysisResult, 'bins' | 'combined'> {
  readonly calibration: ToyCalibration;
  readonly bins: readonly CalibratedBin[];
  readonly combined: AnalysisResult['combined'] & {
    readonly pAlpha1McError: number;
    readonly pAlpha0McError: number;
    readonly asymptotic: Pick<AnalysisResult['combined'], AsymptoticFields>;
  };
  /** Toy p-values of the combined tests per hypothesis (absent where there were none). */
  readonly combinedToys: { readonly alpha1?: CombinedToyPValues; readonly alpha0?: CombinedToyPValues };
}

const fcInterval = (
  i: IntervalPair | undefined,
  fallback: BinAnalysis['alpha68'],
  method: IntervalMethodInfo,
): BinAnalysis['alpha68'] => {
  // No toys at this CL (it was not requested): keep the asymptotic interval, which carries its method.
  if (!i || i.lower === null || i.upper === null) return fallback;
  const kind =
    i.lower === 0 && i.upper === 1
      ? 'whole-range'
      : i.lower === 0
        ? 'upper-limit'
        : i.upper === 1
          ? 'lower-limit'
          : 'two-sided';
  return { lo: i.lower, hi: i.upper, kind, connected: i.connected, phi: phiOf(i.lower, i.upper), method };
};

/** The method record of a toy p-value. */
const toysMethod = (t: ToyPValue, seed: string): PValueMethod => ({
  kind: 'toys',
  nToys: t.nToys,
  seed,
  mcError: t.mcError,
});

const withToys = (
  g: GlobalTestSummary,
  global: ToyPValue,
  local: ToyPValue,
  seed: string,
): GlobalTestSummary => ({
  ...g,
  pValue: global.pValue,
  z: global.z ?? g.z,
  pValueMethod: toysMethod(global, seed),
  pGlobal: local.pValue,
  zGlobal: local.z ?? g.zGlobal,
  pGlobalMethod: toysMethod(local, seed),
});

const asymptoticOf = (e: AnalysisResult['combined'] | BinAnalysis): Pick<BinAnalysis, AsymptoticFields> => ({
  alpha68: e.alpha68,
  alpha90: e.alpha90,
  pAlpha1: e.pAlpha1,
  pAlpha0: e.pAlpha0,
  pAlpha1Method: e.pAlpha1Method,
  pAlpha0Method: e.pAlpha0Method,
});

/** The per-bin numbers of an FC analysis (a ξ bin alone, or the combined fit), with their methods. */
function fromAnalysis(
  a: IntervalAnalysisResult,
  fallback: Pick<BinAnalysis, 'alpha68' | 'alpha90'>,
  fc: IntervalMethodInfo,
  seed: string,
) {
  const at = (cl: number) => a.fc.intervals.find((i) => Math.abs(i.cl - cl) < 1e-9);
  return {
    alpha68: fcInterval(at(0.6827), fallback.alpha68, fc),
    alpha90: fcInterval(at(0.9), fallback.alpha90, fc),
    pAlpha1: a.atUpper.toys.pValue,
    pAlpha0: a.atLower.toys.pValue,
    pAlpha1Method: toysMethod(a.atUpper.toys, seed),
    pAlpha0Method: toysMethod(a.atLower.toys, seed),
    pAlpha1McError: a.atUpper.toys.mcError,
    pAlpha0McError: a.atLower.toys.mcError,
    toys1: a.atUpper.toys,
    toys0: a.atLower.toys,
  };
}

/**
 * Toy-calibrate an asymptotic analysis of a counts or ξ ± σ dataset. Same seed → same numbers, any
 * worker count. `combinedToys` sets the toys per hypothesis of the combined tests (α = 1, α = 0) of a
 * counts dataset: the toys of the whole counting model, and those of the combined fit's grid ends.
 */
export async function calibrateAnalysis(
  dataset: AnyDataset,
  asymptotic: AnalysisResult,
  options: ToysOptions & RunControl,
): Promise<CalibratedAnalysis> {
  const inputs = datasetToyInputs(dataset, { systematics: asymptotic.systematics });
  const nToys = options.nToys;
  const job = planToys(inputs.counting, {
    ...options,
    analyses: inputs.analyses,
    // The combined fit of a counts dataset is one of the combined tests: its toys, at the ends and
    // inside the grid (a few 1000 per point are plenty for an interval, and it is the costly part).
    ...(inputs.counting !== null && options.combinedToys !== undefined
      ? {
          analysisToys: Math.max(1, options.combinedToys),
          analysisFcToys: Math.max(1, Math.min(options.combinedToys, options.fcToys ?? TOYS_DEFAULTS.fcToys)),
        }
      : nToys === undefined
        ? {}
        : { analysisToys: nToys }),
  });
  const toys = toysResult(job, (await runToyJob(job, options)).units);
  const seed = toys.settings.seed;
  const methodOf = (toysPerPoint: number): IntervalMethodInfo => ({
    kind: 'feldman-cousins',
    toysPerPoint,
    gridStep: toys.settings.alphaStep,
    seed,
  });
  // Per-bin kernels use fcToys per interior point; the general-engine analyses analysisFcToys.
  const fcBins = methodOf(toys.settings.fcToys);
  const fcAnalyses = methodOf(toys.settings.analysisFcToys);
  const byBin = new Map(toys.bins.map((b) => [b.bin, b]));
  const byKey = new Map(toys.analyses.flatMap((a) => (a.kind === 'interval' ? [[a.key, a] as const] : [])));
  const keyOf = (index: number) => (dataset.kind === 'template' ? `band${index}` : `bin${index}`);
  const bins = asymptotic.bins.map((b): CalibratedBin => {
    const asym = asymptoticOf(b);
    const g = byKey.get(keyOf(b.index));
    if (g !== undefined) {
      const f = fromAnalysis(g, b, fcAnalyses, seed);
      return {
        ...b,
        alpha68: f.alpha68,
        alpha90: f.alpha90,
        pAlpha1: f.pAlpha1,
        pAlpha0: f.pAlpha0,
        zAlpha1: f.toys1.z ?? b.zAlpha1,
        zAlpha0: f.toys0.z ?? b.zAlpha0,
        pAlpha1Method: f.pAlpha1Method,
        pAlpha0Method: f.pAlpha0Method,
        pAlpha1McError: f.pAlpha1McError,
        pAlpha0McError: f.pAlpha0McError,
        asymptotic: asym,
      };
    }
    const t = byBin.get(b.index);
    if (!t) return { ...b, pAlpha1McError: 0, pAlpha0McError: 0, asymptotic: asym };
    const at = (cl: number) => t.fc.intervals.find((i) => Math.abs(i.cl - cl) < 1e-9);
    return {
      ...b,
      alpha68: fcInterval(at(0.6827), b.alpha68, fcBins),
      alpha90: fcInterval(at(0.9), b.alpha90, fcBins),
      pAlpha1: t.alpha1.toys.pValue,
      pAlpha0: t.alpha0.toys.pValue,
      zAlpha1: t.alpha1.toys.z ?? b.zAlpha1,
      zAlpha0: t.alpha0.toys.z ?? b.zAlpha0,
      pAlpha1Method: toysMethod(t.alpha1.toys, seed),
      pAlpha0Method: toysMethod(t.alpha0.toys, seed),
      pAlpha1McError: t.alpha1.toys.mcError,
      pAlpha0McError: t.alpha0.toys.mcError,
      asymptotic: asym,
    };
  });
  const c1 = toys.combined.find((c) => c.poi === 1);
  const c0 = toys.combined.find((c) => c.poi === 0);
  const c = asymptotic.combined;
  // A one-band template dataset has no separate tied fit: its combined α is band 0's.
  const comb =
    byKey.get('combined') ??
    (dataset.kind === 'template' && dataset.bands.length === 1 ? byKey.get('band0') : undefined);
  const f = comb === undefined ? undefined : fromAnalysis(comb, c, fcAnalyses, seed);
  // The shared-α test of each hypothesis: the combined fit's boundary toys, else the counting model's.
  const shared1 = f?.toys1 ?? c1?.shared.toys;
  const shared0 = f?.toys0 ?? c0?.shared.toys;
  const hypothesis = (
    shared: ToyPValue | undefined,
    whole: (typeof toys.combined)[number] | undefined,
  ): CombinedToyPValues | undefined =>
    shared === undefined
      ? undefined
      : {
          shared,
          ...(whole ? { global: whole.global.toys, mostSignificant: whole.mostSignificant.toys } : {}),
        };
  const h1 = hypothesis(shared1, c1);
  const h0 = hypothesis(shared0, c0);
  return {
    ...asymptotic,
    calibration: {
      seed,
      nToys: toys.settings.nToys,
      fcToys: toys.settings.fcToys,
      alphaStep: toys.settings.alphaStep,
      combinedToys: inputs.counting !== null ? toys.settings.combinedToys : toys.settings.analysisToys,
      combinedGlobalTests: c1 && c0 ? 'toys' : 'asymptotic',
    },
    bins,
    combinedToys: { ...(h1 ? { alpha1: h1 } : {}), ...(h0 ? { alpha0: h0 } : {}) },
    combined: {
      ...c,
      ...(f ? { alpha68: f.alpha68, alpha90: f.alpha90 } : {}),
      ...(shared1
        ? {
            pAlpha1: shared1.pValue,
            pAlpha1Method: toysMethod(shared1, seed),
            pAlpha1McError: shared1.mcError,
          }
        : { pAlpha1McError: 0 }),
      ...(shared0
        ? {
            pAlpha0: shared0.pValue,
            pAlpha0Method: toysMethod(shared0, seed),
            pAlpha0McError: shared0.mcError,
          }
        : { pAlpha0McError: 0 }),
      asymptotic: asymptoticOf(c),
      ...(c1
        ? { allBinsAlpha1: withToys(c.allBinsAlpha1, c1.global.toys, c1.mostSignificant.toys, seed) }
        : {}),
      ...(c0
        ? { allBinsAlpha0: withToys(c.allBinsAlpha0, c0.global.toys, c0.mostSignificant.toys, seed) }
        : {}),
    },
  };
}
