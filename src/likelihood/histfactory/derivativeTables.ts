/**
 * Index tables of a compiled model for the hot loop of model.ts `nllDerivatives`, built once per
 * compiled model and shared by every HistFactoryModel on it (toys, Asimov data).
 *
 * - Per occurrence (`OccurrencePairs`): the flat Hessian index of each second-derivative pair of its
 *   histosys and scalar slots, which have the same parameter in every bin, so the w-weighted sum over
 *   the occurrence's bins is written once; and per (bin, slot pair) the index of pairs with a per-bin
 *   parameter.
 * - Per bin (`RankOneLayout`), for the Gauss–Newton part c_b·∂λ_b ∂λ_bᵀ: when the bin's global
 *   parameters are consecutive in the Hessian's global numbering (the usual case: every bin of a
 *   channel sees the same normalisations and shape systematics), their pairs form one dense triangle
 *   of the global block, written row by row without an index per pair; the pairs with a per-bin
 *   parameter keep an explicit index.
 * - The per-bin parameters profiled by the minimiser's warm start (perBinProfile.ts).
 */
import type { CompiledModel, Occurrence } from './compile.js';
import { buildPerBinIndex, type PerBinIndex } from './perBinProfile.js';

/**
 * An occurrence's second-derivative pairs: histosys h × h, h × scalar m (at h·K + m), m × m, m × m′
 * (at m·K + m′), each with its product-rule multiplier (2 when two slots share one parameter); and per
 * (bin, slot pair) the index of the pairs with a per-bin parameter (o.pairIdx mapped through
 * c.pairHessian; −1 where absent).
 */
export interface OccurrencePairs {
  readonly hh: Int32Array;
  readonly hm: Int32Array;
  readonly hmMul: Float64Array;
  readonly mm: Int32Array;
  readonly mm2: Int32Array;
  readonly mm2Mul: Float64Array;
  readonly pairHess: Int32Array;
}

/**
 * Per main bin b: g0[b] ≥ 0 when the bin's global parameters have the consecutive global indices
 * g0 … g0 + nG_b − 1 (−1: use the generic pair list c.pairHessian), their pattern positions in global
 * order at gPos[gStart[b] …], and the remaining pairs (at least one per-bin parameter) as pattern
 * positions (xU, xV) with their flat Hessian index xIdx, at [xStart[b], xStart[b + 1]).
 */
export interface RankOneLayout {
  readonly g0: Int32Array;
  readonly nGlobal: Int32Array;
  readonly gStart: Int32Array;
  readonly gPos: Int32Array;
  readonly xStart: Int32Array;
  readonly xU: Int32Array;
  readonly xV: Int32Array;
  readonly xIdx: Int32Array;
  /** Dense bins: their other (per-bin) pattern positions at locPos[locStart[b] …]. */
  readonly locStart: Int32Array;
  readonly locPos: Int32Array;
  /**
   * Dense bins with exactly one per-bin parameter (then no x-pairs): its pattern position (−1: not
   * this case), the flat index of its entry against global g0 (the next nG_b − 1 follow it), and of
   * its diagonal entry.
   */
  readonly localPos: Int32Array;
  readonly localRow: Int32Array;
  readonly localDiag: Int32Array;
  /** Largest nG_b (scratch size). */
  readonly maxGlobal: number;
  /**
   * The bins with g0 ≥ 0 grouped by (g0, nG_b): group k has first global groupG0[k], size groupN[k],
   * bins groupBins[groupStart[k] …]. A group's triangle Σ_b c_b J_b J_bᵀ is summed as dot products
   * over its bins (model.ts).
   */
  readonly groupG0: Int32Array;
  readonly groupN: Int32Array;
  readonly groupStart: Int32Array;
  readonly groupBins: Int32Array;
  /** Largest group (scratch size, bins). */
  readonly maxGroup: number;
}

