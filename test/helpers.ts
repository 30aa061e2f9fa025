/** Shared test helpers: a relative-tolerance comparison that reports x, expected, Δ and tol. */
import { expect } from 'vitest';

/** |actual − expected| ≤ rtol·|expected| (+ atol), with a message that shows all numbers. */
export function expectRelClose(actual: number, expected: number, rtol: number, atol = 0, what = ''): void {
  const diff = Math.abs(actual - expected);
  const tol = rtol * Math.abs(expected) + atol;
  expect(
    diff <= tol,
    `${what} actual=${actual} expected=${expected} Δ=${diff.toExponential(3)} tol=${tol.toExponential(3)}`,
  ).toBe(true);
}
