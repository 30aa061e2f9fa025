/**
 * XENONnT ⁸B release → the toolkit's `"template"` dataset (templateDataset.ts): the workspace
 * (workspace.ts), the observable axes of each run, the true-q² bands with their per-nucleus signal,
 * the analysis choices with their sources and the collaboration's published numbers
 * (fixtures/xenonnt-8b.json, written by scripts/build-xenonnt-fixture.ts).
 */
import { naturalTarget } from '../../../physics/index.js';
import { parseAnyDataset, type TemplateDataset } from '../../dataset.js';
import { datasetNuclei } from '../../binAssembly.js';
import { XENONNT_8B_RECORD, XENONNT_STATISTICAL_MODEL } from './constants.js';
import { XENONNT_OBSERVABLES } from './layout.js';
import { resolveXenonnt8bOptions, type ResolvedOptions } from './options.js';
import { filesReadSummary, provenanceNotes, publishedValues, XENONNT_8B_GENERATOR } from './provenance.js';
import { readXenonnt8bRelease, type XenonntRelease } from './reader.js';
import { buildSignalModel, type SignalModel } from './signalModel.js';
import { bandPoi, excessSample, floorSample } from '../common/index.js';
import { buildXenonntWorkspace, measurementName, type ChannelSamples } from './workspace.js';

export interface Xenonnt8bBuild {
  readonly dataset: TemplateDataset;
  readonly signal: SignalModel;
  readonly options: ResolvedOptions;
  readonly release: XenonntRelease;
}

/** Figure labels of the background samples (workspace.ts names them). */
const XENONNT_SAMPLE_LABELS = {
  bkg_ac: 'accidental coincidences',
  bkg_er: 'electronic recoils',
  bkg_rg: 'radiogenic neutrons',
};

const scaled = (a: Float64Array, x: number) => a.map((v) => v * x);
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

function channels(s: SignalModel): ChannelSamples[] {
  return s.runs.map((rs) => {
    const r = rs.run;
    const x = r.exposureTonneYear;
    return {
      name: r.run,
      observed: r.observed.counts,
      bands: rs.bands.map((b) => b.samples),
      ac: scaled(r.ac, x),
      er: scaled(r.er, x),
      rg: scaled(r.nominal.rg, x),
      rgShapes: r.yieldVariations.map((v) => ({
        name: v.axis,
        lo: scaled(v.lo.rg, x),
        hi: scaled(v.hi.rg, x),
      })),
      acRelSigma: XENONNT_STATISTICAL_MODEL.acRel[r.run],
    };
  });
}

function bandsMeta(s: SignalModel): TemplateDataset['bands'] {
  return s.bands.map((band, j) => {
    const perRun = s.runs.map((r) => r.bands[j]!.folded);
    const nuclei = perRun[0]!.map((n, k) => ({
      label: n.label,
      tLoKeV: n.tLoKeV,
      tHiKeV: n.tHiKeV,
      sCoh: perRun.reduce((t, f) => t + sum(f[k]!.coh), 0),
      sHelm: perRun.reduce((t, f) => t + sum(f[k]!.helm!), 0),
    }));
    const coh = nuclei.reduce((t, n) => t + n.sCoh, 0);
    const q2w = perRun.reduce((t, f) => t + f.reduce((u, n) => u + n.q2Weighted!, 0), 0);
    return {
      poi: bandPoi(j),
      q2LoMeV2: band.q2LoMeV2,
      q2HiMeV2: band.q2HiMeV2,
      q2MeanMeV2: q2w / coh,
      excessSample: excessSample(j),
      floorSample: floorSample(j),
      nuclei,
    };
  });
}

