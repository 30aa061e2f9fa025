/**
 * The general toy engine against exact results. For a ξ ± σ measurement with a symmetric σ the
 * unbounded estimator is exactly normal, p̂ ~ N(α, σ), so the distributions of the bounded statistics
 * are known in closed form (G. Cowan, K. Cranmer, E. Gross, O. Vitells, EPJC 71 (2011) 1554 "CCGV"):
 * - t̃(α) with both bounds: the two-boundary formula (likelihood `pValueTildeT`, derived in
 *   asymptotics.ts from p̂ ~ N(α, σ): exact here, not an approximation);
 * - q̃_μ (upper limits): CLs+b = Φ(−√q) for q ≤ μ²/σ², Φ(−(q + μ²/σ²)/(2μ/σ)) above (CCGV Eq. 66), and
 *   CLb = P(q̃_μ ≥ q | 0) = Φ(√q_A − √q) for q ≤ q_A = μ²/σ², Φ(−(q − q_A)/(2√q_A)) above — written
 *   out again below from the paper, independently of the code under test.
 * The toys (generation, fits, counting, FC acceptance, limit interpolation) must reproduce them within
 * their Monte Carlo errors.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, test } from 'vitest';
import { parseDataset } from '../../src/data/index.js';
import {
  analyzeDataset,
  boundaryTest,
  gaussianLikelihood,
  pValueTildeT,
  xiModel,
} from '../../src/likelihood/index.js';
import { calibrateAnalysis, gaussianAnalyses, toysForAnalyses } from '../../src/toys/index.js';
import { validXiDataset } from '../data/datasetTestKit.js';
import type { IntervalAnalysisResult } from '../../src/toys/index.js';

const Phi = (x: number) => normalCdf(x, 0, 1);
const SIGMA = 0.25;
const X = 0.3;
/** One ξ-like measurement of α directly: x = 0.3 ± 0.25, prediction α (x0 = 0, x1 = 1). */
const model = { bins: [{ measured: X, expected0: 0, expected1: 1, sigma: SIGMA }] };

/** Exact CLs+b and CLb of q̃_μ (module comment). */
function exactClsb(q: number, mu: number): number {
  const qa = (mu * mu) / (SIGMA * SIGMA);
  return q <= qa ? Phi(-Math.sqrt(q)) : Phi(-(q + qa) / (2 * Math.sqrt(qa)));
}
function exactClb(q: number, mu: number): number {
  const qa = (mu * mu) / (SIGMA * SIGMA);
  return q <= qa ? Phi(Math.sqrt(qa) - Math.sqrt(q)) : Phi(-(q - qa) / (2 * Math.sqrt(qa)));
}
/** The observed q̃_μ: (μ − x)²/σ² for 0 ≤ x ≤ μ (x = 0.3 here, inside the bounds). */
const qObs = (mu: number) => (mu > X ? ((mu - X) * (mu - X)) / (SIGMA * SIGMA) : 0);

const STEP = 0.05;
const N = 4000;

const result = await toysForAnalyses(gaussianAnalyses(model).slice(0, 1), {
  seed: 'gaussian-exact',
  nToys: N,
  fcToys: N,
  alphaStep: STEP,
  limit: 'upper',
  clsMethod: true,
});
const a = result.analyses[0] as IntervalAnalysisResult;

describe(`ξ ± σ (x = ${X} ± ${SIGMA}): toys against the exact distributions, ${N} toys per point`, () => {
  test('t̃(α) toy p-values = the two-boundary formula at every grid point (within 3.5 σ_MC)', () => {
    // 21 grid points: 3.5σ keeps the chance that any one fluctuates beyond it below 1 % (21 × 4.7e-4).
    expect(a.fc.points).toHaveLength(21);
    for (const p of a.fc.points) {
      const exact = pValueTildeT(p.t, p.poi, SIGMA);
      const err = Math.sqrt((exact * (1 - exact)) / N);
      expect(Math.abs(p.pToys - exact), `α = ${p.poi}: toys ${p.pToys}, exact ${exact}`).toBeLessThanOrEqual(
        3.5 * err + 1e-12,
      );
    }
  });

  test('Feldman–Cousins intervals = the exact Neyman intervals of t̃ (the asymptotic inversion, exact here)', () => {
    // Edge error: the toy p at the two grid points around the crossing carries σ_MC ≈ √(0.1·0.9/4000)
    // = 0.0047 (90 %) or 0.0074 (68 %); p falls by ≈ 1 per 0.1 in α there (dp/dα ≈ φ(z)/σ ≈ 1 − 1.5), so
    // the interpolated edge moves by ≲ 0.007. 0.015 allows 2× that, and is below the grid step 0.05.
    for (const iv of a.fc.intervals) {
      expect(iv.connected).toBe(true);
      expect(Math.abs(iv.lower! - iv.asymptotic.lower), `lower at CL ${iv.cl}`).toBeLessThan(0.015);
      expect(Math.abs(iv.upper! - iv.asymptotic.upper), `upper at CL ${iv.cl}`).toBeLessThan(0.015);
    }
  });

  test('q̃_μ: toy CLs+b and CLb = CCGV Eq. 66 wherever q̃_obs > 0; the CLs limits match the exact ones', () => {
    const l = a.limit!;
    expect(l.method).toBe('CLs');
    let checked = 0;
    for (const p of l.points) {
      const q = qObs(p.poi);
      expect(p.q).toBeCloseTo(q, 9); // closed-form fits: q exact to rounding
      if (!(q > 1e-8)) {
        // q̃_obs = 0: never excluded, every toy counts as at least as extreme (modelResults.ts).
        expect(p.clsb.pValue).toBe(1);
        continue;
      }
      for (const [toy, exact] of [
        [p.clsb, exactClsb(q, p.poi)],
        [p.clb!, exactClb(q, p.poi)],
      ] as const) {
        const err = Math.sqrt((exact * (1 - exact)) / N);
        expect(
          Math.abs(toy.pValue - exact),
          `μ = ${p.poi}: toys ${toy.pValue}, exact ${exact}`,
        ).toBeLessThanOrEqual(3.5 * err + 1e-12);
      }
      checked++;
    }
    expect(checked).toBe(14); // μ = 0.35 … 1
    // Exact CLs limit: bisection on CLs(μ) = 1 − CL with the formulas above.
    for (const lim of l.limits) {
      let lo = X;
      let hi = 1;
      const f = (mu: number) => exactClsb(qObs(mu), mu) / exactClb(qObs(mu), mu) - (1 - lim.cl);
      if (f(hi) > 0) {
        expect(lim.status).toBe('noExclusion');
        continue;
      }
      for (let k = 0; k < 60; k++) {
        const mid = 0.5 * (lo + hi);
        if (f(mid) > 0) lo = mid;
        else hi = mid;
      }
      // Linear interpolation of CLs between grid points 0.05 apart (CLs is convex there: the chord
      // lies above, the limit comes out high by ≲ 0.005) plus the MC error of CLs (≲ 0.01 in CLs,
      // slope ≈ 2 per unit α: ≲ 0.005): 0.015.
      expect(lim.status).toBe('crossing');
      expect(Math.abs(lim.value - lo), `CLs limit at ${lim.cl}`).toBeLessThan(0.015);
    }
  });
});

