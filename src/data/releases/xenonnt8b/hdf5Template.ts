/**
 * One template file of the XENONnT ⁸B release, read with h5wasm (the HDF5 C library compiled to
 * WebAssembly; its Node build reads the host file system directly). Each file holds `/bins/0..3` (the
 * edges of the four observables, each with a `name` attribute) and `/templates/template`, a
 * 3×3×3×3 float64 array in C order (the last axis fastest), plus `date` and `version` attributes.
 *
 * Checked here: the file opens, the four edge arrays exist, the template's shape is the edges' bin
 * counts, and every entry is finite and ≥ 0 (a negative expectation or efficiency is an error naming the
 * file, the flat index and the value). Whether the edges equal the run's binning is binning.ts's job.
 */
import { existsSync } from 'node:fs';
import { SpecError } from '../../../errors.js';
import { XENONNT_OBSERVABLES } from './layout.js';

export type H5Module = typeof import('h5wasm/node');

let h5Promise: Promise<H5Module> | undefined;

/** The h5wasm module, initialised once. */
export function loadH5(): Promise<H5Module> {
  h5Promise ??= (async () => {
    const h5 = await import('h5wasm/node');
    await h5.ready;
    return h5;
  })();
  return h5Promise;
}

export interface ReleaseTemplate {
  readonly path: string;
  /** Edges of each axis, in file order. */
  readonly edges: readonly (readonly number[])[];
  /** The `name` attribute of each `/bins/i`. */
  readonly axisNames: readonly string[];
  /** The template, flattened in C order (the last axis fastest). */
  readonly values: Float64Array;
  /** The file's `date` attribute, if any. */
  readonly date?: string;
}

function invalid(path: string, message: string): never {
  throw new SpecError('invalid_dataset', `${path}: ${message}`, [path]);
}

function numericArray(value: unknown): number[] | undefined {
  if (value instanceof Float64Array || value instanceof Float32Array) return Array.from(value);
  return undefined;
}

/** Read and check one template file (`what` says what it should be, for a missing file). */
export function readReleaseTemplate(h5: H5Module, path: string, what: string): ReleaseTemplate {
  if (!existsSync(path)) {
    throw new SpecError('io_error', `XENONnT release: ${path} not found; expected ${what}`, [path]);
  }
  let file: InstanceType<H5Module['File']>;
  try {
    file = new h5.File(path, 'r');
  } catch (e) {
    return invalid(path, `cannot be opened as HDF5 (${(e as Error).message}); expected ${what}`);
  }
  try {
    const edges: number[][] = [];
    const axisNames: string[] = [];
    for (let i = 0; i < XENONNT_OBSERVABLES.length; i++) {
      const ds = file.get(`bins/${i}`);
      const e = ds instanceof h5.Dataset ? numericArray(ds.value) : undefined;
      if (e === undefined || e.length < 2) {
        invalid(path, `no numeric dataset /bins/${i}; expected the edges of observable ${i}`);
      }
      edges.push(e);
      const name = ds instanceof h5.Dataset ? ds.attrs.name?.value : undefined;
      axisNames.push(typeof name === 'string' ? name : '');
    }
    const ds = file.get('templates/template');
    if (!(ds instanceof h5.Dataset)) invalid(path, 'no dataset /templates/template');
    const shape = ds.shape ?? [];
    const expected = edges.map((e) => e.length - 1);
    const raw = ds.value;
    if (!(raw instanceof Float64Array) || shape.join('x') !== expected.join('x')) {
      invalid(
        path,
        `/templates/template has shape [${shape.join(', ')}] (${ds.dtype}); expected [${expected.join(', ')}] float64 (the bins of /bins/0..3)`,
      );
    }
    raw.forEach((x, i) => {
      if (!(Number.isFinite(x) && x >= 0)) {
        invalid(
          path,
          `/templates/template entry ${i} (bin ${unflatten(i, expected).join(',')}) is ${x}; expected a finite value ≥ 0`,
        );
      }
    });
    const date = file.attrs.date?.value;
    return {
      path,
      edges,
      axisNames,
      values: Float64Array.from(raw),
      ...(typeof date === 'string' ? { date } : {}),
    };
  } finally {
    file.close();
  }
}

/** The multi-index of a C-order flat index. */
export function unflatten(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let r = index;
  for (let a = shape.length - 1; a >= 0; a--) {
    out[a] = r % shape[a]!;
    r = Math.floor(r / shape[a]!);
  }
  return out;
}
