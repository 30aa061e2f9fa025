/**
 * The Poisson sampler (src/toys/poisson.ts: inversion below mean 10, PTRS above), driven by a seeded
 * stream: mean and variance within 4 standard errors, and a χ² goodness-of-fit test against the pmf,
 * for means on both sides of the switch. Seeded, so every check is deterministic; the 4σ and
 * p > 1e-3 bounds say how unlikely a failure would be for a correct sampler with another seed.
 */
import poissonPmf from '@stdlib/stats-base-dists-poisson-pmf';
import { describe, expect, test } from 'vitest';
import { chiSquareSurvival } from '../../src/likelihood/index.js';
import { createRng, poissonInversion, poissonVariate, PTRS_MIN_MEAN } from '../../src/toys/index.js';

const N = 200_000;

function sample(mean: number, n = N, seed = 3): number[] {
  const rng = createRng(seed, `poisson/${mean}`);
  return Array.from({ length: n }, () => rng.poisson(mean));
}

describe('Poisson sampler', () => {
  test.for([0.3, 2.5, 9.99, 10, 25, 100, 1e4])('mean and variance at λ = %s (4σ)', (lambda) => {
    const xs = sample(lambda);
    const mean = xs.reduce((s, x) => s + x, 0) / N;
    const variance = xs.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (N - 1);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    // Var(sample mean) = λ/N; Var(sample variance) ≈ (μ4 − σ⁴)/N = (λ + 2λ²)/N for a Poisson.
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / N));
    expect(Math.abs(variance - lambda)).toBeLessThan(4 * Math.sqrt((lambda + 2 * lambda * lambda) / N));
  });

  test.for([1.5, 6, 9.99, 10, 30, 200])(
    'χ² goodness of fit against the pmf at λ = %s (p > 1e-3)',
    (lambda) => {
      const xs = sample(lambda, N, 8);
      const counts = new Map<number, number>();
      for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
      // Cells k with expectation ≥ 5; everything below/above goes into two tail cells.
      const mode = Math.floor(lambda);
      let lo = mode;
      let hi = mode;
      while (lo > 0 && N * poissonPmf(lo - 1, lambda) >= 5) lo--;
      while (N * poissonPmf(hi + 1, lambda) >= 5) hi++;
      let chi2 = 0;
      let cells = 0;
      let expLow = 0;
      for (let k = 0; k < lo; k++) expLow += N * poissonPmf(k, lambda);
      let obsLow = 0;
      let obsHigh = 0;
      for (const [k, c] of counts) {
        if (k < lo) obsLow += c;
        else if (k > hi) obsHigh += c;
      }
      for (let k = lo; k <= hi; k++) {
        const e = N * poissonPmf(k, lambda);
        const o = counts.get(k) ?? 0;
        chi2 += ((o - e) * (o - e)) / e;
        cells++;
      }
      let expMid = 0;
      for (let k = lo; k <= hi; k++) expMid += N * poissonPmf(k, lambda);
      const expHigh = N - expLow - expMid;
      for (const [o, e] of [
        [obsLow, expLow],
        [obsHigh, expHigh],
      ] as const) {
        if (e >= 5) {
          chi2 += ((o - e) * (o - e)) / e;
          cells++;
        }
      }
      const p = chiSquareSurvival(chi2, cells - 1);
      expect(p, `χ² = ${chi2.toFixed(1)} for ${cells - 1} dof`).toBeGreaterThan(1e-3);
    },
  );

  test('inversion and PTRS meet at the switch: both give mean ≈ λ just below and at λ = 10', () => {
    expect(PTRS_MIN_MEAN).toBe(10);
    const rng = createRng(4, 'switch');
    let s = 0;
    for (let i = 0; i < N; i++) s += poissonInversion(rng.uniform(), 9.999);
    expect(Math.abs(s / N - 9.999)).toBeLessThan(4 * Math.sqrt(10 / N));
  });

  test('kernel policy: mean 0 → 0, negative, NaN or infinite mean → NaN (no throw)', () => {
    const rng = createRng(1);
    expect(rng.poisson(0)).toBe(0);
    expect(rng.poisson(-1)).toBeNaN();
    expect(rng.poisson(Number.NaN)).toBeNaN();
    expect(rng.poisson(Infinity)).toBeNaN();
    const next = () => rng.uniform();
    expect(poissonVariate(next, 0)).toBe(0);
    expect(poissonVariate(next, -2)).toBeNaN();
  });
});
