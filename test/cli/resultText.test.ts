/**
 * The text formatters every analysis report shares (src/cli/commands/resultText.ts): a NaN never reads
 * as a number or a significance, an underflowed p reads as a bound (issue 14, item 8).
 */
import { describe, expect, test } from 'vitest';
import { fmtInterval, fmtP, fmtZ } from '../../src/cli/commands/resultText.js';

describe('report formatters', () => {
  test('p: three decimals, exponent below 1e-3, a bound at 0, n/a for NaN', () => {
    expect(fmtP(0.0456)).toBe('0.046');
    expect(fmtP(6.3e-4)).toBe('6.3e-4');
    expect(fmtP(0)).toBe('< 1e-300');
    expect(fmtP(NaN)).toBe('n/a');
  });

  test('Z: two decimals, bounds at ±∞, never a number for NaN', () => {
    expect(fmtZ(2.731)).toBe('2.73');
    expect(fmtZ(Infinity)).toBe('> 37');
    expect(fmtZ(-Infinity)).toBe('−∞');
    expect(fmtZ(NaN)).toBe('n/a');
  });

  test('interval: two decimals, * for the hull of a disconnected set', () => {
    expect(fmtInterval({ lo: 0.3, hi: 1 })).toBe('[0.30, 1.00]');
    expect(fmtInterval({ lo: 0, hi: 0.763, connected: false })).toBe('[0.00, 0.76]*');
  });
});