function analysisChoices(s: SignalModel, o: ResolvedOptions): TemplateDataset['analysisChoices'] {
  const q = s.q2Distribution;
  const M = XENONNT_STATISTICAL_MODEL;
  const perRun = Object.fromEntries(
    s.runs.flatMap((r) => {
      const run = r.run.run;
      return [
        [
          `exposure_${run}`,
          { value: r.run.exposureTonneYear, unit: 't*yr' as const, note: 'release README' },
        ],
        [
          `acRelSigma_${run}`,
          {
            value: M.acRel[run],
            unit: '1' as const,
            note: M.acRelAssumed[run] ? 'ASSUMED equal to SR1 (not in XENONnT’s SR0+SR1 model)' : M.source,
          },
        ],
        [
          `smEvents_${run}`,
          {
            value: r.smEvents,
            unit: 'events' as const,
            note: 'derived: Standard-Model (Helm) ⁸B + hep CEvNS at nominal inputs',
          },
        ],
        [
          `recipeSmEvents_${run}`,
          {
            value: r.recipeSmEvents,
            unit: 'events' as const,
            note: 'derived: the same by the release README’s 0.1-keV_nr sum',
          },
        ],
      ];
    }),
  );
  return {
    runs: { value: o.runs.join(','), note: 'channels; SR0+SR1 = prune channel sr2' },
    target: { value: 'Xe-nat', note: 'natural xenon, each isotope a nucleus (IUPAC 2013)' },
    spectrum: { value: 'solar ⁸B + hep, computed β⁺ shapes (physics/sources/solar)' },
    b8Flux: { value: o.b8FluxPerCm2PerS, unit: '1/(cm2*s)', note: 'SNO, PRC 88, 025501 (2013)' },
    b8FluxRelSigma: {
      value: [o.b8FluxRelSigma.lo, o.b8FluxRelSigma.hi],
      unit: '1',
      note: '−1σ, +1σ (normsys flux_8b)',
    },
    hepFlux: { value: o.hepFluxPerCm2PerS, unit: '1/(cm2*s)', note: 'B16-GS98 (Vinyoles et al. 2017)' },
    epsilon: { value: o.epsilon, unit: '1' },
    q2Convention: { value: o.q2Convention },
    recoilRange: {
      value: [s.runs[0]!.run.monoEnergiesKeV[0]!, s.tMaxKeV],
      unit: 'keVnr',
      note: 'the mono-template grid (release recipe)',
    },
    signalEfficiencyRelSigma: { value: o.signalEfficiencyRelSigma, unit: '1', note: M.source },
    erRelSigma: { value: M.erRel, unit: '1', note: M.source },
    rgRelSigma: { value: M.rgRel, unit: '1', note: M.source },
    yieldModel: {
      value: s.yieldModel,
      note:
        s.yieldModel === 'energy-scale'
          ? 'histosys nr_energy_scale (nominal-only subset)'
          : 'histosys t_ly, t_qy',
    },
    yieldEnergyScaleSigma: {
      value: o.yieldEnergyScaleSigma,
      unit: '1',
      note: 'ASSUMED (used only without t_Ly/t_Qy templates)',
    },
    bandLayout: { value: o.bands.kind },
    q2Central90: {
      value: [q.quantile(0.05), q.quantile(0.95)],
      unit: 'MeV2',
      note: 'central 90 % of the detected Standard-Model signal in true q², these runs',
    },
    q2Median: { value: q.quantile(0.5), unit: 'MeV2' },
    q2Mean: { value: q.meanMeV2, unit: 'MeV2' },
    ...perRun,
  };
}

/** Build the dataset from a release already read. */
export function assembleXenonnt8bDataset(release: XenonntRelease, options: unknown = {}): Xenonnt8bBuild {
  const o = resolveXenonnt8bOptions(options);
  const included = { ...release, runs: release.runs.filter((r) => o.runs.includes(r.run)) };
  const signal = buildSignalModel(included, o);
  const workspace = buildXenonntWorkspace(channels(signal), {
    fluxRel: o.b8FluxRelSigma,
    signalEfficiencyRel: o.signalEfficiencyRelSigma,
    erRel: XENONNT_STATISTICAL_MODEL.erRel,
    rgRel: XENONNT_STATISTICAL_MODEL.rgRel,
  });
  const target = naturalTarget('Xe');
  const raw = {
    $schemaVersion: '1.0.0' as const,
    kind: 'template' as const,
    experiment: 'XENONnT',
    id: 'xenonnt-8b',
    title: `XENONnT solar ⁸B CEvNS, ${o.runs.map((r) => r.toUpperCase()).join('+')}: α of xenon from the public likelihood templates`,
    publication: {
      citation: XENONNT_8B_RECORD.citation,
      arXiv: XENONNT_8B_RECORD.arXiv,
      doi: XENONNT_8B_RECORD.doi,
    },
    provenance: {
      dataRecordDoi: XENONNT_8B_RECORD.dataRecordDoi,
      files: filesReadSummary(included),
      generator: XENONNT_8B_GENERATOR,
      notes: provenanceNotes(included, o, signal),
    },
    target: { label: target.label, nuclei: datasetNuclei(target, o.epsilon) },
    epsilon: o.epsilon,
    measurement: measurementName(0),
    channels: included.runs.map((r) => ({
      name: r.run,
      label: `${r.run.toUpperCase()} (${r.exposureTonneYear.toFixed(2)} t·yr)`,
      description: `XENONnT ${r.run.toUpperCase()}, ${r.exposureTonneYear} t·yr, 3×3×3×3 bins (the release's binning/${r.run}.yaml)`,
      axes: XENONNT_OBSERVABLES.map((ob, a) => ({
        name: ob.name,
        unit: ob.unit,
        label: ob.label,
        edges: [...r.binning[a]!],
      })),
    })),
    bands: bandsMeta(signal),
    analysisChoices: analysisChoices(signal, o),
    published: publishedValues(),
    sampleLabels: XENONNT_SAMPLE_LABELS,
    workspace,
  };
  const dataset = parseAnyDataset(raw, 'xenonnt-8b') as TemplateDataset;
  return { dataset, signal, options: o, release: included };
}

/** Read the release in `releaseDir` and build the dataset. */
export async function buildXenonnt8bDataset(
  releaseDir: string,
  options: unknown = {},
): Promise<Xenonnt8bBuild> {
  const o = resolveXenonnt8bOptions(options);
  const release = await readXenonnt8bRelease(releaseDir, { runs: o.runs });
  return assembleXenonnt8bDataset(release, o);
}
