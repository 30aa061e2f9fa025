/**
 * A joint fit must not count the same data twice. Datasets are compared by their id AND by a hash of
 * their bins' data (SHA-256 of the bins as canonical JSON: keys sorted, so the order of fields in the
 * file does not matter), so a copy of a dataset saved under another id is caught as well.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from '../data/index.js';
import { SpecError } from '../errors.js';

/** JSON with object keys sorted at every level (numbers as JSON.stringify writes them). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of a dataset's kind and bins: equal for the same data whatever its id, title or notes. */
export function binsDataHash(dataset: Dataset): string {
  return createHash('sha256')
    .update(canonicalJson({ kind: dataset.kind, bins: dataset.bins }))
    .digest('hex');
}

/**
 * Throw SpecError('invalid_input') naming both arguments when two datasets share an id or their bins'
 * data (a joint fit would count the data twice).
 */
export function refuseDuplicateDatasets(datasets: readonly Dataset[], args: readonly string[]): void {
  const hashes = datasets.map(binsDataHash);
  datasets.forEach((d, i) => {
    const j = datasets.findIndex((e, k) => e.id === d.id || hashes[k] === hashes[i]);
    if (j >= i) return;
    const which = `arguments ${j + 1} and ${i + 1}: ${JSON.stringify(args[j])}, ${JSON.stringify(args[i])}`;
    const what =
      datasets[j]!.id === d.id
        ? `dataset ${d.id} given twice (${which})`
        : `datasets ${datasets[j]!.id} and ${d.id} hold the same bins (${which}; equal data hash ${hashes[i]!.slice(0, 12)})`;
    throw new SpecError('invalid_input', `${what}; a joint fit would count its data twice`, ['datasets']);
  });
}
