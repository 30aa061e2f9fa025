/**
 * The asymptotic one-sided p-values of α = 1 and α = 0 (likelihood `boundaryTest`, two-boundary
 * distribution) against toys, over a grid of single on/off bins, including bins where α̂ sits at the
 * FAR boundary (α̂ = 0 for the test of α = 1, α̂ = 1 for the test of α = 0) — the case the plain
 * ½δ + ½χ²₁ reading gets wrong (asymptotics.ts).
 *
 * Grid: b ∈ {200, 2000} background counts, τ ∈ {1, 5} off/on exposure, s1 ∈ {10, 40} signal at α = 1
 * (s0 = 0.2·s1), signal normalisation fixed or Gaussian 10 %; "observed" counts put the unbounded α̂ at
 * z = 1.5 or 2.5 standard deviations (σ from the Asimov branch point) from the tested value, so the
 * p-values lie where toys measure them well (0.005–0.07). Bins with s1 = 10 barely constrain α
 * (σ_α ≈ 2–6), so there α̂ is clipped at the far boundary; with τ = 5, s1 = 40, b = 200 it stays inside.
 * Counts: n_on ≥ 200 everywhere ("not tiny": the Poisson skewness 1/√n ≤ 0.07).
 *
 * Toys: generated at (v, θ̂̂(v)) with the project's own generator and single-bin fits, exactly as
 * `coherency toys` does (chunks.ts), N = 20 000 per point, seeds fixed (deterministic).
 * Criterion: |p_asym − p_toys| ≤ 4σ_MC, σ_MC = √(p(1 − p)/N) — a correct asymptotic formula would
 * fail this with another seed with probability ~6e-5 per point. Measured: |pull| ≤ 3.7 over these 64
 * points (the largest, 3.7, comes to 0.9σ with 200 000 toys on ten other seeds), while the half-χ²
 * reading is off by up to 370σ at the far-boundary points.
 */
import { describe, expect, test } from 'vitest';
import { boundaryTest, countingLikelihood, SingleBinKernel } from '../../src/likelihood/index.js';
import type { CountingModel } from '../../src/likelihood/index.js';
import { BinToyDrawer, binGenerator, createRng, exceedThreshold } from '../../src/toys/index.js';

const N = 20_000;

interface Point {
  readonly label: string;
  readonly model: CountingModel;
  readonly v: 0 | 1;
}

function grid(): Point[] {
  const out: Point[] = [];
  for (const b of [200, 2000])
    for (const tau of [1, 5])
      for (const s1 of [10, 40])
        for (const sys of [0, 0.1])
          for (const z of [1.5, 2.5])
            for (const v of [1, 0] as const) {
              const s0 = 0.2 * s1;
              const delta = s1 - s0;
              const base: CountingModel = {
                bins: [
                  { nOn: 0, signal0: s0, signal1: s1, background: { kind: 'measured', nOff: tau * b, tau } },
                ],
                ...(sys > 0 ? { signalNorm: { kind: 'gaussian' as const, sigma: sys } } : {}),
              };
              // σ of α̂ from the Wald variance of n_on − n_off/τ (b(1 + 1/τ) + s), then the observation
              // at z σ from v, on the side that points away from v
              const sigma = Math.sqrt(b * (1 + 1 / tau) + s1) / delta;
              const alphaObs = v === 1 ? 1 - z * sigma : z * sigma;
              const nOn = Math.round(b + s0 + alphaObs * delta);
              out.push({
                label: `b=${b} τ=${tau} s1=${s1} σ_sig=${sys} z=${z} test α=${v}`,
                model: { ...base, bins: [{ ...base.bins[0]!, nOn }] },
                v,
              });
            }
  return out;
}

function toyP(model: CountingModel, v: 0 | 1, tObs: number, seed: number): { p: number; n: number } {
  const lik = countingLikelihood(model);
  const gen = binGenerator(model, 0, v, lik.fitConditional(v));
  const rng = createRng(seed, 'boundary-asymptotics');
  const drawer = new BinToyDrawer(model, 0);
  const kernel = new SingleBinKernel(model);
  const thr = exceedThreshold(tObs);
  let k = 0;
  let n = 0;
  for (let i = 0; i < N; i++) {
    drawer.draw(rng, gen);
    kernel.obsSig = drawer.obsSig;
    kernel.obsBeam = drawer.obsBeam;
    const t = kernel.tildeT(drawer.n, drawer.m, v);
    if (Number.isNaN(t)) continue;
    n++;
    if (t >= thr) k++;
  }
  return { p: k / n, n };
}

describe('asymptotic boundary p-values agree with toys, far boundary included', () => {
  test('64 grid points: |p_asym − p_toys| ≤ 4σ_MC; ½χ²₁ fails where α̂ is at the far boundary', () => {
    let farBoundary = 0;
    let discriminating = 0;
    grid().forEach((pt, i) => {
      const lik = countingLikelihood(pt.model);
      const bt = boundaryTest(lik, pt.v);
      const { p, n } = toyP(pt.model, pt.v, bt.q, 1000 + i);
      const mc = Math.sqrt((p * (1 - p)) / n);
      expect(
        Math.abs(bt.pValue - p),
        `${pt.label}: asym ${bt.pValue}, toys ${p} ± ${mc}`,
      ).toBeLessThanOrEqual(4 * mc);
      const atFar = pt.v === 1 ? bt.poiHat === 0 : bt.poiHat === 1;
      if (atFar) farBoundary++;
      // Where the two readings differ by more than 8σ_MC the toys must side with the two-boundary one.
      const half = boundaryTest(lik, pt.v, { distribution: 'half-chi2' }).pValue;
      if (half - bt.pValue > 8 * mc) {
        discriminating++;
        expect(atFar).toBe(true);
        expect(half - p, `${pt.label}: ½χ²₁ ${half}, toys ${p}`).toBeGreaterThan(4 * mc);
      }
    });
    // The grid exercises the far boundary (measured: 56 of 64 points), and at most of those points
    // (measured: 49) the plain ½χ²₁ reading differs from the two-boundary one by more than 8σ_MC.
    expect(farBoundary).toBeGreaterThanOrEqual(50);
    expect(discriminating).toBeGreaterThanOrEqual(45);
  });
});
