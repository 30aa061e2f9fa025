import { describe, expect, test } from 'vitest';
import {
  boundaryTest,
  boundedChiBarPValue,
  chiBarSquarePValue,
  countingLikelihood,
  gaussianLikelihood,
  globalBoundaryTest,
  sidakGlobalPValue,
} from '../../src/likelihood/index.js';
import type { CountingBin } from '../../src/likelihood/index.js';

const bins: CountingBin[] = [
  { nOn: 30, signal0: 5, signal1: 20, beamBackground: 3, background: { kind: 'measured', nOff: 40, tau: 4 } },
  { nOn: 50, signal0: 10, signal1: 30, background: { kind: 'known', expected: 12 } },
  { nOn: 10, signal0: 1, signal1: 8, beamBackground: 2, background: { kind: 'measured', nOff: 8, tau: 2 } },
  // uninformative: the expectation does not depend on poi
  { nOn: 7, signal0: 4, signal1: 4, background: { kind: 'known', expected: 2 } },
];

describe('global boundary tests over all bins', () => {
  test('no shared nuisances: Λ = Σ_i q_i of the single bins, p from the bounded χ̄² of their far branch points', () => {
    const lik = countingLikelihood({ bins });
    for (const v of [0, 1] as const) {
      const g = globalBoundaryTest(lik, v);
      expect(g.dof).toBe(3);
      const sum = g.local.reduce((acc, l) => acc + l.q, 0);
      expect(g.statistic).toBeCloseTo(sum, 8);
      // each local far branch point is the bin's own boundary-test branch point
      g.local.forEach((l) => expect(l.farBranch).toBe(boundaryTest(lik.bin(l.bin), v).farBranch));
      expect(g.pValue).toBe(
        boundedChiBarPValue(
          g.statistic,
          g.local.map((l) => l.farBranch),
        ),
      );
      // the far boundaries only ever lower p below the χ̄²(3) that ignores them
      expect(g.pValue).toBeLessThanOrEqual(chiBarSquarePValue(g.statistic, 3) * (1 + 1e-12));
      expect(g.local.map((l) => l.bin)).toEqual([0, 1, 2]);
    }
  });

  test('the most significant bin and its Šidák global p-value', () => {
    const g = globalBoundaryTest(countingLikelihood({ bins }), 0);
    const best = g.local.reduce((a, b) => (b.pValue < a.pValue ? b : a));
    expect(g.mostSignificant.bin).toBe(best.bin);
    expect(g.mostSignificant.pGlobal).toBeCloseTo(sidakGlobalPValue(best.pValue, 3), 15);
    expect(g.mostSignificant.pGlobal).toBeGreaterThanOrEqual(best.pValue);
  });

  test('one bin: the global test is the boundary test', () => {
    const lik = countingLikelihood({
      bins: [bins[0] as CountingBin],
      signalNorm: { kind: 'gaussian', sigma: 0.1 },
    });
    for (const v of [0, 1] as const) {
      const g = globalBoundaryTest(lik, v);
      const b = boundaryTest(lik, v);
      expect(g.statistic).toBeCloseTo(b.q, 10);
      expect(g.pValue).toBeCloseTo(b.pValue, 10);
    }
  });

  test('with shared normalisations the fits still converge and Λ ≥ 0', () => {
    const lik = countingLikelihood({
      bins,
      signalNorm: { kind: 'gaussian', sigma: 0.15 },
      beamNorm: { kind: 'lognormal', sigma: 0.3 },
    });
    for (const v of [0, 1] as const) {
      const g = globalBoundaryTest(lik, v);
      expect(g.nullFit.diagnostics.converged).toBe(true);
      expect(g.alternativeFit.diagnostics.converged).toBe(true);
      expect(g.statistic).toBeGreaterThanOrEqual(0);
      expect(g.pValue).toBeGreaterThanOrEqual(0);
      expect(g.pValue).toBeLessThanOrEqual(1);
    }
  });

  test('Gaussian model: per-bin alternatives are closed form, Λ = Σ clipped pulls²', () => {
    const lik = gaussianLikelihood({
      bins: [
        { measured: 0.7, expected0: 0.3, expected1: 0.9, sigma: 0.1 },
        { measured: 1.0, expected0: 0.1, expected1: 0.8, sigma: 0.2 },
      ],
    });
    const g = globalBoundaryTest(lik, 1);
    // bin 0: p̂ = 2/3, q = ((0.9 − 0.7)/0.1)² = 4; bin 1: p̂ clipped to 1, q = 0
    expect(g.statistic).toBeCloseTo(4, 12);
    expect(g.alternativeFit.poi).toEqual([expect.closeTo(2 / 3, 12), 1]);
  });

  test('relabelling bins: same statistic, same most significant bin (relabelled)', () => {
    const a = globalBoundaryTest(countingLikelihood({ bins }), 1);
    const perm = [3, 1, 0, 2];
    const b = globalBoundaryTest(countingLikelihood({ bins: perm.map((i) => bins[i] as CountingBin) }), 1);
    expect(b.statistic).toBeCloseTo(a.statistic, 9);
    expect(perm[b.mostSignificant.bin]).toBe(a.mostSignificant.bin);
  });
});

describe('global test without informative bins', () => {
  test('throws a typed error instead of crashing', async () => {
    const { countingLikelihood, globalBoundaryTest } = await import('../../src/likelihood/index.js');
    // signal0 = signal1: α has no effect in any bin (countingLikelihood itself rejects a model with no
    // poi dependence, so build one informative bin and test its uninformative sibling through bin()).
    const lik = countingLikelihood({
      bins: [
        { nOn: 5, signal0: 1, signal1: 3, background: { kind: 'known', expected: 1 } },
        { nOn: 5, signal0: 2, signal1: 2, background: { kind: 'known', expected: 1 } },
      ],
    });
    expect(() => globalBoundaryTest(lik.bin(1), 1)).toThrow(/no bin depends/);
  });
});
