import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  alphaFromFormFactors,
  alphaFromXi,
  coherentGamma,
  decoherentGamma,
  decoherentXi,
  gammaNP,
  gammaQM,
  gammaQMPairSum,
  gammaData,
  paperTarget,
  phiFromAlpha,
  xiFromAlpha,
  xiFromFormFactors,
} from '../../src/physics/index.js';

const nuclei = (['Ar', 'Ge', 'Xe', 'Cs', 'I'] as const).map((s) => paperTarget(s).components[0]!.nucleus);
const nucleusArb = fc.constantFrom(...nuclei);
const epsArb = fc.double({ min: 0, max: 0.1, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });

describe('coherency relations (Sharma et al. 2021, Eqs. 3–8, Table I)', () => {
  test('ξ(α(ξ)) = ξ and α(ξ(α)) = α (Eq. 6 and its inverse)', () => {
    fc.assert(
      fc.property(nucleusArb, unit, epsArb, (n, x, eps) => {
        // Eq. 6 is linear with slope 1 − d ≥ 0.97: round-off of a few ulps of 1.
        expect(Math.abs(xiFromAlpha(n, alphaFromXi(n, x, eps), eps) - x)).toBeLessThan(1e-14);
        expect(Math.abs(alphaFromXi(n, xiFromAlpha(n, x, eps), eps) - x)).toBeLessThan(1e-14);
      }),
    );
  });

  test('Eq. 8: Γ_NP(F_Z, F_N) = Γ_QM(α(F_Z, F_N)) for any form factors', () => {
    fc.assert(
      fc.property(nucleusArb, unit, unit, epsArb, (n, fZ, fN, eps) => {
        const lhs = gammaNP(n, fZ, fN, eps);
        const rhs = gammaQM(n, alphaFromFormFactors(n, fZ, fN, eps), eps);
        // Γ up to (εZ−N)² ~ 6e3: relative round-off ~1e-15 of Γ_coh.
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * coherentGamma(n, eps));
      }),
    );
  });

  test('Eq. 4: both forms of Γ_QM agree', () => {
    fc.assert(
      fc.property(nucleusArb, unit, epsArb, (n, a, eps) => {
        expect(Math.abs(gammaQM(n, a, eps) - gammaQMPairSum(n, a, eps))).toBeLessThan(
          1e-11 * coherentGamma(n, eps),
        );
      }),
    );
  });

  test('Eq. 7 with F_Z = F_N = F_A gives ξ = F_A² (Sec. III)', () => {
    fc.assert(
      fc.property(nucleusArb, unit, epsArb, (n, f, eps) => {
        expect(Math.abs(xiFromFormFactors(n, f, f, eps) - f * f)).toBeLessThan(1e-15);
      }),
    );
  });

  test.each(nuclei)('Table I limits for $label', (n) => {
    const eps = 0.045;
    // complete coherency: F = 1 ⇔ α = 1 ⇔ ξ = 1 ⇔ Γ = (εZ − N)², φ = 0
    expect(gammaNP(n, 1, 1, eps)).toBeCloseTo(coherentGamma(n, eps), 9);
    expect(alphaFromFormFactors(n, 1, 1, eps)).toBeCloseTo(1, 14);
    expect(phiFromAlpha(1)).toBe(0);
    expect(gammaData(n, 1, eps)).toBe(coherentGamma(n, eps));
    // complete decoherency: α = 0 ⇔ ξ = (ε²Z + N)/(εZ − N)², Γ = ε²Z + N, φ = π/2
    expect(gammaQM(n, 0, eps)).toBe(decoherentGamma(n, eps));
    expect(xiFromAlpha(n, 0, eps)).toBe(decoherentXi(n, eps));
    expect(phiFromAlpha(0)).toBeCloseTo(Math.PI / 2, 15);
  });

  test('decoherent ξ of Xe (A=131): (ε²Z + N)/(εZ − N)² by hand', () => {
    // Z = 54, N = 77, ε = 0.045: (0.10935 + 77)/(2.43 − 77)² = 77.10935/5560.6849
    const xe = nuclei[2]!;
    expect(decoherentXi(xe, 0.045)).toBeCloseTo(77.10935 / 5560.6849, 15);
  });

  test('φ is NaN outside α ∈ [0, 1] (kernel policy)', () => {
    expect(phiFromAlpha(-0.1)).toBeNaN();
    expect(phiFromAlpha(1.1)).toBeNaN();
  });
});
