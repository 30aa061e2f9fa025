/**
 * COHERENT CsI[Na] 2021 → a "template" dataset (src/data/templateDataset.ts): the pyhf workspace of
 * workspace.ts, the observable axes of both channels, the true-q² bands with their metadata (per-nucleus
 * T ranges, sCoh at α = 1, sHelm, mean q²) and the collaboration's published numbers. The builder reads
 * the release folder; the result is validated by parseAnyDataset before it is returned.
 */
import { datasetNuclei } from '../../binAssembly.js';
import { parseAnyDataset, type TemplateDataset } from '../../dataset.js';
import { bandExcessAndFloor, bandsMetadata } from '../common/index.js';
import { buildCsiModel, CEVNS_HISTOSYS } from './model.js';
import { csiDatasetMetadata } from './metadata.js';
import { resolveOptions, type CoherentCsi2021Options } from './options.js';
import { CSI_2021_BEAM, CSI_2021_NEUTRONS } from './publication.js';
import { readCoherentCsi2021Release } from './release.js';
import { CSI_2021_CHANNELS, CSI_2021_MEASUREMENT, buildCsiWorkspace } from './workspace.js';

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
    bands: bandExcessAndFloor(model.signal, d, CEVNS_HISTOSYS),
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
  const bands = bandsMetadata(model.signal, o.bandEdgesQ2MeV2);
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
