/**
 * `coherency analyze --toys N`: replace the asymptotic per-bin p-values and intervals of an analysis
 * (likelihood/coherencyAnalysis.ts) by toy-calibrated ones — one-sided p-values of α = 1 and α = 0 from
 * toys, Feldman–Cousins intervals on the α grid — and the combined tests by their toy p-values. The
 * asymptotic numbers are kept beside them (`asymptotic`), so the two can be compared.
 */
import type { CountsDataset } from '../data/index.js';
import {
  countsModel,
  phiOf,
  type AnalysisResult,
  type BinAnalysis,
  type GlobalTestSummary,
  type IntervalMethodInfo,
  type PValueMethod,
} from '../likelihood/index.js';
import { calibrateWithToys, type RunControl } from './calibrate.js';
import type { ToysOptions } from './plan.js';
import type { IntervalPair } from './results.js';
import type { ToyPValue } from './stats.js';

export interface ToyCalibration {
  readonly seed: string;
  readonly nToys: number;
  readonly fcToys: number;
  readonly alphaStep: number;
  readonly combinedToys: number;
}

export interface CalibratedBin extends BinAnalysis {
  /** Monte Carlo errors of the toy p-values. */
  readonly pAlpha1McError: number;
  readonly pAlpha0McError: number;
  readonly asymptotic: Pick<
    BinAnalysis,
    'alpha68' | 'alpha90' | 'pAlpha1' | 'pAlpha0' | 'pAlpha1Method' | 'pAlpha0Method'
  >;
}

/** The toy p-values (with Monte Carlo errors) of the combined tests of one hypothesis. */
export interface CombinedToyPValues {
  /** One α for all bins. */
  readonly shared: ToyPValue;
  /** "α = v in every bin" against free α_i (the χ̄² statistic Λ). */
  readonly global: ToyPValue;
  /** The most significant bin, look-elsewhere corrected by toys. */
  readonly mostSignificant: ToyPValue;
}

export interface CalibratedAnalysis extends Omit<AnalysisResult, 'bins'> {
  readonly calibration: ToyCalibration;
  readonly bins: readonly CalibratedBin[];
  /** Toy p-values of the combined tests (absent with fewer than two informative bins). */
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

/** Toy-calibrate an asymptotic analysis of a counts dataset. Same seed → same numbers, any worker count. */
export async function calibrateAnalysis(
  dataset: CountsDataset,
  asymptotic: AnalysisResult,
  options: ToysOptions & RunControl,
): Promise<CalibratedAnalysis> {
  const toys = await calibrateWithToys(countsModel(dataset, asymptotic.systematics), options);
  const seed = toys.settings.seed;
  const fc: IntervalMethodInfo = {
    kind: 'feldman-cousins',
    toysPerPoint: toys.settings.fcToys,
    gridStep: toys.settings.alphaStep,
    seed,
  };
  const byBin = new Map(toys.bins.map((b) => [b.bin, b]));
  const bins = asymptotic.bins.map((b): CalibratedBin => {
    const t = byBin.get(b.index);
    const asym = {
      alpha68: b.alpha68,
      alpha90: b.alpha90,
      pAlpha1: b.pAlpha1,
      pAlpha0: b.pAlpha0,
      pAlpha1Method: b.pAlpha1Method,
      pAlpha0Method: b.pAlpha0Method,
    };
    if (!t) return { ...b, pAlpha1McError: 0, pAlpha0McError: 0, asymptotic: asym };
    const at = (cl: number) => t.fc.intervals.find((i) => Math.abs(i.cl - cl) < 1e-9);
    return {
      ...b,
      alpha68: fcInterval(at(0.6827), b.alpha68, fc),
      alpha90: fcInterval(at(0.9), b.alpha90, fc),
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
  return {
    ...asymptotic,
    calibration: {
      seed: toys.settings.seed,
      nToys: toys.settings.nToys,
      fcToys: toys.settings.fcToys,
      alphaStep: toys.settings.alphaStep,
      combinedToys: toys.settings.combinedToys,
    },
    bins,
    combinedToys: {
      ...(c1
        ? {
            alpha1: {
              shared: c1.shared.toys,
              global: c1.global.toys,
              mostSignificant: c1.mostSignificant.toys,
            },
          }
        : {}),
      ...(c0
        ? {
            alpha0: {
              shared: c0.shared.toys,
              global: c0.global.toys,
              mostSignificant: c0.mostSignificant.toys,
            },
          }
        : {}),
    },
    combined: {
      ...c,
      ...(c1
        ? {
            pAlpha1: c1.shared.toys.pValue,
            pAlpha1Method: toysMethod(c1.shared.toys, seed),
            allBinsAlpha1: withToys(c.allBinsAlpha1, c1.global.toys, c1.mostSignificant.toys, seed),
          }
        : {}),
      ...(c0
        ? {
            pAlpha0: c0.shared.toys.pValue,
            pAlpha0Method: toysMethod(c0.shared.toys, seed),
            allBinsAlpha0: withToys(c.allBinsAlpha0, c0.global.toys, c0.mostSignificant.toys, seed),
          }
        : {}),
    },
  };
}
