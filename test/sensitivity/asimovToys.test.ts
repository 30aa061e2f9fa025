/**
 * Asimov results against the median of toys (seeded): the median expected significance from the Asimov
 * dataset (CCGV 2011, Eq. 24) must agree with the median Z of pseudo-experiments drawn under the true
 * model, within the toys' Monte Carlo error. Criterion: |Z_A − median| ≤ (95 % order-statistics
 * half-width of the median) + 0.05, the 0.05 allowing for the O(1/√n) bias of the asymptotic formulae
 * at these counts (tens of events per bin; measured: ≤ 0.07). The Asimov ±1σ bands (Wald: Z_A ± 1) and
 * the toys' 15.9 %/84.1 % quantiles agree to ≲ 0.2.
 */
import { describe, expect, test } from 'vitest';
import {
  asimovTest,
  buildResponse,
  countingModelFor,
  expectedCounts,
  presetSetup,
  setupLikelihood,
  toyBands,
} from '../../src/sensitivity/index.js';

const N_TOYS = 2000;

describe('Asimov vs toys (2000 toys, seed 7)', () => {
  test.each([
    ['ge-reactor', [1, 0, 0.5]],
    ['xe-solar', [1, 0]],
    ['csi-dar', [1, 0]],
    ['ar-dar', [1, 0]],
  ] as const)('%s: median Z of toys = Asimov Z within MC error, for α = %j', (name, alphas) => {
    const s = presetSetup(name);
    const m = countingModelFor(s, expectedCounts(buildResponse(s), s.exposureKgS));
    const lik = setupLikelihood(m);
    const toys = toyBands(m, lik, alphas, { nToys: N_TOYS, seed: 7 });
    alphas.forEach((alpha, i) => {
      const a = asimovTest(lik, alpha);
      const t = toys[i]!;
      expect(t.failed).toBe(0);
      const halfWidth = Math.max(t.medianCi95[1] - t.z.median, t.z.median - t.medianCi95[0]);
      const diff = Math.abs(a.z - t.z.median);
      expect(
        diff,
        `${name} α=${alpha}: Asimov ${a.z}, toys ${t.z.median} ± ${halfWidth}`,
      ).toBeLessThanOrEqual(halfWidth + 0.05);
      expect(Math.abs(a.bands.m1 - t.z.m1), `${name} α=${alpha} −1σ`).toBeLessThan(0.3);
      expect(Math.abs(a.bands.p1 - t.z.p1), `${name} α=${alpha} +1σ`).toBeLessThan(0.3);
    });
  });

  test('same seed, same bands; another seed, other draws', () => {
    const s = presetSetup('ar-dar');
    const m = countingModelFor(s, expectedCounts(buildResponse(s), s.exposureKgS));
    const lik = setupLikelihood(m);
    const a = toyBands(m, lik, [0], { nToys: 200, seed: 'x' });
    const b = toyBands(m, lik, [0], { nToys: 200, seed: 'x' });
    const c = toyBands(m, lik, [0], { nToys: 200, seed: 'y' });
    expect(b).toEqual(a);
    expect(c[0]!.z).not.toEqual(a[0]!.z);
  });
});
