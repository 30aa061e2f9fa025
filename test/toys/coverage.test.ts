/**
 * Coverage of the Feldman–Cousins intervals (src/toys/coverage.ts) at α ∈ {0, 0.25, 0.5, 0.75, 1},
 * 68.27 % and 90 % CL, for a small-count bin (a few events, background measured off-source, Gaussian
 * normalisation constraints).
 *
 * MC CRITERION: with N pseudo-experiments the covered fraction has standard error σ = √(c(1 − c)/N);
 * each FC coverage must lie within 3σ of the nominal CL (10 comparisons; seeded, so deterministic).
 * For a purely discrete problem (known background, no constraint) FC is conservative by construction:
 * there we require no under-coverage beyond 3σ, and over-coverage is allowed.
 */
import { describe, expect, test } from 'vitest';
import { coverageStudy, planCoverage } from '../../src/toys/index.js';
import { SpecError } from '../../src/errors.js';
import type { CoveragePoint } from '../../src/toys/index.js';
import { knownBackground, smallCounts } from './models.js';

const settings = { alphaStep: 0.25, nExperiments: 500, innerToys: 400, workers: 2 } as const;

function describePoint(p: CoveragePoint): string {
  return `α = ${p.poi}, CL ${p.cl}, ${p.method}: ${p.coverage.value.toFixed(3)} ± ${p.coverage.mcError.toFixed(3)}`;
}

describe('coverage study', () => {
  test('FC covers at 68.27 % and 90 % within 3σ_MC at α = 0, 0.25, 0.5, 0.75, 1 (small counts, nuisances)', async () => {
    const r = await coverageStudy(smallCounts, { seed: 2, ...settings });
    const fc = r.points.filter((p) => p.method === 'feldmanCousins');
    expect(fc.map((p) => p.poi)).toEqual([0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1]);
    expect(new Set(fc.map((p) => p.cl))).toEqual(new Set([0.6827, 0.9]));
    for (const p of fc) {
      expect(p.coverage.n).toBe(settings.nExperiments);
      expect(p.failed).toBe(0);
      expect(Math.abs(p.coverage.value - p.cl), describePoint(p)).toBeLessThanOrEqual(3 * p.coverage.mcError);
    }
    // The naive Δχ² rule ignores the boundaries of [0, 1]: at α = 0 and α = 1 its 68.27 % "interval"
    // covers ≈ ½ + ½·0.6827 = 0.84 of the time (t̃ ~ ½δ(0) + ½χ²₁ there).
    for (const p of r.points.filter((q) => q.method === 'deltaChi2' && q.cl === 0.6827 && q.poi % 1 === 0)) {
      expect(p.pull!, describePoint(p)).toBeGreaterThan(5);
    }
  });

  test('purely discrete counts (known background): FC never under-covers beyond 3σ_MC', async () => {
    const r = await coverageStudy(knownBackground, { seed: 4, ...settings });
    for (const p of r.points.filter((q) => q.method === 'feldmanCousins')) {
      expect(p.coverage.value - p.cl, describePoint(p)).toBeGreaterThanOrEqual(-3 * p.coverage.mcError);
    }
  });

  test('per-bin truths: the study runs at exactly the given α (not the grid); out of [0, 1], 2-D or repeated: refused', async () => {
    const r = await coverageStudy(smallCounts, {
      seed: 2,
      nExperiments: 20,
      innerToys: 20,
      truths: [[0.3], [1]],
    });
    expect([...new Set(r.points.map((p) => p.poi))]).toEqual([0.3, 1]);
    for (const p of r.points) expect(p.coverage.n).toBe(20);
    for (const [truths, message] of [
      [[[2]], /^truths\[0\]: 2 is not a value of α in \[0, 1\]/],
      [[[0.5], [-1]], /^truths\[1\]: -1 is not a value of α in \[0, 1\]/],
      [[[0.5, 0.5]], /^truths\[0\]: 0\.5:0\.5 is not a value of α/],
      [[[0.5], [0.5]], /^truths\[1\]: 0\.5 given twice \(also truths\[0\]\)/],
    ] as const) {
      const plan = () => planCoverage(smallCounts, { seed: 1, truths });
      expect(plan).toThrow(SpecError);
      expect(plan).toThrow(message);
    }
  });
});
