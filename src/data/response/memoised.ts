/**
 * A RecoilResponse whose rows are computed once per recoil energy and kept: the folds of one dataset
 * (every flavour group, the Helm and the q²-weighted folds, each band) evaluate the response at the
 * same quadrature nodes, so a row costs its computation once.
 */
import type { RecoilResponse } from './types.js';

/** `rowAt(tKeV)` returns a fresh row of length nBins (kept; never written to afterwards). */
export function memoisedResponse(nBins: number, rowAt: (tKeV: number) => Float64Array): RecoilResponse {
  const memo = new Map<number, Float64Array>();
  return {
    nBins,
    row(tKeV: number, out: Float64Array): void {
      let r = memo.get(tKeV);
      if (!r) {
        r = rowAt(tKeV);
        memo.set(tKeV, r);
      }
      out.set(r);
    },
  };
}
