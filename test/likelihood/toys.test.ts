/**
 * The asymptotic distributions checked against seeded pseudo-experiments.
 *
 * KS criterion used throughout: N = 20 000 toys, Kolmogorov critical value at 99.9 % is
 * 1.95/√N = 0.0138; the Poisson counts are discrete, so the empirical CDF moves in steps of at most
 * the largest Poisson probability, 1/√(2πμ) (0.006 for μ = 5000, 0.009 for μ = 2000), half of which
 * can show up as KS distance; plus O(1/√μ) skewness corrections to the Wald approximation. Thresholds:
 * 0.02. The two-boundary t̃ distribution is also checked against the EXACT Poisson distribution.
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import poissonPmf from '@stdlib/stats-base-dists-poisson-pmf';
import { describe, expect, test } from 'vitest';
import {
  SingleBinKernel,
  chiBarSquarePValue,
  countingLikelihood,
  pValueTildeT,
  poiSigma,
} from '../../src/likelihood/index.js';
import type { CountingModel } from '../../src/likelihood/index.js';
import { ksDistance, makePoisson, makeUniform } from './helpers.js';

const N = 20_000;

/** CDF of ½δ(0) + ½χ²₁ (right-continuous) and its left limit. */
const halfChi2 = (q: number): number => (q < 0 ? 0 : 0.5 + 0.5 * chisquareCdf(q, 1));
const halfChi2Below = (q: number): number => (q <= 0 ? 0 : halfChi2(q));

describe('q1 and q0 follow ½δ(0) + ½χ²₁ for a large-count bin (Chernoff; CCGV Eqs. 49–51)', () => {
  // on/off bin with a Gaussian signal normalisation whose auxiliary measurement is also randomised
  const model: CountingModel = {
    bins: [
      {
        nOn: 0,
        signal0: 2000,
        signal1: 4000,
        beamBackground: 300,
        background: { kind: 'measured', nOff: 0, tau: 5 },
      },
    ],
    signalNorm: { kind: 'gaussian', sigma: 0.03 },
  };
  const b = 700;

  test.for([
    { poiTrue: 1, seed: 20240601 },
    { poiTrue: 0, seed: 20240602 },
  ])('toys at poi = $poiTrue, seed $seed: KS distance < 0.02', ({ poiTrue, seed }) => {
    const uniform = makeUniform(seed);
    const poisson = makePoisson(uniform);
    const kernel = new SingleBinKernel(model);
    const s = 2000 + 2000 * poiTrue;
    const qs: number[] = [];
    for (let i = 0; i < N; i++) {
      kernel.obsSig = 1 + 0.03 * normalQuantile(uniform(), 0, 1);
      const n = poisson(b + 300 + s);
      const m = poisson(5 * b);
      qs.push(kernel.tildeT(n, m, poiTrue));
    }
    const zeros = qs.filter((q) => q === 0).length / N;
    expect(Math.abs(zeros - 0.5)).toBeLessThan(0.02);
    expect(ksDistance(qs, halfChi2, halfChi2Below)).toBeLessThan(0.02);
  });
});

