import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { poissonDeviance, profileBackground, profiledCurvature } from '../../src/likelihood/index.js';

/** The on/off NLL in b for fixed a (deviance form). */
function nllB(a: number, b: number, n: number, m: number, tau: number): number {
  return poissonDeviance(n, a + b) + poissonDeviance(m, tau * b);
}

/**
 * Brute force, independent of the quadratic: bisection on the sign of ∂NLL/∂b = 1 − n/(a+b) + τ − m/b,
 * which increases in b (∂² > 0). 200 halvings of [0, 2(n + m + 1)/τ + a] reach the last ulp.
 */
function bruteForceB(a: number, n: number, m: number, tau: number): number {
  const dNll = (b: number): number => 1 + tau - (n > 0 ? n / (a + b) : 0) - (m > 0 ? m / b : 0);
  if (dNll(0) >= 0) return 0; // includes m = 0 with the bound active
  let lo = 0;
  let hi = (2 * (n + m + 1)) / tau + a;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (dNll(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** Golden-section minimisation of the NLL value itself (locates the minimum value, not b, precisely). */
function goldenMin(f: (b: number) => number, lo: number, hi: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  for (let i = 0; i < 200; i++) {
    if (f(c) < f(d)) b = d;
    else a = c;
    c = b - r * (b - a);
    d = a + r * (b - a);
  }
  return Math.min(f(0.5 * (a + b)), f(lo));
}

const cases: [number, number, number, number][] = [
  // a, n, m, tau
  [5, 20, 30, 2],
  [0, 7, 3, 1],
  [12, 3, 40, 4], // data below the beam+signal expectation: b̂ pushed towards 0
  [3, 15, 0, 2], // m = 0: b̂ = n/(1+τ) − a
  [10, 2, 0, 2], // m = 0 and the bound b ≥ 0 active
  [4, 0, 9, 3], // n = 0
  [0, 0, 0, 1], // nothing at all
  [1e-9, 1e5, 3e5, 2.5],
  [250, 1e6, 2, 0.01],
];

describe('closed-form profile of the steady-state background (on/off quadratic)', () => {
  test.for(cases)(
    'a=%d n=%d m=%d τ=%d: b̂ agrees with brute-force 1-D minimisation to 1e-9',
    ([a, n, m, tau]) => {
      const b = profileBackground(a, n, m, tau);
      const ref = bruteForceB(a, n, m, tau);
      // Tolerance: 1e-9 relative (absolute 1e-12 when b̂ = 0) — the bisection is exact to ~1 ulp, the
      // quadratic formula loses at most a few ulp to the square root; 1e-9 is the brief's bar.
      expect(Math.abs(b - ref)).toBeLessThanOrEqual(1e-9 * Math.max(ref, 1e-3));
      // And the NLL value at b̂ is the minimum found by golden-section search on the NLL itself.
      const hi = (2 * (n + m + 1)) / tau + a;
      const vMin = goldenMin((x) => nllB(a, x, n, m, tau), 0, hi);
      expect(nllB(a, b, n, m, tau)).toBeLessThanOrEqual(vMin + 1e-9 * (1 + vMin));
    },
  );

  test('limits: m = 0 → max(0, n/(1+τ) − a); a = 0 → (n+m)/(1+τ); n = m = 0 → 0', () => {
    expect(profileBackground(3, 15, 0, 2)).toBeCloseTo(2, 14);
    expect(profileBackground(10, 2, 0, 2)).toBe(0);
    expect(profileBackground(0, 7, 3, 1)).toBeCloseTo(5, 14);
    expect(profileBackground(2, 0, 0, 1)).toBe(0);
  });

  test('property: b̂ ≥ 0 and stationary (∂NLL/∂b = 0 where b̂ > 0 and m > 0), seed 11', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (a, n, m, tau) => {
          const b = profileBackground(a, n, m, tau);
          if (!(b >= 0) || !Number.isFinite(b)) return false;
          if (m === 0 || b === 0) return true;
          const grad = 1 + tau - n / (a + b) - m / b;
          // scale of the terms being cancelled: 1 + τ
          return Math.abs(grad) <= 1e-9 * (1 + tau);
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
  });

  test.for(cases.filter(([a]) => a > 0))(
    'a=%d n=%d m=%d τ=%d: curvature of the profile equals a numerical second derivative',
    ([a, n, m, tau]) => {
      const prof = (x: number): number => nllB(x, profileBackground(x, n, m, tau), n, m, tau);
      const h = 1e-4 * a;
      const num = (prof(a + h) - 2 * prof(a) + prof(a - h)) / (h * h);
      const b = profileBackground(a, n, m, tau);
      const ana = profiledCurvature(n, a + b, m, b, true);
      // Central difference: truncation O(h²) ≈ 1e-8 relative, plus rounding of the three NLL values
      // (each ~ε·(n + m + a) in absolute terms) amplified by 1/h².
      const rounding = (8 * Number.EPSILON * (n + m + a + 1)) / (h * h);
      expect(Math.abs(num - ana)).toBeLessThanOrEqual(1e-4 * Math.abs(ana) + rounding);
    },
  );
});
