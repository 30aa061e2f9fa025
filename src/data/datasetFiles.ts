/**
 * Reading binned ξ datasets from disk: the shipped fixtures and user files. Every failure is a
 * SpecError naming the file (and, through parseDataset, the field and bin).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SpecError } from '../errors.js';
import { parseAnyDataset, parseDataset, type AnyDataset, type Dataset } from './dataset.js';
import { parseAnalysisInput, type AnalysisInput } from './analysisInput.js';
import { packageRoot } from './spectraDir.js';

/** The datasets shipped in fixtures/ (derived from the public releases by scripts/build-fixtures.ts). */
export const SHIPPED_DATASETS = {
  'coherent-csi-2017': 'coherent-csi-2017.json',
  'coherent-ar-2020': 'coherent-ar-2020.json',
  'xenonnt-8b': 'xenonnt-8b.json',
} as const;
export type ShippedDatasetName = keyof typeof SHIPPED_DATASETS;

/** The dataset `coherency analyze` uses when none is given. */
export const DEFAULT_DATASET: ShippedDatasetName = 'coherent-csi-2017';

/** Path of a shipped fixture. */
export function shippedDatasetPath(name: ShippedDatasetName): string {
  return join(packageRoot(), 'fixtures', SHIPPED_DATASETS[name]);
}

/**
 * Load a dataset given as a shipped name (`coherent-csi-2017`, `coherent-ar-2020`) or a file path.
 * Throws SpecError('io_error') for a missing/unreadable file or invalid JSON, and
 * SpecError('invalid_dataset') for a dataset that fails validation.
 */
/** Read a shipped name or a file as JSON; SpecError('io_error') naming the file on failure. */
function readJsonInput(nameOrPath: string): { raw: unknown; file: string } {
  const path =
    nameOrPath in SHIPPED_DATASETS ? shippedDatasetPath(nameOrPath as ShippedDatasetName) : nameOrPath;
  if (!existsSync(path)) {
    throw new SpecError(
      'io_error',
      `dataset ${nameOrPath}: no such file (shipped datasets: ${Object.keys(SHIPPED_DATASETS).join(', ')})`,
      ['dataset'],
    );
  }
  try {
    return { raw: JSON.parse(readFileSync(path, 'utf8')), file: basename(path) };
  } catch (err) {
    throw new SpecError('io_error', `${basename(path)}: not valid JSON (${(err as Error).message})`, [
      'dataset',
    ]);
  }
}

/**
 * Load a binned ξ dataset (counts or ξ ± σ) given as a shipped name or a file path.
 * Throws SpecError('io_error') for a missing/unreadable file or invalid JSON, and
 * SpecError('invalid_dataset') for a dataset that fails validation (or is of another kind).
 */
export function loadDataset(nameOrPath: string = DEFAULT_DATASET): Dataset {
  const { raw, file } = readJsonInput(nameOrPath);
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
