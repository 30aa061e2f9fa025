import { describe, expect, test } from 'vitest';
import { countingLikelihood, gaussianLikelihood, poiInterval, tildeT } from '../../src/likelihood/index.js';
import type { GaussianBin } from '../../src/likelihood/index.js';

describe('Gaussian ξ ± σ likelihood', () => {
  test('single bin: p̂oi = (x − x0)/(x1 − x0), t̃ = ((p(poi0) − x)/σ)² exactly', () => {
    const lik = gaussianLikelihood({ bins: [{ measured: 0.6, expected0: 0.2, expected1: 1, sigma: 0.1 }] });
    expect(lik.fitUnconditional().poi).toBeCloseTo(0.5, 14);
    for (const poi0 of [0, 0.3, 1]) {
      const r = (0.2 + 0.8 * poi0 - 0.6) / 0.1;
      expect(tildeT(lik, poi0).t).toBeCloseTo(r * r, 10);
    }
  });

  test('clamping: a measurement beyond the poi = 1 prediction gives p̂oi = 1', () => {
    const lik = gaussianLikelihood({ bins: [{ measured: 1.3, expected0: 0.2, expected1: 1, sigma: 0.1 }] });
    expect(lik.fitUnconditional().poi).toBe(1);
    expect(tildeT(lik, 1).t).toBe(0);
  });

  test('asymmetric σ: σ_hi is used when the prediction is above the measurement, σ_lo below', () => {
    const lik = gaussianLikelihood({
      bins: [{ measured: 0.6, expected0: 0.2, expected1: 1, sigma: { lo: 0.1, hi: 0.2 } }],
    });
    // poi0 = 1: prediction 1.0 above 0.6 → σ_hi = 0.2 → t = (0.4/0.2)² = 4
    expect(tildeT(lik, 1).t).toBeCloseTo(4, 12);
    // poi0 = 0: prediction 0.2 below 0.6 → σ_lo = 0.1 → t = 16
    expect(tildeT(lik, 0).t).toBeCloseTo(16, 12);
  });

  test('several symmetric bins: p̂oi is the inverse-variance weighted least-squares solution', () => {
    const bins: GaussianBin[] = [
      { measured: 0.7, expected0: 0.3, expected1: 0.9, sigma: 0.1 },
      { measured: 0.5, expected0: 0.1, expected1: 0.8, sigma: 0.2 },
      { measured: 0.95, expected0: 0.6, expected1: 1.0, sigma: 0.05 },
    ];
    let num = 0;
    let den = 0;
    for (const b of bins) {
      const d = b.expected1 - b.expected0;
      const s = b.sigma as number;
      num += (d * (b.measured - b.expected0)) / (s * s);
      den += (d * d) / (s * s);
    }
    const lik = gaussianLikelihood({ bins });
    expect(lik.fitUnconditional().poi).toBeCloseTo(num / den, 12);
  });

  test('asymmetric multi-bin fit sits where the piecewise derivative vanishes', () => {
    const lik = gaussianLikelihood({
      bins: [
        { measured: 0.7, expected0: 0.3, expected1: 0.9, sigma: { lo: 0.05, hi: 0.15 } },
        { measured: 0.5, expected0: 0.1, expected1: 0.8, sigma: { lo: 0.3, hi: 0.1 } },
      ],
    });
    const p = lik.fitUnconditional().poi;
    const h = 1e-6;
    // a minimum of a convex function: both neighbours are not lower
    expect(lik.fitConditional(p + h).nll).toBeGreaterThanOrEqual(lik.fitUnconditional().nll);
    expect(lik.fitConditional(p - h).nll).toBeGreaterThanOrEqual(lik.fitUnconditional().nll);
  });

  test('a large-count Poisson bin and its Gaussian approximation give the same interval', () => {
    // n = 10 000 events, known background 2000, signal 6000 → 9000 for poi 0 → 1; p̂oi = 2/3.
    // Gaussian: x = n, σ = √n. The Poisson likelihood is skewed at relative order 1/√n = 1 %, so
    // the interval edges agree to ~1 % of the interval width (tolerance 2 %).
    const counting = countingLikelihood({
      bins: [{ nOn: 10_000, signal0: 6000, signal1: 9000, background: { kind: 'known', expected: 2000 } }],
    });
    const gaussian = gaussianLikelihood({
      bins: [{ measured: 10_000, expected0: 8000, expected1: 11_000, sigma: 100 }],
    });
    for (const cl of [0.6827, 0.9]) {
      const a = poiInterval(counting, { cl });
      const b = poiInterval(gaussian, { cl });
      const width = b.upper - b.lower;
      expect(Math.abs(a.lower - b.lower)).toBeLessThan(0.02 * width);
      expect(Math.abs(a.upper - b.upper)).toBeLessThan(0.02 * width);
      expect(a.poiHat).toBeCloseTo(b.poiHat, 12);
    }
  });

  test('invalid σ is a SpecError naming bin and field', () => {
    expect(() =>
      gaussianLikelihood({ bins: [{ measured: 1, expected0: 0, expected1: 1, sigma: { lo: 0.1, hi: 0 } }] }),
    ).toThrow(/bins\[0\]\.sigma\.hi/);
  });
});
