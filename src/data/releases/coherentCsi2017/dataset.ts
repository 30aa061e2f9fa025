/**
 * COHERENT CsI[Na] 2017 → a "template" dataset with the quenching factor as a SHAPE systematic
 * (issue 9): the release's coincidence and off-source counts in the analysis PE × time bins, CEvNS per
 * true-q² band forward-folded through the counts dataset's response (Poisson photostatistics,
 * acceptance) at the nominal QF and at QF ± 1σ (histosys `quenching`), the prompt neutrons and the
 * flux/acceptance/light-yield normalisations as in the counts dataset, the steady-state background as
 * its own channel (exact on/off). Validated by parseAnyDataset before it is returned.
 */
import { datasetNuclei } from '../../binAssembly.js';
import { csi2017Record, CSI_2017_RECORD } from '../../coherentCsi2017Release.js';
import { CSI_2017_DEFAULTS } from '../../coherentCsi2017.js';
import { parseAnyDataset, type TemplateDataset } from '../../dataset.js';
import { bandExcessAndFloor, bandsMetadata } from '../common/index.js';
import { buildCsi2017QfModel, QF_HISTOSYS, type Csi2017QfModel } from './model.js';
import {
  resolveCsi2017QfOptions,
  type CoherentCsi2017QfOptions,
  type ResolvedCsi2017QfOptions,
} from './options.js';
import { buildCsi2017QfWorkspace, CSI_2017_QF_CHANNELS, CSI_2017_QF_MEASUREMENT } from './workspace.js';

const f4 = (x: number) => x.toPrecision(4);
/** Numbers the release README quotes from Science 357, 1123 (2017). */
const SCIENCE_2017 = { fitted: { value: 134, uncertainty: 22 }, sm: { value: 173, uncertainty: 48 } };

function describeQf(m: Csi2017QfModel): string {
  const q = m.quenching;
  const base = q.kind === 'flat' ? `flat QF = ${q.qf}` : `QF(T) = ${f4(q.a)} + ${f4(q.bPerKeV)}·T[keVnr]`;
  return `${base}, histosys at ×(1 ± ${f4(m.qfRelUncertainty)})`;
}

function metadata(m: Csi2017QfModel, o: ResolvedCsi2017QfOptions, sHelm: number) {
  const P = m.release.parameters;
  const record = csi2017Record(
    'scripts/build-coherent-csi-2017-qf.ts → src/data/releases/coherentCsi2017 (buildCoherentCsi2017QfDataset)',
  );
  return {
    experiment: 'COHERENT',
    id: 'coherent-csi-2017-qf',
    title:
      'COHERENT CsI[Na] 2017: on/off PE × time templates with the quenching factor as a shape systematic',
    publication: record.publication,
    provenance: {
      ...record.provenance,
      notes: [
        `Quenching factor ${P.qf} ± ${P.qfUncertainty} (coherent_parameters.yaml, csiQF: weighted average of the QF data 5–30 keVnr, uncertainty the unweighted standard deviation of those points; doi:10.5281/zenodo.1228631) enters as the histosys "quenching": the response rebuilt at QF × (1 ± ${f4(m.qfRelUncertainty)}) and folded again (shape and normalisation). The counts dataset instead carries it as a ±${f4(100 * m.qfNormEffect)} % normalisation.`,
        `Other signal normalisations (normsys, their effect on Σ s_coh in the selection): flux ±${f4(100 * m.norm.flux)} % (yaml neutrinosPerProton), acceptance ±${f4(100 * m.norm.acceptance)} % (yaml acceptance a, k, x0), light yield ±${f4(100 * m.norm.lightYield)} % (yaml csiLightYield).`,
        `Prompt neutrons: promptPDF.txt × ${P.beamExposureGWhr} GWhr × acceptance × arrival-time probability, ±${100 * P.promptNeutronNormUncertainty} % (promptPDF.txt header).`,
        `Off-source: ${o.offSource === 'anticoincidence' ? 'anti-coincidence beam-on window, τ = 1 (README: same exposure)' : `anti-coincidence beam-on + both beam-off windows, τ = ${f4(m.tau)} (estimated from the steady-state counts of the whole release, as the counts dataset)`}; one free shapefactor per bin shared by both channels (exact on/off).`,
        `Bands: true q² edges ${m.bandEdgesQ2MeV2.map((e) => f4(e)).join(', ')} MeV²${o.bandEdgesQ2MeV2 === undefined ? ' — the counts dataset’s per-bin q² edges (mean Cs/I mass), the first band from 0 and the last to 12 000 MeV²' : ''}.`,
        `Standard-Model (Helm, ε = ${o.epsilon}) prediction in the selection: ${f4(sHelm)} CEvNS events. Largest relative quadrature error of the folds: ${m.signal.maxRelQuadratureError.toExponential(1)}.`,
      ],
    },
    analysisChoices: {
      peEdges: { value: [...o.peEdges], unit: 'PE' },
      timeEdgesUs: { value: [...o.timeEdgesUs], unit: 'us' },
      bandEdgesQ2MeV2: { value: [...m.bandEdgesQ2MeV2], unit: 'MeV2' },
      quenching: { value: describeQf(m), note: 'coherent_parameters.yaml' },
      lightYield: { value: P.lightYieldPePerKeVee, unit: 'PE/keVee' },
      protonsOnTarget: { value: o.protonsOnTarget, unit: 'POT', note: 'Science 2017: 1.76e23 for 7.48 GWhr' },
      nuPerFlavourPerProton: { value: P.nuPerFlavourPerProton, unit: 'nu/flavour/proton' },
      baseline: { value: P.distanceM, unit: 'm' },
      detectorMass: { value: CSI_2017_DEFAULTS.massKg, unit: 'kg' },
      offSource: { value: o.offSource },
      offOnRatio: { value: m.tau, unit: '1' },
    },
    published: [
      {
        name: 'fitted CEvNS events',
        value: SCIENCE_2017.fitted.value,
        uncertainty: SCIENCE_2017.fitted.uncertainty,
        unit: 'events',
        source: `${CSI_2017_RECORD.citation}, as quoted in the release README`,
        note: 'the collaboration’s own selection (not this dataset’s PE × time window)',
      },
      {
        name: 'SM prediction of CEvNS events',
        value: SCIENCE_2017.sm.value,
        uncertainty: SCIENCE_2017.sm.uncertainty,
        unit: 'events',
        source: `${CSI_2017_RECORD.citation}, as quoted in the release README`,
        note: 'the collaboration’s own selection (not this dataset’s PE × time window)',
      },
    ],
  };
}

