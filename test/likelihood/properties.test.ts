import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  SingleBinKernel,
  boundaryTest,
  countingLikelihood,
  gaussianLikelihood,
  poiInterval,
  testPoi,
  tildeT,
} from '../../src/likelihood/index.js';
import type { ConstraintSpec, CountingBin, CountingModel } from '../../src/likelihood/index.js';

const constraint: fc.Arbitrary<ConstraintSpec | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant('gaussian' as const), sigma: fc.double({ min: 0, max: 0.8, noNaN: true }) }),
  fc.record({ kind: fc.constant('lognormal' as const), sigma: fc.double({ min: 0, max: 0.8, noNaN: true }) }),
);

const countingBin: fc.Arbitrary<CountingBin> = fc
  .record({
    nOn: fc.integer({ min: 0, max: 300 }),
    signal0: fc.double({ min: 0, max: 100, noNaN: true }),
    signal1: fc.double({ min: 0.5, max: 150, noNaN: true }),
    beamBackground: fc.double({ min: 0, max: 30, noNaN: true }),
    measured: fc.boolean(),
    nOff: fc.integer({ min: 0, max: 300 }),
    tau: fc.double({ min: 0.05, max: 20, noNaN: true }),
    known: fc.double({ min: 0.01, max: 50, noNaN: true }),
  })
  .map((r) => ({
    nOn: r.nOn,
    signal0: r.signal0,
    signal1: r.signal1,
    beamBackground: r.beamBackground,
    background: r.measured
      ? { kind: 'measured' as const, nOff: r.nOff, tau: r.tau }
      : { kind: 'known' as const, expected: r.known },
  }));

const countingModel = (maxBins: number): fc.Arbitrary<CountingModel> =>
  fc
    .record({
      bins: fc.array(countingBin, { minLength: 1, maxLength: maxBins }),
      s: constraint,
      b: constraint,
    })
    .map(({ bins, s, b }) => ({
      bins,
      ...(s === undefined ? {} : { signalNorm: s }),
      ...(b === undefined ? {} : { beamNorm: b }),
    }));

const poi = fc.double({ min: 0, max: 1, noNaN: true });

describe('properties (fast-check, fixed seeds)', () => {
  test('NLL ≥ 0 at the MLE, conditional ≥ unconditional, t̃ ≥ 0, never NaN (single bin)', () => {
    fc.assert(
      fc.property(countingModel(1), poi, (model, poi0) => {
        const lik = countingLikelihood(model);
        const u = lik.fitUnconditional();
        const t = tildeT(lik, poi0);
        return u.nll >= 0 && t.conditional.nll >= u.nll - 1e-9 && t.t >= 0 && !Number.isNaN(t.t);
      }),
      { seed: 1, numRuns: 400 },
    );
  });

  test('same for the combined model (1–4 bins, shared normalisations); fits report convergence', () => {
    fc.assert(
      fc.property(countingModel(4), poi, (model, poi0) => {
        const lik = countingLikelihood(model);
        const u = lik.fitUnconditional();
        const t = tildeT(lik, poi0);
        expect(u.diagnostics.converged).toBe(true);
        expect(t.conditional.diagnostics.converged || t.conditional.diagnostics.reason === 'infinite').toBe(
          true,
        );
        return u.nll >= 0 && t.t >= 0 && !Number.isNaN(t.t);
      }),
      { seed: 2, numRuns: 150 },
    );
  });

  test('p-values lie in [0, 1]; q = 0 ⇔ p = 0.5 for the boundary tests', () => {
    fc.assert(
      fc.property(countingModel(2), poi, (model, poi0) => {
        const lik = countingLikelihood(model);
        const r = testPoi(lik, poi0);
        const b1 = boundaryTest(lik, 1);
        const b0 = boundaryTest(lik, 0, { distribution: 'two-boundary' });
        for (const p of [r.pValue, b1.pValue, b0.pValue]) if (!(p >= 0 && p <= 1)) return false;
        return b1.q === 0 ? b1.pValue === 0.5 : b1.pValue < 0.5;
      }),
      { seed: 3, numRuns: 100 },
    );
  });

  test('every interval contains p̂oi and lies in [0, 1]', () => {
    fc.assert(
      fc.property(countingModel(2), fc.constantFrom(0.6827, 0.9), (model, cl) => {
        const iv = poiInterval(countingLikelihood(model), { cl, gridPoints: 21 });
        return iv.lower >= 0 && iv.upper <= 1 && iv.lower <= iv.poiHat + 1e-9 && iv.upper >= iv.poiHat - 1e-9;
      }),
      { seed: 4, numRuns: 40 },
    );
  });

  test('Gaussian model: the same invariants, with asymmetric σ', () => {
    const bin = fc.record({
      measured: fc.double({ min: -1, max: 2, noNaN: true }),
      expected0: fc.double({ min: -1, max: 1, noNaN: true }),
      expected1: fc.double({ min: -1, max: 2, noNaN: true }),
      sigma: fc.record({
        lo: fc.double({ min: 0.01, max: 1, noNaN: true }),
        hi: fc.double({ min: 0.01, max: 1, noNaN: true }),
      }),
    });
    fc.assert(
      fc.property(fc.array(bin, { minLength: 1, maxLength: 5 }), poi, (bins, poi0) => {
        fc.pre(bins.some((b) => b.expected1 !== b.expected0));
        const lik = gaussianLikelihood({ bins });
        const t = tildeT(lik, poi0);
        const iv = poiInterval(lik, { gridPoints: 21 });
        return (
          t.t >= 0 &&
          lik.fitUnconditional().nll >= 0 &&
          iv.lower <= iv.poiHat + 1e-9 &&
          iv.upper >= iv.poiHat - 1e-9
        );
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  test('the toy kernel never returns NaN or a negative t̃ for any counts', () => {
    fc.assert(
      fc.property(
        countingModel(1),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        poi,
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        (model, n, m, poi0, obs) => {
          const k = new SingleBinKernel(model);
          k.obsSig = obs;
          k.obsBeam = obs;
          const t = k.tildeT(n, m, poi0);
          return t >= 0 && !Number.isNaN(t) && k.poiHat >= 0 && k.poiHat <= 1;
        },
      ),
      { seed: 6, numRuns: 2000 },
    );
  });
});
