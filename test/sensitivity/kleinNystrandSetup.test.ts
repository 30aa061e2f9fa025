/** A setup file can choose the Klein–Nystrand form factor as its "true" Γ model (issue 13). */
import { describe, expect, test } from 'vitest';
import { loadSetup } from '../../src/data/index.js';
import { SpecError } from '../../src/errors.js';
import { kleinNystrand, kleinNystrandFormFactor } from '../../src/physics/index.js';
import { presetSetupJson } from '../../src/sensitivity/index.js';

const BASE = presetSetupJson('csi-dar');

describe("setup model { kind: 'kleinNystrand' }", () => {
  test('defaults: R_A = 1.2 A^(1/3) fm, a = 0.7 fm, F_Z = F_N', () => {
    const s = loadSetup({ ...BASE, model: { kind: 'kleinNystrand' } }, 'kn');
    const g = s.model.gamma;
    const n = s.nuclei[0]!;
    expect(g.kind).toBe('formFactors');
    if (g.kind !== 'formFactors') return;
    for (const q2 of [0, 1e3, 5e3, 2e4]) {
      expect(g.protons(q2, n)).toBe(kleinNystrand(q2, n));
      expect(g.neutrons(q2, n)).toBe(kleinNystrand(q2, n));
    }
    expect(s.model.label).toBe('Klein–Nystrand form factor, R_A = 1.2·A^(1/3) fm, a = 0.7 fm');
  });

  test("COHERENT's R_A = 1.23 A^(1/3) fm", () => {
    const s = loadSetup({ ...BASE, model: { kind: 'kleinNystrand', rCoefficientFm: 1.23 } }, 'kn');
    const g = s.model.gamma;
    const n = s.nuclei[0]!;
    if (g.kind !== 'formFactors') throw new Error('expected form factors');
    expect(g.protons(5e3, n)).toBe(kleinNystrandFormFactor({ rCoefficientFm: 1.23 })(5e3, n));
  });

  test('a negative Yukawa range is refused, naming the field', () => {
    const bad = () => loadSetup({ ...BASE, model: { kind: 'kleinNystrand', yukawaRangeFm: -0.1 } }, 'kn');
    expect(bad).toThrow(SpecError);
    expect(bad).toThrow(/yukawaRangeFm/);
  });
});
