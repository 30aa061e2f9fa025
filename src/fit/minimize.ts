/**
 * The Levenberg–Marquardt driver: minimise S(p) = Σ r_i(p)² within box bounds, one damped
 * Gauss–Newton step at a time (each step computed by ml-levenberg-marquardt through
 * levenbergMarquardt.ts), with the step control the dependency lacks:
 *
 * - gain ratio ρ = (actual decrease of S)/(decrease predicted by the linear model); damping update of
 *   H.B. Nielsen (IMM-REP-1999-05; K. Madsen, H.B. Nielsen, O. Tingleff, "Methods for non-linear least
 *   squares problems", 2nd ed. (2004), §3.2): accepted step λ ← λ·max(1/3, 1 − (2ρ − 1)³), ν ← 2;
 *   rejected step λ ← λ·ν, ν ← 2ν;
 * - a trust box |u| ≤ Δ in the scaled coordinates (Moré 1978): Δ doubles after a step with ρ > 3/4 that
 *   reached it, shrinks ×4 after a rejected step or one with ρ < 1/4. It starts at Δ = 1 (one unit of u
 *   changes S by about 1), so a first long Gauss–Newton step cannot jump into a flat region of the model
 *   (e.g. α(q²) ≈ 0 in every bin) from which no gradient leads back;
 * - an active set: a parameter on a bound whose descent direction −g (g = Jᵀr) points outward is held
 *   there for the step (the KKT condition of the bounded problem), and so is a parameter with a zero
 *   Jacobian column (no first-order effect on S);
 * - convergence: EDM = g_Fᵀ(J_FᵀJ_F)⁻¹g_F < tolerance over the free, inactive parameters F — the
 *   Gauss–Newton prediction of the remaining decrease of S, Minuit's "estimated distance to minimum"
 *   for ΔS = 1 (F. James, M. Roos, Comput. Phys. Commun. 10 (1975) 343).
 * The result (covariance, errors, flags) is assembled by covariance.ts.
 */
import { FitError } from '../errors.js';
import { buildFitResult } from './covariance.js';
import { isAtBound, residualJacobian, type JacobianContext } from './jacobian.js';
import { lmStep } from './levenbergMarquardt.js';
import { cholesky, choleskySolve, normalEquations } from './linalg.js';
import type { FitResult, LmOptions, ResidualProblem, StopReason } from './types.js';

export const LM_DEFAULTS = {
  maxIterations: 500,
  edmTolerance: 1e-7,
  damping: 1e-3,
} as const satisfies Required<Omit<LmOptions, 'timeoutSeconds'>>;

const INITIAL_TRUST_RADIUS = 1;
const MAX_TRUST_RADIUS = 1e6;
const MIN_TRUST_RADIUS = 1e-8;
/** Damping range on the unit-diagonal scale: below, pure Gauss–Newton; above, no step at all. */
const MIN_DAMPING = 1e-12;
const MAX_DAMPING = 1e16;
/** Consecutive rejected steps before giving up ('stalled'). */
const MAX_REJECTIONS = 40;

/**
 * Minimise S(p) = Σ r_i(p)² within the parameter bounds. `start` (full vector) overrides the
 * initial values (profile scans use it for warm starts). Throws FitError only for unusable input
 * (duplicate names, initial values outside bounds or not finite); trouble while minimising is a
 * diagnostic in the result, never an exception.
 */
export function minimize(problem: ResidualProblem, options: LmOptions = {}, start?: Float64Array): FitResult {
  const o = { ...LM_DEFAULTS, ...options };
  const ctx = makeContext(problem);
  let p = start ? Float64Array.from(start) : Float64Array.from(problem.parameters, (q) => q.initial);
  const free = problem.parameters.flatMap((q, j) => (q.fixed ? [] : [j]));
  let r = new Float64Array(problem.nResiduals);
  problem.residuals(p, r);
  let s = r.reduce((a, x) => a + x * x, 0);
  const deadline = o.timeoutSeconds === undefined ? Infinity : Date.now() + o.timeoutSeconds * 1000;
  let iterations = 0;
  let reason: StopReason = Number.isFinite(s) ? 'tolerance' : 'nan';
  let edm = 0;
  let damping: number = o.damping;
  let nu = 2;
  let radius = INITIAL_TRUST_RADIUS;
  let rejections = 0;
  let jac: Float64Array | undefined;
  while (reason === 'tolerance' && free.length > 0) {
    jac ??= residualJacobian(ctx, p, r, free);
    const state = activeSetAndEdm(ctx, p, r, jac, free);
    edm = state.edm;
    if (edm < o.edmTolerance) break;
    if (iterations >= o.maxIterations) reason = 'maxIterations';
    else if (Date.now() > deadline) reason = 'timeout';
    else if (rejections >= MAX_REJECTIONS) reason = 'stalled';
    if (reason !== 'tolerance') break;
    const cols = free.filter((j) => !state.held.has(j));
    const step = lmStep({
      ctx,
      p,
      r,
      s,
      cols,
      jac: subColumns(jac, free, cols, problem.nResiduals),
      damping,
      radius,
    });
    iterations++;
    if (!step.accepted) {
      rejections++;
      damping = Math.min(damping * nu, MAX_DAMPING);
      nu *= 2;
      radius = Math.max(radius / 4, MIN_TRUST_RADIUS);
      continue;
    }
    const rho = step.predicted > 0 ? (s - step.s) / step.predicted : 1;
    rejections = 0;
    damping = Math.max(damping * Math.max(1 / 3, 1 - (2 * rho - 1) ** 3), MIN_DAMPING);
    nu = 2;
    if (rho > 0.75 && step.hitBox) radius = Math.min(radius * 2, MAX_TRUST_RADIUS);
    else if (rho < 0.25) radius = Math.max(radius / 4, MIN_TRUST_RADIUS);
    p = Float64Array.from(step.p);
    r = Float64Array.from(step.r);
    s = step.s;
    jac = undefined;
  }
  return buildFitResult({ ctx, p, r, free, iterations, reason, edm, options: o });
}

