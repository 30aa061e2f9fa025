/**
 * The adapter over ml-levenberg-marquardt (mljs, v5): the ONLY file that imports it (STYLE.md P9).
 *
 * What the dependency does, read from its source (src/levenberg_marquardt.ts, check_options.ts,
 * step.ts): it minimises Σ_i (y_i − f(x_i))²/w_i² with `weights` w_i acting as 1/σ_i; each iteration
 * solves (JᵀJ + λ·I)δ = Jᵀ(y − f) with an UNSCALED λ·I, clamps the new point to [minValues,
 * maxValues], and keeps the best point seen, but it never rejects a step (the next iteration starts
 * from the new point even if it is worse), has no convergence test (it stops after `maxIterations`
 * or when the sum falls below `errorTolerance`) and returns no covariance.
 *
 * So the dependency is used for exactly one thing, ONE damped Gauss–Newton step (`maxIterations: 1`),
 * and this file makes that step well-posed:
 * - it only ever sees whitened residuals: data y ≡ 0 and f_i(u) = −r_i(p(u)) with unit weights, so
 *   Σ (y − f)² = Σ r² = S exactly (no ambiguity about what `weights` means, STYLE.md §4.6);
 * - the free parameters are rescaled, p_j = p̂_j + d_j·u_j with d_j = 1/‖∂r/∂p_j‖ (for `logScale`
 *   parameters p_j = p̂_j·exp(d_j·u_j), d_j = 1/‖p_j·∂r/∂p_j‖), so JᵀJ in u has a unit diagonal and
 *   λ·I acts as Marquardt's λ·diag(JᵀJ) (D.W. Marquardt, J. SIAM 11 (1963) 431; J.J. Moré,
 *   "The Levenberg–Marquardt algorithm: implementation and theory", LNM 630 (1978) 105);
 * - the step is confined to a trust box |u_j| ≤ ρ intersected with the parameter bounds;
 * - the Jacobian is ours (central differences, jacobian.ts), passed as `jacobianFunction`.
 * With one iteration the dependency returns the new point only if it lowered S (its best-point rule
 * with `errorTolerance: 0`), which gives step rejection. Acceptance ratios, damping and trust-box
 * updates, convergence and the covariance live in minimize.ts and covariance.ts.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { JacobianContext } from './jacobian.js';

export interface StepInput {
  readonly ctx: JacobianContext;
  /** Current point (full vector), its residuals and S = Σ r². */
  readonly p: Float64Array;
  readonly r: Float64Array;
  readonly s: number;
  /** Indices of the parameters that move, and ∂r/∂p for them (row-major m × cols.length). */
  readonly cols: readonly number[];
  readonly jac: Float64Array;
  /** Marquardt damping λ (relative to the unit diagonal). */
  readonly damping: number;
  /** Trust-box half-width in scaled units u. */
  readonly radius: number;
}

export interface StepResult {
  /** The step lowered S and was taken. */
  readonly accepted: boolean;
  readonly p: Float64Array;
  readonly r: Float64Array;
  readonly s: number;
  /** Decrease of S predicted by the linearised model, −2hᵀJᵀr − |Jh|² (≥ 0 for a descent step). */
  readonly predicted: number;
  /** Some component of the step reached the trust box. */
  readonly hitBox: boolean;
  /** The trial point gave NaN residuals. */
  readonly nan: boolean;
}

