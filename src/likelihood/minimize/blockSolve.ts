/**
 * The damped Newton system (H + μ·D)·δ = −g of a HistFactory model, solved through its block
 * structure (histfactory/compile.ts `HessianLayout`): global parameters G (a few), and local
 * parameters in small independent blocks B (per-bin nuisances: shapesys, staterror, shapefactor,
 * on/off backgrounds). Eliminating each block (Schur complement),
 *
 *   (H_GG − Σ_B H_GB H_BB⁻¹ H_BG)·δ_G = −g_G + Σ_B H_GB H_BB⁻¹ g_B,
 *   δ_B = −H_BB⁻¹ (g_B + H_BG δ_G),
 *
 * costs O(Σ_B s_B²·n_G + s_B·n_G²) — linear in the number of bins — instead of O(n³) for a dense
 * solve over all parameters.
 *
 * Only FREE parameters take part (not fixed, not held at an active bound); δ is 0 for the others.
 * Damping (Levenberg–Marquardt, scaled): D = diag(|H_ii| + 1e−9), so μ → ∞ turns the step towards
 * scaled steepest descent and flat directions stay solvable.
 */
import type { HessianLayout } from '../histfactory/index.js';
import { dot } from '../dot.js';
import { choleskyInPlace, choleskySolveInPlace } from './cholesky.js';

const DAMPING_FLOOR = 1e-9;

export class BlockNewtonSolver {
  private readonly L: HessianLayout;
  private readonly gComp: Int32Array;
  private readonly S: Float64Array;
  private readonly rhs: Float64Array;
  private readonly mb: Float64Array;
  private readonly X: Float64Array;
  private readonly Hbg: Float64Array;
  private readonly y: Float64Array;
  private readonly freeLocal: Int32Array;
  private readonly blockFreeStart: Int32Array;
  private readonly blockFreeCount: Int32Array;
  /** Single-local blocks: H_BG rows (Hc) and H_BG/m (Xc), column-major (k·nBlocks + j); j → block. */
  private readonly Hc: Float64Array;
  private readonly Xc: Float64Array;
  private readonly oneBlock: Int32Array;

  constructor(layout: HessianLayout) {
    this.L = layout;
    const { nG, nL } = layout;
    let maxS = 1;
    for (const s of layout.blockSize) maxS = Math.max(maxS, s);
    this.gComp = new Int32Array(nG);
    this.S = new Float64Array(nG * nG);
    this.rhs = new Float64Array(nG);
    this.mb = new Float64Array(maxS * maxS);
    this.X = new Float64Array(Math.max(1, nL * nG));
    this.Hbg = new Float64Array(Math.max(1, maxS * nG));
    this.y = new Float64Array(Math.max(1, nL));
    this.freeLocal = new Int32Array(Math.max(1, nL));
    this.blockFreeStart = new Int32Array(layout.blockSize.length);
    this.blockFreeCount = new Int32Array(layout.blockSize.length);
    this.Hc = new Float64Array(Math.max(1, nG * layout.blockSize.length));
    this.Xc = new Float64Array(Math.max(1, nG * layout.blockSize.length));
    this.oneBlock = new Int32Array(Math.max(1, layout.blockSize.length));
  }

