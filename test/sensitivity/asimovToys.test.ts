/**
 * Asimov results against the median of toys (seeded): the median expected significance from the Asimov
 * dataset (CCGV 2011, Eq. 24) must agree with the median Z of pseudo-experiments drawn under the true
 * model, within the toys' Monte Carlo error. Criterion: |Z_A − median| ≤ (95 % order-statistics
 * half-width of the median) + 0.05, the 0.05 allowing for the O(1/√n) bias of the asymptotic formulae
 * at these counts (tens of events per bin; measured: ≤ 0.07).
 * BANDS: the Asimov ±1σ band edges Z_A ± 1 take the width of Z to be 1 (Wald, σ of α̂ the same under
 * the true and the tested α). The toys' half-widths (84.1 % − 15.9 % quantile)/2 are 0.85–1.10 for these
 * presets (measured, ge-reactor α = 0 and xe-solar α = 0 at the ends), so the edges may differ by up to
 * 0.15 from that approximation, plus the Monte Carlo error of a 15.9 %/84.1 % quantile of 2000 toys,
 * 1.96·√(p(1 − p)/N)/φ(1) = 0.066 at 95 %: tolerance 0.22 (measured: ≤ 0.17).
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
/** Width approximation of the Wald bands (≤ 0.15 here) + 95 % MC error of the quantiles (module comment). */
const BAND_TOLERANCE = 0.15 + 0.066;

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
      expect(Math.abs(a.bands.m1 - t.z.m1), `${name} α=${alpha} −1σ`).toBeLessThan(BAND_TOLERANCE);
      expect(Math.abs(a.bands.p1 - t.z.p1), `${name} α=${alpha} +1σ`).toBeLessThan(BAND_TOLERANCE);
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
