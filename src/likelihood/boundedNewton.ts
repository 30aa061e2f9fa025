/**
 * A small dense projected-Newton minimiser for box-bounded problems (a handful to a few tens of
 * parameters), used for the combined fits where no closed form exists.
 *
 * Method (D.P. Bertsekas, "Projected Newton methods for optimization problems with simple
 * constraints", SIAM J. Control Optim. 20 (1982) 221, simplified):
 *  1. Active set: a variable at a bound whose gradient pushes it outward is held fixed; variables
 *     with lo = hi are always fixed.
 *  2. Newton step on the free variables, (H_FF + λ·D) d = −g_F, D = diag(|H_jj| + 1), via Cholesky.
 *     λ = 0 first; if the matrix is not positive definite or the step does not descend, λ grows by
 *     ×10 (Levenberg–Marquardt damping, turning the step towards steepest descent).
 *  3. Backtracking (Armijo) line search along the projected path x(α) = P[x + α·d].
 *  4. Stop when the projected gradient is below `gradTol`, when the Newton decrement ½gᵀH⁻¹g is
 *     below 1e-13·(1 + |f|), or when a step changes f by less than `fTol`·(1 + |f|) and x by less
 *     than `xTol`.
 *
 * All work arrays are allocated once per instance, so repeated minimisations allocate nothing.
 */

export interface NewtonObjective {
  /**
   * Value at x (may be +∞ where the data are impossible). When `grad`/`hess` are given, fill them
   * (hess row-major, dim × dim, symmetric). Must not keep references to the arrays.
   */
  evaluate(x: Float64Array, grad: Float64Array | null, hess: Float64Array | null): number;
}

export interface NewtonOptions {
  readonly maxIterations: number;
  readonly gradTol: number;
  readonly fTol: number;
  readonly xTol: number;
}

export const NEWTON_DEFAULTS: NewtonOptions = {
  maxIterations: 200,
  gradTol: 1e-9,
  fTol: 1e-15,
  xTol: 1e-10,
};

/** Newton-decrement stop: half of gᵀH⁻¹g below this (relative to 1 + |f|) is converged. */
const DECREMENT_TOL = 1e-13;

export type NewtonReason = 'tolerance' | 'maxIterations' | 'lineSearch' | 'infinite';

export class BoundedNewton {
  readonly dim: number;
  private readonly grad: Float64Array;
  private readonly hess: Float64Array;
  private readonly mat: Float64Array;
  private readonly rhs: Float64Array;
  private readonly step: Float64Array;
  private readonly trial: Float64Array;
  private readonly freeIdx: Int32Array;
  private readonly options: NewtonOptions;

  /** Outcome of the last `minimise` call. */
  iterations = 0;
  converged = false;
  reason: NewtonReason = 'tolerance';

  constructor(dim: number, options: NewtonOptions = NEWTON_DEFAULTS) {
    this.dim = dim;
    this.grad = new Float64Array(dim);
    this.hess = new Float64Array(dim * dim);
    this.mat = new Float64Array(dim * dim);
    this.rhs = new Float64Array(dim);
    this.step = new Float64Array(dim);
    this.trial = new Float64Array(dim);
    this.freeIdx = new Int32Array(dim);
    this.options = options;
  }

