import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  helmFirstZeroQ2,
  helmFormFactor,
  paperHelm,
  paperTarget,
  sphereAmplitude,
  alphaFromFormFactors,
} from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

const nuclei = (['Ar', 'Ge', 'Xe'] as const).map((s) => paperTarget(s).components[0]!.nucleus);

describe('3 j1(x)/x', () => {
  test('series branch (x < 0.3) joins the closed form smoothly', () => {
    // At x = 0.3 the closed form loses ~2 digits to cancellation (relative error ~1e-14),
    // so the two branches must agree to that level on both sides of the switch.
    for (const x of [0.29, 0.2999999, 0.3, 0.3000001]) {
      const closed = (3 * (Math.sin(x) - x * Math.cos(x))) / (x * x * x);
      expectRelClose(sphereAmplitude(x), closed, 1e-13, 0, `x=${x}`);
    }
  });
  test('small-x values against the Taylor series to high order (no cancellation)', () => {
    // 1 − x²/10 + x⁴/280 at x = 1e-4: 0.999999999 + 3.57e-19 → exactly representable to 1 ulp.
    expectRelClose(sphereAmplitude(1e-4), 1 - 1e-9, 2.3e-16);
    expect(sphereAmplitude(0)).toBe(1);
    expect(sphereAmplitude(-0.5)).toBe(sphereAmplitude(0.5));
  });
  test('value at x = 1 against the closed form in extended precision (mpmath: 0.9035060368192700)', () => {
    // mpmath: 3*(sin(1)-cos(1)) = 0.90350603681927 (sin 1 = 0.8414709848078965, cos 1 = 0.5403023058681398)
    expectRelClose(sphereAmplitude(1), 3 * (0.8414709848078965 - 0.5403023058681398), 1e-15);
  });
});

describe('Helm form factor (Eq. 9)', () => {
  test.each(nuclei)('F(0) = 1 for $label', (n) => expect(paperHelm(0, n)).toBe(1));

  test('hand-computed value: Xe (A=131) at q² = 3500 MeV²', () => {
    // R = 1.2·131^(1/3) = 6.1015 fm, R0² = R² − 1.25, q = sqrt(3500)/197.3269804 fm⁻¹,
    // F = 3 j1(qR0)/(qR0) · exp(−q²s²/2); evaluated independently below.
    const R = 1.2 * Math.cbrt(131);
    const R0 = Math.sqrt(R * R - 1.25);
    const q = Math.sqrt(3500) / 197.3269804;
    const x = q * R0;
    const expected = ((3 * (Math.sin(x) - x * Math.cos(x))) / x ** 3) * Math.exp(-0.5 * q * q * 0.25);
    expectRelClose(paperHelm(3500, nuclei[2]!), expected, 1e-14);
  });

  test('F and α fall monotonically in q² up to the first zero of F (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...nuclei),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, u1, u2) => {
          const qz = helmFirstZeroQ2(n);
          const [a, b] = u1 < u2 ? [u1 * qz, u2 * qz] : [u2 * qz, u1 * qz];
          if (b - a < 1e-9 * qz) return;
          expect(paperHelm(b, n)).toBeLessThan(paperHelm(a, n));
          const fa = paperHelm(a, n);
          const fb = paperHelm(b, n);
          expect(alphaFromFormFactors(n, fb, fb)).toBeLessThan(alphaFromFormFactors(n, fa, fa));
        },
      ),
    );
  });

  test.each(nuclei)('first zero of F lies where helmFirstZeroQ2 says, $label', (n) => {
    const qz = helmFirstZeroQ2(n);
    // |F| at the zero is limited by round-off in x = q·R0 (~1e-16·x·|j1'|).
    expect(Math.abs(paperHelm(qz, n))).toBeLessThan(1e-12);
    expect(paperHelm(qz * 0.999, n)).toBeGreaterThan(0);
    expect(paperHelm(qz * 1.001, n)).toBeLessThan(0);
  });

  test('NaN for negative q² or R0² ≤ 0 (kernel policy)', () => {
    expect(paperHelm(-1, nuclei[0]!)).toBeNaN();
    expect(helmFormFactor({ radiusFm: 1, skinFm: 0.5 })(10, nuclei[0]!)).toBeNaN();
  });
});
