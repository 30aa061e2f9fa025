/**
 * The pieces of a Feldman–Cousins result shared by the per-bin construction (results.ts) and the
 * general-engine analyses (modelResults.ts): grid points with their toy p-values and acceptance, and
 * the interval with interpolated edges.
 */
import { significance } from '../likelihood/index.js';
import type { PValueMethod } from '../likelihood/index.js';
import type { BinPlan } from './plan.js';
import { fcAccepted, finiteOrNull } from './stats.js';

export interface AsymptoticP {
  readonly pValue: number;
  readonly z: number | null;
  /** The asymptotic distribution it comes from (likelihood methods.ts). */
  readonly method: PValueMethod;
}

export function asym(p: number, method: PValueMethod): AsymptoticP {
  return { pValue: p, z: finiteOrNull(significance(p)), method };
}

export interface FcPoint {
  readonly poi: number;
  readonly t: number;
  readonly pAsymptotic: number;
  readonly pToys: number;
  readonly mcError: number;
  readonly nToys: number;
  /** FC acceptance of poi at each CL (order of `settings.cls`). */
  readonly accepted: readonly boolean[];
}

export interface IntervalPair {
  readonly cl: number;
  /** Feldman–Cousins: edges interpolated between accepted and rejected grid points (see `fcInterval`). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Whether the accepted grid points were one piece. */
  readonly connected: boolean;
  /** No grid point accepted: the interval is narrower than the grid; the cell holding p̂oi is reported. */
  readonly belowGridResolution: boolean;
  /** Asymptotic (likelihood `poiInterval`). */
  readonly asymptotic: { readonly lower: number; readonly upper: number };
}

export function countsOf(counts: number[][], task: number): number[] {
  return counts[task] ?? [];
}

/** A grid point of an FC construction: k of n toys at least as extreme as tObs. */
export function fcPoint(
  poi: number,
  tObs: number,
  pAsymptotic: number,
  k: number,
  n: number,
  cls: readonly number[],
): FcPoint {
  return {
    poi,
    t: tObs,
    pAsymptotic,
    pToys: n > 0 ? k / n : NaN,
    mcError: n > 0 ? Math.sqrt(((k / n) * (1 - k / n)) / n) : NaN,
    nToys: n,
    accepted: cls.map((cl) => fcAccepted(tObs, k, n, cl)),
  };
}

/**
 * The Feldman–Cousins interval at one CL from the accepted grid points. The span of accepted grid
 * points alone would shrink the interval inwards by up to one grid step on each side (and could exclude
 * p̂oi), so each edge is interpolated linearly in the toy p-value between the last rejected and the first
 * accepted grid point, where p_toys crosses 1 − CL, and the hull always contains p̂oi. If no grid point
 * is accepted (an interval narrower than the grid), the grid cell holding p̂oi is reported and flagged.
 */
export function fcInterval(
  plan: Pick<BinPlan, 'grid' | 'poiHat' | 'asymptoticIntervals'>,
  points: readonly FcPoint[],
  c: number,
  cl: number,
): IntervalPair {
  const grid = plan.grid;
  const acc = points.flatMap((p, j) => (p.accepted[c] ? [j] : []));
  const first = acc[0];
  const last = acc[acc.length - 1];
  const a = plan.asymptoticIntervals[c] ?? { lower: NaN, upper: NaN };
  const crossing = (rejected: number, accepted: number): number => {
    const pr = (points[rejected]?.pToys ?? NaN) - (1 - cl);
    const pa = (points[accepted]?.pToys ?? NaN) - (1 - cl);
    const xr = grid[rejected] as number;
    const xa = grid[accepted] as number;
    return pa > pr && pr <= 0 ? xr + ((0 - pr) / (pa - pr)) * (xa - xr) : xa;
  };
  if (first === undefined || last === undefined) {
    let j = 0;
    while (j + 2 < grid.length && (grid[j + 1] as number) <= plan.poiHat) j++;
    return {
      cl,
      lower: grid[j] as number,
      upper: grid[j + 1] ?? (grid[j] as number),
      connected: true,
      belowGridResolution: true,
      asymptotic: { lower: a.lower, upper: a.upper },
    };
  }
  const lower = first > 0 ? crossing(first - 1, first) : (grid[first] as number);
  const upper = last < grid.length - 1 ? crossing(last + 1, last) : (grid[last] as number);
  return {
    cl,
    lower: Math.min(lower, plan.poiHat),
    upper: Math.max(upper, plan.poiHat),
    connected: last - first + 1 === acc.length,
    belowGridResolution: false,
    asymptotic: { lower: a.lower, upper: a.upper },
  };
}