export interface DerivativeTables {
  /** The occurrences the hot loops walk: c.occurrences with interchangeable samples merged. */
  readonly hot: readonly Occurrence[];
  /** Pair tables of `hot`, index for index. */
  readonly pairs: readonly OccurrencePairs[];
  readonly rankOne: RankOneLayout;
  /** The per-bin parameters the minimiser's warm start profiles, over `hot` (perBinProfile.ts). */
  readonly perBin: PerBinIndex;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether two occurrences of one channel can be summed into one: the same histosys parameters, the
 * same scalar factors (parameter, kind, hi, lo) and the same per-bin parameters, slot by slot. Then
 * λ, ∂λ and ∂²λ of the pair equal those of one occurrence whose nominal and histosys deltas are the
 * sums: every interpolation code is linear in (Δ⁺, Δ⁻) bin by bin, and the factors multiply both alike.
 */
function interchangeable(a: Occurrence, b: Occurrence): boolean {
  if (a.offset !== b.offset || a.n !== b.n) return false;
  if (a.histo.length !== b.histo.length || a.scalar.length !== b.scalar.length) return false;
  if (a.perBin.length !== b.perBin.length) return false;
  for (let h = 0; h < a.histo.length; h++) if (a.histo[h]!.p !== b.histo[h]!.p) return false;
  for (let m = 0; m < a.scalar.length; m++) {
    const x = a.scalar[m]!;
    const y = b.scalar[m]!;
    if (x.p !== y.p || x.kind !== y.kind || x.hi !== y.hi || x.lo !== y.lo) return false;
  }
  for (let k = 0; k < a.perBin.length; k++) if (!sameArray(a.perBin[k]!.p, b.perBin[k]!.p)) return false;
  return sameArray(a.slotPos, b.slotPos);
}

const sumOf = (arrays: readonly Float64Array[]): Float64Array => {
  const out = new Float64Array(arrays[0]!.length);
  for (const a of arrays) for (let i = 0; i < out.length; i++) out[i]! += a[i]!;
  return out;
};

/**
 * c.occurrences with each group of interchangeable ones (see `interchangeable`) summed into one, in
 * the order of each group's first member: e.g. CsI 2021's six decoherent-floor bands, which share the
 * flux and the response systematics, become one sample in the fit (the figures still see them apart:
 * model.ts `expectedBinsOf` walks c.occurrences).
 */
function mergeInterchangeable(c: CompiledModel): Occurrence[] {
  const groups: Occurrence[][] = [];
  for (const o of c.occurrences) {
    const g = groups.find((gr) => interchangeable(gr[0]!, o));
    if (g) g.push(o);
    else groups.push([o]);
  }
  return groups.map((g) => {
    if (g.length === 1) return g[0]!;
    const first = g[0]!;
    return {
      ...first,
      sample: g.map((o) => o.sample).join('+'),
      nominal: sumOf(g.map((o) => o.nominal)),
      histo: first.histo.map((h, k) => ({
        ...h,
        up: sumOf(g.map((o) => o.histo[k]!.up)),
        down: sumOf(g.map((o) => o.histo[k]!.down)),
        sym: sumOf(g.map((o) => o.histo[k]!.sym)),
        asym: sumOf(g.map((o) => o.histo[k]!.asym)),
      })),
    };
  });
}

function occurrencePairs(c: CompiledModel, o: Occurrence): OccurrencePairs {
  const H = o.histo.length;
  const K = o.scalar.length;
  const at = (p: number, q: number): number => {
    const i = c.hessian.index(p, q);
    if (i < 0) throw new Error(`internal: no Hessian entry for ${c.parNames[p]} × ${c.parNames[q]}`);
    return i;
  };
  const hp = o.histo.map((h) => h.p);
  const mp = o.scalar.map((m) => m.p);
  const hm = new Int32Array(H * K);
  const hmMul = new Float64Array(H * K);
  const mm2 = new Int32Array(K * K);
  const mm2Mul = new Float64Array(K * K);
  for (let h = 0; h < H; h++) {
    for (let m = 0; m < K; m++) {
      hm[h * K + m] = at(hp[h]!, mp[m]!);
      hmMul[h * K + m] = hp[h] === mp[m] ? 2 : 1;
    }
  }
  for (let m = 0; m < K; m++) {
    for (let m2 = m + 1; m2 < K; m2++) {
      mm2[m * K + m2] = at(mp[m]!, mp[m2]!);
      mm2Mul[m * K + m2] = mp[m] === mp[m2] ? 2 : 1;
    }
  }
  return {
    hh: Int32Array.from(hp, (p) => at(p, p)),
    hm,
    hmMul,
    mm: Int32Array.from(mp, (p) => at(p, p)),
    mm2,
    mm2Mul,
    pairHess: Int32Array.from(o.pairIdx, (k) => (k >= 0 ? c.pairHessian[k]! : -1)),
  };
}

function rankOneLayout(c: CompiledModel): RankOneLayout {
  const { gIndex, nG } = c.hessian;
  const g0 = new Int32Array(c.nMain).fill(-1);
  const nGlobal = new Int32Array(c.nMain);
  const gStart = new Int32Array(c.nMain + 1);
  const xStart = new Int32Array(c.nMain + 1);
  const gPos: number[] = [];
  const xU: number[] = [];
  const xV: number[] = [];
  const xIdx: number[] = [];
  const locStart = new Int32Array(c.nMain + 1);
  const locPos: number[] = [];
  const localPos = new Int32Array(c.nMain).fill(-1);
  const localRow = new Int32Array(c.nMain);
  const localDiag = new Int32Array(c.nMain);
  let maxGlobal = 0;
  for (let b = 0; b < c.nMain; b++) {
    const js = c.patternStart[b]!;
    const P = c.patternLen[b]!;
    const globals: number[] = [];
    for (let u = 0; u < P; u++) if (gIndex[c.patternPar[js + u]!]! >= 0) globals.push(u);
    globals.sort((u, v) => gIndex[c.patternPar[js + u]!]! - gIndex[c.patternPar[js + v]!]!);
    const first = globals.length > 0 ? gIndex[c.patternPar[js + globals[0]!]!]! : 0;
    const consecutive = globals.every((u, a) => gIndex[c.patternPar[js + u]!] === first + a);
    gStart[b] = gPos.length;
    xStart[b] = xU.length;
    locStart[b] = locPos.length;
    if (!consecutive || globals.length < 2 || first + globals.length > nG) continue;
    g0[b] = first;
    nGlobal[b] = globals.length;
    maxGlobal = Math.max(maxGlobal, globals.length);
    gPos.push(...globals);
    const isGlobal = new Set(globals);
    const locals: number[] = [];
    for (let u = 0; u < P; u++) if (!isGlobal.has(u)) locals.push(u);
    locStart[b] = locPos.length;
    locPos.push(...locals);
    if (locals.length === 1) {
      // One per-bin parameter l: its row against the globals is contiguous in the Hessian.
      const p = c.patternPar[js + locals[0]!]!;
      localPos[b] = locals[0]!;
      localRow[b] = c.hessian.index(p, c.patternPar[js + globals[0]!]!);
      localDiag[b] = c.hessian.index(p, p);
      continue;
    }
    let k = c.pairStart[b]!;
    for (let u = 0; u < P; u++) {
      for (let v = u; v < P; v++, k++) {
        if (isGlobal.has(u) && isGlobal.has(v)) continue;
        xU.push(u);
        xV.push(v);
        xIdx.push(c.pairHessian[k]!);
      }
    }
  }
  gStart[c.nMain] = gPos.length;
  xStart[c.nMain] = xU.length;
  locStart[c.nMain] = locPos.length;
  const groups = new Map<string, number[]>();
  for (let b = 0; b < c.nMain; b++) {
    if (g0[b]! < 0) continue;
    const key = `${g0[b]}:${nGlobal[b]}`;
    const list = groups.get(key) ?? [];
    list.push(b);
    groups.set(key, list);
  }
  const lists = [...groups.values()];
  const groupStart = new Int32Array(lists.length + 1);
  lists.forEach((l, k) => (groupStart[k + 1] = groupStart[k]! + l.length));
  return {
    groupG0: Int32Array.from(lists, (l) => g0[l[0]!]!),
    groupN: Int32Array.from(lists, (l) => nGlobal[l[0]!]!),
    groupStart,
    groupBins: Int32Array.from(lists.flat()),
    maxGroup: Math.max(1, ...lists.map((l) => l.length)),
    g0,
    nGlobal,
    gStart,
    gPos: Int32Array.from(gPos),
    xStart,
    xU: Int32Array.from(xU),
    xV: Int32Array.from(xV),
    xIdx: Int32Array.from(xIdx),
    locStart,
    locPos: Int32Array.from(locPos),
    localPos,
    localRow,
    localDiag,
    maxGlobal,
  };
}

const cache = new WeakMap<CompiledModel, DerivativeTables>();

export function derivativeTablesOf(c: CompiledModel): DerivativeTables {
  let t = cache.get(c);
  if (t === undefined) {
    const hot = mergeInterchangeable(c);
    t = {
      hot,
      pairs: hot.map((o) => occurrencePairs(c, o)),
      rankOne: rankOneLayout(c),
      perBin: buildPerBinIndex(c, hot),
    };
    cache.set(c, t);
  }
  return t;
}
