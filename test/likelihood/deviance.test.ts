import poissonPmf from '@stdlib/stats-base-dists-poisson-pmf';
import { describe, expect, test } from 'vitest';
import { asymmetricGaussianDeviance, gaussianDeviance, poissonDeviance } from '../../src/likelihood/index.js';
import { relDiff } from './helpers.js';

describe('poissonDeviance d(n, μ) = μ − n + n ln(n/μ)', () => {
  // Reference: −ln P(n|μ) + ln P(n|n) from stdlib's Poisson pmf. Tolerance 1e-9 relative: the
  // reference is a difference of two logs of pmfs each accurate to ~1e-15 relative, and the
  // difference is smallest (≈0.5) at these points, so 1e-9 leaves a wide margin.
  test.for([
    [1, 0.5],
    [3, 7.2],
    [10, 10.5],
    [25, 9],
    [100, 130],
    [7, 0.01],
  ])('n = %d, μ = %d matches −ln[P(n|μ)/P(n|n)] from the exact pmf', ([n, mu]) => {
    const ref =
      -Math.log(poissonPmf(n as number, mu as number)) + Math.log(poissonPmf(n as number, n as number));
    expect(relDiff(poissonDeviance(n as number, mu as number), ref)).toBeLessThan(1e-9);
  });

  test('n = 0 gives μ (the 0·ln 0 = 0 limit), also μ = 0', () => {
    expect(poissonDeviance(0, 3.5)).toBe(3.5);
    expect(poissonDeviance(0, 0)).toBe(0);
  });

  test('μ → 0 with n > 0 is +∞, not NaN', () => {
    expect(poissonDeviance(4, 0)).toBe(Infinity);
    expect(poissonDeviance(4, 1e-300)).toBeGreaterThan(1e3);
  });

  test('accurate and ≥ 0 next to the minimum (log1p form): d ≈ n x²/2 for μ = n(1 + x)', () => {
    // Series: n(x − ln(1+x)) = n(x²/2 − x³/3 + …); for x = 1e-6 the cubic term is 7e-7 relative.
    for (const n of [1, 50, 1e6]) {
      const x = 1e-6;
      expect(relDiff(poissonDeviance(n, n * (1 + x)), (n * x * x) / 2)).toBeLessThan(1e-5);
      expect(poissonDeviance(n, n)).toBe(0);
      expect(poissonDeviance(n, n * (1 + 1e-15))).toBeGreaterThanOrEqual(0);
    }
  });

  test('kernel policy: NaN outside the domain, never a throw', () => {
    expect(poissonDeviance(-1, 2)).toBeNaN();
    expect(poissonDeviance(2, -1)).toBeNaN();
    expect(poissonDeviance(Number.NaN, 2)).toBeNaN();
  });
});

describe('Gaussian terms', () => {
  test('(p − x)²/(2σ²)', () => {
    expect(gaussianDeviance(1, 3, 2)).toBe(0.5);
  });

  test('asymmetric σ: σ_hi when the prediction is above the measurement, σ_lo below', () => {
    expect(asymmetricGaussianDeviance(1, 3, 1, 2)).toBe(0.5); // above: σ_hi = 2
    expect(asymmetricGaussianDeviance(1, -1, 1, 2)).toBe(2); // below: σ_lo = 1
    expect(asymmetricGaussianDeviance(1, 1, 1, 2)).toBe(0);
  });
});

describe('poissonDeviance near its minimum (large counts)', () => {
  test('matches the exact series n·(x²/2 − x³/3 + x⁴/4) for n = 1e9, μ = n(1 + 1e-6), without cancellation', () => {
    // x = 1e-6: the textbook n·ln(n/μ) − (n − μ) keeps ~4 digits here; the series is exact to 1e-20.
    const n = 1e9;
    const x = 1e-6;
    const expected = n * ((x * x) / 2 - (x * x * x) / 3 + (x * x * x * x) / 4);
    const got = poissonDeviance(n, n * (1 + x));
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-9);
  });
  test('series and log1p branches join continuously at |x| = 0.01', () => {
    for (const x of [0.0099999, 0.01, -0.0099999, -0.01]) {
      const series = poissonDeviance(1, 1 + x);
      const direct = x - Math.log1p(x);
      expect(Math.abs(series - direct) / direct).toBeLessThan(1e-12);
    }
  });
});
