/**
 * Detector response pieces used to turn a recoil spectrum dN/dT into expected counts in bins of an
 * observable: quenching, photoelectron statistics, Gaussian energy resolution, acceptance curves, and
 * a fixed Gauss–Legendre grid in T on which vector-valued folds are done in one pass.
 *
 * Folding: counts_j = ∫ dT dN/dT(T) · P_j(T), with P_j(T) the probability that a recoil T is
 * reconstructed in fine bin j, evaluated at the grid nodes: counts_j ≈ Σ_i w_i dN/dT(T_i) P_j(T_i).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { GAUSS_LEGENDRE_8 } from '../physics/index.js';

/** Quadrature nodes T_i [keV_nr] and weights w_i [keV_nr] on [0, tMaxKeV]. */
export interface RecoilGrid {
  readonly tKeV: Float64Array;
  readonly weightKeV: Float64Array;
}

/**
 * Composite 8-point Gauss–Legendre grid on [0, tMaxKeV]: panels no wider than `panelKeV`, split at
 * `breakpointsKeV` (kinks of dN/dT, e.g. the end point T_max of the 29.8 MeV ν_μ line on each nucleus).
 * The integrands are smooth inside panels, so 8 nodes per panel give ~1e-10 relative accuracy here.
 */
export function recoilGrid(tMaxKeV: number, breakpointsKeV: readonly number[], panelKeV: number): RecoilGrid {
  const edges = [0, ...breakpointsKeV.filter((b) => b > 0 && b < tMaxKeV), tMaxKeV].sort((a, b) => a - b);
  const t: number[] = [];
  const w: number[] = [];
  for (let s = 0; s + 1 < edges.length; s++) {
    const lo = edges[s]!;
    const hi = edges[s + 1]!;
    const n = Math.max(1, Math.ceil((hi - lo) / panelKeV));
    const h = (hi - lo) / n;
    for (let p = 0; p < n; p++) {
      const mid = lo + (p + 0.5) * h;
      for (let k = 0; k < 8; k++) {
        t.push(mid + 0.5 * h * GAUSS_LEGENDRE_8.x[k]!);
        w.push(0.5 * h * GAUSS_LEGENDRE_8.w[k]!);
      }
    }
  }
  return { tKeV: Float64Array.from(t), weightKeV: Float64Array.from(w) };
}

/**
 * Σ_i w_i · f_i · P(T_i) · g(T_i): fold a tabulated density f (values at the grid nodes) with a
 * response P(T) → Float64Array over fine bins, optionally weighted by g (e.g. q²(T) for mean q²).
 */
export function foldOnGrid(
  grid: RecoilGrid,
  density: Float64Array,
  response: (tKeV: number, node: number) => Float64Array,
  nBins: number,
  weight?: (tKeV: number) => number,
): Float64Array {
  const out = new Float64Array(nBins);
  for (let i = 0; i < grid.tKeV.length; i++) {
    const t = grid.tKeV[i]!;
    const c = grid.weightKeV[i]! * density[i]! * (weight ? weight(t) : 1);
    if (c === 0) continue;
    const p = response(t, i);
    for (let j = 0; j < nBins; j++) out[j]! += c * p[j]!;
  }
  return out;
}

/** Quenching factor QF(T) = E_ee/T_nr as a function of the recoil energy [keV_nr]. */
export type QuenchingModel =
  | { readonly kind: 'flat'; readonly qf: number }
  | { readonly kind: 'linear'; readonly a: number; readonly bPerKeV: number };

export function quenchingFactor(model: QuenchingModel, tKeV: number): number {
  return model.kind === 'flat' ? model.qf : model.a + model.bPerKeV * tKeV;
}

/** Electron-equivalent energy E_ee = QF(T)·T [keV_ee]. */
export function electronEquivalentKeV(model: QuenchingModel, tKeV: number): number {
  return quenchingFactor(model, tKeV) * tKeV;
}

/**
 * The recoil energy T [keV_nr] whose mean response is `eeKeV` (inverse of T ↦ QF(T)·T, which is
 * increasing for the models here): closed form for flat and linear QF (positive root of bT² + aT − E = 0).
 */
export function recoilForElectronEquivalent(model: QuenchingModel, eeKeV: number): number {
  if (model.kind === 'flat') return eeKeV / model.qf;
  const { a, bPerKeV: b } = model;
  if (b === 0) return eeKeV / a;
  return (2 * eeKeV) / (a + Math.sqrt(a * a + 4 * b * eeKeV));
}

