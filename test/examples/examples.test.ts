/** Every example runs and returns what its doc comment promises (STYLE.md P14: examples are executed). */
import { describe, expect, test } from 'vitest';
import { main as wimp } from '../../examples/coherencyAtWimpRecoils.js';
import { main as csi } from '../../examples/analyzeCoherentCsI.js';

describe('examples', () => {
  test('coherencyAtWimpRecoils: α ≈ 0.49, 0.22, 0.14 (paper, ±0.01)', () => {
    const rows = wimp();
    expect(rows.map((r) => Math.round(r.alpha * 100) / 100)).toEqual([0.49, 0.22, 0.14]);
  });
  test('analyzeCoherentCsI: 12 bins with intervals inside [0, 1]', () => {
    const rows = csi();
    expect(rows).toHaveLength(12);
    for (const r of rows) {
      expect(r.alpha68[0]).toBeGreaterThanOrEqual(0);
      expect(r.alpha68[1]).toBeLessThanOrEqual(1);
      expect(r.alpha68[0]).toBeLessThanOrEqual(r.alphaHat);
    }
  });
});
