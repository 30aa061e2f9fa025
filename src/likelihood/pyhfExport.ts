/**
 * Export a counting model as pyhf HistFactory JSON workspaces (schema 1.0.0) whose likelihood is the
 * toolkit's EXACTLY (countingWorkspace.ts): on/off channels sharing the background shapefactor (any
 * n_off, 0 included), Gaussian normalisations as symmetric histosys (exact under pyhf's default
 * code4p), known backgrounds with a staterror of absolute σ. pyhf's default interpolation codes
 * reproduce it unless a normalisation is log-normal, which needs normsys code1 — `interpolation`
 * says which codes to declare (pyhf: `ws.model(modifier_settings={...})`).
 */
import type { Workspace } from '../data/workspace/index.js';
import { countingWorkspace } from './countingWorkspace.js';
import type { CountingModel } from './types.js';

export type PyhfWorkspace = Workspace;

/** The model's interpolation codes as pyhf's `modifier_settings` argument. */
export function pyhfModifierSettings(interpolation: { normsys: string; histosys: string }) {
  return { normsys: { interpcode: interpolation.normsys }, histosys: { interpcode: interpolation.histosys } };
}

/**
 * A workspace of the selected bins (default all) with one POI `poi` in [0, 1]; with one bin it is the
 * likelihood of `analyze`'s per-bin tests (that bin alone with the same constraint terms).
 */
export function toPyhfWorkspace(
  model: CountingModel,
  opts: { readonly bins?: readonly number[]; readonly name?: string } = {},
): PyhfWorkspace {
  return pyhfExport(model, opts).workspace;
}

/** The workspace with the interpolation codes it needs. */
export function pyhfExport(
  model: CountingModel,
  opts: { readonly bins?: readonly number[]; readonly name?: string } = {},
): { workspace: PyhfWorkspace; interpolation: { normsys: 'code1' | 'code4'; histosys: 'code4p' } } {
  const indices = opts.bins ?? model.bins.map((_, i) => i);
  const sub: CountingModel = { ...model, bins: indices.map((i) => model.bins[i]!) };
  const cw = countingWorkspace(sub, { measurement: opts.name ?? 'coherency' });
  return { workspace: cw.workspace, interpolation: cw.interpolation };
}