function makeContext(problem: ResidualProblem): JacobianContext {
  const names = new Set<string>();
  const lower = new Float64Array(problem.parameters.length);
  const upper = new Float64Array(problem.parameters.length);
  const typical = new Float64Array(problem.parameters.length);
  const logScale = new Uint8Array(problem.parameters.length);
  problem.parameters.forEach((q, j) => {
    if (names.has(q.name))
      throw new FitError('invalid_input', `parameter ${q.name} is defined twice`, [q.name]);
    names.add(q.name);
    const lo = q.lower ?? -Infinity;
    const hi = q.upper ?? Infinity;
    if (!Number.isFinite(q.initial) || !(lo <= q.initial && q.initial <= hi) || !(lo < hi || q.fixed)) {
      throw new FitError(
        'invalid_input',
        `parameter ${q.name}: initial value ${q.initial} is not a finite number within [${lo}, ${hi}]`,
        [q.name],
      );
    }
    if (q.logScale && !(lo > 0)) {
      throw new FitError(
        'invalid_input',
        `parameter ${q.name}: a log-scale parameter needs a lower bound > 0`,
        [q.name],
      );
    }
    lower[j] = lo;
    upper[j] = hi;
    logScale[j] = q.logScale ? 1 : 0;
    typical[j] = q.scale ?? (q.initial !== 0 ? Math.abs(q.initial) : 1);
  });
  if (!(problem.nResiduals >= 1)) throw new FitError('invalid_input', 'the fit has no data (0 residuals)');
  return { problem, lower, upper, typical, logScale };
}

/** Columns `cols` (a subset of `free`) of a Jacobian over `free`. */
function subColumns(
  jac: Float64Array,
  free: readonly number[],
  cols: readonly number[],
  m: number,
): Float64Array {
  if (cols.length === free.length) return jac;
  const k = free.length;
  const idx = cols.map((j) => free.indexOf(j));
  const out = new Float64Array(m * cols.length);
  for (let i = 0; i < m; i++) idx.forEach((c, a) => (out[i * cols.length + a] = jac[i * k + c] as number));
  return out;
}

/**
 * The parameters held for the next step, and the EDM of the others:
 * - active: on a bound with the descent direction −g pointing out of the range (KKT);
 * - flat: moving the parameter by its typical size changes the residuals by < 1e-9·max(1, |r|) (a zero
 *   column of J, e.g. s at s = 0 where F depends on s² only). Such a parameter cannot lower S to
 *   first order; a Gauss–Newton step along it would be arbitrary, and its 0/0 share of the EDM noise.
 * The EDM is computed on the diagonally scaled JᵀJ with a 1e-12 ridge, so near-degenerate
 * combinations do not blow it up.
 */
function activeSetAndEdm(
  ctx: JacobianContext,
  p: Float64Array,
  r: Float64Array,
  jac: Float64Array,
  free: readonly number[],
): { held: Set<number>; edm: number } {
  const k = free.length;
  const { jtj, jtr } = normalEquations(jac, r, ctx.problem.nResiduals, k);
  const rNorm = Math.sqrt(r.reduce((a, x) => a + x * x, 0));
  const held = new Set<number>();
  free.forEach((j, c) => {
    const g = jtr[c] as number;
    const side = isAtBound(ctx, p, j);
    const flat =
      Math.sqrt(jtj[c * k + c] as number) * (ctx.typical[j] as number) <= 1e-9 * Math.max(1, rNorm);
    if (flat || (side === 'lower' && g > 0) || (side === 'upper' && g < 0)) held.add(j);
  });
  const keep = free.flatMap((j, c) => (held.has(j) ? [] : [c]));
  const kk = keep.length;
  if (kk === 0) return { held, edm: 0 };
  const h = new Float64Array(kk * kk);
  const g = new Float64Array(kk);
  const scale = keep.map((a) => 1 / Math.sqrt(jtj[a * k + a] as number));
  keep.forEach((a, ia) => {
    g[ia] = (jtr[a] as number) * (scale[ia] as number);
    keep.forEach(
      (b, ib) =>
        (h[ia * kk + ib] = (jtj[a * k + b] as number) * (scale[ia] as number) * (scale[ib] as number)),
    );
  });
  for (let i = 0; i < kk; i++) h[i * kk + i] = 1 + 1e-12;
  const l = cholesky(h, kk, 0);
  if (!l) return { held, edm: Infinity };
  const x = choleskySolve(l, g, kk);
  let edm = 0;
  for (let i = 0; i < kk; i++) edm += (g[i] as number) * (x[i] as number);
  return { held, edm: Number.isFinite(edm) ? edm : Infinity };
}
