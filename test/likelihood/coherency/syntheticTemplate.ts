/**
 * A small synthetic template dataset (the "template" kind of data/templateDataset.ts) built in code:
 * CsI nuclei from the shipped CsI 2017 fixture, one 10-bin channel, three true-q² bands whose signal
 * shapes overlap, a flux normsys ±10 % on the signal and a background with normsys ±20 % and a
 * histosys tilt. Observed counts are a seeded Poisson draw at α = (1, 0.7, 0.4) — or the Asimov data.
 */
import { loadDataset, parseAnyDataset, type TemplateDataset } from '../../../src/data/index.js';
import { createRng } from '../../../src/toys/index.js';

const Q2_EDGES = [0, 2000, 4000, 8000];
const N_BINS = 10;

export function syntheticTemplate(
  options: { seed?: number; asimov?: boolean; alphas?: number[] } = {},
): TemplateDataset {
  const csi = loadDataset('coherent-csi-2017');
  const alphas = options.alphas ?? [1, 0.7, 0.4];
  const shape = (centre: number, width: number, scale: number) =>
    Array.from({ length: N_BINS }, (_, b) => scale * Math.exp(-0.5 * ((b + 0.5 - centre) / width) ** 2));
  // Per band and nucleus: signal at α = 1 in each observable bin.
  const perNucleus = [
    [shape(1.5, 1.2, 30), shape(1.6, 1.2, 28)],
    [shape(3.5, 1.5, 20), shape(3.4, 1.5, 19)],
    [shape(6.0, 2.0, 10), shape(6.2, 2.0, 9)],
  ];
  const d = csi.target.nuclei.map((n) => n.decoherentXi);
  const excess = perNucleus.map((nuc) =>
    nuc[0]!.map((_, b) => nuc.reduce((s, v, k) => s + v[b]! * (1 - d[k]!), 0)),
  );
  const floor = perNucleus.map((nuc) => nuc[0]!.map((_, b) => nuc.reduce((s, v, k) => s + v[b]! * d[k]!, 0)));
  const bkg = Array.from({ length: N_BINS }, (_, b) => 8 - 0.4 * b);
  const flux = { name: 'flux', type: 'normsys' as const, data: { hi: 1.1, lo: 0.9 } };
  const samples = [
    ...excess.map((data, j) => ({
      name: `cevns_excess_b${j}`,
      data,
      modifiers: [{ name: `alpha_b${j}`, type: 'normfactor' as const, data: null }, flux],
    })),
    ...floor.map((data, j) => ({ name: `cevns_floor_b${j}`, data, modifiers: [flux] })),
    {
      name: 'background',
      data: bkg,
      modifiers: [
        { name: 'bkg_norm', type: 'normsys' as const, data: { hi: 1.2, lo: 0.8 } },
        {
          name: 'bkg_tilt',
          type: 'histosys' as const,
          data: {
            hi_data: bkg.map((v, b) => v * (1 + 0.02 * b)),
            lo_data: bkg.map((v, b) => v * (1 - 0.02 * b)),
          },
        },
      ],
    },
  ];
  const expected = bkg.map(
    (v, b) =>
      v + excess.reduce((s, e, j) => s + alphas[j]! * e[b]!, 0) + floor.reduce((s, f) => s + f[b]!, 0),
  );
  const rng = createRng(options.seed ?? 7, 'synthetic-template');
  const observed = options.asimov ? expected : expected.map((m) => rng.poisson(m));
  const raw = {
    $schemaVersion: '1.0.0',
    kind: 'template',
    experiment: 'synthetic',
    id: 'synthetic-template',
    title: 'Synthetic CsI-like template dataset (tests)',
    publication: { citation: 'none (test data)', arXiv: 'none', doi: 'none' },
    provenance: {
      dataRecordDoi: 'none',
      files: ['(built in code)'],
      generator: 'test/likelihood/coherency/syntheticTemplate.ts',
    },
    target: csi.target,
    epsilon: csi.epsilon,
    channels: [
      {
        name: 'pe',
        axes: [{ name: 'PE', unit: 'PE', edges: Array.from({ length: N_BINS + 1 }, (_, b) => 5 * b) }],
      },
    ],
    bands: Q2_EDGES.slice(0, -1).map((lo, j) => ({
      poi: `alpha_b${j}`,
      q2LoMeV2: lo,
      q2HiMeV2: Q2_EDGES[j + 1]!,
      q2MeanMeV2: 0.5 * (lo + Q2_EDGES[j + 1]!),
      excessSample: `cevns_excess_b${j}`,
      floorSample: `cevns_floor_b${j}`,
      nuclei: csi.target.nuclei.map((n, k) => {
        const m = n.massMeV;
        const sCoh = perNucleus[j]![k]!.reduce((a, b) => a + b, 0);
        return {
          label: n.label,
          tLoKeV: (1e3 * lo) / (2 * m),
          tHiKeV: (1e3 * Q2_EDGES[j + 1]!) / (2 * m),
          sCoh,
          sHelm: sCoh * (0.95 - 0.2 * j),
        };
      }),
    })),
    analysisChoices: {},
    published: [
      { name: 'fitted CEvNS events', value: 100, uncertainty: 10, unit: 'events', source: 'none (test)' },
    ],
    workspace: {
      version: '1.0.0',
      channels: [{ name: 'pe', samples }],
      observations: [{ name: 'pe', data: observed }],
      measurements: [
        {
          name: 'coherency',
          config: {
            poi: 'alpha_b0',
            parameters: Q2_EDGES.slice(0, -1).map((_, j) => ({
              name: `alpha_b${j}`,
              bounds: [[0, 1]],
              inits: [1],
            })),
          },
        },
      ],
    },
  };
  const ds = parseAnyDataset(raw, 'synthetic-template');
  if (ds.kind !== 'template') throw new Error('not a template dataset');
  return ds;
}
