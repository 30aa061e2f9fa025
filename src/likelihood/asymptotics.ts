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
 * p-value of a one-sided boundary statistic under the Chernoff null ½δ(0) + ½χ²₁ (CCGV Eq. 52–53 for
 * q0; H. Chernoff, Ann. Math. Stat. 25 (1954) 573): p = 1 − Φ(√q) = Φ(−√q). q = 0 gives 0.5
 * (convention above). q < 0 or NaN gives NaN.
 *
 * This is the null distribution of q1 or q0 only while the data stay away from the FAR boundary of
 * [0, 1]; the boundary tests use `pValueTildeTBranches`, which reduces to this for q below the far
 * branch point.
 */
export function pValueHalfChiSquare(q: number): number {
  if (!(q >= 0)) return NaN;
  return normalCdf(-Math.sqrt(q), 0, 1);
}

/**
 * Where the asymptotic t̃(poi0) leaves its quadratic branch on each side (see `pValueTildeTBranches`):
 * `lower` is the value t̃(poi0) takes when p̂oi sits exactly at 0, `upper` when it sits exactly at 1.
 * In the Wald approximation lower = (poi0/σ)² and upper = ((1 − poi0)/σ)²; a side that does not exist
 * (poi0 = 0 has no lower side, poi0 = 1 no upper side) is ignored.
 */
export interface TildeTBranchPoints {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Branch points at or below this (the resolution of a fitted t̃, as toys' T_ZERO) mean that the data
 * carry no information on that side; the side is then treated as unbounded (Φ(−√t)), never as an
 * infinitely steep linear branch that would turn fit round-off into a small p-value.
 */
export const NO_INFORMATION_T = 1e-8;

/** P(one side of t̃ ≥ t): Φ(−√t) on the quadratic branch, Φ(−(t + c)/(2√c)) beyond it. */
function sideTail(t: number, c: number): number {
  return normalCdf(-boundaryZ(t, c), 0, 1);
}

/**
 * Asymptotic p-value of t̃(poi0) for poi bounded to [0, 1], both boundaries taken into account
 * (generalises CCGV Eq. 45–46 and Eq. 65–66 to two boundaries).
 *
 * DERIVATION (Wald approximation). The unbounded estimator is p̂ ~ N(poi0, σ²) and
 * −2 ln L(poi) = (poi − p̂)²/σ² + const. With u = (p̂ − poi0)/σ ~ N(0, 1) and the branch points
 * c₋ = (poi0/σ)², c₊ = ((1 − poi0)/σ)² (the boundaries are √c₋ and √c₊ standard deviations away),
 * the bounded statistic is
 *
 *   t̃ = u²                for −√c₋ ≤ u ≤ √c₊,
 *   t̃ = 2u√c₊ − c₊        for u > √c₊    (p̂ clipped to 1),
 *   t̃ = −2u√c₋ − c₋       for u < −√c₋   (p̂ clipped to 0; CCGV Eq. 43).
 *
 * t̃ is continuous with a continuous slope, increasing in |u| on each side, so P(t̃ ≥ t) is the sum of
 * the two side tails P(u ≥ u₊(t)) + P(u ≤ −u₋(t)) with
 *
 *   u±(t) = √t                  for t ≤ c±   (quadratic branch),
 *   u±(t) = (t + c±)/(2√c±)     for t > c±   (linear branch; (t + c)/(2√c) ≥ √t by AM–GM).
 *
 * THE ONE-SIDED BOUNDARY TESTS. At poi0 = 1 there is no upper side and q1 = t̃(1) has the null
 * distribution ½δ(0) + [P(q1 ≥ q) = Φ(−√q) for q ≤ c, Φ(−(q + c)/(2√c)) for q > c] with c = c₋ =
 * 1/σ²; at poi0 = 0 the same for q0 with c = c₊. This is CCGV Eq. 66 (the q̃_μ of an upper limit,
 * whose μ̂ is bounded at 0 and whose test of μ = 1 sees that bound as its far boundary) and what
 * pyhf's `AsymptoticCalculator` evaluates for `qtilde`, (q − q_A)/(2√q_A) + √q_A = (q + q_A)/(2√q_A)
 * with q_A the statistic on the Asimov data at the far boundary. In both branches Z = −u exactly:
 * the p-value is that of the UNBOUNDED estimator, Φ((p̂ − 1)/σ) for q1. The plain ½δ + ½χ²₁ reading
 * Φ(−√q) treats the linear branch as if it were quadratic and overstates p there: for COHERENT Ar
 * 2020 bin 4 without systematics (σ ≈ 33 from Asimov, c ≈ 9.2e-4, q1 = 0.123, p̂ clipped at 0)
 * √q = 0.35 gives p = 0.363, while u = −(q + c)/(2√c) = −2.04 gives p = 0.0207 (pyhf 0.0207,
 * toys 0.0203 ± 0.0004): p̂ ≈ 1 − 2.04·33 ≈ −66 lies two standard deviations below α = 1, which the
 * clipped p̂ = 0 hides from q but not from its distribution.
 *
 * σ FROM ASIMOV. The branch points are passed directly, so the caller decides how they are estimated;
 * the tests of the likelihood layer (testStatistics.ts `tildeTBranchPoints`) take each as the value of
 * t̃(poi0) on the Asimov dataset at that boundary (CCGV Eq. 32, σ² = (poi0 − poi′)²/q_A with the
 * Asimov data at poi′ = 0 or 1), which places the switch to the linear branch exactly where p̂ reaches
 * the boundary even when σ depends on poi.
 *
 * A side with branch point ≤ {@link NO_INFORMATION_T} (no information) is taken as unbounded. At the
 * point mass t̃ = 0 a side contributes Φ(0) = ½ (convention above), so t = 0 gives 1 in the interior
 * and 0.5 at a boundary.
 */
export function pValueTildeTBranches(t: number, poi0: number, branch: TildeTBranchPoints): number {
  if (!(t >= 0) || !(poi0 >= 0 && poi0 <= 1)) return NaN;
  if (Number.isNaN(branch.lower) || Number.isNaN(branch.upper)) return NaN;
  let p = 0;
  if (poi0 > 0) p += sideTail(t, branch.lower);
  if (poi0 < 1) p += sideTail(t, branch.upper);
  return p > 1 ? 1 : p;
}

/**
 * Significance of a one-sided boundary test with far branch point c (q1 with c = lower, q0 with
 * c = upper): Z = √q on the quadratic branch and (q + c)/(2√c) beyond it, so that
 * p = Φ(−Z) = `pValueTildeTBranches` (q = 0 gives Z = 0, p = 0.5). Computed directly, so Z stays
 * finite where p underflows. NaN for q < 0 or NaN.
 */
export function boundaryZ(q: number, c: number): number {
  if (!(q >= 0) || Number.isNaN(c)) return NaN;
  if (!(c > NO_INFORMATION_T) || q <= c) return Math.sqrt(q);
  return (q + c) / (2 * Math.sqrt(c));
}

/**
 * `pValueTildeTBranches` with the Wald branch points of one σ: c₋ = (poi0/σ)², c₊ = ((1 − poi0)/σ)².
 * For σ = ∞ (the Asimov data carry no information on poi) both sides count as unbounded, so the
 * interior gives the plain χ²₁ p-value — never p = 1 for data that the statistic itself rejects.
 */
export function pValueTildeT(t: number, poi0: number, sigma: number): number {
  if (!(sigma > 0)) return NaN;
  return pValueTildeTBranches(t, poi0, { lower: (poi0 / sigma) ** 2, upper: ((1 - poi0) / sigma) ** 2 });
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