  /**
   * Solve for δ (length nPars, written into `delta`). `h` is the structured Hessian, `g` the gradient,
   * `free[p]` = 1 for the parameters that move. Returns false if a block or the Schur complement is
   * not positive definite at this damping (the caller increases μ).
   */
  solve(h: Float64Array, g: Float64Array, free: Uint8Array, mu: number, delta: Float64Array): boolean {
    const { nG, globals, locals, blockLocals, blockSize, llOffset, posInBlock } = this.L;
    const { S, rhs, mb, X, Hbg, y, gComp, freeLocal } = this;
    delta.fill(0);
    let nGf = 0;
    for (let i = 0; i < nG; i++) if (free[globals[i]!]) gComp[nGf++] = i;
    for (let a = 0; a < nGf; a++) {
      const i = gComp[a]!;
      for (let b = a; b < nGf; b++) {
        const j = gComp[b]!;
        const v = h[i <= j ? i * nG + j : j * nG + i]!;
        S[a * nGf + b] = v;
        S[b * nGf + a] = v;
      }
      const d = S[a * nGf + a]!;
      S[a * nGf + a] = d + mu * (Math.abs(d) + DAMPING_FLOOR);
      rhs[a] = -g[globals[i]!]!;
    }
    const nG2 = nG * nG;
    const nBlocks = blockSize.length;
    const { Xc, Hc, oneBlock } = this;
    let nOne = 0;
    let xOff = 0;
    let fl = 0;
    for (let B = 0; B < blockSize.length; B++) {
      const members = blockLocals[B]!;
      const s = blockSize[B]!;
      const start = fl;
      for (let m = 0; m < members.length; m++) {
        const l = members[m]!;
        if (free[locals[l]!]) freeLocal[fl++] = l;
      }
      const sf = fl - start;
      this.blockFreeStart[B] = start;
      this.blockFreeCount[B] = sf;
      if (sf === 0) continue;
      if (sf === 1) {
        // A single free local (the common case: one nuisance per bin): scalar elimination.
        const l = freeLocal[start]!;
        const pa = posInBlock[l]!;
        const d = h[llOffset[B]! + pa * s + pa]!;
        const m = d + mu * (Math.abs(d) + DAMPING_FLOOR);
        if (!(m > 0)) return false;
        const invM = 1 / m;
        const yl = g[locals[l]!]! * invM;
        y[start] = yl;
        const row = nG2 + l * nG;
        // The block's row of H_BG, stored column-major over the single-local blocks (Hc) and scaled
        // by 1/m (Xc): their Schur update Σ_B Xc_B Hc_Bᵀ is done below as dot products over blocks.
        const j = nOne++;
        oneBlock[j] = B;
        for (let k = 0; k < nGf; k++) {
          const hk = h[row + gComp[k]!]!;
          Hc[k * nBlocks + j] = hk;
          Xc[k * nBlocks + j] = hk * invM;
          rhs[k]! += hk * yl;
        }
        continue;
      }
      // M_B (free part) with damping.
      for (let a = 0; a < sf; a++) {
        const pa = posInBlock[freeLocal[start + a]!]!;
        for (let c = a; c < sf; c++) {
          const pc = posInBlock[freeLocal[start + c]!]!;
          const v = h[llOffset[B]! + (pa <= pc ? pa * s + pc : pc * s + pa)]!;
          mb[a * sf + c] = v;
          mb[c * sf + a] = v;
        }
        const d = mb[a * sf + a]!;
        mb[a * sf + a] = d + mu * (Math.abs(d) + DAMPING_FLOOR);
      }
      if (!choleskyInPlace(mb, 0, sf)) return false;
      // y_B = M⁻¹ g_B; X_B = M⁻¹ H_BG (sf × nGf, row-major at xOff); Hbg keeps H_BG.
      for (let a = 0; a < sf; a++) {
        const l = freeLocal[start + a]!;
        y[start + a] = g[locals[l]!]!;
        for (let k = 0; k < nGf; k++) {
          const v = h[nG2 + l * nG + gComp[k]!]!;
          Hbg[a * nGf + k] = v;
          X[xOff + a * nGf + k] = v;
        }
      }
      choleskySolveInPlace(mb, 0, sf, y, start, 1);
      for (let k = 0; k < nGf; k++) choleskySolveInPlace(mb, 0, sf, X, xOff + k, nGf);
      // S −= H_GB X_B ; rhs += H_GB y_B.
      for (let k1 = 0; k1 < nGf; k1++) {
        let r = 0;
        for (let a = 0; a < sf; a++) r += Hbg[a * nGf + k1]! * y[start + a]!;
        rhs[k1]! += r;
        for (let k2 = k1; k2 < nGf; k2++) {
          let v = 0;
          for (let a = 0; a < sf; a++) v += Hbg[a * nGf + k1]! * X[xOff + a * nGf + k2]!;
          S[k1 * nGf + k2]! -= v;
        }
      }
      xOff += sf * nGf;
    }
    // The single-local blocks' Schur update, S_k1k2 −= Σ_j Xc_k1j Hc_k2j (contiguous dot products:
    // one store per entry instead of one per block and entry).
    for (let k1 = 0; k1 < nGf; k1++) {
      const xb = k1 * nBlocks;
      for (let k2 = k1; k2 < nGf; k2++) S[k1 * nGf + k2]! -= dot(Xc, xb, Hc, k2 * nBlocks, nOne);
    }
    // Mirror the upper triangle (the only one the eliminations update) into the lower.
    for (let a = 1; a < nGf; a++) for (let b = 0; b < a; b++) S[a * nGf + b] = S[b * nGf + a]!;
    if (nGf > 0) {
      if (!choleskyInPlace(S, 0, nGf)) return false;
      choleskySolveInPlace(S, 0, nGf, rhs, 0, 1);
      for (let a = 0; a < nGf; a++) delta[globals[gComp[a]!]!] = rhs[a]!;
    }
    for (let jj = 0; jj < nOne; jj++) {
      const B = oneBlock[jj]!;
      const start = this.blockFreeStart[B]!;
      let v = y[start]!;
      for (let k = 0; k < nGf; k++) v += Xc[k * nBlocks + jj]! * rhs[k]!;
      delta[locals[freeLocal[start]!]!] = -v;
    }
    xOff = 0;
    for (let B = 0; B < blockSize.length; B++) {
      const sf = this.blockFreeCount[B]!;
      if (sf === 1) continue; // done above
      const start = this.blockFreeStart[B]!;
      for (let a = 0; a < sf; a++) {
        let v = y[start + a]!;
        for (let k = 0; k < nGf; k++) v += X[xOff + a * nGf + k]! * rhs[k]!;
        delta[locals[freeLocal[start + a]!]!] = -v;
      }
      xOff += sf * nGf;
    }
    return true;
  }
}
