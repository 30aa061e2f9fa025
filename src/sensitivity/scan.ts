/**
 * Exposure scans: the median expected significance of excluding α = 1 and α = 0 against exposure, and
 * the exposures where it reaches 3σ and 5σ. With Asimov data every count scales with the exposure X
 * (signal, background and off-source counts alike; τ and the relative uncertainties stay), so a scan
 * point is one rescaling and two boundary tests. Z(X) grows with X and, with a normalisation
 * uncertainty, saturates: Z∞ ≈ |Δs/s|/σ_norm. The 3σ and 5σ crossings are found by bisection in ln X
 * (to 1e-4 relative) within [X_nominal·1e-4, X_nominal·1e3]; a crossing beyond that is reported as
 * not reached, with the Z at the upper end (close to the systematics limit when Z has saturated).
 *
 * Why not search further: beyond ~10⁷ events per bin the likelihood fits lose precision (q of order 1
 * is a difference of fitted NLLs whose parameters converge to a fixed absolute tolerance), and the
 * Asimov Z of a saturated test starts to fall instead of levelling off (checked on the presets: stable
 * to < 1 % up to 10³ × nominal, −20 % at 10⁵ × nominal for csi-dar).
 */
import type { ResolvedSetup } from '../data/index.js';
import { boundaryTest } from '../likelihood/index.js';
import { countingModelFor, setupLikelihood } from './asimov.js';
import { expectedCounts } from './expected.js';
import type { SetupResponse } from './response.js';
import type { ExposureCrossing, ExposureScan, ExposureScanPoint } from './types.js';

/**
 * Median expected Z of the one-sided test of α = v at exposure X [kg·s]: Z(q_A) of the two-boundary
 * distribution (√q_A up to the far branch point; likelihood `boundaryTest`, p = Φ(−Z)).
 */
export function medianZ(resp: SetupResponse, exposureKgS: number, v: 0 | 1): number {
  const m = countingModelFor(resp.setup, expectedCounts(resp, exposureKgS));
  return Math.max(0, boundaryTest(setupLikelihood(m), v).z);
}

/** Smallest X in [lo, hi] with Z(X) ≥ target (bisection in ln X), or null. */
function crossing(
  resp: SetupResponse,
  v: 0 | 1,
  target: number,
  lo: number,
  hi: number,
  zHi: number,
): number | null {
  if (!(zHi >= target)) return null;
  if (medianZ(resp, lo, v) >= target) return lo;
  let a = Math.log(lo);
  let b = Math.log(hi);
  while (b - a > 1e-4) {
    const mid = 0.5 * (a + b);
    if (medianZ(resp, Math.exp(mid), v) >= target) b = mid;
    else a = mid;
  }
  return Math.exp(0.5 * (a + b));
}

/** Search range of the crossings, relative to the nominal exposure. */
export const CROSSING_SEARCH = { below: 1e-4, above: 1e3 } as const;

export interface ScanOptions {
  /** Scan range [kg·s]; default [nominal/100, nominal·1000]. */
  readonly fromKgS?: number;
  readonly toKgS?: number;
  /** Log-spaced points; default 50. */
  readonly points?: number;
}

export function exposureScan(resp: SetupResponse, opts: ScanOptions = {}): ExposureScan {
  const setup: ResolvedSetup = resp.setup;
  const nominal = setup.exposureKgS;
  const from = opts.fromKgS ?? nominal / 100;
  const to = opts.toKgS ?? nominal * 1000;
  const n = Math.max(2, opts.points ?? 50);
  const points: ExposureScanPoint[] = [];
  for (let i = 0; i < n; i++) {
    const x = from * Math.pow(to / from, i / (n - 1));
    points.push({ exposureKgS: x, zAlpha1: medianZ(resp, x, 1), zAlpha0: medianZ(resp, x, 0) });
  }
  const lo = nominal * CROSSING_SEARCH.below;
  const hi = nominal * CROSSING_SEARCH.above;
  const cross = (v: 0 | 1): ExposureCrossing => {
    const zHi = medianZ(resp, hi, v);
    return {
      z3KgS: crossing(resp, v, 3, lo, hi, zHi),
      z5KgS: crossing(resp, v, 5, lo, hi, zHi),
      zAtSearchMax: zHi,
    };
  };
  return { points, alpha1: cross(1), alpha0: cross(0), searchMaxKgS: hi };
}
