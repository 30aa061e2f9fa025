/**
 * The parameters of a HistFactory model, as pyhf derives them from a workspace and a measurement
 * (pyhf 0.7: `pdf._ModelConfig`, the modifier builders `modifiers/*.py` and
 * `parameters/utils.reduce_paramsets_requirements`).
 *
 * One PARAMETER SET per modifier name. Defaults by modifier type:
 *
 * | type        | n                     | init | bounds        | constraint                               |
 * |-------------|-----------------------|------|---------------|------------------------------------------|
 * | normfactor  | 1                     | 1    | [0, 10]       | none                                     |
 * | shapefactor | bins it covers        | 1    | [0, 10]       | none                                     |
 * | normsys     | 1                     | 0    | [−5, 5]       | Normal(aux = 0 | θ, 1)                   |
 * | histosys    | 1                     | 0    | [−5, 5]       | Normal(aux = 0 | θ, 1)                   |
 * | lumi        | 1                     | (measurement config: inits, bounds, auxdata, sigmas required) |
 * | staterror   | bins it covers        | 1    | [1e−10, 10]   | Normal(aux = 1 | γ, σ_b)                 |
 * | shapesys    | bins of its sample    | 1    | [1e−10, 10]   | Poisson(aux = τ_b | γ·τ_b), τ_b = (n/σ)² |
 *
 * - staterror: σ_b = √(Σ_s δ_sb²) / Σ_s ν_sb over the samples s carrying the modifier (pyhf
 *   `staterror_builder.finalize`); a bin with σ_b = 0 is FIXED at 1 and keeps a Normal(1 | γ, 1) term.
 * - shapesys: a bin with ν_b ≤ 0 or δ_b ≤ 0 is fixed at 1 with τ_b = 1 (pyhf `shapesys.required_parset`).
 * - A normsys and a histosys may share a name (one parameter: HistFactory's OverallSys + HistoSys of
 *   one systematic); any other mix of types under one name is an error, as in pyhf.
 * - The measurement's parameter configs override inits, bounds, fixed, auxdata, sigmas (normal
 *   constraints) and factors (Poisson constraints); a key the parameter does not use is an error.
 *
 * ORDER (pyhf `par_order`): grouped by modifier type in the order of the table's rows as pyhf's
 * registry lists them (histosys, lumi, normfactor, normsys, shapefactor, shapesys, staterror); within a
 * type, by first appearance walking channels and, within each, samples in alphabetical order. Main
 * data are the channels' bins in alphabetical channel order; auxiliary data follow the constrained
 * parameter sets in parameter order.
 */
import { SpecError } from '../../errors.js';
import { listWords, modifierLabel } from './names.js';
import type { Channel, Measurement, Modifier, ModifierType, ParameterConfig, Workspace } from './schema.js';
import { MODIFIER_TYPES } from './schema.js';

export type ConstraintKind = 'normal' | 'poisson' | null;

export interface ParameterSet {
  readonly name: string;
  /** Modifier types that use this name (normsys + histosys may share one). */
  readonly types: readonly ModifierType[];
  readonly n: number;
  readonly constraint: ConstraintKind;
  readonly inits: readonly number[];
  readonly bounds: readonly (readonly [number, number])[];
  readonly fixed: readonly boolean[];
  /** Constraint centres (global observables), one per element (normal and Poisson constraints). */
  readonly auxdata: readonly number[];
  /** Normal constraints: σ per element. */
  readonly sigmas: readonly number[];
  /** Poisson constraints: τ per element (rate = γ·τ). */
  readonly factors: readonly number[];
  /**
   * For per-bin sets (staterror, shapefactor, shapesys): the global main-bin indices that element k
   * covers in each channel where the modifier appears (bins[k] lists one bin per such channel).
   */
  readonly bins?: readonly (readonly number[])[];
}

/** Channels in pyhf's (alphabetical) order with their offset in the main-data vector. */
export interface ChannelLayout {
  readonly channel: Channel;
  readonly offset: number;
  readonly nBins: number;
}

