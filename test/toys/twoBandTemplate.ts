/**
 * The two_band pyhf anchor (../shared/data/pyhf-anchors) as a template dataset (data/templateDataset.ts):
 * two true-q² bands overlapping in one 12-bin PE observable, α_k per band. Shared by the template toy
 * and coverage tests; needs the anchors (ANCHORS_AVAILABLE).
 */
import { validXiDataset } from '../data/datasetTestKit.js';
import { readAnchorWorkspace } from '../likelihood/histfactory/anchorData.js';

export function twoBandTemplate(): unknown {
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
