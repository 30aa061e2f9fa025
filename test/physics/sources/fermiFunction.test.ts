import { describe, expect, test } from 'vitest';
import { coulombPenetrabilityAndShift } from '../../../src/physics/sources/coulombPenetrability.js';
import {
  allowedNeutrinoShape,
  fermiFunction,
  logAbsGammaComplex,
} from '../../../src/physics/sources/fermiFunction.js';
import { ELECTRON_MASS_MEV, FINE_STRUCTURE, HBAR_C_MEV_FM } from '../../../src/physics/constants.js';
import { expectRelClose } from '../../helpers.js';

describe('complex log-gamma (Lanczos g = 7)', () => {
  // Closed forms (Abramowitz & Stegun 6.1.29–6.1.31): |Γ(iy)|² = π/(y sinh πy), |Γ(1+iy)|² = πy/sinh πy,
  // |Γ(1/2+iy)|² = π/cosh πy. Lanczos g = 7 is good to ~1e-15 relative; tolerance 1e-13 on ln|Γ|.
  test.each([0.05, 0.5, 1, 3, 7])('identities at y = %s', (y) => {
    expect(
      Math.abs(2 * logAbsGammaComplex(0, y) - Math.log(Math.PI / (y * Math.sinh(Math.PI * y)))),
    ).toBeLessThan(1e-13);
    expect(
      Math.abs(2 * logAbsGammaComplex(1, y) - Math.log((Math.PI * y) / Math.sinh(Math.PI * y))),
    ).toBeLessThan(1e-13);
    expect(
      Math.abs(2 * logAbsGammaComplex(0.5, y) - Math.log(Math.PI / Math.cosh(Math.PI * y))),
    ).toBeLessThan(1e-13);
  });
  test('real axis: ln Γ(5) = ln 24, ln Γ(1/2) = ln √π; pole and NaN', () => {
    expect(Math.abs(logAbsGammaComplex(5, 0) - Math.log(24))).toBeLessThan(1e-14);
    expect(Math.abs(logAbsGammaComplex(0.5, 0) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(logAbsGammaComplex(-2, 0)).toBe(Infinity);
    expect(logAbsGammaComplex(Number.NaN, 1)).toBeNaN();
  });
});

describe('Fermi function', () => {
  const F = (z: number, w: number, positron: boolean) =>
    fermiFunction(z, w, positron, ELECTRON_MASS_MEV, 1.2 * Math.cbrt(8), HBAR_C_MEV_FM, FINE_STRUCTURE);
  // For small αZ, F₀ → (2pR)^{2(γ−1)} × the nonrelativistic 2πν/(1 − e^{−2πν}), ν = ±αZW/p. Expanding the
  // rest in δ = 1 − γ ≈ (αZ)²/2 = 4.3e-4 (Z = 4): 2(1+γ)/Γ(2γ+1)² · |Γ(γ+iν)|²/|Γ(1+iν)|² ≈ 1 + 4.3δ ≈ 1.0018
  // (measured 1.0017–1.0019), hence the tolerance 2.5e-3. (The finite-size factor itself is 1.003–1.005.)
  test.each([0.6, 1, 3, 10])('Z = 4 positron at W = %s MeV → nonrelativistic limit × finite size', (w) => {
    const p = Math.sqrt(w * w - ELECTRON_MASS_MEV ** 2);
    const nu = (-FINE_STRUCTURE * 4 * w) / p;
    const gamma = Math.sqrt(1 - (4 * FINE_STRUCTURE) ** 2);
    const finiteSize = ((2 * p * 1.2 * Math.cbrt(8)) / HBAR_C_MEV_FM) ** (2 * (gamma - 1));
    const nonRel = (2 * Math.PI * nu) / (1 - Math.exp(-2 * Math.PI * nu));
    expectRelClose(F(4, w, true), finiteSize * nonRel, 2.5e-3);
  });
  test('Coulomb repulsion suppresses positrons, attraction enhances electrons; Z = 0 gives ~1', () => {
    expect(F(4, 1, true)).toBeLessThan(1);
    expect(F(4, 1, false)).toBeGreaterThan(1);
    expectRelClose(F(0, 2, true), 1, 1e-12);
    expect(F(4, 0.4, true)).toBeNaN(); // below m_e
  });
  test('allowed shape vanishes at both ends of the spectrum', () => {
    const d = {
      zDaughter: 2,
      aDaughter: 4,
      positron: true,
      electronMassMeV: ELECTRON_MASS_MEV,
      radiusCoefficientFm: 1.2,
      hbarCMeVFm: HBAR_C_MEV_FM,
      alpha: FINE_STRUCTURE,
    };
    expect(allowedNeutrinoShape(d, 10, 0)).toBe(0);
    expect(allowedNeutrinoShape(d, 10, 10 - ELECTRON_MASS_MEV)).toBe(0);
    expect(allowedNeutrinoShape(d, 10, 5)).toBeGreaterThan(0);
  });
});

describe('Coulomb penetrability and shift', () => {
  // η = 0 closed forms (Lane & Thomas 1958, Table II): P₁ = ρ³/(1+ρ²), S₁ = −1/(1+ρ²);
  // P₂ = ρ⁵/(9+3ρ²+ρ⁴), S₂ = −(18+3ρ²)/(9+3ρ²+ρ⁴). Measured accuracy of the RK4 integration: ≤ 1.1e-5 at
  // ρ = 0.3, ≤ 1e-7 at ρ ≥ 1; tolerances 3e-5 and 3e-7.
  test.each([0.3, 1, 2.4, 5, 9])('η = 0, ρ = %s', (rho) => {
    const tol = rho < 1 ? 3e-5 : 3e-7;
    const d2 = 9 + 3 * rho ** 2 + rho ** 4;
    const r2 = coulombPenetrabilityAndShift(2, 0, rho);
    expectRelClose(r2.penetrability, rho ** 5 / d2, tol);
    expectRelClose(r2.shift, -(18 + 3 * rho ** 2) / d2, tol);
    const r1 = coulombPenetrabilityAndShift(1, 0, rho);
    expectRelClose(r1.penetrability, rho ** 3 / (1 + rho ** 2), tol);
    expectRelClose(r1.shift, -1 / (1 + rho ** 2), tol);
  });
  test('Coulomb barrier: P falls steeply with η at fixed ρ; domain errors give NaN', () => {
    const p = [0, 0.5, 1, 2].map((eta) => coulombPenetrabilityAndShift(2, eta, 2).penetrability);
    for (let i = 1; i < p.length; i++) expect(p[i]!).toBeLessThan(p[i - 1]!);
    expect(coulombPenetrabilityAndShift(2, 1, 0).penetrability).toBeNaN();
  });
});
