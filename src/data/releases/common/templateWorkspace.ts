/**
 * Workspace pieces shared by the release builders: the template-dataset names of a band's POI and
 * samples (data/templateDataset.ts), a sample with its ±1σ histosys templates, pyhf normsys
 * (lo = 1 − σ, hi = 1 + σ; pyhf's code4 interpolation), and the per-band excess/floor templates
 * Σ_k w_k·s_jk (w_k = 1 − d_k for the excess, d_k for the floor) under every response of a band, and
 * the bands' metadata (per-nucleus T ranges, sCoh at α = 1, sHelm, signal-weighted mean q²).
 */
import type { Modifier, Sample } from '../../workspace/index.js';
import type { BandNucleusTemplates, SignalTemplates } from './bandTemplates.js';

/** A template under its nominal inputs and the ±1σ histosys variations of it (by modifier name). */
export interface VariedTemplate {
  readonly nominal: Float64Array;
  readonly histosys: Readonly<Record<string, { readonly lo: Float64Array; readonly hi: Float64Array }>>;
}

export const bandPoi = (j: number) => `alpha_b${j}`;
export const excessSample = (j: number) => `cevns_excess_b${j}`;
export const floorSample = (j: number) => `cevns_floor_b${j}`;

const arr = (a: ArrayLike<number>): number[] => Array.from(a);

/** A pyhf normsys with relative −1σ `relLo` and +1σ `relHi` (lo = 1 − relLo, hi = 1 + relHi). */
export const normsys = (name: string, relLo: number, relHi: number = relLo): Modifier => ({
  name,
  type: 'normsys',
  data: { lo: 1 - relLo, hi: 1 + relHi },
});

/** One ±1σ template pair of a histosys, by its modifier name. */
export interface HistosysTemplate {
  readonly name: string;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

export const histosys = (t: HistosysTemplate): Modifier => ({
  name: t.name,
  type: 'histosys',
  data: { lo_data: arr(t.lo), hi_data: arr(t.hi) },
});

/** A nominal template and its histosys pairs, in their order, as a VariedTemplate. */
export function variedTemplate(nominal: Float64Array, pairs: readonly HistosysTemplate[]): VariedTemplate {
  return { nominal, histosys: Object.fromEntries(pairs.map((p) => [p.name, { lo: p.lo, hi: p.hi }])) };
}

/** A sample: nominal data, then the given modifiers, then one histosys per variation of `t`. */
export function templateSample(name: string, t: VariedTemplate, extra: readonly Modifier[]): Sample {
  const shapes = Object.entries(t.histosys).map(([n, v]) => histosys({ name: n, ...v }));
  return { name, data: arr(t.nominal), modifiers: [...extra, ...shapes] };
}

/**
 * Band j's two CEvNS samples: `cevns_excess_b<j>` (normfactor alpha_b<j>, then `signalModifiers`, then
 * its histosys) and `cevns_floor_b<j>` (the same without alpha_b<j>) — the α-linear split of
 * data/templateDataset.ts that every release builder writes.
 */
export function bandSamplePair(
  j: number,
  band: { readonly excess: VariedTemplate; readonly floor: VariedTemplate },
  signalModifiers: readonly Modifier[],
): [Sample, Sample] {
  return [
    templateSample(excessSample(j), band.excess, [
      { name: bandPoi(j), type: 'normfactor', data: null },
      ...signalModifiers,
    ]),
    templateSample(floorSample(j), band.floor, signalModifiers),
  ];
}

/** Σ_k w_k·t_k over the band's nuclei for one response. */
export function combineNuclei(
  nuclei: readonly BandNucleusTemplates[],
  weights: readonly number[],
  response: string,
): Float64Array {
  const n = nuclei[0]!.coherent[response]!.length;
  const out = new Float64Array(n);
  nuclei.forEach((k, i) => {
    const t = k.coherent[response]!;
    for (let b = 0; b < n; b++) out[b]! += weights[i]! * t[b]!;
  });
  return out;
}

/**
 * The weighted band template with one histosys per name of `histosys`, whose lo/hi are the responses
 * `<name>_down` / `<name>_up` of the band templates.
 */
export function variedBand(
  nuclei: readonly BandNucleusTemplates[],
  weights: readonly number[],
  histosys: readonly string[],
): VariedTemplate {
  const h: Record<string, { lo: Float64Array; hi: Float64Array }> = {};
  for (const name of histosys) {
    h[name] = {
      lo: combineNuclei(nuclei, weights, `${name}_down`),
      hi: combineNuclei(nuclei, weights, `${name}_up`),
    };
  }
  return { nominal: combineNuclei(nuclei, weights, 'nominal'), histosys: h };
}

const total = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};

/**
 * Per band: the coherent excess Σ_k (1 − d_k)·s_jk and the decoherent floor Σ_k d_k·s_jk with their
 * histosys (d_k: each nucleus' ξ at α = 0, data/templateDataset.ts).
 */
export function bandExcessAndFloor(
  signal: SignalTemplates,
  decoherentXi: readonly number[],
  histosys: readonly string[],
): { excess: VariedTemplate; floor: VariedTemplate }[] {
  const excessWeights = decoherentXi.map((x) => 1 - x);
  return signal.bands.map((b) => ({
    excess: variedBand(b, excessWeights, histosys),
    floor: variedBand(b, decoherentXi, histosys),
  }));
}

/** Band metadata of a template dataset (data/templateDataset.ts) from the band templates. */
export function bandsMetadata(signal: SignalTemplates, bandEdgesQ2MeV2: readonly number[]) {
  return signal.bands.map((nuclei, j) => {
    const sCoh = nuclei.map((k) => total(k.coherent.nominal!));
    const all = sCoh.reduce((s, x) => s + x, 0);
    return {
      poi: bandPoi(j),
      q2LoMeV2: bandEdgesQ2MeV2[j]!,
      q2HiMeV2: bandEdgesQ2MeV2[j + 1]!,
      q2MeanMeV2:
        all > 0
          ? nuclei.reduce((s, k) => s + k.q2Weighted, 0) / all
          : 0.5 * (bandEdgesQ2MeV2[j]! + bandEdgesQ2MeV2[j + 1]!),
      excessSample: excessSample(j),
      floorSample: floorSample(j),
      nuclei: nuclei.map((k, i) => ({
        label: k.label,
        tLoKeV: k.tLoKeV,
        tHiKeV: k.tHiKeV,
        sCoh: sCoh[i]!,
        sHelm: total(k.helm),
      })),
    };
  });
}