describe('t̃ at an interior poi0 near the boundary follows the two-boundary distribution', () => {
  // Known background: μ(poi) = (2000 + 1000·poi)·scale, σ(p̂oi) ≈ √(2000·scale)/(1000·scale). With
  // poi0 = 0.6σ the lower boundary is inside the bulk, where the plain χ²₁ is clearly wrong.
  const setup = (scale: number) => {
    const model: CountingModel = {
      bins: [
        {
          nOn: 2000 * scale,
          signal0: 1000 * scale,
          signal1: 2000 * scale,
          background: { kind: 'known', expected: 1000 * scale },
        },
      ],
    };
    const poi0 = (0.6 * Math.sqrt(2000 * scale)) / (1000 * scale);
    const sigma = poiSigma(countingLikelihood(model), poi0);
    const cdf = (t: number): number => (t < 0 ? 0 : 1 - pValueTildeT(t, poi0, sigma));
    const cdfBelow = (t: number): number => (t <= 0 ? 0 : cdf(t));
    const chi2 = (t: number): number => (t < 0 ? 0 : chisquareCdf(t, 1));
    return { model, poi0, mu: (2000 + 1000 * poi0) * scale, cdf, cdfBelow, chi2 };
  };

  test('exact Poisson distribution (Σ pmf over n, no toys), μ ≈ 20 000: KS < 0.005; plain χ²₁ > 0.05', () => {
    // Exact KS here is 0.0022 (the largest single pmf is 0.0028): the residual is discreteness and
    // O(1/√μ) skewness. Plain χ²₁ ignores the boundary and is off by 0.055.
    const { model, poi0, mu, cdf, cdfBelow, chi2 } = setup(10);
    const kernel = new SingleBinKernel(model);
    const pts: [number, number][] = [];
    for (let n = Math.floor(mu - 12 * Math.sqrt(mu)); n < mu + 12 * Math.sqrt(mu); n++) {
      pts.push([kernel.tildeT(n, 0, poi0), poissonPmf(n, mu)]);
    }
    pts.sort((a, b) => a[0] - b[0]);
    let cum = 0;
    let dTwo = 0;
    let dChi2 = 0;
    for (let i = 0; i < pts.length;) {
      const t = (pts[i] as [number, number])[0];
      const before = cum;
      while (i < pts.length && (pts[i] as [number, number])[0] === t)
        cum += (pts[i++] as [number, number])[1];
      dTwo = Math.max(dTwo, Math.abs(before - cdfBelow(t)), Math.abs(cum - cdf(t)));
      dChi2 = Math.max(dChi2, Math.abs(before - chi2(t)), Math.abs(cum - chi2(t)));
    }
    expect(dTwo).toBeLessThan(0.005);
    expect(dChi2).toBeGreaterThan(0.05);
  });

  test('toys, μ ≈ 2000, seed 777: KS to the two-boundary CDF < 0.02; to plain χ²₁ > 0.04', () => {
    // Exact KS at this μ is 0.006 (see above at scale 1); plus ≤ 0.0138 statistical at 99.9 %.
    const { model, poi0, mu, cdf, cdfBelow, chi2 } = setup(1);
    const uniform = makeUniform(777);
    const poisson = makePoisson(uniform);
    const kernel = new SingleBinKernel(model);
    const ts: number[] = [];
    for (let i = 0; i < N; i++) ts.push(kernel.tildeT(poisson(mu), 0, poi0));
    expect(ksDistance(ts, cdf, cdfBelow)).toBeLessThan(0.02);
    expect(ksDistance(ts, chi2, chi2)).toBeGreaterThan(0.04);
  });
});

describe('the global statistic over k independent bins follows χ̄²(k)', () => {
  test('k = 3 bins at poi = 1, no shared nuisances, seed 31337: KS distance < 0.02', () => {
    const bins = [
      { nOn: 0, signal0: 2000, signal1: 4000, background: { kind: 'known' as const, expected: 1000 } },
      { nOn: 0, signal0: 1500, signal1: 3500, background: { kind: 'measured' as const, nOff: 0, tau: 4 } },
      {
        nOn: 0,
        signal0: 3000,
        signal1: 5000,
        beamBackground: 500,
        background: { kind: 'known' as const, expected: 500 },
      },
    ];
    const model: CountingModel = { bins };
    const kernels = bins.map((_, i) => new SingleBinKernel(model, i));
    const uniform = makeUniform(31337);
    const poisson = makePoisson(uniform);
    const lambdas: number[] = [];
    for (let t = 0; t < N; t++) {
      // with σ_sig = σ_beam = 0 the bins decouple, so Λ = Σ_i q1_i (checked in globalTests.test.ts)
      const q0 = (kernels[0] as SingleBinKernel).tildeT(poisson(5000), 0, 1);
      const q1 = (kernels[1] as SingleBinKernel).tildeT(poisson(1000 + 3500), poisson(4000), 1);
      const q2 = (kernels[2] as SingleBinKernel).tildeT(poisson(6000), 0, 1);
      lambdas.push(q0 + q1 + q2);
    }
    const cdf = (x: number): number => (x < 0 ? 0 : x === 0 ? 1 / 8 : 1 - chiBarSquarePValue(x, 3));
    expect(ksDistance(lambdas, cdf, (x) => (x <= 0 ? 0 : cdf(x)))).toBeLessThan(0.02);
  });
});
