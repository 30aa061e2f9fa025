/**
 * What `coherency toys` and `coherency coverage` run on: a shipped dataset name, a dataset file of
 * any kind (counts, ξ ± σ, template) or a pyhf workspace file (told apart by their fields: a dataset
 * has `kind`, a workspace `channels` and `measurements`). Every failure is one SpecError naming the
 * file and the problem.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  DEFAULT_DATASET,
  loadDataset,
  parseAnyDataset,
  parseWorkspace,
  SHIPPED_DATASETS,
} from '../data/index.js';
import type { AnyDataset } from '../data/index.js';
import { SpecError } from '../errors.js';
import type { CountingModel, SystematicsTreatment } from '../likelihood/index.js';
import { datasetToyInputs, workspaceAnalyses } from '../toys/index.js';
import type { AnalysisInput, ToySource } from '../toys/index.js';

export interface ToyInput {
  readonly id: string;
  readonly kind: AnyDataset['kind'] | 'workspace';
  /** Per-bin and combined counting tasks (counts datasets); null otherwise. */
  readonly counting: CountingModel | null;
  readonly analyses: readonly AnalysisInput[];
  readonly source: ToySource;
  /** Centre of each bin in keV_nr (counts datasets, for the per-bin plot). */
  readonly binCentresKeV: readonly number[];
}

export interface ToyInputOptions {
  readonly systematics: SystematicsTreatment;
  /** Workspace POI name(s); two give a 2-D region. */
  readonly poi?: readonly string[] | undefined;
  readonly measurement?: string | undefined;
  /** Include the combined one-α analysis of a counts dataset. */
  readonly combined: boolean;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) {
    throw new SpecError(
      'io_error',
      `${path}: no such file (shipped datasets: ${Object.keys(SHIPPED_DATASETS).join(', ')})`,
      ['input'],
    );
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SpecError('io_error', `${basename(path)}: not valid JSON (${(err as Error).message})`, [
      'input',
    ]);
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const hashOf = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/** Load a toy input (see the module comment). */
export function loadToyInput(arg: string | undefined, o: ToyInputOptions): ToyInput {
  const name = arg ?? DEFAULT_DATASET;
  let dataset: AnyDataset;
  if (name in SHIPPED_DATASETS) dataset = loadDataset(name);
  else {
    const raw = readJson(name);
    const file = basename(name);
    if (isRecord(raw) && !('kind' in raw) && 'channels' in raw && 'measurements' in raw) {
      const ws = parseWorkspace(raw, file);
      return {
        id: file,
        kind: 'workspace',
        counting: null,
        analyses: workspaceAnalyses(ws, {
          ...(o.measurement === undefined ? {} : { measurement: o.measurement }),
          ...(o.poi === undefined ? {} : { pois: o.poi }),
        }),
        source: { id: file, hash: hashOf(ws) },
        binCentresKeV: [],
      };
    }
    if (!isRecord(raw) || !('kind' in raw)) {
      throw new SpecError(
        'invalid_input',
        `${file}: neither a dataset (a "kind" field) nor a pyhf workspace ("channels", "observations", "measurements")`,
        ['input'],
      );
    }
    dataset = parseAnyDataset(raw, file);
  }
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
    analyses: inputs.analyses,
    source: { id: dataset.id, hash: hashOf(dataset), binLabels: inputs.binLabels },
    binCentresKeV: dataset.kind === 'counts' ? dataset.bins.map((b) => 0.5 * (b.tLoKeV + b.tHiKeV)) : [],
  };
}
