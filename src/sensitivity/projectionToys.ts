/**
 * Toy-calibrated projections: the Feldman–Cousins construction and the toy p-values of α = 1 and α = 0
 * applied to the Asimov dataset of the true model — the MEDIAN EXPECTED result of the setup, calibrated
 * with toys instead of the asymptotic formulas (the Asimov dataset stands for the median experiment,
 * G. Cowan, K. Cranmer, E. Gross, O. Vitells, EPJC 71 (2011) 1554, §3.2).
 *
 * The construction is the toys' own (src/toys): per bin, the bin alone with the closed-form kernels;
 * combined, one α for every bin through the general engine (the counting model as its exact pyhf
 * workspace), nuisances profiled, toys at (α, θ̂̂(α)) of the Asimov data on an α grid. It runs in this
 * thread, unit after unit (the same tallies as on worker threads: the seed fixes every number).
 */
import {
  countingAnalyses,
  jobUnits,
  planToys,
  runUnit,
  toysResult,
  type IntervalAnalysisResult,
  type IntervalPair,
  type ToyPValue,
} from '../toys/index.js';
import type { SetupCountingModel } from './asimov.js';

export interface ProjectionFcOptions {
  /** Toys per α grid point (the grid ends included). */
  readonly nToys: number;
  /** α grid step (1/n); default 0.05. */
  readonly alphaStep?: number;
  readonly seed: string | number;
}

export interface FcInterval {
  readonly cl: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly asymptotic: { readonly lower: number; readonly upper: number };
}

export interface ProjectionFc {
  readonly seed: string;
  readonly nToys: number;
  readonly alphaStep: number;
  readonly combined: {
    readonly alphaHat: number;
    readonly intervals: readonly FcInterval[];
    /** Toy p-values of α = 1 and α = 0 on the Asimov dataset (median expected, toy-calibrated). */
    readonly pAlpha1: ToyPValue;
    readonly pAlpha0: ToyPValue;
  };
  /** Each informative bin alone (index into the expected-counts bins). */
  readonly bins: readonly {
    readonly index: number;
    readonly alphaHat: number;
    readonly intervals: readonly FcInterval[];
    readonly pAlpha1: ToyPValue;
    readonly pAlpha0: ToyPValue;
  }[];
}

const fc = (i: IntervalPair): FcInterval => ({
  cl: i.cl,
  lower: i.lower,
  upper: i.upper,
  asymptotic: i.asymptotic,
});

export const PROJECTION_FC_DEFAULTS = { alphaStep: 0.05 } as const;

/** Feldman–Cousins intervals and toy p-values of a setup's Asimov dataset (see the module comment). */
export function projectionFeldmanCousins(m: SetupCountingModel, o: ProjectionFcOptions): ProjectionFc {
  const alphaStep = o.alphaStep ?? PROJECTION_FC_DEFAULTS.alphaStep;
  const job = planToys(m.model, {
    seed: o.seed,
    nToys: o.nToys,
    fcToys: o.nToys,
    alphaStep,
    combinedToys: 0,
    analyses: countingAnalyses(m.model),
    analysisToys: o.nToys,
  });
  const units = jobUnits(job);
  const r = toysResult(
    job,
    units.map((_, u) => runUnit(job, units, u)),
  );
  const c = r.analyses[0] as IntervalAnalysisResult;
  return {
    seed: r.settings.seed,
    nToys: o.nToys,
    alphaStep,
    combined: {
      alphaHat: c.poiHat,
      intervals: c.fc.intervals.map(fc),
      pAlpha1: c.atUpper.toys,
      pAlpha0: c.atLower.toys,
    },
    bins: r.bins.map((b) => ({
      index: m.binIndex[b.bin]!,
      alphaHat: b.poiHat,
      intervals: b.fc.intervals.map(fc),
      pAlpha1: b.alpha1.toys,
      pAlpha0: b.alpha0.toys,
    })),
  };
}
