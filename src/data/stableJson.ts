/**
 * Byte-stable JSON for committed fixtures: every number rounded to 10 significant digits (so the text
 * does not depend on the last bits of platform libm results), 2-space indentation, final newline.
 * Integers (counts) are unchanged by the rounding. Readers compare regenerated values with a relative
 * tolerance ≥ 5e-10 (half a unit in the 10th digit).
 */

/** Significant digits kept in fixtures. */
export const FIXTURE_SIGNIFICANT_DIGITS = 10;

/** x rounded to `digits` significant digits (0, non-finite and integers below 1e10 pass unchanged). */
export function roundSignificant(x: number, digits = FIXTURE_SIGNIFICANT_DIGITS): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/** A deep copy of a JSON-like value with every number rounded (roundSignificant). */
export function roundNumbersDeep<T>(value: T, digits = FIXTURE_SIGNIFICANT_DIGITS): T {
  if (typeof value === 'number') return roundSignificant(value, digits) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => roundNumbersDeep(v, digits)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = roundNumbersDeep(v, digits);
    return out as T;
  }
  return value;
}

export interface StableJsonOptions {
  /**
   * Write arrays of numbers on one line (`[1, 2, 3]`) instead of one number per line — for fixtures
   * holding templates (thousands of numbers), where it divides the file size by about four.
   */
  readonly inlineNumberArrays?: boolean;
}

/** JSON.stringify(…, null, 2)'s layout, except that arrays of numbers stay on one line. */
function stringifyInlineArrays(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number'))
      return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + stringifyInlineArrays(v ?? null, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyInlineArrays(v, inner)}`);
    return `{\n${body.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The fixture text of a value: rounded numbers, JSON.stringify(…, null, 2), trailing newline. */
export function stableJson(value: unknown, options: StableJsonOptions = {}): string {
  const rounded = roundNumbersDeep(value);
  const text = options.inlineNumberArrays
    ? stringifyInlineArrays(rounded, '')
    : JSON.stringify(rounded, null, 2);
  return `${text}\n`;
}
