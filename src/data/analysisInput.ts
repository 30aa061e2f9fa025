/**
 * What `analyze`, `toys`, `coverage` and `export-pyhf` accept — a toolkit dataset or a pyhf workspace —
 * told apart and validated from parsed JSON. No file I/O here (datasetFiles.ts reads the files), so the
 * browser explorer (web/) parses a dropped file with the same rules as the CLI.
 */
import { parseAnyDataset, type AnyDataset } from './dataset.js';
import { parseWorkspace, type Workspace } from './workspace/index.js';

export type AnalysisInput =
  | { readonly kind: 'dataset'; readonly dataset: AnyDataset }
  | { readonly kind: 'workspace'; readonly workspace: Workspace; readonly file: string };

/** A pyhf workspace has exactly its schema's top-level keys; a toolkit dataset has `$schemaVersion`. */
export function looksLikeWorkspace(raw: unknown): boolean {
  return (
    raw !== null &&
    typeof raw === 'object' &&
    !('$schemaVersion' in raw) &&
    'channels' in raw &&
    'measurements' in raw &&
    'observations' in raw
  );
}

/**
 * Validate parsed JSON as a pyhf workspace or a toolkit dataset (any kind); `file` names the input in
 * errors. Throws SpecError('invalid_dataset' / the workspace codes) naming the field.
 */
export function parseAnalysisInput(raw: unknown, file: string): AnalysisInput {
  if (looksLikeWorkspace(raw)) return { kind: 'workspace', workspace: parseWorkspace(raw, file), file };
  return { kind: 'dataset', dataset: parseAnyDataset(raw, file) };
}
