/**
 * The binning of one science run (binning/srN.yaml: for each of the four observables, a list of bin
 * edges) and the checks that tie templates and events to it:
 *
 * - every template's `/bins/i` must name observable i and equal the run's edges to 1e-9 (relative to
 *   max(1, |edge|)): the YAML prints 12 decimals of the same float64 values, so real mismatches are
 *   far larger;
 * - an event is binned like numpy.histogram: bin b holds [e_b, e_{b+1}), the last bin also its upper
 *   edge; an event outside [e_0, e_last] is an error (the release's own example bins with numpy).
 *
 * The flat bin index is row-major over the axes with the last axis fastest (the templates' C order).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import { SpecError } from '../../../errors.js';
import { XENONNT_OBSERVABLES } from './layout.js';
import type { ReleaseTemplate } from './hdf5Template.js';

/** Edges of each observable, in XENONNT_OBSERVABLES order. */
export type RunBinning = readonly (readonly number[])[];

const EDGE_TOLERANCE = 1e-9;

const EdgesSchema = z.array(z.number().refine(Number.isFinite, 'not finite')).min(2);

/** Read binning/srN.yaml: the four observables' edges (strictly increasing). */
export function readRunBinning(path: string): RunBinning {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SpecError('invalid_dataset', `${path}: not readable YAML (${(e as Error).message})`, [path]);
  }
  const names = XENONNT_OBSERVABLES.map((o) => o.name);
  const r = z.strictObject(Object.fromEntries(names.map((n) => [n, EdgesSchema]))).safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new SpecError(
      'invalid_dataset',
      `${path}: ${i.path.join('.') || '(top level)'}: ${i.message}; expected the keys ${names.join(', ')}, each a list of ≥ 2 numeric edges`,
      [path, ...i.path.map(String)],
    );
  }
  const edges = names.map((n) => r.data[n] as number[]);
  edges.forEach((e, a) => {
    for (let i = 1; i < e.length; i++) {
      if (!(e[i]! > e[i - 1]!)) {
        throw new SpecError(
          'invalid_dataset',
          `${path}: ${names[a]} edge ${i} = ${e[i]} is not above ${e[i - 1]}; expected increasing edges`,
          [path, names[a]!, i],
        );
      }
    }
  });
  return edges;
}

/** Throws a SpecError('bin_mismatch') unless the template's axes are the run's observables and binning. */
export function checkTemplateBinning(
  template: ReleaseTemplate,
  binning: RunBinning,
  binningPath: string,
): void {
  XENONNT_OBSERVABLES.forEach((obs, a) => {
    const name = template.axisNames[a];
    if (name !== obs.h5Name) {
      throw new SpecError(
        'bin_mismatch',
        `${template.path}: /bins/${a} is named "${name}"; expected "${obs.h5Name}" (axis ${a} of the release)`,
        [template.path, 'bins', a],
      );
    }
    const t = template.edges[a]!;
    const b = binning[a]!;
    const same =
      t.length === b.length &&
      t.every((x, i) => Math.abs(x - b[i]!) <= EDGE_TOLERANCE * Math.max(1, Math.abs(b[i]!)));
    if (!same) {
      throw new SpecError(
        'bin_mismatch',
        `${template.path}: /bins/${a} (${obs.name}) edges [${t.join(', ')}] differ from ${binningPath} [${b.join(', ')}]; expected the run's binning`,
        [template.path, 'bins', a],
      );
    }
  });
}

/** Bin index of x on `edges` (numpy.histogram convention), or −1 outside [e_0, e_last]. */
export function binIndex(x: number, edges: readonly number[]): number {
  const n = edges.length - 1;
  if (!(x >= edges[0]! && x <= edges[n]!)) return -1;
  if (x === edges[n]) return n - 1;
  let b = 0;
  while (x >= edges[b + 1]!) b++;
  return b;
}

/** Number of bins of a binning (product over axes). */
export function binCount(binning: RunBinning): number {
  return binning.reduce((p, e) => p * (e.length - 1), 1);
}

/** Flat (C-order) index of per-axis bin indices. */
export function flatIndex(indices: readonly number[], binning: RunBinning): number {
  let flat = 0;
  indices.forEach((b, a) => {
    flat = flat * (binning[a]!.length - 1) + b;
  });
  return flat;
}
