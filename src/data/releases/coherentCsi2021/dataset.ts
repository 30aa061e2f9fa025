/**
 * COHERENT CsI[Na] 2021 → a "template" dataset (src/data/templateDataset.ts): the pyhf workspace of
 * workspace.ts, the observable axes of both channels, the true-q² bands with their metadata (per-nucleus
 * T ranges, sCoh at α = 1, sHelm, mean q²) and the collaboration's published numbers. The builder reads
 * the release folder; the result is validated by parseAnyDataset before it is returned.
 */
import { datasetNuclei } from '../../binAssembly.js';
import { parseAnyDataset, type TemplateDataset } from '../../dataset.js';
import type { BandNucleusTemplates } from './signal.js';
import { buildCsiModel, CEVNS_HISTOSYS, type CsiModel } from './model.js';
import { csiDatasetMetadata } from './metadata.js';
import { resolveOptions, type CoherentCsi2021Options, type ResolvedCsi2021Options } from './options.js';
import { CSI_2021_BEAM, CSI_2021_NEUTRONS } from './publication.js';
import { readCoherentCsi2021Release } from './release.js';
import {
  CSI_2021_CHANNELS,
  CSI_2021_MEASUREMENT,
  bandPoi,
  buildCsiWorkspace,
  excessSample,
  floorSample,
  type VariedTemplate,
} from './workspace.js';

const total = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};

/** Σ_k w_k·t_k over the band's nuclei for one response. */
function combine(
  nuclei: readonly BandNucleusTemplates[],
  weights: readonly number[],
  response: string,
): Float64Array {
  const n = nuclei[0]!.coherent[response]!.length;
  const out = new Float64Array(n);
  nuclei.forEach((k, i) => {
    const t = k.coherent[response]!;
    for (let b = 0; b < n; b++) out[b]! += weights[i]! * t[b]!;
  });
  return out;
}

function varied(nuclei: readonly BandNucleusTemplates[], weights: readonly number[]): VariedTemplate {
  const histosys: Record<string, { lo: Float64Array; hi: Float64Array }> = {};
  for (const name of CEVNS_HISTOSYS) {
    histosys[name] = {
      lo: combine(nuclei, weights, `${name}_down`),
      hi: combine(nuclei, weights, `${name}_up`),
    };
  }
  return { nominal: combine(nuclei, weights, 'nominal'), histosys };
}

function bandsMetadata(model: CsiModel, o: ResolvedCsi2021Options) {
  return model.signal.bands.map((nuclei, j) => {
    const sCoh = nuclei.map((k) => total(k.coherent.nominal!));
    const all = sCoh.reduce((s, x) => s + x, 0);
    return {
      poi: bandPoi(j),
      q2LoMeV2: o.bandEdgesQ2MeV2[j]!,
      q2HiMeV2: o.bandEdgesQ2MeV2[j + 1]!,
      q2MeanMeV2:
        all > 0
          ? nuclei.reduce((s, k) => s + k.q2Weighted, 0) / all
          : 0.5 * (o.bandEdgesQ2MeV2[j]! + o.bandEdgesQ2MeV2[j + 1]!),
      excessSample: excessSample(j),
      floorSample: floorSample(j),
      nuclei: nuclei.map((k, i) => ({
        label: k.label,
        tLoKeV: k.tLoKeV,
        tHiKeV: k.tHiKeV,
        sCoh: sCoh[i]!,
        sHelm: total(k.helm),
      })),
    };
  });
}

/** Build the template dataset from the release folder `dir` (…/shared/data/coherent-csi-2021). */
export function buildCoherentCsi2021Dataset(
  dir: string,
  options: CoherentCsi2021Options = {},
): TemplateDataset {
  const o = resolveOptions(options);
  const model = buildCsiModel(readCoherentCsi2021Release(dir), o);
  const nuclei = datasetNuclei(model.target, o.epsilon);
  const d = nuclei.map((n) => n.decoherentXi);
  const workspace = buildCsiWorkspace({
    bands: model.signal.bands.map((b) => ({
      excess: varied(
        b,
        d.map((x) => 1 - x),
      ),
      floor: varied(b, d),
    })),
    brn: model.brn,
    nin: model.nin,
    ssbNominal: model.ssbNominal,
    ssbBounds: model.ssbBounds,
    cCounts: model.cCounts,
    acCounts: model.acCounts,
    fluxRelUncertainty: CSI_2021_BEAM.fluxRelUncertainty,
    brnRelUncertainty: CSI_2021_NEUTRONS.brnRelUncertainty,
    ninRelUncertainty: CSI_2021_NEUTRONS.ninRelUncertainty,
  });
  const axes = [
    { name: 'reconstructed energy', unit: 'PE', edges: [...o.peEdges] },
    { name: 'arrival time', unit: 'us', edges: [...o.timeEdgesUs] },
  ];
  const bands = bandsMetadata(model, o);
  const raw = {
    $schemaVersion: '1.0.0',
    kind: 'template',
    ...csiDatasetMetadata(model, o, bands),
    target: { label: 'CsI', massKg: CSI_2021_BEAM.massKg, nuclei },
    epsilon: o.epsilon,
    measurement: CSI_2021_MEASUREMENT,
    channels: [
      {
        name: CSI_2021_CHANNELS.coincidence,
        description: 'coincidence window (beam on): CEvNS, BRN, NIN, SSB',
        axes,
      },
      {
        name: CSI_2021_CHANNELS.anticoincidence,
        description: 'anti-coincidence window (beam on): SSB only',
        axes,
      },
    ],
    bands,
    workspace,
  };
  return parseAnyDataset(JSON.parse(JSON.stringify(raw)), 'coherent-csi-2021') as TemplateDataset;
}
