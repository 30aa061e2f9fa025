/**
 * out += H·v for a structured Hessian (histfactory/compile.ts `HessianLayout`: global×global upper
 * triangle, local×global, per-block upper triangles), H symmetric. Cost O(n_G² + n_L·n_G + Σ_B s_B²).
 */
import type { HessianLayout } from '../histfactory/index.js';

export function addHessianTimes(L: HessianLayout, h: Float64Array, v: Float64Array, out: Float64Array): void {
  const { nG, nL, globals, locals, blockLocals, blockSize, llOffset, posInBlock } = L;
  for (let i = 0; i < nG; i++) {
    const pi = globals[i]!;
    for (let j = i; j < nG; j++) {
      const pj = globals[j]!;
      const hij = h[i * nG + j]!;
      out[pi]! += hij * v[pj]!;
      if (j !== i) out[pj]! += hij * v[pi]!;
    }
  }
  const nG2 = nG * nG;
  for (let l = 0; l < nL; l++) {
    const pl = locals[l]!;
    const row = nG2 + l * nG;
    for (let g = 0; g < nG; g++) {
      const hlg = h[row + g]!;
      out[pl]! += hlg * v[globals[g]!]!;
      out[globals[g]!]! += hlg * v[pl]!;
    }
  }
  for (let B = 0; B < blockSize.length; B++) {
    const members = blockLocals[B]!;
    const s = blockSize[B]!;
    for (const la of members) {
      const pa = posInBlock[la]!;
      for (const lc of members) {
        const pc = posInBlock[lc]!;
        out[locals[la]!]! += h[llOffset[B]! + (pa <= pc ? pa * s + pc : pc * s + pa)]! * v[locals[lc]!]!;
      }
    }
  }
}
