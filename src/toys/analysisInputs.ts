/**
 * From what a user holds to the analyses the general toy engine runs (modelSpec.ts `ToyAnalysisInput`):
 *
 * - a pyhf workspace: its POI (the measurement's, or a named one; two names → a 2-D region), the other
 *   parameters profiled, pyhf's default interpolation codes (normsys code4, histosys code4p);
 * - a counting model (a counts dataset): the combined one-α fit, through likelihood
 *   `countingWorkspace` (the exact on/off workspace with the shared α `poi`); per-bin α stays with
 *   the closed-form kernels of plan.ts;
 * - a ξ ± σ model: the combined fit and each informative bin alone (likelihood `gaussianLikelihood`);
 * - a template dataset (one workspace, α_k per true-q² band): the combined fit (every band's α tied
 *   into one, data/workspace `renameParameters`) and each band's α with the other bands' α profiled
 *   within [0, 1].
 */
// The browser-safe door of data/ (no file I/O): the toys entry stays free of Node built-ins.
import { parseWorkspace, renameParameters, selectMeasurement, withPoi } from '../data/workspace/index.js';
import type { AnyDataset, TemplateDataset, Workspace } from '../data/index.js';
import { countingWorkspace, COUNTING_POI, countsModel, xiModel } from '../likelihood/index.js';
import type { CountingModel, GaussianModel, SystematicsTreatment } from '../likelihood/index.js';
import { SpecError } from '../errors.js';
import { GAUSSIAN_POI } from './modelSpec.js';
import type { ToyAnalysisInput, WorkspaceModelSpec } from './modelSpec.js';

const PYHF_DEFAULT_CODES = { normsys: 'code4', histosys: 'code4p' } as const;

/** The tied α of a template dataset's combined fit. */
export const TIED_ALPHA = 'alpha_combined';

export interface WorkspaceToyOptions {
  readonly measurement?: string;
  /** POI names (default: the measurement's POI); two names give a 2-D region. */
  readonly pois?: readonly string[];
  readonly interpolation?: WorkspaceModelSpec['interpolation'];
}

/** The analysis of a pyhf workspace (validated by data/workspace `parseWorkspace`). */
export function workspaceAnalyses(ws: Workspace, options: WorkspaceToyOptions = {}): ToyAnalysisInput[] {
  const m = selectMeasurement(ws, options.measurement);
  const pois = options.pois ?? [m.config.poi];
  if (pois.length < 1 || pois.length > 2) {
    throw new SpecError('invalid_input', `poi: expected one or two names, got ${pois.length}`, ['poi']);
  }
  return [
    {
      key: pois.length === 1 ? `poi-${pois[0]}` : `region-${pois.join('-')}`,
      label:
        pois.length === 1
          ? `${pois[0]} (measurement ${m.name})`
          : `${pois.join(' × ')} (measurement ${m.name})`,
      spec: {
        kind: 'workspace',
        workspace: ws,
        measurement: m.name,
        interpolation: options.interpolation ?? PYHF_DEFAULT_CODES,
      },
      pois,
    },
  ];
}

/** The combined one-α fit of a counting model (every bin shares α). */
export function countingAnalyses(model: CountingModel): ToyAnalysisInput[] {
  const cw = countingWorkspace(model, { poi: 'shared' });
  return [
    {
      key: 'combined',
      label: 'combined α (shared by every bin)',
      spec: {
        kind: 'workspace',
        workspace: cw.workspace,
        measurement: cw.workspace.measurements[0]!.name,
        interpolation: cw.interpolation,
      },
      pois: [COUNTING_POI],
    },
  ];
}

/** The combined fit and each informative bin alone of a ξ ± σ model. */
export function gaussianAnalyses(
  model: GaussianModel,
  binLabels: readonly string[] = [],
): ToyAnalysisInput[] {
  const out: ToyAnalysisInput[] = [
    {
      key: 'combined',
      label: 'combined α (shared by every bin)',
      spec: { kind: 'gaussian', model },
      pois: [GAUSSIAN_POI],
    },
  ];
  model.bins.forEach((b, i) => {
    if (b.expected1 === b.expected0) return;
    out.push({
      key: `bin${i}`,
      label: `bin ${i}${binLabels[i] ? ` (${binLabels[i]})` : ''}`,
      spec: { kind: 'gaussian', model: { bins: [b] } },
      pois: [GAUSSIAN_POI],
    });
  });
  return out;
}

