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

/** The fixture text of a value: rounded numbers, JSON.stringify(…, null, 2), trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(roundNumbersDeep(value), null, 2)}\n`;
}
