/**
 * `coherency analyze --toys N`: replace the asymptotic per-bin p-values and intervals of an analysis
 * (likelihood/coherencyAnalysis.ts) by toy-calibrated ones — one-sided p-values of α = 1 and α = 0 from
 * toys, Feldman–Cousins intervals on the α grid — and the combined one-α fit's p-values and intervals
 * by toy p-values and Feldman–Cousins intervals with the nuisances profiled (the general engine on the
 * exact counting workspace, or the ξ ± σ model). For counts datasets the combined "α in every bin"
 * tests get their toy p-values too; for ξ ± σ datasets those stay asymptotic (`combinedGlobalTests`).
 * The asymptotic numbers are kept beside them (`asymptotic`), so the two can be compared.
 */
import type { Dataset } from '../data/index.js';
import { type AnalysisResult, type BinAnalysis, type GlobalTestSummary } from '../likelihood/index.js';
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
  readonly combinedToys: number;
  /** How the combined "α in every bin" tests were computed. */
  readonly combinedGlobalTests: 'toys' | 'asymptotic';
}

export interface CalibratedBin extends BinAnalysis {
  /** Monte Carlo errors of the toy p-values. */
  readonly pAlpha1McError: number;
  readonly pAlpha0McError: number;
  readonly asymptotic: Pick<BinAnalysis, 'alpha68' | 'alpha90' | 'pAlpha1' | 'pAlpha0'>;
}

export interface CalibratedAnalysis extends Omit<AnalysisResult, 'bins' | 'combined'> {
  readonly calibration: ToyCalibration;
  readonly bins: readonly CalibratedBin[];
  readonly combined: AnalysisResult['combined'] & {
    readonly pAlpha1McError: number;
    readonly pAlpha0McError: number;
    readonly asymptotic: Pick<AnalysisResult['combined'], 'alpha68' | 'alpha90' | 'pAlpha1' | 'pAlpha0'>;
  };
}

const fcInterval = (
  i: IntervalPair | undefined,
  fallback: BinAnalysis['alpha68'],
): BinAnalysis['alpha68'] => {
  // No toys at this CL (it was not requested): keep the asymptotic interval, which the caller labels.
  if (!i || i.lower === null || i.upper === null) return fallback;
  const kind =
    i.lower === 0 && i.upper === 1
      ? 'whole-range'
      : i.lower === 0
        ? 'upper-limit'
        : i.upper === 1
          ? 'lower-limit'
          : 'two-sided';
  return { lo: i.lower, hi: i.upper, kind, connected: i.connected };
};

const withToys = (g: GlobalTestSummary, global: ToyPValue, local: ToyPValue): GlobalTestSummary => ({
  ...g,
  pValue: global.pValue,
  z: global.z ?? g.z,
  pGlobal: local.pValue,
  zGlobal: local.z ?? g.zGlobal,
});

/** The per-bin numbers of an FC analysis (a ξ bin alone, or the combined fit). */
function fromAnalysis(a: IntervalAnalysisResult, fallback: Pick<BinAnalysis, 'alpha68' | 'alpha90'>) {
  const at = (cl: number) => a.fc.intervals.find((i) => Math.abs(i.cl - cl) < 1e-9);
  return {
    alpha68: fcInterval(at(0.6827), fallback.alpha68),
    alpha90: fcInterval(at(0.9), fallback.alpha90),
    pAlpha1: a.atUpper.toys.pValue,
    pAlpha0: a.atLower.toys.pValue,
    pAlpha1McError: a.atUpper.toys.mcError,
    pAlpha0McError: a.atLower.toys.mcError,
    z1: a.atUpper.toys.z,
    z0: a.atLower.toys.z,
  };
}

/**
 * Toy-calibrate an asymptotic analysis of a counts or ξ ± σ dataset. Same seed → same numbers, any
 * worker count. `combinedToys` sets the toys of the combined tests (α = 1, α = 0) of a counts dataset.
 */
export async function calibrateAnalysis(
  dataset: Dataset,
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
  const byBin = new Map(toys.bins.map((b) => [b.bin, b]));
  const byKey = new Map(toys.analyses.flatMap((a) => (a.kind === 'interval' ? [[a.key, a] as const] : [])));
  const bins = asymptotic.bins.map((b): CalibratedBin => {
    const asym = { alpha68: b.alpha68, alpha90: b.alpha90, pAlpha1: b.pAlpha1, pAlpha0: b.pAlpha0 };
    const t = byBin.get(b.index);
    const g = byKey.get(`bin${b.index}`);
    if (g !== undefined) {
      const f = fromAnalysis(g, b);
      return {
        ...b,
        alpha68: f.alpha68,
        alpha90: f.alpha90,
        pAlpha1: f.pAlpha1,
        pAlpha0: f.pAlpha0,
        zAlpha1: f.z1 ?? b.zAlpha1,
        zAlpha0: f.z0 ?? b.zAlpha0,
        pAlpha1McError: f.pAlpha1McError,
        pAlpha0McError: f.pAlpha0McError,
        asymptotic: asym,
      };
    }
    if (!t) return { ...b, pAlpha1McError: 0, pAlpha0McError: 0, asymptotic: asym };
    const at = (cl: number) => t.fc.intervals.find((i) => Math.abs(i.cl - cl) < 1e-9);
    return {
      ...b,
      alpha68: fcInterval(at(0.6827), b.alpha68),
      alpha90: fcInterval(at(0.9), b.alpha90),
      pAlpha1: t.alpha1.toys.pValue,
      pAlpha0: t.alpha0.toys.pValue,
      zAlpha1: t.alpha1.toys.z ?? b.zAlpha1,
      zAlpha0: t.alpha0.toys.z ?? b.zAlpha0,
      pAlpha1McError: t.alpha1.toys.mcError,
      pAlpha0McError: t.alpha0.toys.mcError,
      asymptotic: asym,
    };
  });
  const c1 = toys.combined.find((c) => c.poi === 1);
  const c0 = toys.combined.find((c) => c.poi === 0);
  const c = asymptotic.combined;
  const comb = byKey.get('combined');
  const f = comb === undefined ? undefined : fromAnalysis(comb, c);
  return {
    ...asymptotic,
    calibration: {
      seed: toys.settings.seed,
      nToys: toys.settings.nToys,
      fcToys: toys.settings.fcToys,
      alphaStep: toys.settings.alphaStep,
      combinedToys: inputs.counting !== null ? toys.settings.combinedToys : toys.settings.analysisToys,
      combinedGlobalTests: c1 && c0 ? 'toys' : 'asymptotic',
    },
    bins,
    combined: {
      ...c,
      ...(f ? { alpha68: f.alpha68, alpha90: f.alpha90, pAlpha1: f.pAlpha1, pAlpha0: f.pAlpha0 } : {}),
      pAlpha1McError: f?.pAlpha1McError ?? 0,
      pAlpha0McError: f?.pAlpha0McError ?? 0,
      asymptotic: { alpha68: c.alpha68, alpha90: c.alpha90, pAlpha1: c.pAlpha1, pAlpha0: c.pAlpha0 },
      ...(c1 ? { allBinsAlpha1: withToys(c.allBinsAlpha1, c1.global.toys, c1.mostSignificant.toys) } : {}),
      ...(c0 ? { allBinsAlpha0: withToys(c.allBinsAlpha0, c0.global.toys, c0.mostSignificant.toys) } : {}),
    },
  };
}
