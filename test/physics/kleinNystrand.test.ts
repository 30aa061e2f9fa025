/**
 * Klein–Nystrand form factor (Klein & Nystrand, PRC 60, 014903 (1999), Eq. 14):
 * F(q) = 3 j₁(qR_A)/(qR_A) · 1/(1 + a²q²), R_A = 1.2 A^{1/3} fm, a = 0.7 fm.
 * Checked against its own closed form evaluated independently, its small-q series, the position of its
 * first zero (against Helm's), and invariants over random q.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  HBAR_C_MEV_FM,
  coherencyAtRecoil,
  helmFirstZeroQ2,
  kleinNystrand,
  kleinNystrandFirstZeroQ2,
  kleinNystrandFormFactor,
  paperHelm,
  paperTarget,
  sameFormFactors,
  type GammaModel,
} from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

const nuclei = (['Ar', 'Ge', 'Xe'] as const).map((s) => paperTarget(s).components[0]!.nucleus);
const xe = nuclei[2]!;
const A_FM = 0.7;
const radius = (A: number): number => 1.2 * Math.cbrt(A);

describe('Klein–Nystrand form factor', () => {
  test.each(nuclei)('F(0) = 1 for $label', (n) => expect(kleinNystrand(0, n)).toBe(1));

  test('closed form at Xe (A = 131), q² = 3500 MeV², evaluated independently', () => {
    // x = qR_A = sqrt(3500)/197.3269804 · 1.2·131^(1/3) ≈ 1.8293 (no cancellation at this x), then
    // 3(sin x − x cos x)/x³ over (1 + a²q²). Both sides are the same double-precision formula written
    // twice; the tolerance allows a few ulps of difference in the order of operations.
    const q = Math.sqrt(3500) / HBAR_C_MEV_FM;
    const x = q * radius(131);
    const expected = ((3 * (Math.sin(x) - x * Math.cos(x))) / x ** 3) * (1 / (1 + A_FM * A_FM * q * q));
    expectRelClose(kleinNystrand(3500, xe), expected, 1e-14);
    expect(expected).toBeGreaterThan(0.6); // sanity: well below the first zero (x ≈ 1.83 < 4.49)
  });

  test('small-q series of the product, to q⁶ (no cancellation below qR = 0.3)', () => {
    // (1 − x²/10 + x⁴/280 − x⁶/15120 + …)(1 − a²q² + a⁴q⁴ − a⁶q⁶ + …), x = qR:
    //   F = 1 − c₂q² + c₄q⁴ − c₆q⁶ + O(q⁸). For Xe (R = 6.10 fm) the q⁸ coefficient is ≈ 4.8 fm⁸, so the
    //   neglected term is < 5e-16 at q ≤ 0.01 fm⁻¹ (x ≤ 0.06): the tolerance is 2e-15 (a few ulps).
    const R = radius(xe.A);
    const a2 = A_FM * A_FM;
    const c2 = (R * R) / 10 + a2;
    const c4 = R ** 4 / 280 + (a2 * R * R) / 10 + a2 * a2;
    const c6 = R ** 6 / 15120 + (a2 * R ** 4) / 280 + (a2 * a2 * R * R) / 10 + a2 ** 3;
    for (const qFm of [1e-4, 1e-3, 1e-2]) {
      const q2 = qFm * qFm;
      const series = 1 - c2 * q2 + c4 * q2 * q2 - c6 * q2 ** 3;
      const q2MeV2 = q2 * HBAR_C_MEV_FM * HBAR_C_MEV_FM;
      expectRelClose(kleinNystrand(q2MeV2, xe), series, 2e-15, 0, `q=${qFm} fm⁻¹`);
    }
  });

  test.each(nuclei)('first zero at qR_A = 4.4934, below Helm’s first zero, for $label', (n) => {
    const q2Zero = kleinNystrandFirstZeroQ2(n);
    // |F| at the zero: the sphere amplitude is O(ε) there (a root of tan x = x to 16 digits).
    expect(Math.abs(kleinNystrand(q2Zero, n))).toBeLessThan(1e-12);
    expect(kleinNystrand(q2Zero * 0.99, n)).toBeGreaterThan(0);
    expect(kleinNystrand(q2Zero * 1.01, n)).toBeLessThan(0);
    // Helm's zero is at qR₀ = 4.4934 with R₀² = R² − 5s² < R_A²: the ratio of the q² zeros is R_A²/R₀².
    const R = radius(n.A);
    expectRelClose(helmFirstZeroQ2(n) / q2Zero, (R * R) / (R * R - 5 * 0.25), 1e-12);
    expect(q2Zero).toBeLessThan(helmFirstZeroQ2(n));
  });

  test('property: 0 < F ≤ 1 and F decreasing below the first zero; |F| ≤ 1 above; F ≤ the bare sphere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...nuclei), fc.double({ min: 0, max: 1, noNaN: true }), (n, u) => {
        const zero = kleinNystrandFirstZeroQ2(n);
        const q2 = u * zero * 0.999;
        const f = kleinNystrand(q2, n);
        const bare = kleinNystrandFormFactor({ yukawaRangeFm: 0 })(q2, n); // a = 0: the hard sphere alone
        return f > 0 && f <= 1 && f <= bare && kleinNystrand(q2 * 1.001 + 1e-6, n) < f;
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...nuclei), fc.double({ min: 0, max: 1e6, noNaN: true }), (n, q2) => {
        return Math.abs(kleinNystrand(q2, n)) <= 1;
      }),
    );
  });

  test('NaN outside the domain (kernel policy): q² < 0, R_A ≤ 0, a < 0', () => {
    expect(kleinNystrand(-1, xe)).toBeNaN();
    expect(kleinNystrandFormFactor({ radiusFm: 0 })(100, xe)).toBeNaN();
    expect(kleinNystrandFormFactor({ yukawaRangeFm: -0.1 })(100, xe)).toBeNaN();
  });

  test('usable wherever a FormFactor is: α at the paper’s Xe WIMP recoil (35 keV_nr) beside Helm’s', () => {
    const kn: GammaModel = { kind: 'formFactors', ...sameFormFactors(kleinNystrand) };
    const helm: GammaModel = { kind: 'formFactors', ...sameFormFactors(paperHelm) };
    const aKn = coherencyAtRecoil(35e-3, xe, kn).alpha;
    const aHelm = coherencyAtRecoil(35e-3, xe, helm).alpha;
    // Both in (0, 1); KN's zero is at lower q, so at the same T it is less coherent than Helm.
    expect(aKn).toBeGreaterThan(0);
    expect(aKn).toBeLessThan(aHelm);
  });
});
