/**
 * The structured Hessian (compile.ts `HessianLayout`) as a dense symmetric nPars × nPars matrix:
 * for tests, covariance reports and small models. Never used in fits (it is O(bins²)).
 */
import type { HessianLayout } from './compile.js';

export function denseHessian(layout: HessianLayout, nPars: number, flat: Float64Array): Float64Array {
  const H = new Float64Array(nPars * nPars);
  const { nG, nL, globals, locals, blockLocals, blockSize, llOffset } = layout;
  const put = (p: number, q: number, v: number) => {
    H[p * nPars + q] = v;
    H[q * nPars + p] = v;
  };
  for (let i = 0; i < nG; i++) for (let j = i; j < nG; j++) put(globals[i]!, globals[j]!, flat[i * nG + j]!);
  for (let l = 0; l < nL; l++)
    for (let g = 0; g < nG; g++) put(locals[l]!, globals[g]!, flat[nG * nG + l * nG + g]!);
  for (let b = 0; b < blockSize.length; b++) {
    const s = blockSize[b]!;
    const m = blockLocals[b]!;
    for (let a = 0; a < s; a++) {
      for (let c = a; c < s; c++) put(locals[m[a]!]!, locals[m[c]!]!, flat[llOffset[b]! + a * s + c]!);
    }
  }
  return H;
}
