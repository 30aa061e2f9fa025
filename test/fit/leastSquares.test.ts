/**
 * The Levenberg–Marquardt adapter pinned against closed forms (STYLE.md P9): weighted straight line
 * (normal equations), χ²/ndf over toys, and the diagnostics of fits that cannot be trusted.
 */
import { describe, expect, test } from 'vitest';
import { FitError } from '../../src/errors.js';
import { fitLeastSquares, minimize, type DataPoint, type ScalarModel } from '../../src/fit/index.js';
import { createRng } from '../../src/toys/index.js';
import { expectRelClose } from '../helpers.js';
import { sampleStats } from './fitHelpers.js';

const line: ScalarModel = (p, x) => (p.a as number) + (p.b as number) * x;
const LINE_PARAMS = [
  { name: 'a', initial: 0 },
  { name: 'b', initial: 0 },
];

/** Closed-form weighted least squares of y = a + b x (e.g. PDG "Statistics" §40.2.2). */
function wlsLine(points: readonly { x: number; y: number; sigma: number }[]) {
  let s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0; // prettier-ignore
  for (const { x, y, sigma } of points) {
    const w = 1 / sigma ** 2;
    s += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
  }
  const det = s * sxx - sx * sx;
  return {
    a: (sxx * sy - sx * sxy) / det,
    b: (s * sxy - sx * sy) / det,
    va: sxx / det,
    vb: s / det,
    cab: -sx / det,
  };
}

describe('straight line with known σ_i', () => {
  const rng = createRng(11, 'line');
  const points = Array.from({ length: 12 }, (_, i) => {
    const sigma = 0.05 + 0.02 * i;
    return { x: i - 3, y: 1.5 - 0.7 * (i - 3) + sigma * rng.normal(), sigma };
  });

  test('values and covariance equal the normal-equation solution (1e-7 relative: FD Jacobian of a linear model)', () => {
    const fit = fitLeastSquares(points, line, LINE_PARAMS);
    const ref = wlsLine(points);
    expect(fit.diagnostics.converged).toBe(true);
    expectRelClose(fit.values.a as number, ref.a, 1e-7, 0, 'a');
    expectRelClose(fit.values.b as number, ref.b, 1e-7, 0, 'b');
    expectRelClose(fit.covariance![0] as number, ref.va, 1e-7, 0, 'var a');
    expectRelClose(fit.covariance![3] as number, ref.vb, 1e-7, 0, 'var b');
    expectRelClose(fit.covariance![1] as number, ref.cab, 1e-7, 0, 'cov ab');
    expectRelClose(fit.correlation![1] as number, ref.cab / Math.sqrt(ref.va * ref.vb), 1e-7, 0, 'ρ');
    expect(fit.ndf).toBe(10);
  });

  test('χ² is Σ((y − f)/σ)² computed by hand: σ means σ, not 1/σ or σ² (STYLE.md §4.6)', () => {
    const fit = fitLeastSquares(points, line, LINE_PARAMS);
    const chi2 = points.reduce((acc, pt) => acc + ((pt.y - line(fit.values, pt.x)) / pt.sigma) ** 2, 0);
    expectRelClose(fit.chi2, chi2, 1e-12, 0, 'χ²');
    expect(fit.minNll).toBe(fit.chi2 / 2);
  });

  test('over 400 toys χ²/ndf has mean 1 and the slope pull has mean 0, width 1 (3σ Monte Carlo)', () => {
    const chi2: number[] = [];
    const pulls: number[] = [];
    const pValues: number[] = [];
    for (let t = 0; t < 400; t++) {
      const r = createRng(12, `toy${t}`);
      const pts = points.map((pt) => ({ ...pt, y: 1.5 - 0.7 * pt.x + pt.sigma * r.normal() }));
      const fit = fitLeastSquares(pts, line, LINE_PARAMS);
      chi2.push(fit.chi2PerNdf);
      pulls.push(((fit.values.b as number) + 0.7) / (fit.errors!.b as number));
      pValues.push(fit.pValue as number);
    }
    const c = sampleStats(chi2);
    expect(Math.abs(c.mean - 1)).toBeLessThan(3 * Math.sqrt(2 / 10 / 400));
    const p = sampleStats(pulls);
    expect(Math.abs(p.mean)).toBeLessThan(3 * p.meanErr);
    expect(Math.abs(p.sd - 1)).toBeLessThan(3 * p.sdErr);
    // p-values uniform: mean 1/2 ± 3·(1/√12)/√400.
    expect(Math.abs(sampleStats(pValues).mean - 0.5)).toBeLessThan((3 * (1 / Math.sqrt(12))) / 20);
  });
});

