import { FIXED_SIGMA_BELOW } from './constraints.js';
import { poissonDeviance } from './deviance.js';
import { profileBackground, profiledCurvature } from './profileBackground.js';
import type { BackgroundSpec } from './types.js';

/**
 * Profiling of a per-bin background component KNOWN FROM ELSEWHERE with a Gaussian uncertainty
 * (a simulation, a calibration, a side-band fit): b_k ≥ 0 is a nuisance parameter of bin i with the
 * constraint term (b_k − c)²/(2σ²), i.e. a Gaussian auxiliary measurement whose centre c (nominally
 * the quoted expectation) is the global observable, uncorrelated between bins. This is HistFactory's
 * `staterror` on a single sample written in events instead of a relative γ (b_k = γ·c, σ_γ = σ/c;
 * K. Cranmer et al., CERN-OPEN-2012-016, §4.1.3), with the bound b_k ≥ 0 in place of γ ≥ 0.
 *
 * Known component alone, on-source n ~ Poisson(a + b), a ≥ 0 everything else of the bin:
 *
 *   NLL(b) = (a + b) − n·ln(a + b) + (b − c)²/(2σ²),      ∂NLL/∂b = 1 − n/(a + b) + (b − c)/σ² = 0.
 *
 * Multiplying by σ²(a + b) gives Q(b) = b² + B·b + C = 0 with B = a − c + σ², C = σ²(a − n) − c·a.
 * ∂NLL/∂b increases on b > −a and Q(−a) = −n·σ² ≤ 0, so the minimiser is the LARGER root, clipped to
 * b ≥ 0. The discriminant is computed in the form D = B² − 4C = (a + c − σ²)² + 4σ²n (no cancellation,
 * never negative), and the root as (−B + √D)/2 when B ≤ 0 or −2C/(B + √D) when B > 0 (the same root
 * without subtracting nearly equal numbers). Limits: σ → 0 gives b̂ → c (for c ≥ 0); n = 0 gives
 * max(0, c − σ²); a = 0 with n > 0 gives b̂ > 0.
 *
 * Off-source measurement AND a known component (n ~ Poisson(a + b_off + b_k), m ~ Poisson(τ·b_off)):
 * for fixed b_k the off-source part is the closed form of profileBackground.ts at a + b_k, and
 * φ(b_k) = P_off(a + b_k) + (b_k − c)²/(2σ²) is strictly convex (φ″ = h_off + 1/σ² > 0, P_off being a
 * partial minimum of a jointly convex function). φ′(b_k) = 1 − n/μ + (b_k − c)/σ² (envelope theorem),
 * φ′ ≥ 0 at b_k = max(c, n), so the minimiser on b_k ≥ 0 is 0 if φ′(0) ≥ 0 and otherwise the root in
 * (0, max(c, n)], found by Newton's method safeguarded with bisection (no closed form: a cubic).
 *
 * Curvature of the fully profiled NLL in a (used by the Newton solvers): the Hessian of F(a, b…) is
 * u·11ᵀ + diag(w_j) with u = n/μ² and w_j the curvature of each free background's own term
 * (m/b_off², 1/σ²); its Schur complement gives h = 1/(μ²/n + Σ_free 1/w_j) — a series combination,
 * which reduces to profileBackground.ts `profiledCurvature` without a known component. A component
 * at its bound b = 0 drops out; a free off-source b with m = 0 makes h = 0.
 *
 * Kernel policy (STYLE.md P7): no throws; meaningful for a ≥ 0, n ≥ 0, m ≥ 0, τ > 0, σ > 0 (c may be
 * negative: a toy's randomised centre).
 */
export function profileKnownBackground(a: number, n: number, c: number, sigma: number): number {
  const s2 = sigma * sigma;
  const B = a - c + s2;
  const C = s2 * (a - n) - c * a;
  const e = a + c - s2;
  const sqrtD = Math.sqrt(e * e + 4 * s2 * n);
  const root = B > 0 ? (-2 * C) / (B + sqrtD) : 0.5 * (sqrtD - B);
  return root > 0 ? root : 0;
}

/** Most Newton/bisection steps of the nested profile (each one square root); typically 3–6. */
const MAX_STEPS = 200;

/**
 * b̂_k of a bin with an off-source measurement (m, τ) and a known component (c, σ > 0); the matching
 * b̂_off is profileBackground(a + b̂_k, n, m, τ). See the module comment.
 */
