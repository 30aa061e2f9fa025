import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { chiBarSquarePValue, NO_INFORMATION_T } from './asymptotics.js';

/**
 * Asymptotic null distribution of the global statistic Λ = Σ_i q_i of k independent one-sided
 * boundary tests whose parameters are bounded on BOTH sides (poi_i ∈ [0, 1]).
 *
 * Each q_i follows the bounded distribution of asymptotics.ts `pValueTildeTBranches` at a boundary:
 * a point mass ½ at 0 and, with r = |u| of a standard normal u,
 *
 *   q = r²               for r ≤ √c_i   (p̂oi_i inside [0, 1]),
 *   q = 2r√c_i − c_i     for r > √c_i   (p̂oi_i clipped at the far boundary),
 *
 * c_i the far branch point of bin i (1/σ_i² in the Wald approximation). With every c_i = ∞ the sum is
 * the χ̄² mixture Σ_j C(k, j) 2^{−k} χ²_j (`chiBarSquarePValue`, Chernoff 1954; Self & Liang 1987);
 * a finite c_i makes the tail of q_i linear instead of quadratic, so that bins which can barely move
 * poi_i (small c_i) add little to Λ — the χ̄² with k degrees of freedom counts them as full ones and
 * overstates p. Only min(q_i, λ) matters for P(Λ ≥ λ), so bins with c_i ≥ λ are exactly χ̄² bins.
 *
 * NUMERICAL METHOD (why hand-written: no library convolves these mixtures). The distribution of the
 * partial sums is carried on the lattice t_j = j·h, h = λ/N, j = 0 … N, plus an absorbing state
 * "already ≥ λ" (every q_i ≥ 0, so a partial sum that has reached λ stays there). Each q_i is put on
 * the lattice by mass dispersal with its first moment preserved (H.U. Gerber, "On the numerical
 * evaluation of the distribution of aggregate claims and its stop-loss premiums", Insurance Math.
 * Econ. 1 (1982) 13): the exact mass of every cell [t_j, t_{j+1}) — closed forms in Φ and φ — is split
 * between its two end nodes so that the cell's mean is kept; the mass beyond λ goes straight to the
 * absorbing state. The lattice distributions are convolved bin by bin (O(k·N²/2)) and
 * p_N = P(absorbed) + ½·P(node N). Every quantity is a sum of non-negative terms (tails are summed
 * from the top, never formed as 1 − CDF), so small p-values keep their relative accuracy. The error of
 * p_N is O(h²) (measured: it falls 4× per doubling of N), so the result is the Richardson extrapolation
 * (4·p_N − p_{N/2})/3 with N = 500. Against the closed forms (χ̄², and one bin exactly) this is
 * accurate to < 1e-5 relative for p ≳ 1e-10, k ≤ 12 (measured ≤ 3.8e-6), and to ~1e-3 relative at
 * p ~ 1e-50, i.e. ΔZ ≈ 1e-4 (test/likelihood/boundedChiBar.test.ts) — far below any statistical use.
 * Cost: at most k·(N² + N²/4)/2 multiply-adds, ~4 ms for k = 12; far less when the weights of most
 * bins end a few cells above 0 (latticePValue).
 */

/** Lattice nodes on [0, λ] of the finer of the two lattices (the coarser has half as many). */
export const BOUNDED_CHI_BAR_NODES = 500;

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const phi = (r: number): number => INV_SQRT_2PI * Math.exp(-0.5 * r * r);
/** Φ(−r): upper tail of the standard normal. */
const upper = (r: number): number => normalCdf(-r, 0, 1);

/** r(t): the |u| that gives q = t (inverse of the branch map above). */
function rOf(t: number, c: number): number {
  return t <= c ? Math.sqrt(t) : (t + c) / (2 * Math.sqrt(c));
}

/**
 * Φ(−r) and φ(r) at the lattice edges t_j = j·h (j = 0 … m), and at the branch point √c: each edge is
 * evaluated once and shared by the two cells it bounds, and by the fine and the coarse lattice.
 */
