/**
 * Profile-likelihood intervals: equal to the covariance errors for a linear model, ΔS = δ exactly at
 * the ends for a nonlinear one, open when the data do not reach ΔS = δ before a bound.
 */
import { describe, expect, test } from 'vitest';
import { fitLeastSquares, minimize, profileInterval, type ResidualProblem } from '../../src/fit/index.js';
import { expectRelClose } from '../helpers.js';

const xs = [-2, -1, 0, 1, 2, 3];

function lineProblem(sigma: number): ResidualProblem {
  const ys = xs.map((x, i) => 0.3 + 1.2 * x + (i % 2 === 0 ? 0.05 : -0.04));
  return {
    parameters: [
      { name: 'a', initial: 0 },
      { name: 'b', initial: 0 },
    ],
    nResiduals: xs.length,
    residuals(p, out) {
      xs.forEach((x, i) => (out[i] = ((ys[i] as number) - (p[0] as number) - (p[1] as number) * x) / sigma));
    },
  };
}

describe('profile intervals', () => {
  test('linear model: [θ̂ − σ, θ̂ + σ] with σ from the covariance (1e-4 relative: ΔS tolerance 1e-4)', () => {
    const problem = lineProblem(0.1);
    const fit = minimize(problem);
    for (const name of ['a', 'b']) {
      const iv = profileInterval(problem, fit, name);
      expect(iv.valid).toBe(true);
      expect(iv.lowerOpen || iv.upperOpen).toBe(false);
      expectRelClose(iv.errorLow, fit.errors![name] as number, 1e-4, 0, `${name} low`);
      expectRelClose(iv.errorHigh, fit.errors![name] as number, 1e-4, 0, `${name} high`);
    }
  });

  test('nonlinear model: asymmetric, and the refit at each end has ΔS = 1', () => {
    // y = exp(θ x) with few points: the likelihood in θ is skewed.
    const pts = [0.5, 1, 1.5].map((x) => ({ x, y: Math.exp(0.8 * x) * (1 + 0.05 * x), sigma: 0.3 }));
    const params = [{ name: 'theta', initial: 0.1 }];
    const model = (p: Readonly<Record<string, number>>, x: number) => Math.exp((p.theta as number) * x);
    const fit = fitLeastSquares(pts, model, params);
    const problem: ResidualProblem = {
      parameters: params,
      nResiduals: pts.length,
      residuals: (p, out) =>
        pts.forEach((pt, i) => (out[i] = (pt.y - model({ theta: p[0] as number }, pt.x)) / pt.sigma)),
    };
    const iv = profileInterval(problem, fit, 'theta');
    expect(iv.errorLow).toBeGreaterThan(iv.errorHigh); // exp() rises faster above θ̂
    for (const end of [iv.lower, iv.upper]) {
      const r = new Float64Array(3);
      problem.residuals(Float64Array.of(end), r);
      const d = r.reduce((s, x) => s + x * x, 0) - fit.chi2;
      expect(Math.abs(d - 1)).toBeLessThan(1e-3);
    }
  });

  test('ΔS curve: 0 at the minimum, ≥ 0 everywhere, above δ outside the interval', () => {
    const problem = lineProblem(0.1);
    const fit = minimize(problem);
    const iv = profileInterval(problem, fit, 'b', { curvePoints: 9 });
    expect(iv.curve).toHaveLength(9);
    for (const pt of iv.curve!) {
      // The global minimum is only known to within its EDM tolerance (1e-7).
      expect(pt.deltaChi2).toBeGreaterThanOrEqual(-1e-7);
      if (pt.value < iv.lower - 1e-9 || pt.value > iv.upper + 1e-9) expect(pt.deltaChi2).toBeGreaterThan(1);
    }
  });

  test('a parameter the data cannot bound: the interval is open at the bound, with a message', () => {
    // y = a·(1 − exp(−x/c)) at x ≫ c: any small c fits equally well.
    const pts = [50, 60, 70].map((x) => ({ x, y: 2, sigma: 0.1 }));
    const params = [
      { name: 'a', initial: 1 },
      { name: 'c', initial: 1, lower: 0.01, upper: 5 },
    ];
    const model = (p: Readonly<Record<string, number>>, x: number) =>
      (p.a as number) * (1 - Math.exp(-x / (p.c as number)));
    const fit = fitLeastSquares(pts, model, params);
    const problem: ResidualProblem = {
      parameters: params,
      nResiduals: 3,
      residuals: (p, out) =>
        pts.forEach(
          (pt, i) => (out[i] = (pt.y - model({ a: p[0] as number, c: p[1] as number }, pt.x)) / pt.sigma),
        ),
    };
    const iv = profileInterval(problem, fit, 'c');
    expect(iv.lowerOpen).toBe(true);
    expect(iv.lower).toBe(0.01);
    expect(iv.messages.join('\n')).toMatch(/no lower limit/);
  });

  test('a fixed parameter cannot be profiled', () => {
    const problem = lineProblem(0.1);
    const fixed: ResidualProblem = {
      ...problem,
      parameters: [
        { name: 'a', initial: 0, fixed: true },
        { name: 'b', initial: 0 },
      ],
    };
    expect(() => profileInterval(fixed, minimize(fixed), 'a')).toThrow(/not a free parameter/);
  });
});
