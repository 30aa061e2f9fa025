/**
 * The pyhf workspace of an on/off template model with true-q² bands (the COHERENT CsI releases):
 *
 * on-source channel: per band j `cevns_excess_b<j>` (normfactor alpha_b<j> + the signal modifiers +
 *   its histosys) and `cevns_floor_b<j>` (the same without alpha_b<j>), then the backgrounds, then
 *   `ssb` with a shapefactor `ssb` (one free parameter per bin);
 * off-source channel: `ssb` × τ with the same shapefactor — the exact on/off likelihood with exposure
 *   ratio τ for any counts (steadyState.ts).
 * One measurement: every alpha_b<j> in [0, 1] (init 1, POI alpha_b0), the ssb elements bounded per bin.
 */
import type { Modifier, Sample, Workspace } from '../../workspace/index.js';
import { bandPoi, bandSamplePair, type VariedTemplate } from './templateWorkspace.js';

export interface OnOffWorkspaceInputs {
  readonly channels: { readonly on: string; readonly off: string };
  readonly measurement: string;
  readonly bands: readonly { readonly excess: VariedTemplate; readonly floor: VariedTemplate }[];
  /** Modifiers on every CEvNS sample (e.g. the flux normsys), before its histosys. */
  readonly signalModifiers: readonly Modifier[];
  /** Further on-source samples (beam-related backgrounds). */
  readonly backgrounds: readonly Sample[];
  readonly ssbNominal: Float64Array;
  readonly ssbBounds: readonly number[];
  /** Off/on exposure ratio of the steady-state background. */
  readonly tau: number;
  readonly onCounts: readonly number[];
  readonly offCounts: readonly number[];
}

const arr = (a: ArrayLike<number>): number[] => Array.from(a);

export function onOffWorkspace(x: OnOffWorkspaceInputs): Workspace {
  const ssbMod: Modifier = { name: 'ssb', type: 'shapefactor', data: null };
  const on: Sample[] = [];
  x.bands.forEach((b, j) => on.push(...bandSamplePair(j, b, x.signalModifiers)));
  on.push(...x.backgrounds);
  on.push({ name: 'ssb', data: arr(x.ssbNominal), modifiers: [ssbMod] });
  const off: Sample = {
    name: 'ssb',
    data: x.tau === 1 ? arr(x.ssbNominal) : Array.from(x.ssbNominal, (v) => v * x.tau),
    modifiers: [ssbMod],
  };
  return {
    channels: [
      { name: x.channels.on, samples: on },
      { name: x.channels.off, samples: [off] },
    ],
    observations: [
      { name: x.channels.on, data: arr(x.onCounts) },
      { name: x.channels.off, data: arr(x.offCounts) },
    ],
    measurements: [
      {
        name: x.measurement,
        config: {
          poi: bandPoi(0),
          parameters: [
            ...x.bands.map((_, j) => ({
              name: bandPoi(j),
              bounds: [[0, 1]] as [number, number][],
              inits: [1],
            })),
            { name: 'ssb', bounds: x.ssbBounds.map((hi) => [0, hi] as [number, number]) },
          ],
        },
      },
    ],
    version: '1.0.0',
  };
}
