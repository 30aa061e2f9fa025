/**
 * Toys of models with a Gaussian-constrained known background: the centre of the constraint (a global
 * observable) is redrawn in every toy, c ~ N(k̂̂, σ), beside n and m. Checked against an independent
 * Monte Carlo (the test's own xoshiro/inversion samplers and Box–Muller normals, the public
 * likelihood door for the statistics) and for the draw itself. MC criterion for two independent
 * estimates of the same p with N draws each: |Δp| ≤ 4·√(2p(1 − p)/N) (seeded, hence deterministic).
 */
import { describe, expect, test } from 'vitest';
import { countingLikelihood, tildeT } from '../../src/likelihood/index.js';
import type { CountingBin, CountingModel } from '../../src/likelihood/index.js';
import {
  BinToyDrawer,
  binGenerator,
  calibrateWithToys,
  createRng,
  exceedThreshold,
  planToys,
} from '../../src/toys/index.js';
import { makePoisson, makeUniform } from '../likelihood/helpers.js';
import { threeBins } from './models.js';

/** Normal variates from uniforms (Box–Muller; the test's own, not the library's). */
function makeNormal(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

const mcBound = (p: number, n: number): number => 4 * Math.sqrt((2 * p * (1 - p)) / n) + 1 / n;

const bins: CountingBin[] = [
  { nOn: 24, signal0: 1, signal1: 18, background: { kind: 'known', expected: 14, sigma: 3 } },
  {
    nOn: 33,
    signal0: 0.8,
    signal1: 15,
    background: { kind: 'measured', nOff: 30, tau: 2, known: { expected: 9, sigma: 2 } },
  },
];
/** Fixed normalisations: every random input of a toy is n, m or a known centre. */
const model: CountingModel = { bins };

describe('drawing the known-background centre', () => {
  test('c ~ N(k̂̂, σ): mean and standard deviation of 40 000 draws within 4σ_MC', () => {
    const lik = countingLikelihood(model).bin(0);
    const gen = binGenerator(model, 0, 1, lik.fitConditional(1));
    expect(gen.knownBackground).toBeGreaterThan(0);
    const drawer = new BinToyDrawer(model, 0);
    const rng = createRng(3, 'known-centre');
    const n = 40_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      drawer.draw(rng, gen);
      s += drawer.obsKnown;
      s2 += drawer.obsKnown ** 2;
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean - gen.knownBackground!)).toBeLessThanOrEqual((4 * 3) / Math.sqrt(n));
    // σ of a sample SD ≈ σ/√(2N)
    expect(Math.abs(sd - 3)).toBeLessThanOrEqual((4 * 3) / Math.sqrt(2 * n));
  });

  test('models without a constrained known background keep their jobs: no knownBackground in any generator', () => {
    const job = planToys(threeBins, { seed: 1, nToys: 10, fcToys: 10, alphaStep: 0.5, combinedToys: 10 });
    expect(JSON.stringify(job)).not.toMatch(/knownBackground/);
    const withKnown = planToys(model, { seed: 1, nToys: 10, fcToys: 10, alphaStep: 0.5, combinedToys: 10 });
    expect(JSON.stringify(withKnown.tasks)).toMatch(/knownBackground/);
  });
});

describe('toy p-values against an independent Monte Carlo', () => {
  test('per bin, α = 1 and α = 0: the toys p equals the independent MC p', async () => {
    const nToys = 6_000;
    const r = await calibrateWithToys(model, {
      seed: 17,
      nToys,
      fcToys: 50,
      alphaStep: 0.5,
      combinedToys: 0,
    });
    const uniform = makeUniform(99);
    const poisson = makePoisson(uniform);
    const normal = makeNormal(uniform);
    const full = countingLikelihood(model);
    for (const bin of [0, 1]) {
      const bl = full.bin(bin);
      const spec = bins[bin]!;
      for (const poi of [1, 0] as const) {
        const tObs = tildeT(bl, poi).t;
        const fit = bl.fitConditional(poi);
        const gen = binGenerator(model, bin, poi, fit);
        const sigma = bin === 0 ? 3 : 2;
        let exceed = 0;
        for (let i = 0; i < nToys; i++) {
          const nOn = poisson(gen.muOn);
          const centre = gen.knownBackground! + sigma * normal();
          const bg = spec.background;
          const toy: CountingBin =
            bg.kind === 'known'
              ? { ...spec, nOn, background: { ...bg, expected: centre } }
              : {
                  ...spec,
                  nOn,
                  background: { ...bg, nOff: poisson(gen.muOff), known: { expected: centre, sigma } },
                };
          // The public door refuses a negative `expected` (it validates a user model); a centre that
          // far below 0 (< −4σ here) does not occur at these means.
          if (centre < 0) throw new Error('negative centre drawn: choose a larger mean');
          // The toys' own tie and point-mass convention (stats.ts), applied to our statistic.
          if (tildeT(countingLikelihood({ bins: [toy] }), poi).t >= exceedThreshold(tObs)) exceed++;
        }
        const pMc = exceed / nToys;
        const b = r.bins.find((x) => x.bin === bin)!;
        const pToys = (poi === 1 ? b.alpha1 : b.alpha0).toys.pValue;
        expect(Math.abs(pToys - pMc), `bin ${bin} α = ${poi}: toys ${pToys}, MC ${pMc}`).toBeLessThanOrEqual(
          mcBound(pMc, nToys),
        );
      }
    }
  });

  test('combined shared-α test at α = 1: the toys p equals the independent MC p', async () => {
    const nToys = 1_500;
    const r = await calibrateWithToys(model, {
      seed: 4,
      nToys: 10,
      fcToys: 10,
      alphaStep: 1,
      combinedToys: nToys,
    });
    const full = countingLikelihood(model);
    const tObs = tildeT(full, 1).t;
    const fit = full.fitConditional(1);
    const uniform = makeUniform(7);
    const poisson = makePoisson(uniform);
    const normal = makeNormal(uniform);
    let exceed = 0;
    for (let i = 0; i < nToys; i++) {
      const toyBins = bins.map((spec, j): CountingBin => {
        const gen = binGenerator(model, j, 1, {
          ...fit,
          background: [fit.background[j]!],
          knownBackground: [fit.knownBackground[j]!],
        });
        const sigma = j === 0 ? 3 : 2;
        const nOn = poisson(gen.muOn);
        const centre = gen.knownBackground! + sigma * normal();
        if (centre < 0) throw new Error('negative centre drawn');
        const bg = spec.background;
        return bg.kind === 'known'
          ? { ...spec, nOn, background: { ...bg, expected: centre } }
          : {
              ...spec,
              nOn,
              background: { ...bg, nOff: poisson(gen.muOff), known: { expected: centre, sigma } },
            };
      });
      if (tildeT(countingLikelihood({ bins: toyBins }), 1).t >= exceedThreshold(tObs)) exceed++;
    }
    const pMc = exceed / nToys;
    const pToys = r.combined.find((c) => c.poi === 1)!.shared.toys.pValue;
    expect(Math.abs(pToys - pMc), `toys ${pToys}, MC ${pMc}`).toBeLessThanOrEqual(mcBound(pMc, nToys));
  });
});
