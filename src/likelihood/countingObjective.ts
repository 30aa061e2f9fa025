import { CONSTRAINT_FIXED, constraintKindOf } from './constraints.js';
import type { CompiledCounting } from './compiled.js';
import { poissonDeviance } from './deviance.js';
import type { NewtonObjective } from './boundedNewton.js';
import { BinBackground } from './knownBackground.js';

/**
 * The background-profiled NLL of the counting model with its exact gradient and Hessian, for the
 * projected-Newton solver.
 *
 * Parameter layout x = [poi_0, …, poi_{P−1}, θ_sig, θ_beam]; bin i uses poi_{poiIndex[i]} (P = 1 for
 * the combined fit, P = k for the per-bin-poi alternative of the global test). With
 * a_i = θ_beam·f_i + θ_sig·(s0_i + poi·Δ_i) and the backgrounds profiled per bin (profileBackground.ts,
 * knownBackground.ts),
 *
 *   NLL(x)   = Σ_i P_i(a_i) + c_sig(θ_sig) + c_beam(θ_beam),
 *   ∂NLL/∂x  = Σ_i g_i ∇a_i + c′,                      g_i = 1 − n_i/μ_i   (envelope theorem)
 *   ∂²NLL    = Σ_i [h_i ∇a_i ∇a_iᵀ + g_i ∇²a_i] + c″,    h_i from BinBackground.curvature,
 *
 * where ∇a_i = (θ_sig·Δ_i, s_i, f_i) on (poi, θ_sig, θ_beam) and the only second derivative of a_i is
 * ∂²a_i/∂poi∂θ_sig = Δ_i. The Hessian is exact but not always positive definite (a is bilinear in
 * poi and θ_sig); the solver damps it.
 */
export class CountingObjective implements NewtonObjective {
  readonly c: CompiledCounting;
  readonly nPoi: number;
  readonly poiIndex: Int32Array;
  readonly dim: number;
  /** Profiled b_i at the last evaluation (off-source b of a measured bin, known b otherwise). */
  readonly bHat: Float64Array;
  /** Known background component of each bin at the last evaluation (knownBackground.ts). */
  readonly kHat: Float64Array;
  private readonly bg = new BinBackground();
  /** g_i = ∂NLL/∂a_i at the last evaluation with derivatives. */
  readonly gBin: Float64Array;

  constructor(c: CompiledCounting, nPoi: number, poiIndex: Int32Array) {
    this.c = c;
    this.nPoi = nPoi;
    this.poiIndex = poiIndex;
    this.dim = nPoi + 2;
    this.bHat = new Float64Array(c.k);
    this.kHat = new Float64Array(c.k);
    this.gBin = new Float64Array(c.k);
  }

  evaluate(x: Float64Array, grad: Float64Array | null, hess: Float64Array | null): number {
    const { c, dim, poiIndex, bHat, kHat, gBin } = this;
    const iS = this.nPoi;
    const iB = iS + 1;
    const ts = x[iS] as number;
    const tb = x[iB] as number;
    if (grad) grad.fill(0);
    if (hess) hess.fill(0);
    let total = 0;
    for (let i = 0; i < c.k; i++) {
      const p = poiIndex[i] as number;
      const delta = c.delta[i] as number;
      const fi = c.f[i] as number;
      const s = (c.s0[i] as number) + (x[p] as number) * delta;
      const a = tb * fi + ts * s;
      const n = c.n[i] as number;
      const measured = c.measured[i] === 1;
      const m = c.m[i] as number;
      const bg = this.bg;
      const mu =
        a +
        bg.profile(a, n, measured, m, c.tau[i] as number, c.bKnown[i] as number, c.sigmaKnown[i] as number);
      total += bg.aux;
      bHat[i] = measured ? bg.bOff : bg.bKnown;
      kHat[i] = bg.bKnown;
      total += poissonDeviance(n, mu);
      if (grad) {
        const g = n === 0 ? 1 : 1 - n / mu;
        gBin[i] = g;
        const dp = ts * delta;
        grad[p] = (grad[p] as number) + g * dp;
        grad[iS] = (grad[iS] as number) + g * s;
        grad[iB] = (grad[iB] as number) + g * fi;
        if (hess) {
          const h = bg.curvature(n, mu, measured, m);
          hess[p * dim + p] = (hess[p * dim + p] as number) + h * dp * dp;
          hess[p * dim + iS] = (hess[p * dim + iS] as number) + h * dp * s + g * delta;
          hess[p * dim + iB] = (hess[p * dim + iB] as number) + h * dp * fi;
          hess[iS * dim + iS] = (hess[iS * dim + iS] as number) + h * s * s;
          hess[iS * dim + iB] = (hess[iS * dim + iB] as number) + h * s * fi;
          hess[iB * dim + iB] = (hess[iB * dim + iB] as number) + h * fi * fi;
        }
      }
    }
    total += this.addConstraint(c.kindSig, ts, c.obsSig, c.sigmaSig, iS, grad, hess);
    total += this.addConstraint(c.kindBeam, tb, c.obsBeam, c.sigmaBeam, iB, grad, hess);
    if (hess) {
      for (let r = 0; r < dim; r++) {
        for (let q = 0; q < r; q++) {
          // every off-diagonal term above went to the upper triangle (row < column); mirror it
          const up = hess[q * dim + r] as number;
          const low = hess[r * dim + q] as number;
          const v = up + low;
          hess[q * dim + r] = v;
          hess[r * dim + q] = v;
        }
      }
    }
    return total;
  }

  private addConstraint(
    code: number,
    theta: number,
    obs: number,
    sigma: number,
    j: number,
    grad: Float64Array | null,
    hess: Float64Array | null,
  ): number {
    if (code === CONSTRAINT_FIXED) return 0;
    const kind = constraintKindOf(code);
    if (!kind) return 0;
    if (grad) grad[j] = (grad[j] as number) + kind.d1(theta, obs, sigma);
    if (hess) hess[j * this.dim + j] = (hess[j * this.dim + j] as number) + kind.d2(theta, obs, sigma);
    return kind.penalty(theta, obs, sigma);
  }
}
