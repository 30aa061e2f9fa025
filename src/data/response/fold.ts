/**
 * Folding a recoil spectrum through a detector response:
 *
 *   μ_b = ∫_{T_lo}^{T_hi} dN/dT(T) · R_b(T) dT
 *
 * with dN/dT in events per keV_nr (over the whole exposure) and R_b(T) the probability of bin b
 * (RecoilResponse.row). The integral is done by composite Gauss–Legendre on panels whose edges are
 * `breakpoints` ∪ {T_lo, T_hi} further split into `panelsPerInterval` equal parts (8-point rule,
 * physics/quadrature GAUSS_LEGENDRE_8), so that kinks of the
 * response (thresholds, efficiency knots, band edges) fall on panel edges and the rule stays exact to
 * its order on each smooth piece. `foldSpectrumChecked` halves the panels until two successive results
 * agree to `relTol` (an error estimate the caller can report).
 */
import { GAUSS_LEGENDRE_8 } from '../../physics/index.js';
import type { RecoilResponse } from './types.js';

export interface FoldOptions {
  /** Points where the response or spectrum has a kink (keV_nr); only those inside (T_lo, T_hi) are used. */
  readonly breakpoints?: readonly number[];
  /** Equal panels per interval between consecutive breakpoints (default 8). */
  readonly panelsPerInterval?: number;
}

/** μ_b for every observable bin (length response.nBins). */
export function foldSpectrum(
  response: RecoilResponse,
  dNdT: (tKeV: number) => number,
  tLoKeV: number,
  tHiKeV: number,
  options: FoldOptions = {},
): Float64Array {
  const out = new Float64Array(response.nBins);
  if (!(tHiKeV > tLoKeV)) return out;
  const rule = GAUSS_LEGENDRE_8;
  const panels = options.panelsPerInterval ?? 8;
  const edges = [tLoKeV, ...(options.breakpoints ?? []).filter((t) => t > tLoKeV && t < tHiKeV), tHiKeV].sort(
    (a, b) => a - b,
  );
  const row = new Float64Array(response.nBins);
  for (let e = 1; e < edges.length; e++) {
    const a0 = edges[e - 1]!;
    const h = (edges[e]! - a0) / panels;
    if (!(h > 0)) continue;
    for (let p = 0; p < panels; p++) {
      const a = a0 + p * h;
      const half = 0.5 * h;
      const mid = a + half;
      for (let k = 0; k < rule.x.length; k++) {
        const t = mid + half * rule.x[k]!;
        const w = half * rule.w[k]! * dNdT(t);
        if (w === 0) continue;
        response.row(t, row);
        for (let b = 0; b < row.length; b++) out[b]! += w * row[b]!;
      }
    }
  }
  return out;
}

/**
 * foldSpectrum with an error estimate: the number of panels is doubled until the total and every bin
 * above `relTol`·total agree between successive refinements to relTol (at most `maxDoublings` times).
 */
export function foldSpectrumChecked(
  response: RecoilResponse,
  dNdT: (tKeV: number) => number,
  tLoKeV: number,
  tHiKeV: number,
  options: FoldOptions & { readonly relTol?: number; readonly maxDoublings?: number } = {},
): { readonly mu: Float64Array; readonly relError: number; readonly converged: boolean } {
  const relTol = options.relTol ?? 1e-6;
  let panels = options.panelsPerInterval ?? 8;
  let prev = foldSpectrum(response, dNdT, tLoKeV, tHiKeV, { ...options, panelsPerInterval: panels });
  for (let i = 0; i < (options.maxDoublings ?? 6); i++) {
    panels *= 2;
    const next = foldSpectrum(response, dNdT, tLoKeV, tHiKeV, { ...options, panelsPerInterval: panels });
    let total = 0;
    for (const v of next) total += v;
    let err = 0;
    for (let b = 0; b < next.length; b++) err = Math.max(err, Math.abs(next[b]! - prev[b]!));
    const relError = total > 0 ? err / total : 0;
    if (relError <= relTol) return { mu: next, relError, converged: true };
    prev = next;
  }
  return { mu: prev, relError: NaN, converged: false };
}
