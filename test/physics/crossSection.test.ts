import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  COMPLETE_COHERENCY,
  FERMI_CONSTANT_PER_MEV2,
  HBAR_C_SQUARED_MEV2_CM2,
  PAPER_HELM_MODEL,
  coherentGamma,
  dSigmaDT,
  dSigmaDq2,
  maxRecoilEnergy,
  paperTarget,
  q2FromRecoil,
} from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

const nuclei = (['Ar', 'Ge', 'Xe'] as const).map((s) => paperTarget(s).components[0]!.nucleus);
const xe = nuclei[2]!;

describe('cross sections (Eq. 2, Eq. A1)', () => {
  test('dσ/dT equals the Freedman form G_F² M/(4π) Q_W² (1 − MT/2E²) with q² = 2MT and F = 1', () => {
    const e = 30;
    const t = 0.01;
    const qw2 = coherentGamma(xe, 0.045); // (N − εZ)²
    const expected =
      ((FERMI_CONSTANT_PER_MEV2 ** 2 * xe.massMeV) / (4 * Math.PI)) *
      qw2 *
      (1 - (xe.massMeV * t) / (2 * e * e)) *
      HBAR_C_SQUARED_MEV2_CM2;
    expectRelClose(dSigmaDT(t, e, xe, COMPLETE_COHERENCY, { q2Convention: 'paper' }), expected, 1e-14);
  });

  test('Eq. A1: dσ/dT = 2M dσ/dq² (paper convention), 2(M+T) dσ/dq² (exact)', () => {
    const e = 20;
    const t = 0.005;
    const q2p = q2FromRecoil(t, xe.massMeV, 'paper');
    expectRelClose(
      dSigmaDT(t, e, xe, PAPER_HELM_MODEL, { q2Convention: 'paper' }),
      2 * xe.massMeV * dSigmaDq2(q2p, e, xe, PAPER_HELM_MODEL, { q2Convention: 'paper' }),
      1e-14,
    );
    const q2e = q2FromRecoil(t, xe.massMeV, 'exact');
    expectRelClose(
      dSigmaDT(t, e, xe, PAPER_HELM_MODEL),
      2 * (xe.massMeV + t) * dSigmaDq2(q2e, e, xe, PAPER_HELM_MODEL),
      1e-14,
    );
  });

  test('dσ/dT ≥ 0 inside the kinematic range and exactly 0 beyond T_max (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...nuclei),
        fc.double({ min: 0.1, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (n, e, u) => {
          const tMax = maxRecoilEnergy(e, n.massMeV);
          const t = u * tMax;
          const v = dSigmaDT(t, e, n, PAPER_HELM_MODEL);
          if (u > 1) expect(v).toBe(0);
          else expect(v).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(v)).toBe(true);
        },
      ),
    );
  });

  test('coherent cross section at q² → 0 is the coherent limit, finite', () => {
    const v = dSigmaDT(0, 10, xe, PAPER_HELM_MODEL);
    expectRelClose(v, dSigmaDT(0, 10, xe, COMPLETE_COHERENCY), 1e-15);
  });

  test('magnitude: Xe, E = 30 MeV, T → 0 has the textbook magnitude (hand arithmetic, 3 digits)', () => {
    // G_F² M/(4π) Q_W² (ħc)² = (1.166e-11)²·122026/(4π)·5560.7·3.894e-22 cm²/MeV ≈ 2.86e-36 cm²/MeV
    // 3 significant digits: the rounding allows ±0.005/2.86 = 1.7e-3 (measured 1.3e-4).
    expectRelClose(dSigmaDT(0, 30, xe, COMPLETE_COHERENCY), 2.86e-36, 1.8e-3);
  });

  test('NaN for negative inputs (kernel policy)', () => {
    expect(dSigmaDT(-1, 10, xe, COMPLETE_COHERENCY)).toBeNaN();
    expect(dSigmaDq2(-1, 10, xe, COMPLETE_COHERENCY)).toBeNaN();
  });
});
