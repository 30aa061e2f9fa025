/**
 * Per-observation terms of the negative log-likelihood, written relative to the saturated model.
 *
 * For a Poisson count n with expectation μ the term is
 *
 *   d(n, μ) = −ln P(n | μ) + ln P(n | n) = μ − n + n·ln(n/μ),      with 0·ln 0 = 0,
 *
 * i.e. half of the Baker–Cousins likelihood χ² (S. Baker, R.D. Cousins, NIM 221 (1984) 437, Eq. 9).
 * It is ≥ 0, zero exactly when μ = n, and free of the ln n! constant, so sums over many bins stay
 * well conditioned. Differences of these terms between two hypotheses are exactly differences of
 * −ln L, so every likelihood ratio is unchanged.
 *
 * Numerics: with x = (μ − n)/n the term is n·(x − ln(1 + x)); near the minimum (|x| < 0.01, i.e.
 * large counts close to their expectation) x − log1p(x) is summed as its series x²/2 − x³/3 + …, since
 * the difference of two O(x) numbers would keep only ~|log10 x| fewer digits. n = 0 gives d = μ; μ → 0 with n > 0 gives +∞.
 * Kernel policy (STYLE.md P7): no throws; outside the domain (n < 0, μ < 0, NaN) the result is NaN.
 */
/** x − ln(1 + x), by its alternating series for |x| < 0.01 (terms to x⁹: truncation < 1e-20 relative). */
function xMinusLog1p(x: number): number {
  if (Math.abs(x) >= 0.01) return x - Math.log1p(x);
  // x²/2 − x³/3 + x⁴/4 − … = x²·Σ_{k≥0} (−x)^k/(k+2), Horner form
  return (
    x *
    x *
    (1 / 2 +
      x * (-1 / 3 + x * (1 / 4 + x * (-1 / 5 + x * (1 / 6 + x * (-1 / 7 + x * (1 / 8 + x * (-1 / 9))))))))
  );
}

export function poissonDeviance(n: number, mu: number): number {
  if (n === 0) return mu >= 0 ? mu : NaN;
  if (!(n > 0) || !(mu >= 0)) return NaN;
  if (mu === 0) return Infinity;
  const x = (mu - n) / n;
  const d = n * xMinusLog1p(x);
  // x − log1p(x) ≥ 0 mathematically; guard the last ulp so NLL ≥ 0 holds in floating point too.
  return d > 0 ? d : 0;
}

/**
 * Gaussian term for a value x measured with uncertainty σ and predicted as p: (p − x)²/(2σ²).
 * It is −ln N(x | p, σ) up to the p-independent constant ln(σ√(2π)), so it is ≥ 0 and zero at p = x.
 */
export function gaussianDeviance(x: number, prediction: number, sigma: number): number {
  const r = (prediction - x) / sigma;
  return 0.5 * r * r;
}

/**
 * Asymmetric-uncertainty Gaussian term ("switching σ", R. Barlow, arXiv:physics/0406120, §2):
 * σ = σ_hi when the prediction lies ABOVE the measurement (p > x) and σ = σ_lo when it lies below.
 * The term is continuous with a continuous first derivative at p = x; its curvature jumps there.
 */
export function asymmetricGaussianDeviance(
  x: number,
  prediction: number,
  sigmaLo: number,
  sigmaHi: number,
): number {
  return gaussianDeviance(x, prediction, prediction > x ? sigmaHi : sigmaLo);
}