describe('diagnostics instead of silently wrong numbers', () => {
  const pts: DataPoint[] = [0, 1, 2, 3, 4].map((x) => ({ x, y: 2 * Math.exp(-x / 1.5), sigma: 0.01 }));
  const decay: ScalarModel = (p, x) => (p.a as number) * Math.exp(-x / (p.tau as number));

  test('a parameter the model ignores: no covariance, flagged unconstrained, no exception', () => {
    const fit = fitLeastSquares(pts, decay, [
      { name: 'a', initial: 1 },
      { name: 'tau', initial: 1, lower: 0.1 },
      { name: 'unused', initial: 0 },
    ]);
    expect(fit.diagnostics.covariancePosDef).toBe(false);
    expect(fit.errors).toBeUndefined();
    expect(fit.diagnostics.unconstrained).toEqual(['unused']);
    expect(fit.diagnostics.messages.join('\n')).toMatch(/do not constrain unused/);
    expectRelClose(fit.values.tau as number, 1.5, 1e-6);
  });

  test('too few iterations: converged = false with the reason, values still returned', () => {
    const fit = fitLeastSquares(pts, decay, [
      { name: 'a', initial: 0.2 },
      { name: 'tau', initial: 10, lower: 0.1 },
    ], { maxIterations: 2 }); // prettier-ignore
    expect(fit.diagnostics.converged).toBe(false);
    expect(fit.diagnostics.reason).toBe('maxIterations');
    expect(fit.diagnostics.messages[0]).toMatch(/did not converge/);
  });

  test('a bound that stops the fit: atLimit, still converged (KKT), message', () => {
    const fit = fitLeastSquares(pts, decay, [
      { name: 'a', initial: 1, upper: 1.5 },
      { name: 'tau', initial: 1, lower: 0.1 },
    ]);
    expect(fit.diagnostics.converged).toBe(true);
    expect(fit.values.a).toBe(1.5);
    expect(fit.diagnostics.atLimit).toEqual(['a']);
    expect(fit.diagnostics.messages.join('\n')).toMatch(/a is at its upper bound/);
  });

  test('a model that is NaN at the start: reason nan, no exception', () => {
    const fit = fitLeastSquares(pts, (p, x) => Math.sqrt(p.a as number) * x, [{ name: 'a', initial: -1 }]);
    expect(fit.diagnostics.reason).toBe('nan');
    expect(fit.diagnostics.converged).toBe(false);
  });

  test('log-scale parameter spanning decades converges from far away', () => {
    const fit = fitLeastSquares(pts, decay, [
      { name: 'a', initial: 1 },
      { name: 'tau', initial: 100, lower: 1e-3, upper: 1e4, logScale: true },
    ]);
    expect(fit.diagnostics.converged).toBe(true);
    expectRelClose(fit.values.tau as number, 1.5, 1e-6);
  });

  test('asymmetric σ: Barlow switching (σ_hi when the model lies above the point)', () => {
    const fit = fitLeastSquares(
      [
        { x: 0, y: 0, sigma: { lo: 1, hi: 2 } },
        { x: 1, y: 0, sigma: 1 },
      ],
      line,
      [
        { name: 'a', initial: 1, fixed: true },
        { name: 'b', initial: 0, fixed: true },
      ],
    );
    // model a = 1 above both points: residuals (0 − 1)/2 and (0 − 1)/1.
    expectRelClose(fit.chi2, 0.25 + 1, 1e-14);
    expect(fit.order).toEqual([]);
    expect(fit.fixed).toEqual(['a', 'b']);
  });

  test('unusable input throws FitError naming the field', () => {
    expect(() => fitLeastSquares([{ x: 0, y: 1, sigma: 0 }], line, LINE_PARAMS)).toThrow(
      /points\[0\]\.sigma/,
    );
    expect(() => fitLeastSquares(pts, line, [...LINE_PARAMS, { name: 'a', initial: 1 }])).toThrow(FitError);
    expect(() => fitLeastSquares(pts, line, [{ name: 'a', initial: 5, upper: 1 }])).toThrow(/within/);
    expect(() =>
      minimize({ parameters: [{ name: 'x', initial: 1 }], nResiduals: 0, residuals: () => undefined }),
    ).toThrow(/no data/);
  });
});
