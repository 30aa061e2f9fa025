/**
 * Toys of a template dataset (data/templateDataset.ts: a workspace with α per true-q² band): the
 * combined fit (the bands' α tied into one) and each band's α with the other bands profiled. The
 * dataset is built around the two_band pyhf anchor (two bands overlapping in one 12-bin observable),
 * so each band analysis is pyhf's own measurement of that band's α with the other α a nuisance in
 * [0, 1]: its observed q̃(1) must be pyhf's `qtilde_obs` (README: ~1e-7 absolute).
 */
import { expect, test } from 'vitest';
import { parseAnyDataset } from '../../src/data/index.js';
import { datasetToyInputs, planToys, runToyJob, TIED_ALPHA, toysResult } from '../../src/toys/index.js';
import type { IntervalAnalysisResult } from '../../src/toys/index.js';
import { validXiDataset } from '../data/datasetTestKit.js';
import {
  describeWithAnchors,
  readAnchorResults,
  readAnchorWorkspace,
} from '../likelihood/histfactory/anchorData.js';

function twoBandTemplate(): unknown {
  const common = validXiDataset();
  const nuclei = (lo: number, hi: number, s: number) => [
    { label: 'Cs-133', tLoKeV: lo, tHiKeV: hi, sCoh: s / 2 },
    { label: 'I-127', tLoKeV: lo, tHiKeV: hi, sCoh: s / 2 },
  ];
  return {
    $schemaVersion: '1.0.0',
    kind: 'template',
    experiment: common.experiment,
    id: 'two-band-template',
    title: 'two_band anchor as a template dataset',
    publication: common.publication,
    provenance: { ...(common.provenance as object), files: ['two_band.workspace.json'] },
    target: common.target,
    epsilon: common.epsilon,
    measurement: 'alpha0_measurement',
    channels: [
      { name: 'pe', axes: [{ name: 'PE', unit: 'PE', edges: Array.from({ length: 13 }, (_, i) => i) }] },
    ],
    bands: [
      {
        poi: 'alpha0',
        q2LoMeV2: 0,
        q2HiMeV2: 2000,
        q2MeanMeV2: 1200,
        excessSample: 'coh_band0',
        floorSample: 'dec_floor',
        nuclei: nuclei(0, 8, 30),
      },
      {
        poi: 'alpha1',
        q2LoMeV2: 2000,
        q2HiMeV2: 6000,
        q2MeanMeV2: 3500,
        excessSample: 'coh_band1',
        floorSample: 'dec_floor',
        nuclei: nuclei(8, 24, 20),
      },
    ],
    analysisChoices: {},
    workspace: readAnchorWorkspace('two_band'),
  };
}

describeWithAnchors('toys of a template dataset (two_band anchor as two q² bands)', () => {
  test('combined (tied α) and per-band analyses; each band is pyhf’s measurement of its α', async () => {
    const ds = parseAnyDataset(twoBandTemplate(), 'two-band-template');
    const inputs = datasetToyInputs(ds);
    expect(inputs.counting).toBeNull();
    expect(inputs.analyses.map((a) => [a.key, a.pois[0]])).toEqual([
      ['combined', TIED_ALPHA],
      ['band0', 'alpha0'],
      ['band1', 'alpha1'],
    ]);
    const job = planToys(null, {
      seed: 3,
      nToys: 100,
      fcToys: 40,
      alphaStep: 0.25,
      analyses: inputs.analyses,
    });
    // The two band analyses share one model (one workspace, different POIs): compiled and stored once.
    expect(job.toyModels).toHaveLength(2);
    const r = toysResult(job, (await runToyJob(job)).units);
    const [combined, band0, band1] = r.analyses as IntervalAnalysisResult[];
    const pyhf = readAnchorResults('two_band').measurements;
    expect(Math.abs(band0!.atUpper.q - pyhf.alpha0_measurement.hypotests.qtilde_mu1.qtilde_obs)).toBeLessThan(
      1e-7,
    );
    expect(Math.abs(band1!.atUpper.q - pyhf.alpha1_measurement.hypotests.qtilde_mu1.qtilde_obs)).toBeLessThan(
      1e-7,
    );
    expect(band0!.poiHat).toBeCloseTo(pyhf.alpha0_measurement.mle.free.poi_value, 5);
    expect(band1!.poiHat).toBeCloseTo(pyhf.alpha1_measurement.mle.free.poi_value, 5);
    // One α for both bands: near the Gaussian limit the tied MLE is the generalised weighted mean of the
    // two band estimates, weights ∝ Σ⁻¹·1; the bands overlap in the observable, so the estimates are
    // anti-correlated, both weights positive, and the tied α̂ lies between the two band α̂.
    expect(combined!.poi).toBe(TIED_ALPHA);
    expect(combined!.poiHat).toBeGreaterThan(Math.min(band0!.poiHat, band1!.poiHat));
    expect(combined!.poiHat).toBeLessThan(Math.max(band0!.poiHat, band1!.poiHat));
    for (const a of [combined!, band0!, band1!]) expect(a.atUpper.toys.nToys).toBe(100);
  });
});