  /** Minimise over lo ≤ x ≤ hi starting from x (clipped into the box); x holds the result. */
  minimise(obj: NewtonObjective, x: Float64Array, lo: Float64Array, hi: Float64Array): number {
    const { dim, grad, hess, trial, step, freeIdx } = this;
    const { maxIterations, gradTol, fTol, xTol } = this.options;
    for (let j = 0; j < dim; j++) x[j] = clip(x[j] as number, lo[j] as number, hi[j] as number);
    let f = obj.evaluate(x, grad, hess);
    this.iterations = 0;
    if (!(f < Infinity)) {
      this.converged = false;
      this.reason = 'infinite';
      return f;
    }
    for (let it = 0; it < maxIterations; it++) {
      this.iterations = it + 1;
      // 1. free set and projected gradient
      let nf = 0;
      let pg = 0;
      for (let j = 0; j < dim; j++) {
        const l = lo[j] as number;
        const u = hi[j] as number;
        const xj = x[j] as number;
        const gj = grad[j] as number;
        if (l === u) continue;
        if ((xj <= l && gj > 0) || (xj >= u && gj < 0)) continue;
        freeIdx[nf++] = j;
        const a = Math.abs(gj);
        if (a > pg) pg = a;
      }
      if (nf === 0 || pg <= gradTol) {
        this.converged = true;
        this.reason = 'tolerance';
        return f;
      }
      // Converged if the full Newton step would lower f by less than the noise floor: this catches
      // very stiff directions (e.g. a 1e-6 constraint) whose gradient is pure rounding noise.
      const solvedAtZero = this.solveDamped(nf, 0);
      if (solvedAtZero) {
        let dec = 0;
        for (let q = 0; q < nf; q++) dec -= (grad[freeIdx[q] as number] as number) * (this.rhs[q] as number);
        if (dec <= 2 * DECREMENT_TOL * (1 + Math.abs(f))) {
          this.converged = true;
          this.reason = 'tolerance';
          return f;
        }
      }
      // 2.–3. damped Newton step with projected backtracking
      let lambda = 0;
      let accepted = false;
      let fTrial = f;
      for (let attempt = 0; attempt < 24 && !accepted; attempt++) {
        // attempt 0 reuses the undamped solution already in rhs
        if (attempt === 0 ? solvedAtZero : this.solveDamped(nf, lambda)) {
          for (let j = 0; j < dim; j++) step[j] = 0;
          for (let q = 0; q < nf; q++) step[freeIdx[q] as number] = this.rhs[q] as number;
          let alpha = 1;
          for (let ls = 0; ls < 40; ls++) {
            let dec = 0;
            for (let j = 0; j < dim; j++) {
              const xj = x[j] as number;
              const t = clip(xj + alpha * (step[j] as number), lo[j] as number, hi[j] as number);
              trial[j] = t;
              dec += (grad[j] as number) * (t - xj);
            }
            if (!(dec < 0)) break; // not a descent direction (or zero step): damp more
            fTrial = obj.evaluate(trial, null, null);
            if (fTrial <= f + 1e-4 * dec + 4e-16 * (1 + Math.abs(f))) {
              accepted = true;
              break;
            }
            alpha *= 0.5;
          }
        }
        lambda = lambda === 0 ? 1e-6 : lambda * 10;
      }
      if (!accepted) {
        // Leave the objective's last evaluation at x (callers may read state it caches).
        f = obj.evaluate(x, grad, hess);
        this.converged = false;
        this.reason = 'lineSearch';
        return f;
      }
      let dx = 0;
      for (let j = 0; j < dim; j++) {
        const d = Math.abs((trial[j] as number) - (x[j] as number)) / (1 + Math.abs(x[j] as number));
        if (d > dx) dx = d;
        x[j] = trial[j] as number;
      }
      const df = f - fTrial;
      f = obj.evaluate(x, grad, hess);
      if (df <= fTol * (1 + Math.abs(f)) && dx <= xTol) {
        this.converged = true;
        this.reason = 'tolerance';
        return f;
      }
    }
    this.converged = false;
    this.reason = 'maxIterations';
    return f;
  }

  /** Solve (H_FF + λ·D) d = −g_F by Cholesky into rhs[0..nf); false if not positive definite. */
  private solveDamped(nf: number, lambda: number): boolean {
    const { mat, rhs, hess, grad, freeIdx, dim } = this;
    for (let p = 0; p < nf; p++) {
      const jp = freeIdx[p] as number;
      for (let q = 0; q <= p; q++) {
        const jq = freeIdx[q] as number;
        let v = hess[jp * dim + jq] as number;
        if (p === q) v += lambda * (Math.abs(v) + 1);
        mat[p * nf + q] = v;
      }
      rhs[p] = -(grad[jp] as number);
    }
    // In-place Cholesky, lower triangle: mat = L Lᵀ.
    for (let p = 0; p < nf; p++) {
      for (let q = 0; q <= p; q++) {
        let sum = mat[p * nf + q] as number;
        for (let r = 0; r < q; r++) sum -= (mat[p * nf + r] as number) * (mat[q * nf + r] as number);
        if (p === q) {
          if (!(sum > 1e-300)) return false;
          mat[p * nf + p] = Math.sqrt(sum);
        } else {
          mat[p * nf + q] = sum / (mat[q * nf + q] as number);
        }
      }
    }
    for (let p = 0; p < nf; p++) {
      let sum = rhs[p] as number;
      for (let r = 0; r < p; r++) sum -= (mat[p * nf + r] as number) * (rhs[r] as number);
      rhs[p] = sum / (mat[p * nf + p] as number);
    }
    for (let p = nf - 1; p >= 0; p--) {
      let sum = rhs[p] as number;
      for (let r = p + 1; r < nf; r++) sum -= (mat[r * nf + p] as number) * (rhs[r] as number);
      rhs[p] = sum / (mat[p * nf + p] as number);
    }
    for (let p = 0; p < nf; p++) if (!Number.isFinite(rhs[p] as number)) return false;
    return true;
  }
}

function clip(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
