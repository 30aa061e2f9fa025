/**
 * The steady-state background (SSB) of an on/off template model: the off-source window (COHERENT's
 * anti-coincidence window) measures it with exposure ratio τ, the on-source window sees it once; one free
 * shapefactor per bin, shared by both channels, makes the model the exact on/off likelihood for any
 * counts, 0 included (pyhf-anchors/onoff_4bin). The nominal per bin is the off-source count / τ; where
 * that is 0 the nominal is the factorised estimate (row total × column total / total), or one event
 * spread over all bins if that is 0 too, so that the shapefactor can still give the on-source window a
 * non-zero SSB. The nominal only sets the scale of the shapefactor.
 */
/** SSB nominal per bin from the off-source counts (see the module comment for empty bins). */
export function steadyStateNominal(acCounts: readonly number[], nPe: number, nT: number): Float64Array {
  const total = acCounts.reduce((s, c) => s + c, 0);
  const row = Array.from({ length: nPe }, (_, p) =>
    acCounts.slice(p * nT, (p + 1) * nT).reduce((s, c) => s + c, 0),
  );
  const col = Array.from({ length: nT }, (_, t) => row.reduce((s, _r, p) => s + acCounts[p * nT + t]!, 0));
  return Float64Array.from(acCounts, (c, i) => {
    if (c > 0) return c;
    const est = total > 0 ? (row[Math.floor(i / nT)]! * col[i % nT]!) / total : 0;
    return est > 0 ? est : 1 / acCounts.length;
  });
}

/**
 * Upper bounds of the SSB shapefactor per bin, wide enough that the on/off maximum-likelihood SSB
 * (at most n_C + n_AC in a bin) is never at the bound: max(10, 3·(n_C + n_AC + 3)/nominal).
 */
export function steadyStateBounds(
  nominal: Float64Array,
  cCounts: readonly number[],
  acCounts: readonly number[],
): number[] {
  return Array.from(nominal, (b, i) => Math.max(10, Math.ceil((3 * (cCounts[i]! + acCounts[i]! + 3)) / b)));
}