interface EdgeTable {
  readonly h: number;
  readonly c: number;
  readonly r: Float64Array;
  readonly tail: Float64Array;
  readonly dens: Float64Array;
  readonly rc: number;
  readonly tailC: number;
  readonly densC: number;
}

function edgeTable(c: number, h: number, m: number): EdgeTable {
  const r = new Float64Array(m + 1);
  const tail = new Float64Array(m + 1);
  const dens = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) {
    const x = rOf(j * h, c);
    r[j] = x;
    tail[j] = upper(x);
    dens[j] = phi(x);
  }
  const rc = Math.sqrt(c);
  return { h, c, r, tail, dens, rc, tailC: Number.isFinite(rc) ? upper(rc) : 0, densC: phi(rc) };
}

/**
 * Mass and first moment of q between two points of r on ONE branch (no crossing of √c), from the
 * tails Φ(−r) and densities φ(r) there: mass = Φ(−ra) − Φ(−rb);
 * quadratic ∫ r²φ dr = mass + ra·φ(ra) − rb·φ(rb); linear ∫ (2r√c − c)φ dr = 2√c·(φ(ra) − φ(rb)) − c·mass.
 */
function branchMoments(
  ra: number,
  ta: number,
  da: number,
  rb: number,
  tb: number,
  db: number,
  c: number,
  quadratic: boolean,
): [number, number] {
  const mass = ta - tb;
  if (!(mass > 0)) return [0, 0];
  const m1 = quadratic ? mass + ra * da - rb * db : 2 * Math.sqrt(c) * (da - db) - c * mass;
  return [mass, m1];
}

/** Mass and first moment of the continuous part of q on the cell between edges ia < ib. */
function cellMoments(e: EdgeTable, ia: number, ib: number): [number, number] {
  const a = ia * e.h;
  const b = ib * e.h;
  const { r, tail, dens, c } = e;
  const [ra, ta, da, rb, tb, db] = [r[ia]!, tail[ia]!, dens[ia]!, r[ib]!, tail[ib]!, dens[ib]!];
  if (b <= c) return branchMoments(ra, ta, da, rb, tb, db, c, true);
  if (a >= c) return branchMoments(ra, ta, da, rb, tb, db, c, false);
  const [m1, x1] = branchMoments(ra, ta, da, e.rc, e.tailC, e.densC, c, true);
  const [m2, x2] = branchMoments(e.rc, e.tailC, e.densC, rb, tb, db, c, false);
  return [m1 + m2, x1 + x2];
}

/**
 * Lattice weights of one q on nodes 0 … n of spacing stride·h (point mass ½ at node 0 included);
 * `beyond` is the mass that lands past node n. Each cell's mass goes to its two end nodes in
 * proportion to where its mean lies — also the cell [t_n, t_n + h), which straddles the last node,
 * so that node n is treated alike from both sides (this keeps p = P(beyond) + ½·P(node n) second
 * order in h).
 */
function latticeOf(
  e: EdgeTable,
  stride: number,
  n: number,
  w: Float64Array = new Float64Array(n + 1),
): { w: Float64Array; beyond: number } {
  w.fill(0);
  w[0] = 0.5;
  const width = stride * e.h;
  let beyond = e.tail[(n + 1) * stride]!;
  for (let j = 0; j <= n; j++) {
    const [mass, m1] = cellMoments(e, j * stride, (j + 1) * stride);
    if (!(mass > 0)) continue;
    let f = (m1 / mass - j * width) / width; // position of the cell mean within the cell, in [0, 1]
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    w[j] = (w[j] as number) + mass * (1 - f);
    if (j < n) w[j + 1] = (w[j + 1] as number) + mass * f;
    else beyond += mass * f;
  }
  return { w, beyond };
}

