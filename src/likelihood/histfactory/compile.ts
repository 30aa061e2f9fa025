/**
 * Compile a HistFactory workspace (pyhf schema 1.0.0, validated by data/workspace) once into flat
 * typed arrays that the evaluator walks without allocation.
 *
 * Expected count of main bin b (pyhf `_MainModel.expected_data`):
 *
 *   λ_b = Σ_{occurrences o covering b} (ν_ob + Σ_h d_h(θ_h)_b) · Π_m f_m(θ_m) · Π_k γ_{k,b}
 *
 * an OCCURRENCE being a sample in one channel: ν its nominal, d_h the additive histosys deltas,
 * f_m its scalar factors (normfactor, lumi: f = θ; normsys: interpolated), γ_{k,b} its per-bin
 * factors (shapefactor, staterror, shapesys: one parameter element per bin).
 *
 * The Hessian of the NLL is stored STRUCTURED (see `HessianLayout`): parameters are GLOBAL (scalar
 * sets, touching many bins) or LOCAL (elements of per-bin sets, each touching one bin per channel);
 * locals that share a bin form a BLOCK. The Hessian then has a dense global×global part, a
 * local×global part and one small dense part per block — never a dense matrix over all bins — and a
 * Newton step costs O(bins) through the Schur complement (src/likelihood/minimize).
 *
 * For each bin the set of parameters its λ depends on (its PATTERN) is fixed at compile time, with
 * the position in the structured Hessian of every pair, so the evaluator accumulates without
 * branching on parameter kinds.
 */
import { SpecError } from '../../errors.js';
import {
  channelLayout,
  parameterSets,
  selectMeasurement,
  sortedSamples,
  type Modifier,
  type ParameterSet,
  type Workspace,
} from '../../data/workspace/index.js'; // the browser-safe door of data/ (no file I/O)
import {
  DEFAULT_INTERPOLATION,
  normsysCode4Coefficients,
  type HistoSysCode,
  type NormSysCode,
} from './interpolation.js';

export interface CompileOptions {
  /** Measurement to use (default: the first). */
  readonly measurement?: string;
  /** Parameter of interest, overriding the measurement's; null: a model without one (poi = −1). */
  readonly poi?: string | null;
  /** Interpolation codes per modifier type (pyhf `modifier_settings`); default pyhf's code4 / code4p. */
  readonly interpolation?: { readonly normsys?: NormSysCode; readonly histosys?: HistoSysCode };
}

/**
 * A histosys on an occurrence: per-bin Δ⁺ = hi − nom and Δ⁻ = nom − lo, and code4p's S = (Δ⁺ + Δ⁻)/2,
 * A = (Δ⁺ − Δ⁻)/16 (interpolation.ts), precomputed for the hot loop.
 */
export interface HistoSlot {
  readonly p: number;
  readonly up: Float64Array;
  readonly down: Float64Array;
  readonly sym: Float64Array;
  readonly asym: Float64Array;
  /** Position of p in each bin's pattern. */
  readonly pos: Int32Array;
}

/** A scalar factor: kind 0 = linear (normfactor, lumi), 1 = normsys code1, 2 = normsys code4. */
export interface ScalarSlot {
  readonly p: number;
  readonly kind: 0 | 1 | 2;
  readonly hi: number;
  readonly lo: number;
  readonly coef: Float64Array;
  readonly pos: Int32Array;
}

/** A per-bin factor: parameter index per bin. */
export interface PerBinSlot {
  readonly p: Int32Array;
  readonly pos: Int32Array;
}

export interface Occurrence {
  readonly channel: string;
  readonly sample: string;
  /** First main bin and number of bins. */
  readonly offset: number;
  readonly n: number;
  readonly nominal: Float64Array;
  readonly histo: readonly HistoSlot[];
  readonly scalar: readonly ScalarSlot[];
  readonly perBin: readonly PerBinSlot[];
  /**
   * Positions of every slot in each bin's pattern, flattened for the hot loop: bin i, slot s at
   * i·nSlots + s, slots ordered [histo…, scalar…, perBin…]; −1 where a per-bin slot has no parameter.
   */
  readonly slotPos: Int32Array;
  readonly nSlots: number;
  /** Per-bin parameter of each per-bin slot: bin i, slot k at i·perBin.length + k (−1: none). */
  readonly perBinPar: Int32Array;
  /**
   * For bin i and slots (s1, s2) at i·nSlots² + s1·nSlots + s2: the index in the evaluator's
   * second-derivative pair array of the bin's (pos(s1), pos(s2)) entry (−1 if a slot is absent), and
   * the product-rule multiplier of a cross term (2 when two distinct slots share a parameter, else 1).
   * Filled once the bins' patterns are final.
   */
  readonly pairIdx: Int32Array;
  readonly pairMul: Float64Array;
}