/** The combined fit (bands tied) and each band's α (other bands profiled) of a template dataset. */
export function templateAnalyses(ds: TemplateDataset, source = ds.id): ToyAnalysisInput[] {
  const ws = parseWorkspace(ds.workspace, `${source}: workspace`);
  const measurement = selectMeasurement(ws, ds.measurement).name;
  const spec = (w: Workspace): WorkspaceModelSpec => ({
    kind: 'workspace',
    workspace: w,
    measurement,
    interpolation: PYHF_DEFAULT_CODES,
  });
  const bandLabel = (j: number) => {
    const b = ds.bands[j]!;
    return `band ${j}: q² ${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)} MeV² (${b.poi}, other bands profiled)`;
  };
  if (ds.bands.length === 1) {
    return [
      {
        key: 'band0',
        label: bandLabel(0),
        spec: spec(withPoi(ws, ds.bands[0]!.poi)),
        pois: [ds.bands[0]!.poi],
      },
    ];
  }
  const tied = withPoi(renameParameters(ws, new Map(ds.bands.map((b) => [b.poi, TIED_ALPHA]))), TIED_ALPHA);
  const perBand = withPoi(ws, ds.bands[0]!.poi);
  return [
    { key: 'combined', label: 'combined α (one α for every band)', spec: spec(tied), pois: [TIED_ALPHA] },
    ...ds.bands.map((b, j) => ({ key: `band${j}`, label: bandLabel(j), spec: spec(perBand), pois: [b.poi] })),
  ];
}

/** What the toys of a dataset of any kind run on. */
export interface DatasetToyInputs {
  /** The counting model of a counts dataset (per-bin kernels, combined counting tests); else null. */
  readonly counting: CountingModel | null;
  readonly analyses: readonly ToyAnalysisInput[];
  /** Display label of each bin of the dataset (counts, ξ: recoil or q² range). */
  readonly binLabels: readonly string[];
}

/**
 * The toy inputs of a dataset: counts → the counting model (per bin, combined tests) and the combined
 * one-α analysis (unless `combined` is false); ξ ± σ → the combined and per-bin Gaussian analyses;
 * template → the combined and per-band analyses.
 */
export function datasetToyInputs(
  ds: AnyDataset,
  options: { readonly systematics?: SystematicsTreatment; readonly combined?: boolean } = {},
): DatasetToyInputs {
  if (ds.kind === 'counts') {
    const counting = countsModel(ds, options.systematics ?? 'profiled');
    return {
      counting,
      analyses: options.combined === false ? [] : countingAnalyses(counting),
      binLabels: ds.bins.map((b) => `${b.tLoKeV.toFixed(1)}–${b.tHiKeV.toFixed(1)} keV`),
    };
  }
  if (ds.kind === 'xi') {
    const binLabels = ds.bins.map((b) => `q² ${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)} MeV²`);
    const all = gaussianAnalyses(xiModel(ds), binLabels);
    return { counting: null, analyses: options.combined === false ? all.slice(1) : all, binLabels };
  }
  return { counting: null, analyses: templateAnalyses(ds), binLabels: [] };
}

/**
 * The general-engine part of a `coherency toys` job on a dataset's inputs: its analyses and their toys
 * at the grid ends. The combined one-α fit of a counts dataset is one of the combined tests, so it gets
 * `combinedToys` per hypothesis; every other analysis (ξ ± σ, template bands, workspaces) gets `nToys`.
 * The CLI and the browser explorer (web/) both plan with it, so their jobs are the same.
 */
export function analysisToysOptions(
  inputs: Pick<DatasetToyInputs, 'counting' | 'analyses'>,
  nToys: number,
  combinedToys: number,
): { readonly analyses: readonly ToyAnalysisInput[]; readonly analysisToys: number } {
  return {
    analyses: inputs.analyses,
    analysisToys: inputs.counting !== null ? Math.max(1, combinedToys) : nToys,
  };
}
