/**
 * Number formatting for human-readable output (terminal tables, Markdown, plot labels).
 *
 * Policy (STYLE.md P7 and §4.11): a NaN handed to the output layer is a bug upstream, so it is
 * never printed; it throws a {@link ToolkitError} naming where it was found. Infinities are shown
 * on purpose as `∞` / `-∞`. Missing values (`null`, `undefined`) are shown as {@link MISSING}.
 */
import { ToolkitError } from '../errors.js';

/** What a missing value (`null` or `undefined`) looks like in human-readable output. */
export const MISSING = '—';

/** Options of {@link formatNumber}. */
export interface NumberFormatOptions {
  /** Significant digits, an integer in 1..17. Default 4. */
  readonly digits?: number;
  /** Non-zero magnitudes below this are written in scientific notation. Default 1e-3. */
  readonly sciBelow?: number;
  /** Magnitudes at or above this are written in scientific notation. Default 1e6, at most 1e21. */
  readonly sciAbove?: number;
}

/** The defaults of {@link NumberFormatOptions}, in one place (STYLE.md §4.3). */
export const NUMBER_FORMAT_DEFAULTS = { digits: 4, sciBelow: 1e-3, sciAbove: 1e6 } as const;

/**
 * Throw a ToolkitError (`invalid_input`) if `value` is NaN; `path` names the offending cell.
 * @example
 * assertNotNaN(0.5, ['rows', 3, 'alpha']) // returns 0.5
 */
export function assertNotNaN(value: number, path: readonly (string | number)[] = []): number {
  if (Number.isNaN(value)) {
    const where = path.length > 0 ? ` at ${path.map(String).join('.')}` : '';
    throw new ToolkitError('invalid_input', `NaN handed to the output layer${where}`, path);
  }
  return value;
}

function checkOptions(options: NumberFormatOptions): Required<NumberFormatOptions> {
  const o = { ...NUMBER_FORMAT_DEFAULTS, ...options };
  if (!Number.isInteger(o.digits) || o.digits < 1 || o.digits > 17) {
    throw new ToolkitError('invalid_input', `digits = ${o.digits}: expected an integer in 1..17`, ['digits']);
  }
  if (!(o.sciBelow >= 0) || !(o.sciAbove > o.sciBelow) || !(o.sciAbove <= 1e21)) {
    throw new ToolkitError(
      'invalid_input',
      `sciBelow = ${o.sciBelow}, sciAbove = ${o.sciAbove}: expected 0 <= sciBelow < sciAbove <= 1e21`,
      ['sciAbove'],
    );
  }
  return o;
}

/** Decimal exponent of a finite non-zero number, exact (no log10 rounding). */
function exponentOf(x: number): number {
  return Number(x.toExponential().split('e')[1]);
}

/**
 * Format a number to a fixed count of significant digits: fixed-point notation for moderate
 * magnitudes, scientific (`1.235e-5`, `6.022e23`) for very small or very large ones. Trailing
 * zeros are kept, so a column shows its precision. Zero is `0`; ±∞ is `∞` / `-∞`; NaN throws.
 * @example
 * formatNumber(0.123456)        // returns '0.1235'
 * formatNumber(123456)          // returns '123500'
 * formatNumber(1.5e-7)          // returns '1.500e-7'
 * formatNumber(2, { digits: 3 }) // returns '2.00'
 */
export function formatNumber(value: number, options: NumberFormatOptions = {}): string {
  assertNotNaN(value);
  const { digits, sciBelow, sciAbove } = checkOptions(options);
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  const magnitude = Math.abs(rounded);
  if (magnitude < sciBelow || magnitude >= sciAbove) {
    return value.toExponential(digits - 1).replace('e+', 'e');
  }
  const decimals = Math.max(0, digits - 1 - exponentOf(rounded));
  return rounded.toFixed(decimals);
}

/**
 * A reusable formatter with fixed options, for a table column's `format`.
 * @example
 * const f = numberFormatter({ digits: 3 });
 * f(0.04512) // returns '0.0451'
 */
export function numberFormatter(options: NumberFormatOptions = {}): (value: number) => string {
  checkOptions(options);
  return (value) => formatNumber(value, options);
}

/**
 * The default rendering of a number in a table: integers below 1e15 exactly (counts stay
 * counts), anything else by {@link formatNumber} with its defaults.
 * @example
 * formatDefault(134)      // returns '134'
 * formatDefault(0.521034) // returns '0.5210'
 */
export function formatDefault(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return formatNumber(value);
}
