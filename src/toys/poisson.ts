import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * Poisson variates from a uniform source: sequential inversion for small means and PTRS
 * (W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993) 39, algorithm PTRS) for mean ≥ {@link PTRS_MIN_MEAN}.
 * This is the split NumPy uses (`random_poisson`: multiplication below 10, PTRS above).
 *
 * WHY NOT @stdlib/random-base-poisson. It is driven by our seeded stream just as well, but below a
 * mean of 30 it uses Knuth's multiplication method with exp(−λ) re-evaluated in every loop pass.
 * Measured with the seedrandom `alea` stream (node 20, one core): 0.67 M/s at λ = 25 and 1.6 M/s at
 * λ = 10, against 10–11 M/s for the inversion/PTRS pair here (PTRS: 13–16 M/s for λ ≥ 25; stdlib's
 * own PTRS above 30: 7–11 M/s). Toys of the COHERENT bins draw means of 1–100, exactly the slow range,
 * so the sampler decides the toy rate there. The distribution is checked against the Poisson pmf
 * (mean, variance, χ² goodness of fit) in test/toys/poisson.test.ts.
 *
 * Kernel policy (STYLE.md P7): no throws. mean = 0 gives 0; a negative or NaN mean gives NaN;
 * +∞ gives NaN.
 */

/** Means at or above this use PTRS (Hörmann requires λ ≥ 10), below it inversion. */
export const PTRS_MIN_MEAN = 10;

/** Safety cap of the inversion search (P(k > 200 | λ < 10) < 1e-200). */
const INVERSION_CAP = 200;

/**
 * Sequential-search inversion: the smallest k with F(k) ≥ u, F the Poisson CDF (L. Devroye,
 * "Non-Uniform Random Variate Generation", Springer 1986, §X.3.2). One uniform, ≈ λ + 1 steps.
 * With a 32-bit uniform, outcomes of probability below 2⁻³² ≈ 2.3e-10 are not resolved; for λ < 10
 * that is only the far tail (k ≳ 30).
 */
export function poissonInversion(u: number, mean: number): number {
  let p = Math.exp(-mean);
  let cdf = p;
  let k = 0;
  while (u > cdf && k < INVERSION_CAP) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/**
 * PTRS, "Poisson transformed rejection with squeeze" (Hörmann 1993, Table 1, with NumPy's constants
 * 0.43 and the log-space acceptance test), for mean ≥ 10. Uses two uniforms per trial; the
 * acceptance rate is ≈ 0.9 and the squeeze accepts ≈ 86 % of trials without a logarithm.
 */
export function poissonPtrs(next: () => number, mean: number): number {
  const sq = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sq;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = next() - 0.5;
    const v = next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    // log(v) = −∞ (v = 0) accepts, as it should: the test is v·α/(a/us² + b) ≤ p(k)/p_max.
    if (
      Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
      -mean + k * logMean - gammaln(k + 1)
    ) {
      return k;
    }
  }
}

/** One Poisson variate of the given mean from the uniform source `next` (see the module comment). */
export function poissonVariate(next: () => number, mean: number): number {
  if (mean < PTRS_MIN_MEAN) {
    if (mean > 0) return poissonInversion(next(), mean);
    return mean === 0 ? 0 : NaN;
  }
  if (!(mean < Infinity)) return NaN;
  return poissonPtrs(next, mean);
}
