import { describe, expect, test } from 'vitest';
import { integrate } from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

describe('adaptive Gauss–Kronrod quadrature', () => {
  test('exact for polynomials of degree ≤ 22 on one panel (K15 degree of exactness 3·7+1)', () => {
    const r = integrate((x) => x ** 10 - 3 * x ** 4, 0, 2);
    expectRelClose(r.value, 2 ** 11 / 11 - (3 * 2 ** 5) / 5, 1e-14);
  });
  test.each([1e-6, 1e-9, 1e-12])(
    'error estimate bounds the true error at relTol %s (peaked integrand)',
    (relTol) => {
      // ∫_0^1 1/(1e-3 + (x − 0.3)²) dx = [atan((1 − 0.3)/a) + atan(0.3/a)]/a with a = sqrt(1e-3)
      const a = Math.sqrt(1e-3);
      const exact = (Math.atan(0.7 / a) + Math.atan(0.3 / a)) / a;
      const r = integrate((x) => 1 / (1e-3 + (x - 0.3) ** 2), 0, 1, { relTol, maxIntervals: 1000 });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(Math.max(r.errorEstimate, 1e-15 * exact));
      expect(Math.abs(r.value - exact) / exact).toBeLessThan(relTol);
    },
  );
  test('breakpoints handle a kink exactly', () => {
    const r = integrate((x) => Math.abs(x - 0.37), 0, 1, { breakpoints: [0.37] });
    expectRelClose(r.value, (0.37 ** 2 + 0.63 ** 2) / 2, 1e-14);
  });
  test('empty interval gives 0', () => {
    expect(integrate(() => 1, 1, 1).value).toBe(0);
  });
});