export function profileKnownWithOffSource(
  a: number,
  n: number,
  m: number,
  tau: number,
  c: number,
  sigma: number,
): number {
  const s2 = sigma * sigma;
  const slope = (x: number): number => {
    const bo = profileBackground(a + x, n, m, tau);
    return (n === 0 ? 1 : 1 - n / (a + x + bo)) + (x - c) / s2;
  };
  if (slope(0) >= 0) return 0;
  let lo = 0;
  let hi = Math.max(c, n);
  let x = c > 0 && c < hi ? c : 0.5 * hi;
  for (let it = 0; it < MAX_STEPS; it++) {
    const bo = profileBackground(a + x, n, m, tau);
    const mu = a + x + bo;
    const d1 = (n === 0 ? 1 : 1 - n / mu) + (x - c) / s2;
    if (d1 === 0) return x;
    if (d1 > 0) hi = x;
    else lo = x;
    const d2 = profiledCurvatureOf(n, mu, true, m, bo, 0) + 1 / s2;
    const newton = x - d1 / d2;
    const next = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, next) || hi - lo <= 1e-15 * hi) return next;
    x = next;
  }
  return x;
}

/**
 * h = d²/da² of the background-profiled NLL of one bin (module comment): `measured` with off-source
 * count m and profiled b_off; `knownVariance` = σ² of a known component that is free (σ > 0 and
 * b̂_k > 0), else 0.
 */
export function profiledCurvatureOf(
  n: number,
  mu: number,
  measured: boolean,
  m: number,
  bOff: number,
  knownVariance: number,
): number {
  // Without a free known component: profileBackground.ts's own formula, to the last bit (the toys of
  // existing models stay byte-identical).
  if (!(knownVariance > 0)) return profiledCurvature(n, mu, m, bOff, measured);
  if (n === 0) return 0;
  let inv = (mu * mu) / n + knownVariance;
  if (measured) {
    if (m === 0) {
      if (bOff > 0) return 0;
    } else inv += (bOff * bOff) / m;
  }
  return 1 / inv;
}

/**
 * The background of one counting bin, profiled: an optional off-source-measured component (m, τ) and
 * an optional known component (centre c, σ; σ = 0: fixed at c; c = σ = 0: none). `profile` leaves
 * both components, the auxiliary (constraint) part of the NLL and the curvature inputs in public
 * fields; one instance per solver, nothing allocated per call.
 */
export class BinBackground {
  /** Off-source-measured component b̂_off (0 without an off-source measurement). */
  bOff = 0;
  /** Known component b̂_k (c when fixed). */
  bKnown = 0;
  /** Deviance of the auxiliary terms: d(m, τ·b_off) + (b_k − c)²/(2σ²). */
  aux = 0;
  /** σ² of the known component if it is free at the solution (σ > 0, b̂_k > 0), else 0. */
  knownVariance = 0;

  /** Profile both components for "other" expectation a and on-source count n; returns b_off + b_k. */
  profile(a: number, n: number, measured: boolean, m: number, tau: number, c: number, sigma: number): number {
    let bk = c;
    let aux = 0;
    this.knownVariance = 0;
    if (sigma > 0) {
      bk = measured
        ? profileKnownWithOffSource(a, n, m, tau, c, sigma)
        : profileKnownBackground(a, n, c, sigma);
      const r = (bk - c) / sigma;
      aux = 0.5 * r * r;
      if (bk > 0) this.knownVariance = sigma * sigma;
    }
    let bo = 0;
    if (measured) {
      bo = profileBackground(a + bk, n, m, tau);
      aux += poissonDeviance(m, tau * bo);
    }
    this.bOff = bo;
    this.bKnown = bk;
    this.aux = aux;
    return bo + bk;
  }

  /** h for the last `profile` (same n, m, `measured`), at μ = a + b_off + b_k. */
  curvature(n: number, mu: number, measured: boolean, m: number): number {
    return profiledCurvatureOf(n, mu, measured, m, this.bOff, this.knownVariance);
  }
}

/**
 * The known background component of a bin's background as the fitters use it: its expectation (0 if the
 * bin has none) and σ, with σ below FIXED_SIGMA_BELOW events counted as 0 (fixed), exactly as the
 * compiled model and the single-bin kernel do. Toy generators draw a centre only where σ > 0.
 */
export function knownComponent(bg: BackgroundSpec): { readonly expected: number; readonly sigma: number } {
  const known = bg.kind === 'measured' ? bg.known : bg;
  const sigma = known?.sigma ?? 0;
  return { expected: known?.expected ?? 0, sigma: sigma >= FIXED_SIGMA_BELOW ? sigma : 0 };
}
