import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { regularizedGammaQ } from './chiSquareTail.js';

/**
 * Asymptotic (large-sample) null distributions of the bounded profile-likelihood-ratio statistics,
 * following G. Cowan, K. Cranmer, E. Gross, O. Vitells, "Asymptotic formulae for likelihood-based
 * tests of new physics", Eur. Phys. J. C 71 (2011) 1554, arXiv:1007.1727 (cited as CCGV below).
 *
 * P-VALUE CONVENTION AT THE POINT MASS. The one-sided statistics have a probability ½ of being
 * exactly 0. Like pyhf (`AsymptoticTestStatDistribution.pvalue`) and RooStats
 * (`AsymptoticCalculator`), the p-value is computed from the continuous part only,
 * p = 1 − Φ(√q), so q = 0 gives p = 0.5 (not 1). The same rule (a point mass is never counted as
 * "at least as extreme") is used for the two-boundary t̃ distribution below, so a boundary test and
 * t̃ at the boundary agree.
 *
 * All tails are evaluated directly (Φ(−x), upper regularised Γ), never as 1 − CDF, so p-values down
 * to ~1e-300 keep their relative accuracy.
 */

/** Standard normal CDF Φ(x). */
export function stdNormalCdf(x: number): number {
  return normalCdf(x, 0, 1);
}

/**
 * Significance Z = Φ⁻¹(1 − p) (CCGV Eq. 2). stdlib's normal quantile evaluates erfinv(2p − 1) and
 * loses all accuracy below p ≈ 1e-16 (it returns −∞ at p = 1e-17), so for small p the quantile is
 * found by Newton's method on ln Φ(−Z) = ln p (Φ itself is accurate far into the tail), started from
 * the leading terms of the Mills-ratio expansion Z² ≈ −2 ln p − ln(−2 ln p) − ln 2π.
 * p = 0 gives +∞, p = 1 gives −∞; NaN outside [0, 1].
 */
export function significance(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return Infinity;
  if (p === 1) return -Infinity;
  if (p > 1e-10) return -normalQuantile(p, 0, 1);
  const lnp = Math.log(p);
  const l = -2 * lnp;
  let z = Math.sqrt(Math.max(l - Math.log(l) - Math.log(2 * Math.PI), 1));
  for (let it = 0; it < 50; it++) {
    const tail = normalCdf(-z, 0, 1);
    if (!(tail > 0)) break;
    const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    // f(z) = ln Φ(−z) − ln p,  f′(z) = −φ(z)/Φ(−z)
    const step = (Math.log(tail) - lnp) / (phi / tail);
    z += step;
    if (Math.abs(step) <= 1e-14 * z) break;
  }
  return z;
}

/**
 * p-value of a one-sided boundary statistic (q0 or q1) under the Chernoff null ½δ(0) + ½χ²₁
 * (CCGV Eq. 52–53 for q0; H. Chernoff, Ann. Math. Stat. 25 (1954) 573): p = 1 − Φ(√q) = Φ(−√q).
 * q = 0 gives 0.5 (convention above). q < 0 or NaN gives NaN.
 */
export function pValueHalfChiSquare(q: number): number {
  if (!(q >= 0)) return NaN;
  return normalCdf(-Math.sqrt(q), 0, 1);
}

/**
 * Asymptotic p-value of t̃(poi0) for poi bounded to [0, 1] (generalises CCGV Eq. 45–46 to two
 * boundaries).
 *
 * In the Wald approximation the unbounded estimator is p̂ ~ N(poi0, σ²); write u = (p̂ − poi0)/σ,
 * L = −poi0/σ ≤ 0 and U = (1 − poi0)/σ ≥ 0 for the boundaries in σ units. With −2 ln L(poi) =
 * (poi − p̂)²/σ² + const, the bounded statistic is
 *
 *   t̃ = u²              for L ≤ u ≤ U,
 *   t̃ = 2uU − U²        for u > U   (p̂ clipped to 1),
 *   t̃ = 2uL − L²        for u < L   (p̂ clipped to 0; this branch is CCGV Eq. 43),
 *
 * monotone on each side of u = 0, so P(t̃ ≥ t) = [1 − Φ(u₊)] + Φ(u₋) with
 *
 *   u₊ = √t if t ≤ U², else (t + U²)/(2U);     u₋ = −√t if t ≤ L², else −(t + L²)/(2|L|).
 *
 * For U → ∞ this is exactly CCGV Eq. 46 (F = Φ(√t) + Φ((t + μ²/σ²)/(2μ/σ)) − 1 for t > μ²/σ²).
 * At a boundary (poi0 = 0 ⇒ L = 0, or poi0 = 1 ⇒ U = 0) that side maps onto the point mass t̃ = 0
 * and contributes nothing (convention above), giving the Chernoff p = Φ(−√t) for t ≤ U² (resp. L²).
 *
 * σ is the standard deviation of p̂ under poi0 (see `poiSigma`). When the Asimov dataset carries no
 * information on poi (σ = ∞, e.g. after a downward fluctuation has driven the conditional signal
 * normalisation to 0), the boundary corrections are undefined and the plain χ²₁ p-value of t̃ is
 * returned instead — never p = 1 for data that the statistic itself rejects.
 */
