/**
 * Reading binned ξ datasets from disk: the shipped fixtures and user files. Every failure is a
 * SpecError naming the file (and, through parseDataset, the field and bin).
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SpecError } from '../errors.js';
import { parseAnyDataset, parseDataset, type AnyDataset, type Dataset } from './dataset.js';
import { readInputJson } from './inputFiles.js';
import { parseAnalysisInput, type AnalysisInput } from './analysisInput.js';
import { packageRoot } from './spectraDir.js';

/**
 * The datasets shipped in fixtures/, derived from the public releases by scripts/build-fixtures.ts
 * (CsI 2017 counts), scripts/build-coherent-ar-2020.ts (the full Ar release, a template dataset, and
 * `coherent-ar-2020-1d`, its counts view per energy bin for what needs counts, e.g. fits),
 * scripts/build-coherent-csi-2017-qf.ts, scripts/build-coherent-csi-2021.ts and
 * scripts/build-xenonnt-fixture.ts.
 */
export const SHIPPED_DATASETS = {
  'coherent-csi-2017': 'coherent-csi-2017.json',
  'coherent-ar-2020': 'coherent-ar-2020.json',
  'coherent-ar-2020-1d': 'coherent-ar-2020-1d.json',
  'coherent-csi-2017-qf': 'coherent-csi-2017-qf.json',
  'coherent-csi-2021': 'coherent-csi-2021.json',
  'xenonnt-8b': 'xenonnt-8b.json',
} as const;
export type ShippedDatasetName = keyof typeof SHIPPED_DATASETS;

/** Largest dataset file read: 64 MiB (the shipped fixtures are ~30 kB; a dataset is a few hundred bins). */
export const MAX_DATASET_BYTES = 64 * 1024 * 1024;

/** The dataset `coherency analyze` uses when none is given. */
export const DEFAULT_DATASET: ShippedDatasetName = 'coherent-csi-2017';

/** Path of a shipped fixture. */
export function shippedDatasetPath(name: ShippedDatasetName): string {
  return join(packageRoot(), 'fixtures', SHIPPED_DATASETS[name]);
}

/** Read a shipped name or a file as JSON; SpecError('io_error') naming the file on failure. */
function readJsonInput(nameOrPath: string): { raw: unknown; file: string } {
  const shipped = nameOrPath in SHIPPED_DATASETS;
  const path = shipped ? shippedDatasetPath(nameOrPath as ShippedDatasetName) : nameOrPath;
  if (!shipped && !existsSync(path)) {
    throw new SpecError(
      'io_error',
      `dataset ${JSON.stringify(nameOrPath)}: no such file, and not a shipped dataset (${Object.keys(SHIPPED_DATASETS).join(', ')})`,
      ['dataset'],
    );
  }
  return { raw: readInputJson(path, 'dataset', MAX_DATASET_BYTES), file: basename(path) };
}

/**
 * Load a binned ξ dataset (counts or ξ ± σ) given as a shipped name or a file path.
 * Throws SpecError('io_error') for a missing/unreadable file or invalid JSON, and
 * SpecError('invalid_dataset') for a dataset that fails validation (or is of another kind).
 */
export function loadDataset(nameOrPath: string = DEFAULT_DATASET): Dataset {
  const { raw, file } = readJsonInput(nameOrPath);
  if (raw !== null && typeof raw === 'object' && (raw as { kind?: unknown }).kind === 'template') {
    const counts = `${nameOrPath}-1d`;
    throw new SpecError(
      'invalid_dataset',
      `${file}: a template dataset; this command needs a counts or ξ ± σ dataset${counts in SHIPPED_DATASETS ? ` (its counts view is shipped as ${counts})` : ''}`,
      ['dataset'],
    );
  }
  return parseDataset(raw, file);
}

/** Load a dataset of any kind (counts, ξ ± σ, template). */
export function loadAnyDataset(nameOrPath: string = DEFAULT_DATASET): AnyDataset {
  const { raw, file } = readJsonInput(nameOrPath);
  return parseAnyDataset(raw, file);
}

/** Load what `analyze` accepts (a shipped name or a file): a toolkit dataset or a pyhf workspace. */
export function loadAnalysisInput(nameOrPath: string = DEFAULT_DATASET): AnalysisInput {
  const { raw, file } = readJsonInput(nameOrPath);
  return parseAnalysisInput(raw, file);
}
