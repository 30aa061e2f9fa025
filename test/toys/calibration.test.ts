/**
 * Toy-calibrated p-values and Feldman–Cousins acceptance against references:
 * - exact enumeration of the toy distribution where it is possible (known background, fixed
 *   normalisations: n is the only random variable);
 * - the asymptotic formulas where they hold (thousands of counts);
 * - the likelihood layer's own statistics for the observed data (the same fits are used).
 * MC criterion: |p_toys − p_ref| ≤ 4·√(p_ref(1 − p_ref)/N) (seeded, so deterministic; a correct
 * implementation fails with another seed with probability ~6e-5 per comparison).
 */
import poissonPmf from '@stdlib/stats-base-dists-poisson-pmf';
import { describe, expect, test } from 'vitest';
import { boundaryTest, countingLikelihood, SingleBinKernel, testPoi } from '../../src/likelihood/index.js';
import {
  calibrateWithToys,
  exceedThreshold,
  fcAccepted,
  KernelLikelihood,
  planToys,
  toyPValue,
} from '../../src/toys/index.js';
import type { BinTask, ToysSummary } from '../../src/toys/index.js';
import { knownBackground, largeCounts, smallCounts, threeBins } from './models.js';

function mcBound(p: number, n: number): number {
  const q = Math.min(1, Math.max(0, p)); // sums of pmf can exceed 1 by rounding
  return 4 * Math.sqrt((q * (1 - q)) / n);
}

