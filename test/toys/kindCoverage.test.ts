/**
 * Feldman–Cousins coverage for each kind of general-engine analysis that `coherency coverage` runs
 * besides the single-POI workspaces (anchorCoverage.test.ts): the combined one-α fit of a counts
 * dataset, a ξ ± σ dataset (combined and per bin), a 2-D FC region (two POIs) and a template dataset
 * (tied α and one band with the other profiled). The README ("Coverage by model kind") has the same
 * kinds with 500–1000 pseudo-experiments × 199 inner toys; these are the small versions (seconds).
 *
 * Expected coverage: with N inner toys the exact Monte Carlo test (stats.ts `fcAccepted`) accepts with
 * probability ⌈CL·(N + 1)⌉/(N + 1) for a continuous statistic: N = 49 → 0.70 at 68.27 % and 0.90 at
 * 90 %; N = 19 → 0.70 and 0.90 as well. Ties at t̃ = 0 (α̂ on the bound that is the truth) only add
 * to it: with a fraction π of t̃ at 0 the exact binomial sum gives 0.7014 (π = ½) and 0.7098 (π = 0.6,
 * the asymmetric ξ bin at α = 0, σ_hi/(σ_lo + σ_hi)) for N = 19 at 68.27 %, ≤ 0.7021 for N = 49, and
 * 0.90 at 90 % — at most 0.7 σ_MC here, inside the tolerance below.
 * Criterion: |coverage − expected| ≤ z·σ_MC with σ_MC = √(p(1 − p)/n_experiments) at the expected p,
 * for every FC point (analysis × truth × CL) of a test, with z set so that the WHOLE test fails by
 * chance with probability 0.27 % (3 σ) when the coverage is right: Bonferroni, two-sided
 * 0.0027/n_checks per check (n_checks 6 to 18 → z = 3.5 to 3.8). (A plain 3 σ per check would make a
 * test of 18 checks fail by chance about 5 % of the time; with 3 σ the ξ test did fail on its first
 * run, bin 1 at α = 1, 68.27 %: 0.748 against 0.70, +3.3 σ_MC, while 20 000 pseudo-experiments at the
 * same point give 0.698 ± 0.003.) The seeds are fixed, so the outcome is reproducible. At 200
 * pseudo-experiments z·σ_MC ≈ 0.11–0.12 / 0.07–0.08 (68.27 / 90 %): these tests catch a gross error of the
 * construction, not a percent-level one (the README runs, 500–20 000 pseudo-experiments, do that).
 * The ξ ± σ model has no nuisance parameters, so its pseudo-experiment and its inner toys are drawn
 * from the same distribution and the FC coverage is exact: 1000 pseudo-experiments × 19 toys there.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, test } from 'vitest';
import { loadDataset, parseAnyDataset, parseWorkspace } from '../../src/data/index.js';
import { coverageForAnalyses, datasetToyInputs, workspaceAnalyses } from '../../src/toys/index.js';
import type { CoverageResult, ToyAnalysisInput } from '../../src/toys/index.js';
import { validXiDataset } from '../data/datasetTestKit.js';
import {
  ANCHOR_FOLDER,
  ANCHORS_AVAILABLE,
  readAnchorWorkspace,
} from '../likelihood/histfactory/anchorData.js';
import { sharedTitle } from '../sharedData.js';
import { twoBandTemplate } from './twoBandTemplate.js';

const expected = (cl: number, inner: number) => Math.ceil(cl * (inner + 1) - 1e-9) / (inner + 1);

async function checkFcCoverage(
  analyses: readonly ToyAnalysisInput[],
  truths: number[][],
  nExperiments: number,
  innerToys: number,
  seed: string,
): Promise<CoverageResult> {
  const r = await coverageForAnalyses(analyses, { seed, nExperiments, innerToys, truths });
  const fc = r.analyses.filter((p) => p.method === 'feldmanCousins');
  expect(fc).toHaveLength(analyses.length * truths.length * 2);
  const z = normalQuantile(1 - 0.0027 / 2 / fc.length, 0, 1);
  for (const p of fc) {
    const e = expected(p.cl, innerToys);
    const where = `${p.label}, truth ${p.truth.join(':')}, CL ${p.cl}: ${p.coverage.value}`;
    expect(p.failed, `failed pseudo-experiments, ${where}`).toBe(0);
    expect(p.coverage.n, where).toBe(nExperiments);
    expect(Math.abs(p.coverage.value - e), where).toBeLessThanOrEqual(
      z * Math.sqrt((e * (1 - e)) / nExperiments),
    );
  }
  return r;
}

describe('Feldman–Cousins coverage by model kind (small: see the file comment)', () => {
  test('counts dataset: the combined one-α fit of coherent-csi-2017 (nuisances profiled)', async () => {
    const { analyses } = datasetToyInputs(loadDataset('coherent-csi-2017'));
    expect(analyses.map((a) => a.key)).toEqual(['combined']);
    await checkFcCoverage(analyses, [[0], [0.5], [1]], 200, 49, 'kind-coverage/counts-combined');
  });

  test('ξ ± σ dataset: combined and each bin (one asymmetric σ), exact FC', async () => {
    const { analyses } = datasetToyInputs(parseAnyDataset(validXiDataset(), 'example-xi'));
    expect(analyses.map((a) => a.key)).toEqual(['combined', 'bin0', 'bin1']);
    await checkFcCoverage(analyses, [[0], [0.5], [1]], 1000, 19, 'kind-coverage/xi');
  });

  test.skipIf(!ANCHORS_AVAILABLE)(
    sharedTitle(ANCHOR_FOLDER, '2-D FC region: two_band (alpha0, alpha1)'),
    async () => {
      const ws = parseWorkspace(readAnchorWorkspace('two_band'), 'two_band');
      const analyses = workspaceAnalyses(ws, { pois: ['alpha0', 'alpha1'] });
      const r = await checkFcCoverage(
        analyses,
        [
          [0, 0],
          [0.5, 0.5],
          [1, 1],
        ],
        200,
        49,
        'kind-coverage/region',
      );
      // A 2-D region has no asymptotic (t̃ two-boundary) method: FC and Wilks' Δχ²₂ only.
      expect(new Set(r.analyses.map((p) => p.method))).toEqual(new Set(['feldmanCousins', 'deltaChi2']));
    },
  );

  test.skipIf(!ANCHORS_AVAILABLE)(
    sharedTitle(
      ANCHOR_FOLDER,
      'template dataset (two_band as two q² bands): tied α and band 0 with band 1 profiled',
    ),
    async () => {
      const { analyses } = datasetToyInputs(parseAnyDataset(twoBandTemplate(), 'two-band-template'));
      const chosen = analyses.filter((a) => a.key === 'combined' || a.key === 'band0');
      expect(chosen).toHaveLength(2);
      await checkFcCoverage(chosen, [[0], [0.5], [1]], 200, 49, 'kind-coverage/template');
    },
  );
});