/** Build the template dataset from the release folder `dir` (…/shared/data/coherent-csi-2017). */
export function buildCoherentCsi2017QfDataset(
  dir: string,
  options: CoherentCsi2017QfOptions = {},
): TemplateDataset {
  const o = resolveCsi2017QfOptions(options);
  const m = buildCsi2017QfModel(dir, o);
  const nuclei = datasetNuclei(m.target, o.epsilon);
  const d = nuclei.map((n) => n.decoherentXi);
  const workspace = buildCsi2017QfWorkspace({
    bands: bandExcessAndFloor(m.signal, d, [QF_HISTOSYS]),
    promptNeutrons: m.promptNeutrons,
    promptNeutronRelUncertainty: m.release.parameters.promptNeutronNormUncertainty,
    signalNorm: m.norm,
    ssbNominal: m.ssbNominal,
    ssbBounds: m.ssbBounds,
    tau: m.tau,
    cCounts: m.cCounts,
    offCounts: m.offCounts,
  });
  const axes = [
    { name: 'photoelectrons', unit: 'PE', edges: [...o.peEdges] },
    { name: 'arrival time', unit: 'us', edges: [...o.timeEdgesUs] },
  ];
  const bands = bandsMetadata(m.signal, m.bandEdgesQ2MeV2);
  const sHelm = bands.reduce((s, b) => s + b.nuclei.reduce((t, n) => t + n.sHelm, 0), 0);
  const raw = {
    $schemaVersion: '1.0.0',
    kind: 'template',
    ...metadata(m, o, sHelm),
    target: { label: 'CsI[Na]', massKg: CSI_2017_DEFAULTS.massKg, nuclei },
    epsilon: o.epsilon,
    measurement: CSI_2017_QF_MEASUREMENT,
    channels: [
      {
        name: CSI_2017_QF_CHANNELS.coincidence,
        description: 'coincidence window (beam on): CEvNS, prompt neutrons, SSB',
        axes,
      },
      {
        name: CSI_2017_QF_CHANNELS.offSource,
        description: `off-source (${o.offSource}): SSB only, exposure ratio τ = ${f4(m.tau)}`,
        axes,
      },
    ],
    bands,
    workspace,
  };
  return parseAnyDataset(JSON.parse(JSON.stringify(raw)), 'coherent-csi-2017-qf') as TemplateDataset;
}
