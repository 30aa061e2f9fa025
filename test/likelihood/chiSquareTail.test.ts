import { describe, expect, test } from 'vitest';
import {
  chiBarSquarePValue,
  chiSquareSurvival,
  logChiSquareSurvival,
  logRegularizedGammaQ,
  regularizedGammaQ,
} from '../../src/likelihood/index.js';
import reference from './chiSquareTail.reference.json' with { type: 'json' };

describe('regularised upper incomplete gamma Q(a, x) in log space (chiSquareTail.ts)', () => {
  // Reference: mpmath 1.3.0 at 50 significant digits (scripts/chi-square-reference.py), 20 digits kept.
  // a from 0.5 to 2.5e5, x from 8σ below the mode to ln Q ≈ −2e4. Tolerance 1e-12 on ln Q relative to
  // max(1, |ln Q|), i.e. 1e-12 relative on Q where it is representable: the prefactor and the series /
  // continued fraction are accurate to a few ulp times the O(√a) terms summed (measured worst 7e-15).
  test.each(reference.rows)('a = $a, x = $x', ({ a, x, lnQ }) => {
    const want = Number(lnQ);
    const got = logRegularizedGammaQ(a, x);
    expect(Math.abs(got - want) / Math.max(1, Math.abs(want))).toBeLessThan(1e-12);
  });

  test('exact identity for integer a: Q(a, x) = e^{−x} Σ_{j<a} x^j/j! (Poisson CDF), a = 3000', () => {
    // Summed in log space relative to the largest term; all terms positive, so no cancellation.
    const a = 3000;
    for (const x of [2800, 3000, 3300]) {
      const logs = Array.from({ length: a }, (_, j) => j * Math.log(x) - x - lgamma(j + 1));
      const m = Math.max(...logs);
      const direct = m + Math.log(logs.reduce((s, l) => s + Math.exp(l - m), 0));
      // lgamma below is Stirling with 5 terms (error < 1e-15 for j ≥ 10): the sum is good to ~1e-12.
      expect(Math.abs(logRegularizedGammaQ(a, x) - direct)).toBeLessThan(1e-10);
    }
  });

  test('domain: NaN outside, Q(a, 0) = 1, Q(a, ∞) = 0', () => {
    expect(logRegularizedGammaQ(-1, 2)).toBeNaN();
    expect(logRegularizedGammaQ(2, -1)).toBeNaN();
    expect(logRegularizedGammaQ(2, NaN)).toBeNaN();
    expect(regularizedGammaQ(5, 0)).toBe(1);
    expect(regularizedGammaQ(5, Infinity)).toBe(0);
    expect(logChiSquareSurvival(1, -3)).toBeNaN();
  });
});

describe('χ² and χ̄² p-values for thousands of degrees of freedom (issue item 8)', () => {
  test('chiSquareSurvival is finite and monotone for k = 2001 … 10⁵, never NaN', () => {
    for (const k of [2001, 2500, 10_000, 100_000]) {
      const ps = [0.5, 0.9, 1, 1.1, 1.5].map((f) => chiSquareSurvival(f * k, k));
      for (const p of ps) expect(Number.isFinite(p)).toBe(true);
      for (let i = 1; i < ps.length; i++) expect(ps[i]!).toBeLessThanOrEqual(ps[i - 1]!);
      expect(ps[4]!).toBeLessThan(ps[2]!);
      // Mean k, σ = √(2k): at the mean Q ≈ ½ + O(1/√k) (the χ² median lies below its mean).
      expect(Math.abs(ps[2]! - 0.5)).toBeLessThan(0.02);
    }
  });

  test('chiBarSquarePValue with 2500 bins is a probability, decreasing in Λ', () => {
    const ps = [500, 1250, 2000, 3000, 5000].map((l) => chiBarSquarePValue(l, 2500));
    for (const p of ps) expect(p >= 0 && p <= 1).toBe(true);
    for (let i = 1; i < ps.length; i++) expect(ps[i]!).toBeLessThanOrEqual(ps[i - 1]!);
    // χ̄²(k) has mean k/2; far above it the p-value is tiny but positive.
    expect(ps[3]!).toBeGreaterThan(0);
    expect(ps[3]!).toBeLessThan(1e-50);
  });
});

/** ln Γ(n) by Stirling's series (n ≥ 10) or directly: reference arithmetic of the identity test. */
function lgamma(n: number): number {
  if (n < 10) {
    let f = 1;
    for (let i = 2; i < n; i++) f *= i;
    return Math.log(f);
  }
  const r = 1 / n;
  return (
    (n - 0.5) * Math.log(n) -
    n +
    0.5 * Math.log(2 * Math.PI) +
    r * (1 / 12 - r * r * (1 / 360 - (r * r) / 1260))
  );
}
