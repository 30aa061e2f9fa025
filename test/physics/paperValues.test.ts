/**
 * Point values quoted by the paper (Sharma et al., PRD 103, 092002 (2021)) for α(T) under the Helm
 * form factor (Eq. 9) on its mean-A nuclei (Ar A=40, Ge A=73, Xe A=131). The paper prints two
 * decimals, so ±0.01 (half a unit in the last place plus the A ambiguity) is the tolerance, and ±1
 * keV_nr for energies printed as integers.
 */
import { describe, expect, test } from 'vitest';
import {
  PAPER_HELM_MODEL,
  coherencyAtRecoil,
  paperTarget,
  recoilWhereAlphaFalls,
} from '../../src/physics/index.js';

const nucleus = (s: 'Ar' | 'Ge' | 'Xe') => paperTarget(s).components[0]!.nucleus;
const alphaAt = (s: 'Ar' | 'Ge' | 'Xe', tKeV: number) =>
  coherencyAtRecoil(tKeV * 1e-3, nucleus(s), PAPER_HELM_MODEL).alpha;

describe('α(T) against the paper', () => {
  test.each([
    // Appendix A: WIMP recoil energies (Ar 99, Ge 74, Xe 35 keV_nr) → α as low as (0.49; 0.22; 0.14)
    ['Ar', 99, 0.49],
    ['Ge', 74, 0.22],
    ['Xe', 35, 0.14],
    // Eq. 10: Ar @ DAR-π α ∈ [0.88, 0.51] for T ∈ [19, 93]; Ge @ reactor α ∈ [1.00, 0.97] for T ∈ [0, 1.9]
    ['Ar', 19, 0.88],
    ['Ar', 93, 0.51],
    ['Ge', 0, 1.0],
    ['Ge', 1.9, 0.97],
    // Conference version, Eq. 8: CsI/Xe α ∈ [0.72; 0.14] for T ∈ [6.6; 36]
    ['Xe', 6.6, 0.72],
    ['Xe', 36, 0.14],
  ] as const)('%s at T = %s keV_nr: α = %s ± 0.01', (s, t, expected) => {
    expect(Math.abs(alphaAt(s, t) - expected)).toBeLessThanOrEqual(0.01);
  });

  test("Eq. 10's Xe end points (6 and 23 keV_nr) do NOT reproduce: we find 0.749 and 0.303 (paper 0.72 and 0.32)", () => {
    // Documented in the README: 0.72 is α at 6.6 keV_nr (the conference version's end point).
    expect(alphaAt('Xe', 6)).toBeCloseTo(0.749, 3);
    expect(alphaAt('Xe', 23)).toBeCloseTo(0.303, 3);
  });

  test.each([
    // Appendix A: α ∈ [0.01, 1] corresponds to T < (361; 148; 60) keV_nr for (Ar; Ge; Xe)
    ['Ar', 361],
    ['Ge', 148],
    ['Xe', 60],
  ] as const)('%s: α falls to 0.01 at T = %s ± 1 keV_nr', (s, tKeV) => {
    expect(
      Math.abs(recoilWhereAlphaFalls(nucleus(s), PAPER_HELM_MODEL, 0.01) * 1e3 - tKeV),
    ).toBeLessThanOrEqual(1);
  });
});
