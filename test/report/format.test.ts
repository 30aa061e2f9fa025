import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ToolkitError } from '../../src/errors.js';
import { assertNotNaN, formatDefault, formatNumber, numberFormatter } from '../../src/report/index.js';

describe('formatNumber', () => {
  test.for([
    [0.123456, {}, '0.1235'],
    [123456, {}, '123500'],
    [1.5e-7, {}, '1.500e-7'],
    [6.02214076e23, {}, '6.022e23'],
    [9.99996, {}, '10.00'], // rounding carries into the next decade: still 4 significant digits
    [999999.7, {}, '1.000e6'], // rounds to 1e6, which is at the scientific threshold
    [-0.000999, {}, '-9.990e-4'],
    [0.001, {}, '0.001000'],
    [2, { digits: 3 }, '2.00'],
    [0.045, { digits: 2, sciBelow: 0.1 }, '4.5e-2'],
    [0, {}, '0'],
    [-0, {}, '0'],
    [Infinity, {}, '∞'],
    [-Infinity, {}, '-∞'],
  ] as const)('%s with %o → %s', ([value, options, expected]) => {
    expect(formatNumber(value, options)).toBe(expected);
  });

  test('NaN is never printed: it throws a ToolkitError (invalid_input)', () => {
    expect(() => formatNumber(NaN)).toThrow(ToolkitError);
    expect(() => assertNotNaN(NaN, ['rows', 2, 'alpha'])).toThrow(/NaN .* at rows\.2\.alpha/);
  });

  test('options are checked', () => {
    expect(() => formatNumber(1, { digits: 0 })).toThrow(/digits = 0/);
    expect(() => numberFormatter({ sciBelow: 1, sciAbove: 1 })).toThrow(ToolkitError);
  });

  // Rounding to d significant digits moves a value by at most half a unit in the last digit,
  // i.e. a relative 0.5·10^(1−d); 1e-12 of slack covers the decimal↔binary conversions.
  // |x| ≤ 1e300 because near the top of the double range the rounded text (e.g. '-2e308' for
  // -1.5e308 at d = 1) is a correct decimal that no longer parses to a finite double.
  test('round trip: the printed value is within half a unit in the d-th digit of the input', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e300, max: 1e300 }),
        fc.integer({ min: 1, max: 15 }),
        (x, d) => {
          const back = Number(formatNumber(x, { digits: d }));
          const tol = 0.5 * 10 ** (1 - d) * (1 + 1e-12);
          return x === 0 ? back === 0 : Math.abs(back - x) <= tol * Math.abs(x);
        },
      ),
    );
  });
});

describe('formatDefault', () => {
  test('integers (counts) print exactly, other numbers to 4 significant digits', () => {
    expect(formatDefault(134)).toBe('134');
    expect(formatDefault(-7)).toBe('-7');
    expect(formatDefault(0.521034)).toBe('0.5210');
    expect(formatDefault(1e20)).toBe('1.000e20');
  });
});
