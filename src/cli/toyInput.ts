/**
 * What `coherency toys` and `coherency coverage` run on: a shipped dataset name, a dataset file of
 * any kind (counts, ξ ± σ, template) or a pyhf workspace file, read by data/ `loadAnalysisInput` (the
 * same reader and checks as `analyze`). Every failure is one SpecError naming the file and the
 * problem.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_DATASET, loadAnalysisInput } from '../data/index.js';
import type { AnyDataset } from '../data/index.js';
import { SpecError } from '../errors.js';
import { withChannels } from './channels.js';
import { binQ2Centres } from '../report/index.js';
import type { CountingModel, SystematicsTreatment } from '../likelihood/index.js';
import { datasetToyInputs, datasetToySource, workspaceAnalyses } from '../toys/index.js';
import type { ToyAnalysisInput, ToySource } from '../toys/index.js';

export interface ToyInput {
  readonly id: string;
  readonly kind: AnyDataset['kind'] | 'workspace';
  /** Per-bin and combined counting tasks (counts datasets); null otherwise. */
  readonly counting: CountingModel | null;
  readonly analyses: readonly ToyAnalysisInput[];
  readonly source: ToySource;
  /** Mean true q² of each bin in MeV² (counts datasets, for the per-bin plot, as `analyze` places them). */
  readonly binQ2MeV2: readonly number[];
}

export interface ToyInputOptions {
  readonly systematics: SystematicsTreatment;
  /** Workspace POI name(s); two give a 2-D region. */
  readonly poi?: readonly string[] | undefined;
  readonly measurement?: string | undefined;
  /** Include the combined one-α analysis of a counts dataset. */
  readonly combined: boolean;
  /** `--channels`: only these channels of a template dataset or workspace (comma-separated). */
  readonly channels?: string | undefined;
  /** `--analyses`: only the general-engine analyses with these keys (comma-separated). */
  readonly analyses?: string | undefined;
}

/**
 * The analyses named in `list` (comma-separated keys, e.g. "band2,combined"), in the input's order.
 * A key's toys come from streams named after it (toys/rng.ts), so a selected analysis gives the same
 * numbers as in the full job.
 */
function selectAnalyses(
  analyses: readonly ToyAnalysisInput[],
  list: string | undefined,
  id: string,
): readonly ToyAnalysisInput[] {
  if (list === undefined) return analyses;
  const keys = list.split(',').map((k) => k.trim());
  const known = analyses.map((a) => a.key);
  for (const k of keys) {
    if (!known.includes(k)) {
      throw new SpecError(
        'invalid_input',
        `--analyses: ${id} has no analysis "${k}"; expected some of ${known.length > 0 ? known.join(', ') : '(none: per-bin toys only)'}`,
        ['analyses'],
      );
    }
  }
  return analyses.filter((a) => keys.includes(a.key));
}

const hashOf = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/** Load a toy input (see the module comment). */
export function loadToyInput(arg: string | undefined, o: ToyInputOptions): ToyInput {
  const input = withChannels(loadAnalysisInput(arg ?? DEFAULT_DATASET), o.channels);
  if (input.kind === 'workspace') {
    const ws = input.workspace;
    return {
      id: input.file,
      kind: 'workspace',
      counting: null,
      analyses: selectAnalyses(
        workspaceAnalyses(ws, {
          ...(o.measurement === undefined ? {} : { measurement: o.measurement }),
          ...(o.poi === undefined ? {} : { pois: o.poi }),
        }),
        o.analyses,
        input.file,
      ),
      source: { id: input.file, hash: hashOf(ws) },
      binQ2MeV2: [],
    };
  }
  const dataset = input.dataset;
  for (const [flag, value] of [
    ['--poi', o.poi],
    ['--measurement', o.measurement],
  ] as const) {
    if (value !== undefined) {
      throw new SpecError(
        'invalid_input',
        `${flag}: applies to pyhf workspace files; ${dataset.id} is a "${dataset.kind}" dataset`,
        [flag.slice(2)],
      );
    }
  }
  const inputs = datasetToyInputs(dataset, { systematics: o.systematics, combined: o.combined });
  return {
    id: dataset.id,
    kind: dataset.kind,
    counting: inputs.counting,
    analyses: selectAnalyses(inputs.analyses, o.analyses, dataset.id),
    // Counts datasets: the explorer's source record too (web/), so a job has the same hash in both.
    source:
      dataset.kind === 'counts'
        ? datasetToySource(dataset)
        : { id: dataset.id, hash: hashOf(dataset), binLabels: inputs.binLabels },
    binQ2MeV2: dataset.kind === 'counts' ? binQ2Centres(dataset) : [],
  };
}