describe('analyze --toys on a ξ ± σ dataset (calibrateAnalysis)', () => {
  test('per-bin p(α=1) from toys = the exact split-normal p; combined FC; global tests stay asymptotic', async () => {
    const raw = validXiDataset();
    const ds = parseDataset(raw, 'example-xi');
    const asym = analyzeDataset(ds);
    const N_TOYS = 10_000; // σ_MC ≈ 0.003: the 1.2× of bin 1 (0.018) is 6σ_MC
    const c = await calibrateAnalysis(ds, asym, { seed: 1, nToys: N_TOYS, fcToys: 500, alphaStep: 0.05 });
    expect(c.calibration.combinedGlobalTests).toBe('asymptotic');
    expect(c.combined.allBinsAlpha1).toEqual(asym.combined.allBinsAlpha1);
    // Exact p(α = 1) of one bin: under α = 1 the measurement is split-normal about the prediction,
    // below it with probability w = σ_hi/(σ_lo + σ_hi) (σ_hi applies there); q1 = (Δ/σ_hi)² for a
    // measurement Δ below, so P(q1 ≥ q) = 2w·Φ(−√q) while the threshold stays above the α = 0
    // prediction (true here). The asymptotic ½χ²₁ p = Φ(−√q) is exact only for w = ½: bin 1
    // (σ_lo = 0.2, σ_hi = 0.3) has w = 0.6, so its asymptotic p is 1.2 times too small.
    if (ds.kind !== 'xi') throw new Error('validXiDataset is a ξ ± σ dataset');
    const bins = xiModel(ds).bins;
    c.bins.forEach((b, i) => {
      const bin = raw.bins[i] as { sigma?: number; sigmaLo?: number; sigmaHi?: number };
      const w = bin.sigma === undefined ? bin.sigmaHi! / (bin.sigmaLo! + bin.sigmaHi!) : 0.5;
      // The observed q1 of the bin alone (the likelihood layer's own boundary test).
      const q = boundaryTest(gaussianLikelihood({ bins: [bins[i]!] }), 1).q;
      const exact = 2 * w * Phi(-Math.sqrt(q));
      const err = Math.sqrt((exact * (1 - exact)) / N_TOYS);
      expect(Math.abs(b.pAlpha1 - exact), `bin ${i}: toys ${b.pAlpha1}, exact ${exact}`).toBeLessThan(
        3.5 * err,
      );
      expect(b.alpha68.lo).toBeLessThanOrEqual(b.alphaHat);
      expect(b.alpha68.hi).toBeGreaterThanOrEqual(b.alphaHat);
    });
    expect(c.combined.alpha68.lo).toBeLessThanOrEqual(c.combined.alphaHat);
    expect(c.combined.alpha68.hi).toBeGreaterThanOrEqual(c.combined.alphaHat);
    expect(c.combined.pAlpha1McError).toBeGreaterThan(0);
    // Every calibrated number says how it was computed: toys with N and seed, FC with its grid.
    expect(c.combined.pAlpha1Method).toMatchObject({ kind: 'toys', nToys: N_TOYS, seed: '1' });
    expect(c.combined.alpha68.method).toEqual({
      kind: 'feldman-cousins',
      toysPerPoint: 500,
      gridStep: 0.05,
      seed: '1',
    });
    expect(c.bins[0]!.pAlpha1Method).toMatchObject({ kind: 'toys', nToys: N_TOYS });
    expect(c.combined.asymptotic.pAlpha1Method).toMatchObject({ kind: 'asymptotic' });
    // Per-hypothesis combined toys: the shared-α test only (ξ ± σ: no counting model, no global toys).
    expect(c.combinedToys.alpha1?.shared.pValue).toBe(c.combined.pAlpha1);
    expect(c.combinedToys.alpha1?.global).toBeUndefined();
  });
});