/**
 * Where each Hessian entry lives in one flat Float64Array:
 *   [0, nG²)                      global×global, row-major (only (i ≤ j) accumulated; see symmetrise)
 *   [nG², nG² + nL·nG)            local l × global g at nG² + l·nG + g
 *   then per block B (size s)     s×s row-major at llOffset[B] (only (a ≤ b) accumulated)
 */
export interface HessianLayout {
  readonly nG: number;
  readonly nL: number;
  /** Parameter → global index or −1. */
  readonly gIndex: Int32Array;
  /** Parameter → local index or −1. */
  readonly lIndex: Int32Array;
  /** Global index → parameter; local index → parameter. */
  readonly globals: Int32Array;
  readonly locals: Int32Array;
  /** Local → block, position in its block. */
  readonly blockOf: Int32Array;
  readonly posInBlock: Int32Array;
  /** Per block: size, offset of its s×s part in the flat array, its locals (indices into `locals`). */
  readonly blockSize: Int32Array;
  readonly llOffset: Int32Array;
  readonly blockLocals: readonly Int32Array[];
  /** Total length of the flat Hessian array. */
  readonly size: number;
  /** Flat index of the (p, q) entry (p, q parameters), or −1 if structurally zero. */
  index(p: number, q: number): number;
}

export interface CompiledModel {
  readonly workspace: Workspace;
  readonly measurement: string;
  readonly interpolation: { readonly normsys: NormSysCode; readonly histosys: HistoSysCode };
  readonly sets: readonly ParameterSet[];
  /** First flat parameter index of each set. */
  readonly setOffset: readonly number[];
  /** Flat parameter names: `name`, or `name[k]` for sets with several elements. */
  readonly parNames: readonly string[];
  readonly parSet: Int32Array;
  readonly nPars: number;
  readonly init: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly fixed: Uint8Array;
  /** Flat index of the POI (−1: none). */
  readonly poi: number;
  readonly poiName: string;
  readonly channels: readonly { readonly name: string; readonly offset: number; readonly nBins: number }[];
  readonly nMain: number;
  readonly occurrences: readonly Occurrence[];
  /** Constraint terms: Gaussian (param, σ, aux index) and Poisson (param, τ, aux index). */
  readonly gaussPar: Int32Array;
  readonly gaussSigma: Float64Array;
  readonly gaussAux: Int32Array;
  readonly poisPar: Int32Array;
  readonly poisFactor: Float64Array;
  readonly poisAux: Int32Array;
  /** Auxiliary data (global observables), pyhf order; and the parameter each belongs to. */
  readonly nAux: number;
  readonly auxPar: Int32Array;
  readonly auxNominal: Float64Array;
  /** Observed main data, pyhf order. */
  readonly observed: Float64Array;
  /** Per bin: pattern start/length into patternPar, and start into the pair arrays. */
  readonly patternStart: Int32Array;
  readonly patternLen: Int32Array;
  readonly patternPar: Int32Array;
  readonly pairStart: Int32Array;
  /** Per pair (u ≤ v) of each bin's pattern: flat Hessian index. */
  readonly pairHessian: Int32Array;
  readonly hessian: HessianLayout;
}

function fail(message: string): never {
  throw new SpecError('invalid_spec', message, ['workspace']);
}