export function pValueTildeT(t: number, poi0: number, sigma: number): number {
  if (!(t >= 0) || !(sigma > 0) || !(poi0 >= 0 && poi0 <= 1)) return NaN;
  if (sigma === Infinity) return chiSquareSurvival(t, 1);
  const L = -poi0 / sigma;
  const U = (1 - poi0) / sigma;
  let p = 0;
  if (U > 0) {
    const up = t <= U * U ? Math.sqrt(t) : (t + U * U) / (2 * U);
    p += normalCdf(-up, 0, 1);
  }
  if (L < 0) {
    const um = t <= L * L ? -Math.sqrt(t) : -(t + L * L) / (-2 * L);
    p += normalCdf(um, 0, 1);
  }
  return p > 1 ? 1 : p;
}

/** Largest number of degrees of freedom for which stdlib's gammainc is used (see below). */
export const CHI_SQUARE_MAX_DOF = 2000;

/**
 * Upper tail of χ²_k at x, Q(k/2, x/2) (upper regularised incomplete gamma), any k > 0.
 *
 * @stdlib/math-base-special-gammainc 0.3.1 is accurate to ~1e-14 for shape a ≤ 1000 but off by ~1 %
 * (absolute) near x ≈ a for a > 1000 (pinned in asymptotics.test.ts; the same defect makes
 * @stdlib/stats-base-dists-poisson-cdf wrong for means above 1000). Above k = 2000 the log-space
 * series/continued fraction of chiSquareTail.ts is used (checked against mpmath to 1e-14).
 */
export function chiSquareSurvival(x: number, k: number): number {
  if (!(x >= 0) || !(k > 0)) return NaN;
  if (x === 0) return 1;
  if (k > CHI_SQUARE_MAX_DOF) return regularizedGammaQ(k / 2, x / 2);
  return gammainc(x / 2, k / 2, true, true);
}

/**
 * p-value of the chi-bar-squared distribution χ̄²(k) = Σ_{j=0}^{k} C(k, j)/2^k · χ²_j, the asymptotic
 * null distribution of the likelihood ratio for k parameters each bounded on one side with the null at
 * the boundary of every one (the orthant case) and an identity (diagonal) Fisher information:
 * H. Chernoff, Ann. Math. Stat. 25 (1954) 573; S.G. Self, K.-Y. Liang, JASA 82 (1987) 605, Case 5;
 * M.J. Silvapulle, P.K. Sen, "Constrained Statistical Inference" (Wiley 2005), §3.4.
 *
 *   p(Λ) = Σ_{j=1}^{k} C(k, j) 2^{−k} · P(χ²_j ≥ Λ)
 *
 * The j = 0 term (a point mass at Λ = 0) never contributes (convention above), so Λ = 0 gives
 * 1 − 2^{−k}; k = 1 reduces to pValueHalfChiSquare. With correlated estimators (shared nuisance
 * parameters profiled) the exact weights are orthant probabilities of the correlation matrix;
 * the binomial weights are then an approximation.
 */
export function chiBarSquarePValue(lambda: number, k: number): number {
  if (!(lambda >= 0) || !Number.isInteger(k) || k < 1) return NaN;
  const lnHalfK = -k * Math.LN2;
  const lnKFact = gammaln(k + 1);
  let p = 0;
  for (let j = 1; j <= k; j++) {
    const w = Math.exp(lnKFact - gammaln(j + 1) - gammaln(k - j + 1) + lnHalfK);
    if (w > 0) p += w * chiSquareSurvival(lambda, j); // far from j = k/2 the weight underflows
  }
  return p > 1 ? 1 : p;
}

/**
 * Šidák correction for the look-elsewhere effect: the global p-value of the smallest of k local
 * p-values, p_global = 1 − (1 − p_local)^k, exact if the k local tests are independent
 * (Z. Šidák, JASA 62 (1967) 626). Evaluated as −expm1(k·log1p(−p)) to keep small p accurate.
 */
export function sidakGlobalPValue(pLocal: number, k: number): number {
  if (!(pLocal >= 0 && pLocal <= 1) || !(k >= 1)) return NaN;
  if (pLocal === 1) return 1;
  return -Math.expm1(k * Math.log1p(-pLocal));
}
