import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { SpecError } from '../errors.js';
import { pValueTildeTBranches } from './asymptotics.js';
import { brentRoot } from './rootFind.js';
import { branchPointsOf, tildeT } from './testStatistics.js';
import type { PoiLikelihood } from './types.js';
import { validateCl } from './validate.js';

/**
 * Confidence intervals on poi ∈ [0, 1] by test inversion (J. Neyman 1937; for the likelihood-ratio
 * version see CCGV §2 and the PDG review "Statistics", §40.4.2):
 *
 * - `asymptotic` (default): {poi : p(poi) ≥ 1 − CL}, p from t̃(poi) with the two-boundary asymptotic
 *   distribution, its branch points from the Asimov datasets at 0 and 1 (`pValueTildeTBranches`,
 *   `branchPointsOf`; the same p-value as `testPoi`). Near a boundary this differs from the plain Δχ²
 *   rule, as Feldman–Cousins-like ordering demands.
 * - `deltaChi2`: {poi : t̃(poi) ≤ χ²₁ quantile(CL)} (1.0 for 68.27 %, 2.706 for 90 %), the MINOS-like
 *   rule, as a cross-check.
 *
 * Algorithm: evaluate the acceptance function A(poi) (≥ 0 means accepted) on a uniform grid of
 * `gridPoints` (default 21) over [0, 1] plus p̂oi itself (always accepted, since p(p̂oi) ≥ 0.5 > 1 − CL for
 * CL > 0.5), then refine every accepted/rejected transition by Brent's method to 1e-9. The reported
 * interval is the hull of the accepted set; `connected` says whether the accepted set on the grid
 * was one piece. A boundary of [0, 1] inside the interval makes it one-sided (`kind`).
 *
 * Toy-calibrated (Feldman–Cousins) intervals live in toys/, built on the same statistic.
 */
export type IntervalMethod = 'asymptotic' | 'deltaChi2';

export interface IntervalOptions {
  /** Confidence level in (0, 1); default 0.6827. Use 0.9 for 90 % CL. */
  readonly cl?: number;
  readonly method?: IntervalMethod;
  /**
   * Grid points over [0, 1] for the initial scan (default 21, spacing 0.05). The grid only brackets
   * the edges, which Brent's method then refines to 1e−9; it must be fine enough to see a gap in the
   * accepted set (none wider than 0.05 occurs in the asymptotic acceptance of one bounded POI; on
   * 300 random bins the edges agree with a 101-point grid to 4e−10).
   */
  readonly gridPoints?: number;
}

export interface PoiInterval {
  readonly cl: number;
  readonly method: IntervalMethod;
  readonly poiHat: number;
  readonly lower: number;
  readonly upper: number;
  /** lower = 0: the interval is an upper limit (or the whole range). */
  readonly lowerAtBoundary: boolean;
  /** upper = 1: the interval is a lower limit (or the whole range). */
  readonly upperAtBoundary: boolean;
  readonly kind: 'two-sided' | 'upper-limit' | 'lower-limit' | 'whole-range';
  /** False if the accepted set on the scan grid had gaps (the hull is reported). */
  readonly connected: boolean;
}

export const INTERVAL_DEFAULTS = { cl: 0.6827, method: 'asymptotic', gridPoints: 21 } as const;

/**
 * Intervals at several confidence levels from ONE scan: the test statistic (and, for the asymptotic
 * method, its p-value) is evaluated once per grid point and shared by every CL; only the Brent
 * refinements of each CL's edges are extra evaluations. Same result as calling poiInterval per CL.
 */
export function poiIntervals(
  lik: PoiLikelihood,
  cls: readonly number[],
  options: Omit<IntervalOptions, 'cl'> = {},
): PoiInterval[] {
  const method = options.method ?? INTERVAL_DEFAULTS.method;
  const gridPoints = options.gridPoints ?? INTERVAL_DEFAULTS.gridPoints;
  cls.forEach(validateCl);
  if (!Number.isInteger(gridPoints) || gridPoints < 3) {
    throw new SpecError('invalid_input', `gridPoints: expected an integer ≥ 3, got ${gridPoints}`, [
      'gridPoints',
    ]);
  }
  // score(poi): p-value (asymptotic) or −t̃ (Δχ²); accepted iff score ≥ threshold(CL).
  const branchPoints = branchPointsOf(lik);
  const cache = new Map<number, number>();
  const score = (poi: number): number => {
    let v = cache.get(poi);
    if (v === undefined) {
      const t = tildeT(lik, poi).t;
      v = method === 'deltaChi2' ? -t : pValueTildeTBranches(t, poi, branchPoints(poi));
      cache.set(poi, v);
    }
    return v;
  };
  const poiHat = lik.fitUnconditional().poi;
  const xs: number[] = [];
  for (let j = 0; j < gridPoints; j++) xs.push(j / (gridPoints - 1));
  if (!xs.includes(poiHat)) xs.push(poiHat);
  xs.sort((a, b) => a - b);
  const scores = xs.map(score);
  return cls.map((cl) => {
    const threshold = method === 'deltaChi2' ? -chisquareQuantile(cl, 1) : 1 - cl;
    const accept = (poi: number) => score(poi) - threshold;
    const as = scores.map((v) => v - threshold);
    return intervalFromScan(xs, as, accept, poiHat, cl, method);
  });
}

export function poiInterval(lik: PoiLikelihood, options: IntervalOptions = {}): PoiInterval {
  return poiIntervals(lik, [options.cl ?? INTERVAL_DEFAULTS.cl], options)[0]!;
}

/** Edges of the accepted set {A ≥ 0} from a scan, refined by Brent's method to 1e-9. */
function intervalFromScan(
  xs: readonly number[],
  as: readonly number[],
  accept: (poi: number) => number,
  poiHat: number,
  cl: number,
  method: IntervalMethod,
): PoiInterval {
  let lower = NaN;
  let upper = NaN;
  let pieces = 0;
  for (let j = 0; j < xs.length; j++) {
    const ok = (as[j] as number) >= 0;
    const prevOk = j > 0 && (as[j - 1] as number) >= 0;
    if (ok && !prevOk) {
      pieces++;
      const x = xs[j] as number;
      const edge =
        j === 0 ? x : brentRoot(accept, xs[j - 1] as number, x, as[j - 1] as number, as[j] as number, 1e-9);
      if (Number.isNaN(lower)) lower = Number.isNaN(edge) ? x : edge;
    }
    if (ok && (j === xs.length - 1 || (as[j + 1] as number) < 0)) {
      const x = xs[j] as number;
      const edge =
        j === xs.length - 1
          ? x
          : brentRoot(accept, x, xs[j + 1] as number, as[j] as number, as[j + 1] as number, 1e-9);
      upper = Number.isNaN(edge) ? x : edge;
    }
  }
  if (Number.isNaN(lower)) {
    // Nothing accepted (only possible for CL ≤ 0.5): report the degenerate interval at p̂oi.
    lower = poiHat;
    upper = poiHat;
    pieces = 1;
  }
  const lowerAtBoundary = lower === 0;
  const upperAtBoundary = upper === 1;
  const kind =
    lowerAtBoundary && upperAtBoundary
      ? 'whole-range'
      : lowerAtBoundary
        ? 'upper-limit'
        : upperAtBoundary
          ? 'lower-limit'
          : 'two-sided';
  return {
    cl,
    method,
    poiHat,
    lower,
    upper,
    lowerAtBoundary,
    upperAtBoundary,
    kind,
    connected: pieces === 1,
  };
}