/** Union–find over local indices. */
function unionFind(n: number) {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  return {
    find,
    union(a: number, b: number) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
}

function buildHessianLayout(
  nPars: number,
  isLocal: Uint8Array,
  patterns: readonly number[][],
): HessianLayout {
  const gIndex = new Int32Array(nPars).fill(-1);
  const lIndex = new Int32Array(nPars).fill(-1);
  const globals: number[] = [];
  const locals: number[] = [];
  for (let p = 0; p < nPars; p++) {
    if (isLocal[p]) {
      lIndex[p] = locals.length;
      locals.push(p);
    } else {
      gIndex[p] = globals.length;
      globals.push(p);
    }
  }
  const nG = globals.length;
  const nL = locals.length;
  const uf = unionFind(nL);
  for (const pat of patterns) {
    let first = -1;
    for (const p of pat) {
      const l = lIndex[p]!;
      if (l < 0) continue;
      if (first < 0) first = l;
      else uf.union(first, l);
    }
  }
  const rootToBlock = new Map<number, number>();
  const blockOf = new Int32Array(nL);
  const posInBlock = new Int32Array(nL);
  const members: number[][] = [];
  for (let l = 0; l < nL; l++) {
    const r = uf.find(l);
    let b = rootToBlock.get(r);
    if (b === undefined) {
      b = members.length;
      rootToBlock.set(r, b);
      members.push([]);
    }
    blockOf[l] = b;
    posInBlock[l] = members[b]!.length;
    members[b]!.push(l);
  }
  const blockSize = Int32Array.from(members, (m) => m.length);
  const llOffset = new Int32Array(members.length);
  let off = nG * nG + nL * nG;
  for (let b = 0; b < members.length; b++) {
    llOffset[b] = off;
    off += blockSize[b]! * blockSize[b]!;
  }
  const size = off;
  const index = (p: number, q: number): number => {
    const gp = gIndex[p]!;
    const gq = gIndex[q]!;
    if (gp >= 0 && gq >= 0) return gp <= gq ? gp * nG + gq : gq * nG + gp;
    if (gp >= 0) return nG * nG + lIndex[q]! * nG + gp;
    if (gq >= 0) return nG * nG + lIndex[p]! * nG + gq;
    const lp = lIndex[p]!;
    const lq = lIndex[q]!;
    const b = blockOf[lp]!;
    if (blockOf[lq] !== b) return -1;
    const s = blockSize[b]!;
    const a = posInBlock[lp]!;
    const c = posInBlock[lq]!;
    return llOffset[b]! + (a <= c ? a * s + c : c * s + a);
  };
  return {
    nG,
    nL,
    gIndex,
    lIndex,
    globals: Int32Array.from(globals),
    locals: Int32Array.from(locals),
    blockOf,
    posInBlock,
    blockSize,
    llOffset,
    blockLocals: members.map((m) => Int32Array.from(m)),
    size,
    index,
  };
}

/** Compile a validated workspace (data/workspace `parseWorkspace`). */
export function compileWorkspace(ws: Workspace, options: CompileOptions = {}): CompiledModel {
  const measurement = selectMeasurement(ws, options.measurement);
  const interpolation = {
    normsys: options.interpolation?.normsys ?? DEFAULT_INTERPOLATION.normsys,
    histosys: options.interpolation?.histosys ?? DEFAULT_INTERPOLATION.histosys,
  };
  const sets = parameterSets(ws, measurement);
  const setOffset: number[] = [];
  const parNames: string[] = [];
  const parSetList: number[] = [];
  const init: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const fixed: number[] = [];
  const setIndex = new Map<string, number>();
  sets.forEach((s, si) => {
    setIndex.set(s.name, si);
    setOffset.push(parNames.length);
    for (let k = 0; k < s.n; k++) {
      parNames.push(s.n === 1 ? s.name : `${s.name}[${k}]`);
      parSetList.push(si);
      init.push(s.inits[k]!);
      lower.push(s.bounds[k]![0]);
      upper.push(s.bounds[k]![1]);
      fixed.push(s.fixed[k] ? 1 : 0);
    }
  });
  const nPars = parNames.length;
  const poiName = options.poi === null ? '' : (options.poi ?? measurement.config.poi);
  const poiSet = setIndex.get(poiName);
  if (options.poi !== null && (poiSet === undefined || sets[poiSet]!.n !== 1)) {
    throw new SpecError(
      'no_poi',
      `POI "${poiName}" is not a single-valued parameter of the model; expected one of ${sets
        .filter((s) => s.n === 1)
        .map((s) => `"${s.name}"`)
        .join(', ')}`,
      ['poi'],
    );
  }
  const poi = poiSet === undefined ? -1 : setOffset[poiSet]!;

  // Main data layout and observations.
  const layouts = channelLayout(ws);
  const nMain = layouts.reduce((s, l) => s + l.nBins, 0);
  const observed = new Float64Array(nMain);
  for (const l of layouts) {
    const obs = ws.observations.find((o) => o.name === l.channel.name)!;
    observed.set(obs.data, l.offset);
  }

  // Local parameters: elements of per-bin sets; their main bins per element.
  const isLocal = new Uint8Array(nPars);
  const elementOfBin = new Map<string, Int32Array>(); // set name → per main bin: flat param or −1
  sets.forEach((s, si) => {
    if (!s.bins) return;
    const map = new Int32Array(nMain).fill(-1);
    s.bins.forEach((bins, k) => {
      const p = setOffset[si]! + k;
      isLocal[p] = 1;
      for (const b of bins) map[b] = p;
    });
    elementOfBin.set(s.name, map);
  });

  // Occurrences and per-bin patterns.
  const patterns: number[][] = Array.from({ length: nMain }, () => []);
  const posIn = (b: number, p: number): number => {
    const pat = patterns[b]!;
    let i = pat.indexOf(p);
    if (i < 0) {
      i = pat.length;
      pat.push(p);
    }
    return i;
  };
  const occurrences: Occurrence[] = [];
  for (const layout of layouts) {
    for (const sample of sortedSamples(layout.channel)) {
      const n = layout.nBins;
      const off = layout.offset;
      const nominal = Float64Array.from(sample.data);
      const histo: HistoSlot[] = [];
      const scalar: ScalarSlot[] = [];
      const perBin: PerBinSlot[] = [];
      const allBins = (p: number) => Int32Array.from({ length: n }, (_, i) => posIn(off + i, p));
      for (const m of sample.modifiers as Modifier[]) {
        const si = setIndex.get(m.name)!;
        const p0 = setOffset[si]!;
        switch (m.type) {
          case 'histosys': {
            const up = Float64Array.from(m.data.hi_data, (v, i) => v - nominal[i]!);
            const down = Float64Array.from(m.data.lo_data, (v, i) => nominal[i]! - v);
            const sym = Float64Array.from(up, (u, i) => 0.5 * (u + down[i]!));
            const asym = Float64Array.from(up, (u, i) => 0.0625 * (u - down[i]!));
            histo.push({ p: p0, up, down, sym, asym, pos: allBins(p0) });
            break;
          }
          case 'normfactor':
          case 'lumi':
            scalar.push({ p: p0, kind: 0, hi: 1, lo: 1, coef: new Float64Array(6), pos: allBins(p0) });
            break;
          case 'normsys': {
            const { hi, lo } = m.data;
            const kind = interpolation.normsys === 'code1' ? 1 : 2;
            const coef = kind === 2 ? normsysCode4Coefficients(hi, lo) : new Float64Array(6);
            scalar.push({ p: p0, kind, hi, lo, coef, pos: allBins(p0) });
            break;
          }
          case 'shapefactor':
          case 'staterror':
          case 'shapesys': {
            const map = elementOfBin.get(m.name)!;
            const p = Int32Array.from({ length: n }, (_, i) => map[off + i]!);
            const pos = Int32Array.from({ length: n }, (_, i) => (p[i]! >= 0 ? posIn(off + i, p[i]!) : -1));
            perBin.push({ p, pos });
            break;
          }
        }
      }
      const nSlots = histo.length + scalar.length + perBin.length;
      const slotPos = new Int32Array(n * nSlots);
      const perBinPar = new Int32Array(n * perBin.length);
      for (let i = 0; i < n; i++) {
        let k = i * nSlots;
        for (const h of histo) slotPos[k++] = h.pos[i]!;
        for (const m of scalar) slotPos[k++] = m.pos[i]!;
        perBin.forEach((pb, j) => {
          slotPos[k++] = pb.pos[i]!;
          perBinPar[i * perBin.length + j] = pb.p[i]!;
        });
      }
      occurrences.push({
        channel: layout.channel.name,
        sample: sample.name,
        offset: off,
        n,
        nominal,
        histo,
        scalar,
        perBin,
        slotPos,
        nSlots,
        perBinPar,
        pairIdx: new Int32Array(n * nSlots * nSlots),
        pairMul: new Float64Array(n * nSlots * nSlots),
      });
    }
  }

  const hessian = buildHessianLayout(nPars, isLocal, patterns);
  const patternStart = new Int32Array(nMain);
  const patternLen = new Int32Array(nMain);
  const pairStart = new Int32Array(nMain + 1);
  let pTotal = 0;
  let pairTotal = 0;
  for (let b = 0; b < nMain; b++) {
    const P = patterns[b]!.length;
    patternStart[b] = pTotal;
    patternLen[b] = P;
    pairStart[b] = pairTotal;
    pTotal += P;
    pairTotal += (P * (P + 1)) / 2;
  }
  pairStart[nMain] = pairTotal;
  const patternPar = new Int32Array(pTotal);
  const pairHessian = new Int32Array(pairTotal);
  for (let b = 0; b < nMain; b++) {
    const pat = patterns[b]!;
    patternPar.set(pat, patternStart[b]!);
    let k = pairStart[b]!;
    for (let u = 0; u < pat.length; u++) {
      for (let v = u; v < pat.length; v++) {
        const idx = hessian.index(pat[u]!, pat[v]!);
        if (idx < 0)
          fail(
            `internal: parameters ${parNames[pat[u]!]} and ${parNames[pat[v]!]} share a bin but not a block`,
          );
        pairHessian[k++] = idx;
      }
    }
  }

  // Second-derivative pair indices per occurrence (patterns are final now).
  for (const o of occurrences) {
    const S = o.nSlots;
    for (let i = 0; i < o.n; i++) {
      const b = o.offset + i;
      const P = patterns[b]!.length;
      for (let s1 = 0; s1 < S; s1++) {
        for (let s2 = 0; s2 < S; s2++) {
          const k = i * S * S + s1 * S + s2;
          const a = o.slotPos[i * S + s1]!;
          const c2 = o.slotPos[i * S + s2]!;
          if (a < 0 || c2 < 0) {
            o.pairIdx[k] = -1;
            continue;
          }
          const lo = Math.min(a, c2);
          const hi = Math.max(a, c2);
          o.pairIdx[k] = pairStart[b]! + lo * P - (lo * (lo - 1)) / 2 + (hi - lo);
          o.pairMul[k] = s1 !== s2 && a === c2 ? 2 : 1;
        }
      }
    }
  }

  // Constraints and auxiliary data (pyhf order: constrained sets in parameter order).
  const gaussPar: number[] = [];
  const gaussSigma: number[] = [];
  const gaussAux: number[] = [];
  const poisPar: number[] = [];
  const poisFactor: number[] = [];
  const poisAux: number[] = [];
  const auxPar: number[] = [];
  const auxNominal: number[] = [];
  sets.forEach((s, si) => {
    if (s.constraint === null) return;
    for (let k = 0; k < s.n; k++) {
      const p = setOffset[si]! + k;
      const a = auxPar.length;
      auxPar.push(p);
      auxNominal.push(s.auxdata[k]!);
      if (s.constraint === 'normal') {
        gaussPar.push(p);
        gaussSigma.push(s.sigmas[k]!);
        gaussAux.push(a);
      } else {
        poisPar.push(p);
        poisFactor.push(s.factors[k]!);
        poisAux.push(a);
      }
    }
  });

  return {
    workspace: ws,
    measurement: measurement.name,
    interpolation,
    sets,
    setOffset,
    parNames,
    parSet: Int32Array.from(parSetList),
    nPars,
    init: Float64Array.from(init),
    lower: Float64Array.from(lower),
    upper: Float64Array.from(upper),
    fixed: Uint8Array.from(fixed),
    poi,
    poiName,
    channels: layouts.map((l) => ({ name: l.channel.name, offset: l.offset, nBins: l.nBins })),
    nMain,
    occurrences,
    gaussPar: Int32Array.from(gaussPar),
    gaussSigma: Float64Array.from(gaussSigma),
    gaussAux: Int32Array.from(gaussAux),
    poisPar: Int32Array.from(poisPar),
    poisFactor: Float64Array.from(poisFactor),
    poisAux: Int32Array.from(poisAux),
    nAux: auxPar.length,
    auxPar: Int32Array.from(auxPar),
    auxNominal: Float64Array.from(auxNominal),
    observed,
    patternStart,
    patternLen,
    patternPar,
    pairStart,
    pairHessian,
    hessian,
  };
}
