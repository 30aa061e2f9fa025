import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { describe, expect, test } from 'vitest';
import {
  countingLikelihood,
  gaussianLikelihood,
  poiInterval,
  stdNormalCdf,
} from '../../src/likelihood/index.js';
import type { CountingBin, CountingModel } from '../../src/likelihood/index.js';

const gauss1 = (measured: number, sigma = 0.1) =>
  gaussianLikelihood({ bins: [{ measured, expected0: 0, expected1: 1, sigma }] });

describe('intervals by test inversion', () => {
  test('Δχ² on a Gaussian bin is p̂ ± σ·√(χ²₁ quantile), clipped to [0, 1]', () => {
    // x = poi directly, σ = 0.1: the profile is exactly quadratic, so the edges are closed form.
    for (const cl of [0.6827, 0.9]) {
      const half = 0.1 * Math.sqrt(chisquareQuantile(cl, 1));
      const iv = poiInterval(gauss1(0.5), { cl, method: 'deltaChi2' });
      // Brent to 1e-9 on an exact quadratic: 1e-8
      expect(iv.lower).toBeCloseTo(0.5 - half, 8);
      expect(iv.upper).toBeCloseTo(0.5 + half, 8);
      expect(iv.kind).toBe('two-sided');
    }
  });

  test('far from the boundaries the asymptotic inversion equals Δχ²', () => {
    // σ = 0.02 around 0.5: 25σ to either boundary, the two-boundary p-value is 2Φ(−√t).
    const a = poiInterval(gauss1(0.5, 0.02), { cl: 0.9 });
    const b = poiInterval(gauss1(0.5, 0.02), { cl: 0.9, method: 'deltaChi2' });
    expect(a.lower).toBeCloseTo(b.lower, 7);
    expect(a.upper).toBeCloseTo(b.upper, 7);
  });

  test('p̂oi at 0 gives an upper limit; p̂oi at 1 a lower limit; nearly flat likelihood the whole range', () => {
    const up = poiInterval(gauss1(-0.2), { cl: 0.9 });
    expect(up.poiHat).toBe(0);
    expect(up.lower).toBe(0);
    expect(up.kind).toBe('upper-limit');
    expect(up.upper).toBeGreaterThan(0);
    const low = poiInterval(gauss1(1.3), { cl: 0.9 });
    expect(low.upper).toBe(1);
    expect(low.kind).toBe('lower-limit');
    const all = poiInterval(gauss1(0.5, 10), { cl: 0.6827 });
    expect(all.kind).toBe('whole-range');
  });

  test('Gaussian measurement of a mean bounded to [0, 1]: the asymptotic interval IS the exact Neyman/FC one', () => {
    // For x ~ N(poi, σ) the bounded statistic t̃(poi; x) = [(x − poi)² − (x − clip(x, 0, 1))²]/σ² has
    // exactly the two-boundary distribution, so the asymptotic inversion must reproduce the exact
    // likelihood-ratio-ordered (Feldman–Cousins) interval. The exact one is computed here from the
    // definition alone, with no use of the library's distribution: p(poi) = P_poi(t̃ ≥ t̃_obs) is
    // Φ((a − poi)/σ) + Φ((poi − b)/σ) with a ≤ poi ≤ b the two points where t̃(poi; ·) = t̃_obs
    // (t̃ grows with |x − poi| on each side; found by bisection), and the edges are where
    // p(poi) = 1 − CL (bisection in poi to 1e-12).
    const sigma = 0.12;
    const phi = stdNormalCdf;
    const t = (poi: number, x: number) => {
      const xh = Math.min(1, Math.max(0, x));
      return ((x - poi) ** 2 - (x - xh) ** 2) / sigma ** 2;
    };
    const bisect = (f: (v: number) => number, lo: number, hi: number): number => {
      let a = lo;
      let b = hi;
      for (let i = 0; i < 200 && b - a > 1e-13; i++) {
        const m = 0.5 * (a + b);
        if (f(a) * f(m) <= 0) b = m;
        else a = m;
      }
      return 0.5 * (a + b);
    };
    const exactP = (poi: number, tObs: number): number => {
      if (tObs <= 0) return poi > 0 && poi < 1 ? 1 : 0.5;
      let p = 0;
      // the point mass t̃ = 0 (x beyond the boundary that poi sits on) is never "at least as extreme"
      if (poi < 1) p += phi((poi - bisect((x) => t(poi, x) - tObs, poi, poi + 50 * sigma)) / sigma);
      if (poi > 0) p += phi((bisect((x) => t(poi, x) - tObs, poi - 50 * sigma, poi) - poi) / sigma);
      return p;
    };
    for (const measured of [-0.1, 0.05, 0.3, 0.6, 0.95, 1.2]) {
      for (const cl of [0.6827, 0.9]) {
        const iv = poiInterval(gauss1(measured, sigma), { cl });
        const accept = (poi: number) => exactP(poi, t(poi, measured)) - (1 - cl);
        const xh = Math.min(1, Math.max(0, measured));
        const lower = accept(0) >= 0 ? 0 : bisect(accept, 0, xh);
        const upper = accept(1) >= 0 ? 1 : bisect(accept, xh, 1);
        // the library's edges are refined by Brent to 1e-9 in poi
        expect(Math.abs(iv.lower - lower), `x = ${measured}, CL ${cl}, lower`).toBeLessThan(1e-8);
        expect(Math.abs(iv.upper - upper), `x = ${measured}, CL ${cl}, upper`).toBeLessThan(1e-8);
      }
    }
  });

  test('at the boundary the acceptance is one-sided, as in Feldman–Cousins for a bounded Gaussian mean', () => {
    // Under poi = 0, t̃ ~ ½δ + ½χ²₁, so the 68.27 % acceptance region is t ≤ Φ⁻¹(0.6827)² = 0.2258,
    // i.e. p̂ ≤ 0.475σ — the same edge as the Feldman–Cousins construction for a Gaussian mean bounded
    // at 0 (G.J. Feldman, R.D. Cousins, PRD 57 (1998) 3873, §IV.B). Δχ² (t ≤ 1) keeps poi = 0 longer.
    const justOut = poiInterval(gauss1(0.05)); // p̂ = 0.5σ: poi = 0 rejected, the interval starts just above
    expect(justOut.lower).toBeGreaterThan(0);
    expect(justOut.lower).toBeLessThan(0.01);
    expect(poiInterval(gauss1(0.05), { method: 'deltaChi2' }).lower).toBe(0);
    const justIn = poiInterval(gauss1(0.045)); // p̂ = 0.45σ: accepted, an upper limit
    expect(justIn.lower).toBe(0);
    expect(justIn.kind).toBe('upper-limit');
  });

  test('90 % contains 68.27 %, both contain p̂oi (counting model with nuisances)', () => {
    const lik = countingLikelihood({
      bins: [
        {
          nOn: 30,
          signal0: 5,
          signal1: 20,
          beamBackground: 3,
          background: { kind: 'measured', nOff: 40, tau: 4 },
        },
      ],
      signalNorm: { kind: 'gaussian', sigma: 0.1 },
      beamNorm: { kind: 'gaussian', sigma: 0.2 },
    });
    const a = poiInterval(lik);
    const b = poiInterval(lik, { cl: 0.9 });
    expect(a.lower).toBeLessThanOrEqual(a.poiHat);
    expect(a.upper).toBeGreaterThanOrEqual(a.poiHat);
    expect(b.lower).toBeLessThanOrEqual(a.lower + 1e-9);
    expect(b.upper).toBeGreaterThanOrEqual(a.upper - 1e-9);
    expect(a.connected).toBe(true);
  });

  test('relabelling (permuting) bins leaves intervals unchanged', () => {
    const bins: CountingBin[] = [
      {
        nOn: 30,
        signal0: 5,
        signal1: 20,
        beamBackground: 3,
        background: { kind: 'measured', nOff: 40, tau: 4 },
      },
      { nOn: 41, signal0: 10, signal1: 30, background: { kind: 'known', expected: 12 } },
      {
        nOn: 10,
        signal0: 1,
        signal1: 8,
        beamBackground: 2,
        background: { kind: 'measured', nOff: 8, tau: 2 },
      },
    ];
    const model: CountingModel = { bins, signalNorm: { kind: 'gaussian', sigma: 0.1 } };
    const permuted: CountingModel = { ...model, bins: [bins[2], bins[0], bins[1]] as CountingBin[] };
    for (const method of ['asymptotic', 'deltaChi2'] as const) {
      const a = poiInterval(countingLikelihood(model), { cl: 0.9, method, gridPoints: 41 });
      const b = poiInterval(countingLikelihood(permuted), { cl: 0.9, method, gridPoints: 41 });
      // fit tolerances (NLL ~1e-12) move a crossing by ≪ 1e-6
      expect(b.lower).toBeCloseTo(a.lower, 6);
      expect(b.upper).toBeCloseTo(a.upper, 6);
      expect(b.poiHat).toBeCloseTo(a.poiHat, 8);
    }
  });

  test('bad options are SpecErrors', () => {
    expect(() => poiInterval(gauss1(0.5), { cl: 1.2 })).toThrow(/cl/);
    expect(() => poiInterval(gauss1(0.5), { gridPoints: 2 })).toThrow(/gridPoints/);
  });
});
