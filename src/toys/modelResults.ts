/**
 * Results of the general-engine analyses (modelPlan.ts) from the summed tallies: toy p-values of the
 * POI's bounds (α = 1, α = 0), Feldman–Cousins intervals (results.ts `fcInterval`, the same edge rule
 * as per bin), one-sided limits (CLs+b or CLs), and 2-D Feldman–Cousins regions as accepted grids.
 *
 * LIMITS. p(μ) is CLs+b = P(q̃_μ ≥ q̃_μ,obs | μ, θ̂̂(μ)) from the grid point's toys, or
 * CLs = CLs+b/CLb with CLb = P(q̃_μ ≥ q̃_μ,obs | reference, θ̂̂(reference)) (A.L. Read, J. Phys. G 28
 * (2002) 2693; pyhf `ToyCalculator`: CLb from background-only toys, p-values as the fraction of toys
 * at least as extreme). CLb = 0 (no reference toy as extreme) gives CLs = 1: nothing is excluded on
 * a downward fluctuation the reference toys never reach, the conservative reading. The upper limit at
 * CL is where p(μ) first falls below 1 − CL scanning up from the lower bound (linear interpolation
 * in p between the grid points around the crossing, as pyhf's `upper_limit` interpolates CLs); a lower
 * limit scans down from the upper bound. No crossing: `noExclusion` (the limit is the bound); the
 * first point already excluded: `allExcluded`.
 * q̃_μ,obs = 0 (p̂ on the far side of μ) is never excluded: there every toy is "at least as extreme",
 * CLs+b = CLb = 1, as pyhf's toys count it (`EmpiricalDistribution.pvalue`: the fraction of toys with
 * q ≥ q_obs). At μ = lo (upper limits) q̃ is identically 0, so the scan always starts accepted.
 */
import type { PValueMethod } from '../likelihood/index.js';
import { asym, countsOf, fcInterval, fcPoint } from './fcResults.js';
import type { AsymptoticP, FcPoint, IntervalPair } from './fcResults.js';
import { fcAccepted, T_ZERO, toyPValue } from './stats.js';
import type { ToyPValue } from './stats.js';
import type { AnalysisPlan, IntervalPlan, LimitPlan, RegionPlan } from './modelPlan.js';
import type { LimitSide } from './modelSpec.js';
import type { FitTask, ToyJob } from './types.js';

export interface AnalysisBoundaryTest {
  /** The tested POI value (the upper bound: α = 1; the lower bound: α = 0). */
  readonly value: number;
  /** Observed q = t̃(value). */
  readonly q: number;
  /** Two-boundary asymptotics (likelihood `boundaryTest`), with its method. */
  readonly asymptotic: AsymptoticP;
  readonly toys: ToyPValue;
}

export interface LimitPoint {
  readonly poi: number;
  readonly q: number;
  readonly clsb: ToyPValue;
  readonly clb: ToyPValue | null;
  readonly cls: number | null;
  readonly asymptoticClsb: number | null;
  readonly asymptoticCls: number | null;
}

export type LimitStatus = 'crossing' | 'noExclusion' | 'allExcluded';

export interface LimitValue {
  readonly cl: number;
  readonly value: number;
  readonly status: LimitStatus;
  /** The same from pyhf's asymptotic q̃_μ formulae (upper limits on workspaces), else null. */
  readonly asymptotic: number | null;
}

export interface LimitResult {
  readonly side: LimitSide;
  readonly method: 'CLs' | 'CLs+b';
  readonly limits: readonly LimitValue[];
  readonly points: readonly LimitPoint[];
}

export interface IntervalAnalysisResult {
  readonly kind: 'interval';
  readonly key: string;
  readonly label: string;
  readonly poi: string;
  readonly bounds: readonly [number, number];
  readonly poiHat: number;
  /** The free fit of the observed data converged. */
  readonly converged: boolean;
  readonly atUpper: AnalysisBoundaryTest;
  readonly atLower: AnalysisBoundaryTest;
  readonly fc: {
    /** Grid step in POI units. */
    readonly step: number;
    readonly intervals: readonly IntervalPair[];
    readonly points: readonly FcPoint[];
  };
  readonly limit: LimitResult | null;
}

