/**
 * From toy counts to p-values, Feldman–Cousins acceptance and coverage, with their Monte Carlo errors.
 *
 * P-VALUE. p = P(t ≥ t_obs) estimated by k/N, k = #{toys with t ≥ t_obs}. Ties: toys within a relative
 * 1e-9 of t_obs count as "at least as extreme" (the same counts give the same t to rounding).
 * POINT MASS: like the asymptotic layer (likelihood/asymptotics.ts) and pyhf/RooStats, a statistic
 * exactly at 0 is never "at least as extreme": toys count only if t ≥ max(t_obs − tol, T_ZERO), so
 * t_obs = 0 gives p ≈ P(t > 0) (≈ 0.5 for a one-sided boundary test), directly comparable with the
 * asymptotic Φ(−√q) = 0.5 at q = 0. Statistics below T_ZERO = 1e-8 are treated as 0 (fit tolerance).
 * MC ERROR: the binomial standard error √(p(1 − p)/N); with k = 0 the result also carries the 95 %
 * upper limit 1 − 0.05^(1/N) ≈ 3/N.
 *
 * FELDMAN–COUSINS ACCEPTANCE (G.J. Feldman, R.D. Cousins, PRD 57 (1998) 3873, with the likelihood-
 * ratio ordering t̃ profiled over the nuisances, as in RooStats' FeldmanCousins/NeymanConstruction):
 * at a hypothesis poi the acceptance region at CL is {t ≤ c_CL}, c_CL the CL-quantile of t̃(poi)
 * under poi. From N toys the observed poi is accepted iff fewer than CL·(N + 1) toys lie strictly
 * below t_obs, i.e. N − k < CL·(N + 1) (k as above) — the exact Monte Carlo test rule, treating the
 * observation as one more draw (G.A. Barnard, JRSS B 25 (1963) 294; J. Besag, P. Clifford,
 * Biometrika 76 (1989) 633): for a continuous statistic the probability of acceptance is then
 * ⌈CL·(N + 1)⌉/(N + 1) ≥ CL for ANY N, whereas the plain order-statistic rule (c = the ⌈CL·N⌉-th
 * smallest toy) covers only ⌈CL·N⌉/(N + 1), e.g. 0.898 instead of 0.9 with N = 500 (inner toys of a
 * coverage study). With discrete counts the region holds at least CL, so FC intervals over-cover
 * slightly where the statistic is discrete (the FC paper's conservative convention).
 * t_obs ≤ T_ZERO is always accepted.
 */
import { significance } from '../likelihood/index.js';

/** Statistics at or below this count as exactly 0 (the point mass of a bounded test). */
export const T_ZERO = 1e-8;
/** Relative tolerance for ties between a toy's statistic and the observed one. */
export const T_TIE = 1e-9;

/**
 * Toys with t ≥ this threshold are "at least as extreme" as tObs (see the module comment). `tie` is
 * the relative tie tolerance: T_TIE for the closed-form kernels (exact to rounding), teststat.ts
 * `FIT_T_TIE` for statistics from iterative fits.
 */
export function exceedThreshold(tObs: number, tie: number = T_TIE): number {
  const thr = tObs - tie * Math.max(1, tObs);
  return thr > T_ZERO ? thr : T_ZERO;
}

export interface ToyPValue {
  readonly pValue: number;
  /** Binomial standard error √(p(1 − p)/N). */
  readonly mcError: number;
  /** Z = Φ⁻¹(1 − p); null when p = 0 (see `pUpper95`). */
  readonly z: number | null;
  /** Toys at least as extreme as the observation, and the number of toys. */
  readonly nExceed: number;
  readonly nToys: number;
  /** Toys whose statistic could not be computed (NaN); not in nToys. */
  readonly nFailed: number;
  /** With nExceed = 0: the 95 % CL upper limit on p, 1 − 0.05^(1/N); else null. */
  readonly pUpper95: number | null;
}

/** The toy p-value k/N with its binomial error. */
export function toyPValue(nExceed: number, nToys: number, nFailed = 0): ToyPValue {
  const p = nToys > 0 ? nExceed / nToys : NaN;
  const z = significance(p);
  return {
    pValue: p,
    mcError: nToys > 0 ? Math.sqrt((p * (1 - p)) / nToys) : NaN,
    z: Number.isFinite(z) ? z : null,
    nExceed,
    nToys,
    nFailed,
    pUpper95: nExceed === 0 && nToys > 0 ? -Math.expm1(Math.log(0.05) / nToys) : null,
  };
}

/** FC acceptance of the observed statistic from the toy counts (see the module comment). */
export function fcAccepted(tObs: number, nExceed: number, nToys: number, cl: number): boolean {
  if (tObs <= T_ZERO) return true;
  if (!(nToys > 0)) return false;
  // The 1e-9 keeps CL·(N + 1) landing a rounding error above an integer from accepting one more.
  return nToys - nExceed + 1e-9 < cl * (nToys + 1);
}

/** A fraction k/N with its binomial error (coverage). */
export interface Fraction {
  readonly value: number;
  readonly mcError: number;
  readonly k: number;
  readonly n: number;
}

export function fraction(k: number, n: number): Fraction {
  const value = n > 0 ? k / n : NaN;
  return { value, mcError: n > 0 ? Math.sqrt((value * (1 - value)) / n) : NaN, k, n };
}

/** JSON-safe number: ±∞ and NaN become null. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