/** One damped Gauss–Newton step by the dependency, in scaled coordinates (see the file comment). */
export function lmStep(inp: StepInput): StepResult {
  const { ctx, p, cols, jac } = inp;
  const m = ctx.problem.nResiduals;
  const kc = cols.length;
  const isLog = cols.map((j) => ctx.logScale[j] === 1);
  // dp_j/du_c at u = 0.
  const dpdu = cols.map((j, c) => {
    let norm2 = 0;
    for (let i = 0; i < m; i++) norm2 += (jac[i * kc + c] as number) ** 2;
    const scaleP = isLog[c] ? Math.abs(p[j] as number) : 1;
    // A unit step in u moves p_j by d_j (ln p_j for log-scale), capped for weak columns at 1e3 typical
    // sizes (10 in ln p) so that a nearly flat direction cannot send p_j across its whole range.
    const cap = isLog[c] ? 10 : 1e3 * (ctx.typical[j] as number);
    const d = Math.min(1 / (Math.sqrt(norm2) * (isLog[c] ? scaleP : 1)), cap);
    return (Number.isFinite(d) && d > 0 ? d : cap) * scaleP;
  });
  const toP = (c: number, u: number): number => {
    const p0 = p[cols[c] as number] as number;
    const du = (dpdu[c] as number) * u;
    return isLog[c] ? p0 * Math.exp(du / p0) : p0 + du;
  };
  const toU = (c: number, x: number): number => {
    const p0 = p[cols[c] as number] as number;
    return (isLog[c] ? p0 * Math.log(x / p0) : x - p0) / (dpdu[c] as number);
  };
  const pAt = (u: ArrayLike<number>): Float64Array => {
    const q = Float64Array.from(p);
    cols.forEach((j, c) => {
      q[j] = Math.min(ctx.upper[j] as number, Math.max(ctx.lower[j] as number, toP(c, u[c] as number)));
    });
    return q;
  };
  let trialU: number[] | undefined;
  let trialR = inp.r;
  const residualsAt = (u: number[]): Float64Array => {
    if (u.every((x) => x === 0)) return inp.r;
    if (trialU && trialU.every((x, c) => x === u[c])) return trialR;
    trialR = new Float64Array(m);
    ctx.problem.residuals(pAt(u), trialR);
    trialU = u.slice();
    return trialR;
  };
  // Scaled Jacobian of f = −r at u = 0; the dependency needs ≥ 2 points, so one residual is padded.
  const ju = (i: number): number[] =>
    cols.map((_, c) => (i < m ? -(jac[i * kc + c] as number) * (dpdu[c] as number) : 0));
  const nPoints = Math.max(m, 2);
  const res = levenbergMarquardt(
    { x: Array.from({ length: nPoints }, (_, i) => i), y: new Float64Array(nPoints) },
    (u) => {
      const rr = residualsAt(u);
      return (i) => (i < m ? -(rr[i] as number) : 0);
    },
    {
      initialValues: new Array<number>(kc).fill(0),
      minValues: cols.map((j, c) => Math.max(-inp.radius, toU(c, ctx.lower[j] as number))),
      maxValues: cols.map((j, c) => Math.min(inp.radius, toU(c, ctx.upper[j] as number))),
      maxIterations: 1,
      damping: inp.damping,
      errorTolerance: 0,
      weights: 1,
      jacobianFunction: () => ju,
    },
  );
  const h = res.parameterValues;
  const nan = trialU !== undefined && trialR.some((x) => Number.isNaN(x));
  if (h.every((x) => x === 0))
    return { accepted: false, p, r: inp.r, s: inp.s, predicted: 0, hitBox: false, nan };
  // Predicted decrease of the linear model r(h) ≈ r + J_u h (J_u = ∂r/∂u).
  let predicted = 0;
  for (let i = 0; i < m; i++) {
    let jh = 0;
    for (let c = 0; c < kc; c++) jh += (jac[i * kc + c] as number) * (dpdu[c] as number) * (h[c] as number);
    predicted -= 2 * jh * (inp.r[i] as number) + jh * jh;
  }
  const rNew = residualsAt(h);
  let sNew = 0;
  for (const x of rNew) sNew += x * x;
  return {
    accepted: true,
    p: pAt(h),
    r: rNew,
    s: sNew,
    predicted,
    hitBox: h.some((x) => Math.abs(x) >= 0.99 * inp.radius),
    nan,
  };
}