export interface RegionPoint {
  readonly values: readonly [number, number];
  readonly t: number;
  readonly pToys: number;
  readonly mcError: number;
  readonly nToys: number;
  /** FC acceptance at each CL, and Wilks' χ²₂ rule (t ≤ quantile) at each CL. */
  readonly accepted: readonly boolean[];
  readonly acceptedWilks: readonly boolean[];
}

export interface RegionAnalysisResult {
  readonly kind: 'region';
  readonly key: string;
  readonly label: string;
  readonly pois: readonly [string, string];
  readonly bounds: RegionPlan['bounds'];
  readonly poiHat: readonly [number, number];
  readonly converged: boolean;
  readonly steps: readonly [number, number];
  /** Accepted grid points per CL: by FC and by Wilks. */
  readonly acceptedCount: readonly { readonly cl: number; readonly fc: number; readonly wilks: number }[];
  readonly points: readonly RegionPoint[];
}

export type ToyAnalysisResult = IntervalAnalysisResult | RegionAnalysisResult;

/** The crossing of p(x) with level (see the module comment); xs ordered from the reference end. */
export function limitCrossing(
  xs: readonly number[],
  ps: readonly number[],
  level: number,
): { value: number; status: LimitStatus } {
  const first = ps[0];
  if (first === undefined) return { value: NaN, status: 'noExclusion' };
  if (first < level) return { value: xs[0]!, status: 'allExcluded' };
  for (let j = 1; j < ps.length; j++) {
    const p = ps[j]!;
    if (p < level) {
      const pa = ps[j - 1]!;
      const xa = xs[j - 1]!;
      return { value: xa + ((pa - level) / (pa - p)) * (xs[j]! - xa), status: 'crossing' };
    }
  }
  return { value: xs[xs.length - 1]!, status: 'noExclusion' };
}

function limitResult(job: ToyJob, plan: IntervalPlan, limit: LimitPlan, counts: number[][]): LimitResult {
  const clb = limit.clbTask === null ? undefined : countsOf(counts, limit.clbTask);
  const nClb = clb?.[0] ?? 0;
  const failedClb = clb?.[clb.length - 1] ?? 0;
  const points: LimitPoint[] = plan.grid.map((poi, j) => {
    const t = plan.tasks[j]!;
    const task = job.tasks[t] as FitTask;
    const c = countsOf(counts, t);
    const n = c[0] ?? 0;
    const q = task.tests[1]!.tObs;
    const zero = q <= T_ZERO; // every toy is at least as extreme (module comment)
    const clsb = toyPValue(zero ? n : (c[2] ?? 0), n, c[c.length - 1] ?? 0);
    const pb = clb === undefined ? null : toyPValue(zero ? nClb : (clb[1 + j] ?? 0), nClb, failedClb);
    const cls = pb === null ? null : pb.pValue > 0 ? Math.min(1, clsb.pValue / pb.pValue) : 1;
    return {
      poi,
      q,
      clsb,
      clb: pb,
      cls,
      asymptoticClsb: limit.asymptotic?.clsb[j] ?? null,
      asymptoticCls: limit.asymptotic?.cls[j] ?? null,
    };
  });
  const order = limit.side === 'upper' ? points : [...points].reverse();
  const xs = order.map((p) => p.poi);
  const toyP = order.map((p) => (limit.clsMethod ? (p.cls ?? NaN) : p.clsb.pValue));
  const asymP = limit.asymptotic
    ? order.map((p) => (limit.clsMethod ? p.asymptoticCls! : p.asymptoticClsb!))
    : null;
  return {
    side: limit.side,
    method: limit.clsMethod ? 'CLs' : 'CLs+b',
    limits: job.settings.cls.map((cl) => {
      const x = limitCrossing(xs, toyP, 1 - cl);
      return {
        cl,
        value: x.value,
        status: x.status,
        asymptotic: asymP === null ? null : limitCrossing(xs, asymP, 1 - cl).value,
      };
    }),
    points,
  };
}

