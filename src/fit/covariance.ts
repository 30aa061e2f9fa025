/**
 * From a minimum to a trusted fit result (STYLE.md P8): covariance, correlation, goodness of fit and
 * the diagnostics that say how far the numbers can be trusted.
 *
 * Covariance: C = (JᵀJ)⁻¹ with J = ∂r/∂p at the minimum (central differences), the Gauss–Newton
 * approximation of 2·(∂²S/∂p²)⁻¹ for S = Σ r² (exact for residuals linear in p; for Poisson deviance
 * residuals it is the Fisher information evaluated at the data, equal to the observed Hessian to
 * leading order in 1/n). It is computed through the Cholesky factor of the diagonally scaled matrix
 * D JᵀJ D, D = diag(JᵀJ)^{−1/2}, so that parameters of very different sizes do not fake a singular
 * matrix; a pivot below 1e-10 means "not positive-definite" (condition number ≳ 1e10).
 *
 * Goodness of fit: ndf = (#residuals) − (#free parameters) − (#analytically profiled parameters),
 * p = P(χ²_ndf ≥ S_min) (upper regularised incomplete Γ, likelihood/asymptotics `chiSquareSurvival`).
 * For Poisson data this is Wilks' asymptotic law for the Baker–Cousins χ² (valid for counts ≳ 5 per bin).
 */
import { chiSquareSurvival } from '../likelihood/index.js';
import { isAtBound, residualJacobian, type JacobianContext } from './jacobian.js';
import {
  cholesky,
  choleskyInverse,
  correlationFromCovariance,
  normalEquations,
  symmetricEigen,
} from './linalg.js';
import type { LmFitDiagnostics, FitResult, StopReason } from './types.js';

const POS_DEF_PIVOT = 1e-10;
const NULL_EIGENVALUE = 1e-10;

export interface MinimumState {
  readonly ctx: JacobianContext;
  readonly p: Float64Array;
  readonly r: Float64Array;
  readonly free: readonly number[];
  readonly iterations: number;
  readonly reason: StopReason;
  readonly edm: number;
  readonly options: { readonly maxIterations: number; readonly edmTolerance: number };
}

interface CovarianceInfo {
  covariance?: Float64Array;
  posDef: boolean;
  unconstrained: number[];
}

/** Covariance of the free parameters from J (m × k over `free`), flags for unconstrained ones. */
export function covarianceFromJacobian(
  jac: Float64Array,
  r: Float64Array,
  m: number,
  k: number,
): CovarianceInfo {
  const { jtj } = normalEquations(jac, r, m, k);
  const unconstrained: number[] = [];
  const scale = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const d = jtj[a * k + a] as number;
    if (!(d > 0) || !Number.isFinite(d)) unconstrained.push(a);
    scale[a] = d > 0 && Number.isFinite(d) ? 1 / Math.sqrt(d) : 0;
  }
  if (unconstrained.length > 0 || k === 0) return { posDef: k === 0, unconstrained };
  const hs = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++)
      hs[a * k + b] = (jtj[a * k + b] as number) * (scale[a] as number) * (scale[b] as number);
  const l = cholesky(hs, k, POS_DEF_PIVOT);
  if (!l) {
    // Which parameters span the (near-)null space of the scaled JᵀJ?
    const { values, vectors } = symmetricEigen(hs, k);
    const top = Math.max(...values);
    const flagged = new Set<number>();
    values.forEach((ev, c) => {
      if (ev > NULL_EIGENVALUE * top) return;
      for (let a = 0; a < k; a++) if (Math.abs(vectors[a * k + c] as number) > 0.1) flagged.add(a);
    });
    return { posDef: false, unconstrained: [...flagged].sort((x, y) => x - y) };
  }
  const inv = choleskyInverse(l, k);
  const cov = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++)
      cov[a * k + b] = (inv[a * k + b] as number) * (scale[a] as number) * (scale[b] as number);
  return { covariance: cov, posDef: true, unconstrained };
}

const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

/** Assemble the {@link FitResult} at the point where the minimiser stopped. */
export function buildFitResult(st: MinimumState): FitResult {
  const { ctx, p, r, free } = st;
  const params = ctx.problem.parameters;
  const m = ctx.problem.nResiduals;
  const k = free.length;
  const chi2 = r.reduce((s, v) => s + v * v, 0);
  const finite = Number.isFinite(chi2);
  const order = free.map((j) => (params[j] as { name: string }).name);
  const jac = finite && k > 0 ? residualJacobian(ctx, p, r, free) : new Float64Array(0);
  const info: CovarianceInfo = finite
    ? covarianceFromJacobian(jac, r, m, k)
    : { posDef: false, unconstrained: [] };
  const errors: Record<string, number> = {};
  if (info.covariance) {
    free.forEach((j, c) => {
      const err = Math.sqrt(info.covariance![c * k + c] as number);
      errors[order[c] as string] = err;
      // A 1σ error wider than half the allowed range: the data do not constrain this parameter.
      if (err > 0.5 * ((ctx.upper[j] as number) - (ctx.lower[j] as number))) info.unconstrained.push(c);
    });
  }
  const atLimit = free.flatMap((j) => (isAtBound(ctx, p, j) ? [(params[j] as { name: string }).name] : []));
  const unconstrained = [...new Set(info.unconstrained)].map((c) => order[c] as string);
  const converged = st.reason === 'tolerance' && finite;
  const messages: string[] = [];
  if (!converged) {
    messages.push(
      st.reason === 'nan'
        ? 'fit failed: the model returned NaN (parameters outside its domain)'
        : `fit did not converge (${st.reason} after ${st.iterations} iterations, EDM = ${fmt(st.edm)} > ${fmt(st.options.edmTolerance)})`,
    );
  }
  for (const name of atLimit) {
    const j = params.findIndex((q) => q.name === name);
    const side = isAtBound(ctx, p, j);
    messages.push(
      `${name} is at its ${side} bound ${fmt(p[j] as number)}: its error and interval are one-sided at best`,
    );
  }
  if (finite && k > 0 && !info.posDef)
    messages.push('covariance matrix is not positive-definite: no covariance errors');
  for (const name of unconstrained) messages.push(`the data do not constrain ${name}`);
  const ndf = m - k - (ctx.problem.nProfiled ?? 0);
  const values: Record<string, number> = {};
  params.forEach((q, j) => (values[q.name] = p[j] as number));
  const diagnostics: LmFitDiagnostics = {
    converged,
    iterations: st.iterations,
    reason: st.reason,
    edm: st.edm,
    atLimit,
    covariancePosDef: info.posDef,
    unconstrained,
    messages,
  };
  return {
    values,
    ...(info.covariance
      ? { errors, covariance: info.covariance, correlation: correlationFromCovariance(info.covariance, k) }
      : {}),
    order,
    fixed: params.flatMap((q) => (q.fixed ? [q.name] : [])),
    chi2,
    minNll: chi2 / 2,
    statistic: ctx.problem.statistic ?? 'chi2',
    ndf,
    chi2PerNdf: ndf > 0 ? chi2 / ndf : NaN,
    ...(ndf > 0 && finite ? { pValue: chiSquareSurvival(chi2, ndf) } : {}),
    nResiduals: m,
    diagnostics,
  };
}
