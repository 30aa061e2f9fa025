/**
 * Finite-difference Jacobian of a residual vector, J_ij = ∂r_i/∂p_j, respecting parameter bounds.
 *
 * Step h_j = ε^{1/3}·max(|p_j|, typical_j) with ε the double-precision epsilon (≈ 6e-6 relative):
 * the step that balances the O(h²) truncation error of the central difference against the O(ε/h)
 * rounding error (W.H. Press et al., "Numerical Recipes", 3rd ed., §5.7). Near a bound, where p ± h
 * would leave the allowed range, the second-order one-sided formulas
 *   r′ ≈ (−3 r(p) + 4 r(p+h) − r(p+2h))/(2h)     (forward),
 *   r′ ≈ ( 3 r(p) − 4 r(p−h) + r(p−2h))/(2h)     (backward)
 * keep the same O(h²) accuracy without evaluating outside the domain. If the model returns NaN on
 * one side (it left its physical domain), the other one-sided formula is tried.
 */
import type { ResidualProblem } from './types.js';

const FD_RELATIVE_STEP = Math.cbrt(Number.EPSILON);

export interface JacobianContext {
  readonly problem: ResidualProblem;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Typical magnitude per parameter (full vector). */
  readonly typical: Float64Array;
  /** 1 where the minimiser works in ln p. */
  readonly logScale: Uint8Array;
}

/**
 * Row-major m × k Jacobian of r with respect to the parameters `columns` (indices into the full
 * vector), at p, given r0 = r(p). p is restored before returning.
 */
export function residualJacobian(
  ctx: JacobianContext,
  p: Float64Array,
  r0: Float64Array,
  columns: readonly number[],
): Float64Array {
  const m = ctx.problem.nResiduals;
  const k = columns.length;
  const jac = new Float64Array(m * k);
  const ra = new Float64Array(m);
  const rb = new Float64Array(m);
  const evalAt = (j: number, x: number, out: Float64Array): boolean => {
    const saved = p[j] as number;
    p[j] = x;
    ctx.problem.residuals(p, out);
    p[j] = saved;
    for (let i = 0; i < m; i++) if (Number.isNaN(out[i])) return false;
    return true;
  };
  columns.forEach((j, c) => {
    const pj = p[j] as number;
    const h = FD_RELATIVE_STEP * Math.max(Math.abs(pj), ctx.typical[j] as number);
    const lo = ctx.lower[j] as number;
    const hi = ctx.upper[j] as number;
    const set = (f: (i: number) => number): void => {
      for (let i = 0; i < m; i++) jac[i * k + c] = f(i);
    };
    const canUp = pj + 2 * h <= hi;
    const canDown = pj - 2 * h >= lo;
    if (pj + h <= hi && pj - h >= lo && evalAt(j, pj + h, ra) && evalAt(j, pj - h, rb)) {
      set((i) => ((ra[i] as number) - (rb[i] as number)) / (2 * h));
    } else if (canUp && evalAt(j, pj + h, ra) && evalAt(j, pj + 2 * h, rb)) {
      set((i) => (-3 * (r0[i] as number) + 4 * (ra[i] as number) - (rb[i] as number)) / (2 * h));
    } else if (canDown && evalAt(j, pj - h, ra) && evalAt(j, pj - 2 * h, rb)) {
      set((i) => (3 * (r0[i] as number) - 4 * (ra[i] as number) + (rb[i] as number)) / (2 * h));
    } else {
      // Range narrower than 2h, or NaN on every side: first-order difference inside the range.
      const x = pj + h <= hi ? pj + h : pj - h;
      if (evalAt(j, x, ra)) set((i) => ((ra[i] as number) - (r0[i] as number)) / (x - pj));
      else set(() => NaN);
    }
  });
  return jac;
}

/** 'lower' | 'upper' when p_j sits on that bound (within 1e-10 of the parameter's typical size). */
export function isAtBound(ctx: JacobianContext, p: Float64Array, j: number): 'lower' | 'upper' | undefined {
  const tol = 1e-10 * Math.max(ctx.typical[j] as number, Math.abs(p[j] as number));
  if ((p[j] as number) - (ctx.lower[j] as number) <= tol) return 'lower';
  if ((ctx.upper[j] as number) - (p[j] as number) <= tol) return 'upper';
  return undefined;
}
