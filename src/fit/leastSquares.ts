/**
 * Weighted least squares of a user model y = f(x; p) to points (x_i, y_i ± σ_i), through the
 * Levenberg–Marquardt adapter. The data are pre-whitened, r_i = (y_i − f(x_i; p))/σ_i, so that
 * S = Σ r² is the χ² (STYLE.md P9). Asymmetric errors {lo, hi} use R. Barlow's switching convention
 * (arXiv:physics/0406120 §2, as likelihood/deviance `asymmetricGaussianDeviance`): σ = hi when the
 * prediction lies above the measurement, lo when below.
 */
import { FitError } from '../errors.js';
import { minimize } from './minimize.js';
import type { FitResult, LmOptions, ParameterSpec } from './types.js';

export interface DataPoint {
  readonly x: number;
  readonly y: number;
  /** 1σ uncertainty of y (> 0), or asymmetric {lo, hi}. */
  readonly sigma: number | { readonly lo: number; readonly hi: number };
}

export type ScalarModel = (p: Readonly<Record<string, number>>, x: number) => number;

/** Throw FitError naming the point unless every x, y is finite and every σ > 0. */
export function validatePoints(points: readonly DataPoint[]): void {
  if (points.length === 0)
    throw new FitError('invalid_input', 'points: expected at least one data point', ['points']);
  points.forEach((pt, i) => {
    for (const key of ['x', 'y'] as const) {
      if (!Number.isFinite(pt[key])) {
        throw new FitError('invalid_input', `points[${i}].${key}: expected a finite number, got ${pt[key]}`, [
          'points',
          i,
          key,
        ]);
      }
    }
    const sig = typeof pt.sigma === 'number' ? [pt.sigma] : [pt.sigma.lo, pt.sigma.hi];
    if (!sig.every((s) => Number.isFinite(s) && s > 0)) {
      throw new FitError(
        'invalid_input',
        `points[${i}].sigma: expected σ > 0, got ${JSON.stringify(pt.sigma)}`,
        ['points', i, 'sigma'],
      );
    }
  });
}

/** Whitened residual (y − f)/σ with Barlow's switching σ for asymmetric errors. */
export function whitenedResidual(y: number, f: number, sigma: DataPoint['sigma']): number {
  const s = typeof sigma === 'number' ? sigma : f > y ? sigma.hi : sigma.lo;
  return (y - f) / s;
}

/**
 * Fit `model` to `points`. Throws FitError only for unusable input; non-convergence, parameters at a
 * bound and unconstrained parameters are reported in `result.diagnostics`.
 * @example
 * const line: ScalarModel = (p, x) => p.a! + p.b! * x;
 * fitLeastSquares([{x: 0, y: 1, sigma: 0.1}, {x: 1, y: 3, sigma: 0.1}, {x: 2, y: 5, sigma: 0.1}], line,
 *   [{name: 'a', initial: 0}, {name: 'b', initial: 0}]).values  // ≈ {a: 1, b: 2}
 */
export function fitLeastSquares(
  points: readonly DataPoint[],
  model: ScalarModel,
  parameters: readonly ParameterSpec[],
  options: LmOptions = {},
): FitResult {
  validatePoints(points);
  const names = parameters.map((q) => q.name);
  const values: Record<string, number> = {};
  return minimize(
    {
      parameters,
      nResiduals: points.length,
      statistic: 'chi2',
      residuals(p, out) {
        names.forEach((nm, j) => (values[nm] = p[j] as number));
        points.forEach((pt, i) => (out[i] = whitenedResidual(pt.y, model(values, pt.x), pt.sigma)));
      },
    },
    options,
  );
}