function intervalResult(job: ToyJob, plan: IntervalPlan, counts: number[][]): IntervalAnalysisResult {
  const cls = job.settings.cls;
  const points = plan.grid.map((poi, j) => {
    const t = plan.tasks[j]!;
    const [n = 0, k = 0] = countsOf(counts, t);
    return fcPoint(poi, (job.tasks[t] as FitTask).tests[0]!.tObs, plan.pAsymptotic[j]!, k, n, cls);
  });
  const boundary = (j: number, pAsym: number, method: PValueMethod): AnalysisBoundaryTest => {
    const t = plan.tasks[j]!;
    const c = countsOf(counts, t);
    return {
      value: plan.grid[j]!,
      q: (job.tasks[t] as FitTask).tests[0]!.tObs,
      asymptotic: asym(pAsym, method),
      toys: toyPValue(c[1] ?? 0, c[0] ?? 0, c[c.length - 1] ?? 0),
    };
  };
  const last = plan.grid.length - 1;
  return {
    kind: 'interval',
    key: plan.key,
    label: plan.label,
    poi: plan.poi,
    bounds: plan.bounds,
    poiHat: plan.poiHat,
    converged: plan.converged,
    atUpper: boundary(last, plan.pHiAsymptotic, plan.pHiMethod),
    atLower: boundary(0, plan.pLoAsymptotic, plan.pLoMethod),
    fc: {
      step: (plan.bounds[1] - plan.bounds[0]) / last,
      intervals: cls.map((cl, c) => fcInterval(plan, points, c, cl)),
      points,
    },
    limit: plan.limit === null ? null : limitResult(job, plan, plan.limit, counts),
  };
}

function regionResult(job: ToyJob, plan: RegionPlan, counts: number[][]): RegionAnalysisResult {
  const cls = job.settings.cls;
  const ny = plan.ys.length;
  const points: RegionPoint[] = plan.tasks.map((t, i) => {
    const [n = 0, k = 0] = countsOf(counts, t);
    const tObs = (job.tasks[t] as FitTask).tests[0]!.tObs;
    const p = n > 0 ? k / n : NaN;
    return {
      values: [plan.xs[Math.floor(i / ny)]!, plan.ys[i % ny]!],
      t: tObs,
      pToys: p,
      mcError: n > 0 ? Math.sqrt((p * (1 - p)) / n) : NaN,
      nToys: n,
      accepted: cls.map((cl) => fcAccepted(tObs, k, n, cl)),
      acceptedWilks: plan.wilks.map((w) => tObs <= w),
    };
  });
  const step = (b: readonly [number, number], m: number) => (b[1] - b[0]) / (m - 1);
  return {
    kind: 'region',
    key: plan.key,
    label: plan.label,
    pois: plan.pois,
    bounds: plan.bounds,
    poiHat: plan.poiHat,
    converged: plan.converged,
    steps: [step(plan.bounds[0], plan.xs.length), step(plan.bounds[1], ny)],
    acceptedCount: cls.map((cl, c) => ({
      cl,
      fc: points.filter((p) => p.accepted[c]).length,
      wilks: points.filter((p) => p.acceptedWilks[c]).length,
    })),
    points,
  };
}

/** The result of every analysis of a toys job. */
export function analysisResults(
  job: ToyJob,
  plans: readonly AnalysisPlan[],
  counts: number[][],
): ToyAnalysisResult[] {
  return plans.map((p) =>
    p.kind === 'interval' ? intervalResult(job, p, counts) : regionResult(job, p, counts),
  );
}
