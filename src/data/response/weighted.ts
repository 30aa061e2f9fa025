/**
 * Several weighted copies of one response, side by side: for weights w_1(T) … w_m(T),
 *
 *   row(T) = [R(T)·w_1(T), R(T)·w_2(T), …, R(T)·w_m(T)]       (nBins = m · R.nBins)
 *
 * so that one fold of dN/dT gives ∫ dN/dT·w_i·R_b dT for every weight at once — e.g. the complete-
 * coherency spectrum (w = 1), the Standard-Model one (w = F²(q²(T))) and its q²-weighted integral
 * (w = q²(T), for mean q²) — on the same quadrature nodes, so their ratios carry no quadrature noise.
 */
import type { RecoilResponse } from './types.js';

export function weightedResponses(
  response: RecoilResponse,
  weights: readonly ((tKeV: number) => number)[],
): RecoilResponse {
  const n = response.nBins;
  const base = new Float64Array(n);
  return {
    nBins: n * weights.length,
    row(tKeV: number, out: Float64Array): void {
      response.row(tKeV, base);
      weights.forEach((w, i) => {
        const wt = w(tKeV);
        for (let b = 0; b < n; b++) out[i * n + b] = base[b]! * wt;
      });
    },
  };
}
