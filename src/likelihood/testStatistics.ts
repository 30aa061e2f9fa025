import { pValueHalfChiSquare, pValueTildeT, significance } from './asymptotics.js';
import type { PoiFit, PoiLikelihood } from './types.js';
import { validatePoi } from './validate.js';

/**
 * Profile-likelihood-ratio test statistics for a poi bounded to [0, 1], after G. Cowan, K. Cranmer,
 * E. Gross, O. Vitells, Eur. Phys. J. C 71 (2011) 1554, arXiv:1007.1727 (CCGV):
 *
 *   t̃(poi0) = −2 ln[ L(poi0, θ̂̂(poi0)) / L(p̂oi, θ̂) ],   p̂oi ∈ [0, 1]
 *
 * (CCGV Eq. 11, with the physical bound at 1 added to the bound at 0). Since NLL is stored in the
 * saturated form, t̃ = 2·[NLL_cond − NLL_uncond]; it is clipped at 0 against rounding.
 *
 * The one-sided boundary tests are t̃ at a boundary:
 * - q1 = t̃(1): "poi = 1" against "poi < 1" (p̂oi ≤ 1 always, so q1 = 0 whenever p̂oi = 1);
 * - q0 = t̃(0): "poi = 0" against "poi > 0" (CCGV Eq. 12 with the same clipping at p̂oi = 0).
 */
export interface TildeT {
  readonly poi0: number;
  readonly t: number;
  readonly conditional: PoiFit;
  readonly unconditional: PoiFit;
}

export function tildeT(lik: PoiLikelihood, poi0: number): TildeT {
  validatePoi(poi0, 'poi0');
  const unconditional = lik.fitUnconditional();
  const conditional = lik.fitConditional(poi0);
  const d = conditional.nll - unconditional.nll;
  const t = d > 0 ? 2 * d : 0;
  return { poi0, t: Number.isNaN(d) ? NaN : t, conditional, unconditional };
}

/** Step for the Asimov curvature (poi units); NLL_A changes by ~δ²/(2σ²) ≫ fit tolerance. */
const SIGMA_STEP = 1e-3;

/**
 * σ of p̂oi under the hypothesis poi0, from the Asimov dataset at poi0 (CCGV §3.2, Eqs. 30–32):
 * on Asimov data the NLL is 0 at poi0 and −2 ln λ_A(poi) ≈ (poi − poi0)²/σ², so with δ = 1e-3
 *
 *   σ² = 2δ² / (q_A(poi0 + δ) + q_A(poi0 − δ))       (one side only next to a boundary),
 *
 * a symmetric difference that averages the two curvatures of an asymmetric-σ Gaussian model. This is
 * the profiled inverse Fisher information at poi0 (the "Hessian of the Asimov dataset"). Returns +∞
 * when the likelihood does not depend on poi.
 */
export function poiSigma(lik: PoiLikelihood, poi0: number): number {
  validatePoi(poi0, 'poi0');
  const pois = [poi0];
  if (poi0 + SIGMA_STEP <= 1) pois.push(poi0 + SIGMA_STEP);
  if (poi0 - SIGMA_STEP >= 0) pois.push(poi0 - SIGMA_STEP);
  let nlls: number[];
  if (lik.asimovNlls) nlls = lik.asimovNlls(poi0, pois);
  else {
    const asimov = lik.asimov(poi0);
    nlls = pois.map((p) => asimov.fitConditional(p).nll);
  }
  const base = nlls[0]!;
  let sumQ = 0;
  for (let k = 1; k < nlls.length; k++) sumQ += 2 * (nlls[k]! - base);
  const sides = nlls.length - 1;
  if (!(sumQ > 0)) return Infinity;
  return SIGMA_STEP * Math.sqrt(sides / sumQ);
}

export interface PoiTestResult {
  readonly poi0: number;
  readonly t: number;
  readonly poiHat: number;
  /** σ of p̂oi under poi0 (Asimov), used for the boundary corrections. */
  readonly sigma: number;
  readonly pValue: number;
  readonly z: number;
}

/**
 * Two-sided test of poi = poi0 with t̃(poi0) and the two-boundary asymptotic distribution
 * (`pValueTildeT`). This is the test inverted by `poiInterval`.
 */
export function testPoi(lik: PoiLikelihood, poi0: number): PoiTestResult {
  const tt = tildeT(lik, poi0);
  const sigma = poiSigma(lik, poi0);
  const pValue = pValueTildeT(tt.t, poi0, sigma);
  return { poi0, t: tt.t, poiHat: tt.unconditional.poi, sigma, pValue, z: significance(pValue) };
}

/**
 * Null distribution used for a boundary test:
 * - `half-chi2` (default): ½δ(0) + ½χ²₁, p = Φ(−√q) (CCGV Eqs. 49–53; what pyhf and RooStats use);
 * - `two-boundary`: the same with the far boundary of [0, 1] taken into account (`pValueTildeT` at
 *   poi0 = 0 or 1, σ from Asimov). It differs only for q above (1/σ)², where it is smaller.
 */
export type BoundaryDistribution = 'half-chi2' | 'two-boundary';

export interface BoundaryTestResult {
  /** The tested hypothesis: 1 ("poi = 1" vs "poi < 1") or 0 ("poi = 0" vs "poi > 0"). */
  readonly boundary: 0 | 1;
  /** q1 = t̃(1) or q0 = t̃(0). */
  readonly q: number;
  readonly poiHat: number;
  readonly pValue: number;
  readonly z: number;
  readonly distribution: BoundaryDistribution;
  readonly conditional: PoiFit;
  readonly unconditional: PoiFit;
}

/**
 * One-sided test of a boundary value: boundary = 1 tests poi = 1 against poi < 1 (q1 = t̃(1)),
 * boundary = 0 tests poi = 0 against poi > 0 (q0 = t̃(0)). q = 0 gives p = 0.5 (asymptotics.ts).
 */
export function boundaryTest(
  lik: PoiLikelihood,
  boundary: 0 | 1,
  options: { readonly distribution?: BoundaryDistribution } = {},
): BoundaryTestResult {
  const distribution = options.distribution ?? 'half-chi2';
  const tt = tildeT(lik, boundary);
  const pValue =
    distribution === 'half-chi2'
      ? pValueHalfChiSquare(tt.t)
      : pValueTildeT(tt.t, boundary, poiSigma(lik, boundary));
  return {
    boundary,
    q: tt.t,
    poiHat: tt.unconditional.poi,
    pValue,
    z: significance(pValue),
    distribution,
    conditional: tt.conditional,
    unconditional: tt.unconditional,
  };
}
