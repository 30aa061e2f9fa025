/**
 * Asimov results against the median of toys (seeded): the median expected significance from the Asimov
 * dataset (CCGV 2011, Eq. 24) must agree with the median Z of pseudo-experiments drawn under the true
 * model, within the toys' Monte Carlo error. Criterion: |Z_A − median| ≤ (95 % order-statistics
 * half-width of the median) + 0.05, the 0.05 allowing for the O(1/√n) bias of the asymptotic formulae
 * at these counts (tens of events per bin; measured: ≤ 0.07).
 * BANDS: the Asimov ±1σ band Z_A ± 1 is centred on Z_A and has unit half-width (Wald, with σ of α̂
 * the same under the true and the tested α). Its CENTRE is checked like the median: where neither
 * edge is clipped at 0, (q₁₅.₉ + q₈₄.₁)/2 of the toys must equal Z_A within the median's criterion
 * (measured: ≤ 0.014). Its WIDTH is the Wald approximation's: the toys' half-widths are 0.82–1.11 for
 * these presets (ge-reactor α = 0 and xe-solar α = 0 at the ends: σ of α̂ differs between α = 0 and
 * the true model), so |half-width − 1| is only bounded, by 0.2, to catch a band that breaks.
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
/** Bound on |toys' ±1σ half-width − 1| (the Wald width; module comment). */
const WIDTH_BOUND = 0.2;

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
      if (a.bands.m1 > 0 && t.z.m1 > 0) {
        const centre = 0.5 * (t.z.m1 + t.z.p1);
        expect(Math.abs(centre - a.z), `${name} α=${alpha} band centre`).toBeLessThanOrEqual(
          halfWidth + 0.05,
        );
        expect(Math.abs(0.5 * (t.z.p1 - t.z.m1) - 1), `${name} α=${alpha} band width`).toBeLessThan(
          WIDTH_BOUND,
        );
      }
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