describe('toy p-values against exact enumeration (known background, no nuisance parameters)', () => {
  test('every grid point: p_toys within 4σ_MC of Σ pmf(n) over {n : t̃(n) ≥ t̃_obs}; FC acceptance agrees', async () => {
    const nToys = 4_000;
    const r = await calibrateWithToys(knownBackground, {
      seed: 21,
      nToys,
      fcToys: nToys,
      alphaStep: 0.125,
      combinedToys: 0,
    });
    const bin = knownBackground.bins[0]!;
    const kernel = new SingleBinKernel(knownBackground);
    let compared = 0;
    for (const point of r.bins[0]!.fc.points) {
      const mu =
        (bin.background.kind === 'known' ? bin.background.expected : 0) +
        bin.signal0 +
        point.poi * (bin.signal1 - bin.signal0);
      const thr = exceedThreshold(point.t);
      let pExact = 0;
      for (let n = 0; n < mu + 30 + 20 * Math.sqrt(mu); n++) {
        if (kernel.tildeT(n, 0, point.poi) >= thr) pExact += poissonPmf(n, mu);
      }
      expect(point.nToys).toBe(nToys);
      expect(
        Math.abs(point.pToys - pExact),
        `α = ${point.poi}: toys ${point.pToys}, exact ${pExact}`,
      ).toBeLessThanOrEqual(mcBound(pExact, nToys) + 1e-12);
      r.settings.cls.forEach((cl, c) => {
        // accept ⇔ P(t < t_obs) < CL ⇔ p > 1 − CL; compare where the exact p is clear of the edge
        if (Math.abs(pExact - (1 - cl)) > mcBound(pExact, nToys) + 1 / nToys) {
          expect(point.accepted[c], `α = ${point.poi}, CL ${cl}`).toBe(point.t <= 1e-8 || pExact > 1 - cl);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('toys agree with the asymptotic formulas where they hold (large counts)', () => {
  test('α = 1 (q1, p ≈ 0.05), α = 0 (p ≈ 1e-169: no toy exceeds) and an interior α', async () => {
    const nToys = 20_000;
    const r = await calibrateWithToys(largeCounts, {
      seed: 5,
      nToys,
      fcToys: nToys,
      alphaStep: 0.1,
      combinedToys: 0,
    });
    const b = r.bins[0]!;
    expect(b.alpha1.asymptotic.pValue).toBeGreaterThan(0.02);
    expect(b.alpha1.asymptotic.pValue).toBeLessThan(0.1);
    expect(Math.abs(b.alpha1.toys.pValue - b.alpha1.asymptotic.pValue)).toBeLessThanOrEqual(
      mcBound(b.alpha1.asymptotic.pValue, nToys),
    );
    expect(b.alpha0.toys.nExceed).toBe(0);
    expect(b.alpha0.toys.pUpper95).toBeCloseTo(-Math.expm1(Math.log(0.05) / nToys), 12);
    // Interior points near p̂ (the two-boundary asymptotic p with σ from Asimov data).
    for (const point of b.fc.points.filter((p) => p.poi >= 0.8 && p.poi < 1)) {
      expect(Math.abs(point.pToys - point.pAsymptotic), `α = ${point.poi}`).toBeLessThanOrEqual(
        mcBound(point.pAsymptotic, nToys),
      );
    }
    // FC and asymptotic 68.27 % / 90 % intervals agree to the grid spacing.
    for (const iv of b.fc.intervals) {
      expect(Math.abs(iv.lower! - iv.asymptotic.lower)).toBeLessThanOrEqual(0.1 + 1e-9);
      expect(Math.abs(iv.upper! - iv.asymptotic.upper)).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });
});

describe('the observed statistics are those of the likelihood layer', () => {
  test('tObs of the α = 1, α = 0 tasks equal boundaryTest q (per bin) and tildeT of testPoi', () => {
    const job = planToys(threeBins, { seed: 1, nToys: 10, fcToys: 10, alphaStep: 0.25, combinedToys: 10 });
    const summary = job.summary as ToysSummary;
    const lik = countingLikelihood(threeBins);
    for (const plan of summary.bins) {
      const t1 = job.tasks[plan.tasks[plan.tasks.length - 1]!] as BinTask;
      const t0 = job.tasks[plan.tasks[0]!] as BinTask;
      expect(t1.tObs).toBeCloseTo(boundaryTest(lik.bin(plan.bin), 1).q, 9);
      expect(t0.tObs).toBeCloseTo(boundaryTest(lik.bin(plan.bin), 0).q, 9);
      plan.tasks.forEach((ti) => {
        const task = job.tasks[ti] as BinTask;
        expect(task.tObs).toBeCloseTo(testPoi(lik.bin(plan.bin), task.poi).t, 9);
      });
    }
    // combined observed statistics match the likelihood layer's shared-α boundary test
    const comb = job.tasks.filter((t) => t.kind === 'combined');
    expect(comb).toHaveLength(2);
    for (const c of comb) {
      if (c.kind !== 'combined') continue;
      expect(c.obs.shared).toBeCloseTo(boundaryTest(lik, c.poi).q, 6);
    }
  });

  test('KernelLikelihood with centres 1 reproduces countingLikelihood (testPoi t, branch points, p)', () => {
    const lik = countingLikelihood(smallCounts);
    const bin = smallCounts.bins[0]!;
    const m = bin.background.kind === 'measured' ? bin.background.nOff : 0;
    const kl = new KernelLikelihood(new SingleBinKernel(smallCounts), smallCounts, 0, bin.nOn, m, 1, 1);
    for (const poi of [0, 0.3, 0.7, 1]) {
      const a = testPoi(lik, poi);
      const b = testPoi(kl, poi);
      expect(b.t).toBeCloseTo(a.t, 12);
      expect(b.branch.lower).toBeCloseTo(a.branch.lower, 9);
      expect(b.branch.upper).toBeCloseTo(a.branch.upper, 9);
      expect(b.pValue).toBeCloseTo(a.pValue, 9);
    }
  });
});

describe('counting conventions (stats.ts)', () => {
  test('toyPValue: k/N, binomial error, 95 % upper limit when k = 0', () => {
    const p = toyPValue(25, 100);
    expect(p.pValue).toBe(0.25);
    expect(p.mcError).toBeCloseTo(Math.sqrt((0.25 * 0.75) / 100), 15);
    expect(p.pUpper95).toBeNull();
    const zero = toyPValue(0, 1000);
    expect(zero.pValue).toBe(0);
    expect(zero.z).toBeNull();
    expect(zero.pUpper95).toBeCloseTo(0.0029913, 6);
  });

  test('fcAccepted: N − k < CL·(N + 1) (exact Monte Carlo test), t_obs = 0 always accepted', () => {
    // N = 1000, CL = 0.9: accepted iff fewer than 900.9 toys lie below t_obs, i.e. k ≥ 100
    expect(fcAccepted(2, 100, 1000, 0.9)).toBe(true);
    expect(fcAccepted(2, 99, 1000, 0.9)).toBe(false);
    // N = 999: CL·(N + 1) = 900 exactly; accepted iff N − k ≤ 899, i.e. k ≥ 100
    expect(fcAccepted(2, 100, 999, 0.9)).toBe(true);
    expect(fcAccepted(2, 99, 999, 0.9)).toBe(false);
    expect(fcAccepted(0, 0, 1000, 0.9)).toBe(true);
    // the point mass at 0 never counts as "at least as extreme" as t_obs = 0
    expect(exceedThreshold(0)).toBeGreaterThan(0);
  });
});

describe('Feldman–Cousins interval edges', () => {
  test('on a coarse grid (step 0.1) the interval still contains α̂ (edges interpolated, not grid-snapped)', async () => {
    const { loadDataset } = await import('../../src/data/index.js');
    const { countsModel } = await import('../../src/likelihood/index.js');
    const { calibrateWithToys } = await import('../../src/toys/index.js');
    const model = countsModel(loadDataset('coherent-csi-2017') as never, 'none');
    const r = await calibrateWithToys(model, {
      seed: 3,
      nToys: 500,
      fcToys: 300,
      alphaStep: 0.1,
      combinedToys: 0,
      bins: [4, 6],
    });
    for (const b of r.bins) {
      for (const i of b.fc.intervals) {
        expect(i.lower!).toBeLessThanOrEqual(b.poiHat);
        expect(i.upper!).toBeGreaterThanOrEqual(b.poiHat);
      }
    }
  });
});
