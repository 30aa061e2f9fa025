/**
 * The null distribution of the global Λ = Σ_i q_i with both bounds of every poi_i (boundedChiBar.ts),
 * checked against independent computations: the closed-form χ̄² (no far boundaries), the closed form
 * of one bin (asymptotics.ts), a two-bin convolution by adaptive Gauss–Kronrod quadrature, and a
 * seeded Monte Carlo of the Wald model itself.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, test } from 'vitest';
import {
  boundaryZ,
  boundedChiBarPValue,
  chiBarSquarePValue,
  pValueTildeTBranches,
} from '../../src/likelihood/index.js';
import { integrate } from '../../src/physics/quadrature.js';
import { makeUniform, relDiff } from './helpers.js';

/** The far-boundary q of a standard normal u in the Wald model (0 for u ≥ 0). */
const waldQ = (u: number, c: number): number =>
  u >= 0 ? 0 : -u <= Math.sqrt(c) ? u * u : -2 * u * Math.sqrt(c) - c;

describe('boundedChiBarPValue', () => {
  test('no far boundary (every c ≥ λ): exactly the χ̄² mixture', () => {
    for (const [lambda, k] of [
      [0.5, 1],
      [11.34, 12],
      [3, 4],
    ] as const) {
      expect(boundedChiBarPValue(lambda, Array<number>(k).fill(Infinity))).toBe(
        chiBarSquarePValue(lambda, k),
      );
      expect(boundedChiBarPValue(lambda, Array<number>(k).fill(lambda))).toBe(chiBarSquarePValue(lambda, k));
    }
  });

  test('the lattice reproduces χ̄² (c just below λ forces it): 1e-5 relative', () => {
    // Measured errors of the Richardson-extrapolated lattice (N = 500): ≤ 3.8e-6 for these cases, the
    // largest at λ = 30 with 12 bins (module comment).
    for (const [lambda, k] of [
      [0.9, 5],
      [11.34, 12],
      [30, 12],
      [80, 3],
      [2, 1],
    ] as const) {
      const cs = Array<number>(k).fill(1e12);
      cs[0] = lambda * (1 - 1e-9);
      expect(relDiff(boundedChiBarPValue(lambda, cs), chiBarSquarePValue(lambda, k))).toBeLessThan(1e-5);
    }
  });

  test('one bin equals the closed-form bounded distribution (1e-8 relative; 2e-3 at p ~ 1e-50)', () => {
    for (const [lambda, c] of [
      [0.123, 9.2e-4],
      [5, 1],
      [0.3, 0.05],
    ] as const) {
      const exact = pValueTildeTBranches(lambda, 1, { lower: c, upper: 0 });
      expect(relDiff(boundedChiBarPValue(lambda, [c]), exact)).toBeLessThan(1e-8);
    }
    // Deep tail, p = Φ(−(40 + 2)/(2√2)) ≈ 4e-50: 2e-3 relative (measured 1.05e-3; ΔZ ≈ 1e-4).
    const deep = normalCdf(-42 / (2 * Math.SQRT2), 0, 1);
    expect(relDiff(boundedChiBarPValue(40, [2]), deep)).toBeLessThan(2e-3);
  });

  test('two bins with far boundaries equal the convolution integral by quadrature (1e-6 relative)', () => {
    // P(q1 + q2 ≥ λ) = P(q1 = 0)·S2(λ) + ∫_0^{r*} φ(r) S2(λ − q1(r)) dr + Φ(−r*), r = |u1| > 0,
    // q1(r*) = λ (beyond r*, q1 ≥ λ alone), S2(t) = Φ(−Z2(t)) the continuous tail of bin 2: the
    // convolution done by Gauss–Kronrod (to 1e-12) instead of on a lattice.
    const cases: [number, number, number][] = [
      [2, 0.4, 1.5],
      [0.5, 0.01, 3],
      [6, 2, 0.2],
    ];
    for (const [lambda, c1, c2] of cases) {
      const s = (t: number, c: number): number => normalCdf(-boundaryZ(t, c), 0, 1);
      const phi = (r: number): number => Math.exp(-0.5 * r * r) / Math.sqrt(2 * Math.PI);
      const q1 = (r: number): number => waldQ(-r, c1);
      const rMax = lambda <= c1 ? Math.sqrt(lambda) : (lambda + c1) / (2 * Math.sqrt(c1));
      const inner = integrate((r) => phi(r) * s(lambda - q1(r), c2), 0, rMax, {
        relTol: 1e-12,
        absTol: 0,
        breakpoints: [Math.sqrt(Math.min(c1, lambda))],
      });
      const exact = 0.5 * s(lambda, c2) + inner.value + normalCdf(-rMax, 0, 1);
      expect(relDiff(boundedChiBarPValue(lambda, [c1, c2]), exact)).toBeLessThan(1e-6);
    }
  });

  test('Monte Carlo of the Wald model, COHERENT-Ar-like branch points, seed 4242: within 4σ', () => {
    // Five bins, two of which barely constrain poi (c = 0.076, 9.2e-4 as Ar 2020 bins 3 and 4).
    const cs = [6.6, 3.5, 0.59, 0.076, 9.2e-4];
    const uniform = makeUniform(4242);
    const n = 200_000;
    const lambdas = [0.3, 0.906, 2.5];
    const counts = lambdas.map(() => 0);
    for (let t = 0; t < n; t++) {
      let sum = 0;
      for (const c of cs) {
        // Box–Muller from two uniforms
        const u = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
        sum += waldQ(u, c);
      }
      lambdas.forEach((l, i) => {
        if (sum >= l) counts[i] = (counts[i] as number) + 1;
      });
    }
    lambdas.forEach((l, i) => {
      const pMc = (counts[i] as number) / n;
      const err = Math.sqrt((pMc * (1 - pMc)) / n);
      const p = boundedChiBarPValue(l, cs);
      expect(Math.abs(p - pMc)).toBeLessThan(4 * err);
      // and the plain χ̄²(5), which counts every bin as a full degree of freedom, is clearly off
      expect(chiBarSquarePValue(l, 5) - pMc).toBeGreaterThan(10 * err);
    });
  });

  test('λ = 0 gives 1 − 2^{−k}; p falls with λ; bad input gives NaN', () => {
    expect(boundedChiBarPValue(0, [0.1, 0.2, 0.3])).toBeCloseTo(1 - 1 / 8, 14);
    let prev = 1;
    for (let l = 0.05; l < 20; l *= 1.5) {
      const p = boundedChiBarPValue(l, [0.02, 1, 5]);
      expect(p).toBeLessThan(prev);
      prev = p;
    }
    expect(boundedChiBarPValue(-1, [1])).toBeNaN();
    expect(boundedChiBarPValue(1, [])).toBeNaN();
    expect(boundedChiBarPValue(1, [Number.NaN])).toBeNaN();
    // no information (c ≤ 1e-8) counts as no far boundary
    expect(boundedChiBarPValue(1, [0, 0])).toBe(chiBarSquarePValue(1, 2));
  });
});