/**
 * Where the reconstructed charge of n photoelectrons is binned among the 1-PE bins [k, k+1):
 * - `'nPeBin'`: in [n−1, n), the "n-PE bin" of coherent_parameters.yaml ("evaluated at 0.5 for the 1-PE
 *   bin, at 1.5 for the 2-PE bin"), so an n-PE event gets the acceptance f(n − ½);
 * - `'centred'`: shared half/half between [n−1, n) and [n, n+1) (charge centred on n, on the edge),
 *   which keeps the mean reconstructed PE equal to μ.
 */
export type PeAssignment = 'nPeBin' | 'centred';

/** Mean photoelectron number at the edge between two analysis bins at `pe` (for T edges): pe + ½ or pe. */
export function meanPeAtEdge(pe: number, assignment: PeAssignment): number {
  return assignment === 'nPeBin' ? pe + 0.5 : pe;
}

/**
 * Probabilities that a recoil with mean photoelectron number μ is reconstructed in the 1-PE bins
 * [k, k+1), k = 0..nBins−1, with Poisson photostatistics n ~ Pois(μ) (single-photoelectron charge
 * resolution neglected) and the given assignment of n to bins:
 *   nPeBin:  P_k = Pois(k+1 | μ);     centred: P_k = ½·Pois(k | μ) + ½·Pois(k+1 | μ).
 */
export function poissonPeBinProbabilities(
  meanPe: number,
  nBins: number,
  assignment: PeAssignment = 'nPeBin',
): Float64Array {
  const out = new Float64Array(nBins);
  const wLow = assignment === 'nPeBin' ? 1 : 0.5; // weight of bin [n−1, n)
  if (!(meanPe > 0)) {
    if (nBins > 0) out[0] = 1 - wLow; // n = 0: never in [−1, 0) ∪ …; only 'centred' puts half in [0, 1)
    return out;
  }
  // Pois(n | μ) by the recurrence P(n) = P(n−1)·μ/n from P(0) = e^{−μ}; μ ≲ 100 here, so no underflow.
  let pn = Math.exp(-meanPe);
  for (let n = 0; n <= nBins; n++) {
    if (n > 0) pn *= meanPe / n;
    if (n < nBins) out[n]! += (1 - wLow) * pn;
    if (n >= 1) out[n - 1]! += wLow * pn;
  }
  return out;
}

/**
 * Probabilities that a deposit of mean E is reconstructed in each bin [edges_j, edges_{j+1}) with a
 * Gaussian resolution σ (same unit as E and the edges): P_j = Φ((e_{j+1} − E)/σ) − Φ((e_j − E)/σ).
 * σ = 0 puts everything in the bin containing E. Writes into `out` when given (no allocation).
 */
export function gaussianBinProbabilities(
  e: number,
  sigma: number,
  edges: readonly number[],
  out: Float64Array = new Float64Array(edges.length - 1),
): Float64Array {
  // σ = 0: P(E_rec < x) = [x > e], so P_j = 1 exactly for the bin with e_j ≤ E < e_{j+1}.
  const cdf = (x: number): number => (sigma > 0 ? normalCdf(x, e, sigma) : x > e ? 1 : 0);
  let prev = cdf(edges[0]!);
  for (let j = 0; j + 1 < edges.length; j++) {
    const c = cdf(edges[j + 1]!);
    out[j] = c - prev;
    prev = c;
  }
  return out;
}

/** COHERENT CsI[Na] 2017 acceptance parameters (coherent_parameters.yaml). */
export interface CsiAcceptanceParameters {
  readonly a: number;
  readonly k: number;
  readonly x0: number;
}

/**
 * COHERENT CsI[Na] 2017 acceptance at x photoelectrons (coherent_parameters.yaml, evaluated at 1-PE
 * bin centres): f(x) = a/(1 + exp(−k(x − x0)))·H(x − 5), H = 0 for x < 5, ½ for 5 ≤ x < 6, 1 for x ≥ 6.
 */
export function csiAcceptance(x: number, p: CsiAcceptanceParameters): number {
  const h = x < 5 ? 0 : x < 6 ? 0.5 : 1;
  return h === 0 ? 0 : (h * p.a) / (1 + Math.exp(-p.k * (x - p.x0)));
}