export function channelLayout(ws: Workspace): ChannelLayout[] {
  const sorted = [...ws.channels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let offset = 0;
  return sorted.map((channel) => {
    const nBins = channel.samples[0]!.data.length;
    const out = { channel, offset, nBins };
    offset += nBins;
    return out;
  });
}

/** Samples of a channel in pyhf's (alphabetical) order. */
export function sortedSamples(channel: Channel): Channel['samples'] {
  return [...channel.samples].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const PER_BIN_TYPES: readonly ModifierType[] = ['shapefactor', 'shapesys', 'staterror'];

interface Use {
  readonly layout: ChannelLayout;
  readonly sample: Channel['samples'][number];
  readonly modifier: Modifier;
}

function fail(message: string, path: readonly (string | number)[] = []): never {
  throw new SpecError('invalid_spec', message, ['workspace', ...path]);
}

/** Every use of each modifier name, in walk order (sorted channels, sorted samples, modifier order). */
function collectUses(layouts: readonly ChannelLayout[]): Map<string, Use[]> {
  const uses = new Map<string, Use[]>();
  for (const layout of layouts) {
    for (const sample of sortedSamples(layout.channel)) {
      // pyhf walks a sample's modifiers in sorted (name, type) order (`config.modifiers`).
      const mods = [...sample.modifiers].sort((a, b) =>
        a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
      );
      for (const modifier of mods) {
        const list = uses.get(modifier.name) ?? [];
        list.push({ layout, sample, modifier });
        uses.set(modifier.name, list);
      }
    }
  }
  return uses;
}

function checkTypeMix(name: string, list: readonly Use[]): ModifierType[] {
  const types = [...new Set(list.map((u) => u.modifier.type))];
  const normalPair = types.every((t) => t === 'normsys' || t === 'histosys');
  if (types.length > 1 && !normalPair) {
    const u = list.find((x) => x.modifier.type !== list[0]!.modifier.type)!;
    fail(
      `${modifierLabel(u.layout.channel, u.sample, u.modifier)}: the name "${name}" is already used by a ` +
        `${list[0]!.modifier.type} modifier; expected one modifier type per name (only normsys and ` +
        `histosys may share one)`,
    );
  }
  return types;
}

/** Per-bin sets: the channels covered and element k → main bins. */
function perBinBins(name: string, type: ModifierType, list: readonly Use[]): number[][] {
  if (type === 'shapesys') {
    if (list.length > 1) {
      const u = list[1]!;
      fail(
        `${modifierLabel(u.layout.channel, u.sample, u.modifier)}: a shapesys modifier belongs to one ` +
          `sample; expected a unique name, but "${name}" is also on sample "${list[0]!.sample.name}" in ` +
          `channel "${list[0]!.layout.channel.name}"`,
      );
    }
  }
  const channels = [...new Map(list.map((u) => [u.layout.channel.name, u.layout])).values()];
  const nBins = channels[0]!.nBins;
  for (const c of channels) {
    if (c.nBins !== nBins) {
      const u = list.find((x) => x.layout === c)!;
      fail(
        `${modifierLabel(u.layout.channel, u.sample, u.modifier)}: the ${type} "${name}" covers channels ` +
          `with different numbers of bins (${channels.map((x) => `"${x.channel.name}": ${x.nBins}`).join(', ')}); ` +
          `expected the same number of bins in every channel it appears in`,
      );
    }
  }
  if (type === 'staterror') {
    // pyhf asserts that every sample carrying a staterror covers the same channels.
    const bySample = new Map<string, Set<string>>();
    for (const u of list) {
      const set = bySample.get(u.sample.name) ?? new Set<string>();
      set.add(u.layout.channel.name);
      bySample.set(u.sample.name, set);
    }
    const all = channels.map((c) => c.channel.name).sort();
    for (const [sample, set] of bySample) {
      if (set.size !== all.length) {
        fail(
          `sample "${sample}", modifier "${name}" (staterror): it is on this sample in channel(s) ` +
            `${listWords([...set].map((x) => `"${x}"`))} but on other samples in ${listWords(all.map((x) => `"${x}"`))}; ` +
            `expected every sample carrying a staterror to carry it in the same channels`,
        );
      }
    }
  }
  return Array.from({ length: nBins }, (_, k) => channels.map((c) => c.offset + k));
}

/** staterror σ_b (pyhf staterror_builder.finalize), one per element. */
function staterrorSigmas(list: readonly Use[], nElements: number): number[] {
  const channels = [...new Map(list.map((u) => [u.layout.channel.name, u.layout])).values()];
  const sigmas: number[] = [];
  for (let k = 0; k < nElements; k++) {
    let relSq = 0;
    for (const c of channels) {
      const here = list.filter((u) => u.layout === c);
      let nomSum = 0;
      for (const u of here) nomSum += u.sample.data[k]!;
      if (!(nomSum > 0)) continue;
      for (const u of here) {
        const unc = (u.modifier as Extract<Modifier, { type: 'staterror' }>).data[k]!;
        relSq += (unc / nomSum) ** 2;
      }
    }
    sigmas.push(Math.sqrt(relSq));
  }
  return sigmas;
}

function defaults(name: string, types: readonly ModifierType[], list: readonly Use[]): ParameterSet {
  const type = types[0]!;
  const base = { name, types, auxdata: [] as number[], sigmas: [] as number[], factors: [] as number[] };
  switch (type) {
    case 'normfactor':
      return { ...base, n: 1, constraint: null, inits: [1], bounds: [[0, 10]], fixed: [false] };
    case 'normsys':
    case 'histosys':
      return {
        ...base,
        n: 1,
        constraint: 'normal',
        inits: [0],
        bounds: [[-5, 5]],
        fixed: [false],
        auxdata: [0],
        sigmas: [1],
      };
    case 'lumi':
      // inits, bounds, auxdata and sigmas come from the measurement (checked in applyConfig).
      return {
        ...base,
        n: 1,
        constraint: 'normal',
        inits: [NaN],
        bounds: [[NaN, NaN]],
        fixed: [false],
        auxdata: [NaN],
        sigmas: [NaN],
      };
    case 'shapefactor': {
      const bins = perBinBins(name, type, list);
      const n = bins.length;
      return {
        ...base,
        n,
        constraint: null,
        inits: Array(n).fill(1),
        bounds: Array(n).fill([0, 10]),
        fixed: Array(n).fill(false),
        bins,
      };
    }
    case 'staterror': {
      const bins = perBinBins(name, type, list);
      const n = bins.length;
      const raw = staterrorSigmas(list, n);
      const fixed = raw.map((s) => s === 0);
      return {
        ...base,
        n,
        constraint: 'normal',
        inits: Array(n).fill(1),
        bounds: Array(n).fill([1e-10, 10]),
        fixed,
        auxdata: Array(n).fill(1),
        sigmas: raw.map((s) => (s === 0 ? 1 : s)),
        bins,
      };
    }
    case 'shapesys': {
      const bins = perBinBins(name, type, list);
      const u = list[0]!;
      const unc = (u.modifier as Extract<Modifier, { type: 'shapesys' }>).data;
      const valid = u.sample.data.map((nom, k) => nom > 0 && unc[k]! > 0);
      // τ_b = ν_b²/δ_b², in pyhf's order of operations (`shapesys_combined.finalize` squares, then
      // divides), so τ is bit-identical to pyhf's (e.g. 8²/2.5² = 10.24, where (8/2.5)² = 10.240000000000002).
      const factors = u.sample.data.map((nom, k) => (valid[k] ? nom ** 2 / unc[k]! ** 2 : 1));
      const n = factors.length;
      return {
        ...base,
        n,
        constraint: 'poisson',
        inits: Array(n).fill(1),
        bounds: Array(n).fill([1e-10, 10]),
        fixed: valid.map((v) => !v),
        auxdata: factors,
        factors,
        bins,
      };
    }
  }
}

function applyConfig(
  set: ParameterSet,
  config: ParameterConfig | undefined,
  measurement: string,
): ParameterSet {
  const where = `measurement "${measurement}", parameter "${set.name}"`;
  if (set.types[0] === 'lumi') {
    const missing = (['inits', 'bounds', 'auxdata', 'sigmas'] as const).filter(
      (k) => config?.[k] === undefined,
    );
    if (missing.length > 0) {
      fail(
        `${where}: the lumi modifier's constraint needs ${listWords(missing)} in the measurement's ` +
          `parameter configuration; expected all of inits, bounds, auxdata and sigmas`,
      );
    }
  }
  if (config === undefined) return set;
  const length = (key: string, v: readonly unknown[]) => {
    if (v.length !== set.n) {
      fail(`${where}: ${key} has ${v.length} entries; expected ${set.n} (one per element of the parameter)`);
    }
  };
  const out = { ...set } as { -readonly [K in keyof ParameterSet]: ParameterSet[K] };
  if (config.inits) {
    length('inits', config.inits);
    out.inits = config.inits;
  }
  if (config.bounds) {
    length('bounds', config.bounds);
    config.bounds.forEach(([lo, hi], k) => {
      if (!(lo <= hi)) fail(`${where}: bounds[${k}] = [${lo}, ${hi}]; expected lower ≤ upper`);
    });
    out.bounds = config.bounds;
  }
  if (config.fixed !== undefined) out.fixed = Array(set.n).fill(config.fixed);
  if (config.auxdata) {
    if (set.constraint === null) fail(`${where}: auxdata given, but this parameter has no constraint term`);
    length('auxdata', config.auxdata);
    out.auxdata = config.auxdata;
  }
  if (config.sigmas) {
    if (set.constraint !== 'normal' || set.types.includes('normsys') || set.types.includes('histosys')) {
      fail(`${where}: sigmas given, but only lumi and staterror parameters take sigmas`);
    }
    length('sigmas', config.sigmas);
    config.sigmas.forEach((s, k) => {
      if (!(s > 0)) fail(`${where}: sigmas[${k}] = ${s}; expected a width > 0`);
    });
    out.sigmas = config.sigmas;
  }
  if (config.factors) {
    if (set.constraint !== 'poisson')
      fail(`${where}: factors given, but only shapesys parameters take factors`);
    length('factors', config.factors);
    out.factors = config.factors;
  }
  out.inits.forEach((v, k) => {
    const [lo, hi] = out.bounds[k]!;
    if (!(v >= lo && v <= hi)) {
      fail(
        `${where}: inits[${k}] = ${v} lies outside its bounds [${lo}, ${hi}]; expected an initial value within the bounds`,
      );
    }
  });
  return out;
}

/**
 * The parameter sets of a workspace under one measurement, in pyhf's order (see the file comment).
 * Throws SpecError naming the channel, sample, modifier or measurement parameter at fault.
 */
export function parameterSets(ws: Workspace, measurement: Measurement): ParameterSet[] {
  const layouts = channelLayout(ws);
  const uses = collectUses(layouts);
  const configs = new Map<string, ParameterConfig>();
  for (const p of measurement.config.parameters) {
    if (configs.has(p.name))
      fail(`measurement "${measurement.name}": parameter "${p.name}" is configured twice`);
    if (!uses.has(p.name)) {
      fail(
        `measurement "${measurement.name}": parameter "${p.name}" is configured but no modifier of any ` +
          `sample has that name; expected one of ${listWords([...uses.keys()].map((x) => `"${x}"`))}`,
      );
    }
    configs.set(p.name, p);
  }
  const sets: ParameterSet[] = [];
  for (const type of MODIFIER_TYPES) {
    // staterror parameter sets are created for every modifier name at the first sample pyhf visits,
    // so they come in sorted name order; the others in order of first appearance.
    const entries = [...uses];
    if (type === 'staterror') entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, list] of entries) {
      const types = checkTypeMix(name, list);
      // A normsys+histosys pair is listed with histosys (first in registry order).
      const first = MODIFIER_TYPES.find((t) => types.includes(t));
      if (first !== type) continue;
      const set = defaults(name, types, list);
      sets.push(applyConfig(set, configs.get(name), measurement.name));
    }
  }
  return sets;
}

/** True for the modifier types whose parameter has one element per bin. */
export const isPerBinType = (t: ModifierType): boolean => PER_BIN_TYPES.includes(t);
