/**
 * Toy-calibrated projections (src/sensitivity/projectionToys.ts): the Feldman–Cousins construction on
 * the Asimov dataset of the csi-dar preset (true model Helm, so one shared α is a compromise of the
 * bins' α_eff). The general engine's fit of the combined α (the counting model as a workspace) equals
 * the counting likelihood's own fit of the same Asimov data, the expected FC intervals contain it, and
 * with 400 toys per point the FC
 * edges follow the asymptotic ones where the counts are tens per bin (the combined fit: hundreds of
 * events): within 0.03 = the grid step 0.05 interpolated with MC-noisy p-values (σ_MC ≈ 0.02 at
 * p = 0.16–0.32, dp/dα ≈ 1–2 there → ≲ 0.02 in α) plus the asymptotic approximation's own error.
 */
import { describe, expect, test } from 'vitest';
import {
  buildResponse,
  countingModelFor,
  expectedCounts,
  presetSetup,
  projectionFeldmanCousins,
  setupLikelihood,
} from '../../src/sensitivity/index.js';

describe('projection: Feldman–Cousins intervals and toy p-values of the Asimov dataset (csi-dar)', () => {
  const s = presetSetup('csi-dar');
  const counts = expectedCounts(buildResponse(s), s.exposureKgS);
  const m = countingModelFor(s, counts);

  test('combined and per-bin FC intervals hold the Asimov α̂; combined edges near the asymptotic ones', () => {
    const f = projectionFeldmanCousins(m, { nToys: 400, seed: 5 });
    // Two fitters of one likelihood: the engine (EDM 1e-12 for the observed fit) and the counting
    // model's; α̂ to ~1e-6 (σ(α) ≈ 0.15, EDM 1e-12 → δα ≲ 0.15·√(2e-12)).
    expect(f.combined.alphaHat).toBeCloseTo(setupLikelihood(m).fitUnconditional().poi, 5);
    for (const iv of f.combined.intervals) {
      expect(iv.lower!).toBeLessThanOrEqual(f.combined.alphaHat);
      expect(iv.upper!).toBeGreaterThanOrEqual(f.combined.alphaHat);
      expect(Math.abs(iv.lower! - iv.asymptotic.lower), `lower ${iv.cl}`).toBeLessThan(0.03);
      expect(Math.abs(iv.upper! - iv.asymptotic.upper), `upper ${iv.cl}`).toBeLessThan(0.03);
    }
    expect(f.bins.length).toBe(m.model.bins.filter((b) => b.signal1 !== b.signal0).length);
    for (const b of f.bins) {
      expect(m.binIndex).toContain(b.index);
      for (const iv of b.intervals) {
        expect(iv.lower!).toBeLessThanOrEqual(b.alphaHat + 1e-12);
        expect(iv.upper!).toBeGreaterThanOrEqual(b.alphaHat - 1e-12);
      }
    }
    expect(f.combined.pAlpha1.nToys).toBe(400);
  });

  test('same seed, same numbers', () => {
    const a = projectionFeldmanCousins(m, { nToys: 50, alphaStep: 0.25, seed: 'p' });
    const b = projectionFeldmanCousins(m, { nToys: 50, alphaStep: 0.25, seed: 'p' });
    expect(b).toEqual(a);
  });
});