/**
 * P(Λ ≥ λ) for Λ = Σ_i q_i with far branch points c_i (one per bin; +∞ for a bin with no far
 * boundary). λ = 0 gives 1 − 2^{−k} (the point mass is not counted, as everywhere in asymptotics.ts).
 * Branch points ≤ NO_INFORMATION_T count as +∞ (as in `pValueTildeTBranches`). NaN for λ < 0, NaN, or
 * no bins.
 */
export function boundedChiBarPValue(
  lambda: number,
  branchPoints: readonly number[],
  nodes: number = BOUNDED_CHI_BAR_NODES,
): number {
  const k = branchPoints.length;
  if (!(lambda >= 0) || k === 0 || branchPoints.some((c) => Number.isNaN(c))) return NaN;
  const cs = branchPoints.map((c) => (c > NO_INFORMATION_T ? c : Infinity));
  // Bins whose linear branch starts beyond λ are χ̄² bins (only min(q_i, λ) matters).
  if (lambda === 0 || cs.every((c) => c >= lambda)) return chiBarSquarePValue(lambda, k);
  const half = Math.max(1, Math.round(nodes / 2));
  const n = 2 * half;
  const h = lambda / n;
  // Both lattices advance bin by bin from one edge table (never all k tables at once).
  const fineLattice = new Lattice(n, 1);
  const coarseLattice = new Lattice(half, 2);
  for (const c of cs) {
    const e = edgeTable(c, h, n + 2);
    fineLattice.add(e);
    coarseLattice.add(e);
  }
  const fine = fineLattice.pValue();
  const coarse = coarseLattice.pValue();
  const p = (4 * fine - coarse) / 3;
  // The extrapolation is a correction of relative size O(h²); never let it change the sign.
  const q = p > 0 ? p : fine;
  return q > 1 ? 1 : q;
}

/** p_n on the lattice of n nodes with spacing stride·h (module comment). */
/**
 * The lattice of n nodes with spacing stride·h (module comment), advanced one bin at a time: two
 * distribution buffers swapped bin by bin and one weight buffer, so a bin allocates nothing (5000
 * bins allocated ~80 MB per p-value before, a tenth of the run in the garbage collector).
 */
class Lattice {
  private dist: Float64Array;
  private next: Float64Array;
  private readonly weights: Float64Array;
  private readonly tail: Float64Array;
  private absorbed = 0;

  constructor(
    private readonly n: number,
    private readonly stride: number,
  ) {
    this.dist = new Float64Array(n + 1);
    this.next = new Float64Array(n + 1);
    this.weights = new Float64Array(n + 1);
    this.tail = new Float64Array(n + 2);
    this.dist[0] = 1;
  }

  add(e: EdgeTable): void {
    const { n, tail } = this;
    const { w, beyond } = latticeOf(e, this.stride, n, this.weights);
    // tail[j] = Σ_{i ≥ j} w[i] + beyond: summed from the top (no 1 − CDF).
    tail[n + 1] = beyond;
    for (let j = n; j >= 0; j--) tail[j] = (tail[j + 1] as number) + (w[j] as number);
    // The weights of a bin that constrains its POI well (small c relative to λ) vanish (underflow to
    // 0) a few cells above 0: convolving only up to the last non-zero one adds exactly the same terms
    // and makes k = 5000 bins O(k·N·j_max) instead of O(k·N²) (bench/engine.bench.ts).
    let jMax = n;
    while (jMax > 0 && w[jMax] === 0) jMax--;
    const { dist, next } = this;
    next.fill(0);
    for (let s = 0; s <= n; s++) {
      const ps = dist[s] as number;
      if (ps === 0) continue;
      const top = Math.min(n - s, jMax);
      for (let j = 0; j <= top; j++) next[s + j] = (next[s + j] as number) + ps * (w[j] as number);
      this.absorbed += ps * (tail[n - s + 1] as number);
    }
    this.dist = next;
    this.next = dist;
  }

  /** p_n = P(absorbed) + ½·P(node n). */
  pValue(): number {
    return this.absorbed + 0.5 * (this.dist[this.n] as number);
  }
}
