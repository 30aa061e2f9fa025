import { describe, expect, test } from 'vitest';
import { DomainError } from '../../../src/errors.js';
import { JOULES_PER_MEV } from '../../../src/physics/constants.js';
import {
  antineutrinosPerFission,
  DEFAULT_FISSION_FRACTIONS,
  ENERGY_PER_FISSION_MEV,
  fissionRatePerS,
  HUBER_MUELLER_COEFFICIENTS,
  isotopeSpectrumPerFission,
  PAPER_REACTOR_FLUX_PER_CM2_PER_S,
  REACTOR_ISOTOPES,
  reactorSpectrum,
  totalFlux,
  type ReactorIsotope,
} from '../../../src/physics/sources/index.js';
import { expectRelClose } from '../../helpers.js';
import { continua, expectUnitIntegral } from './sourceHelpers.js';

describe('reactor ν̄_e source', () => {
  test('Huber 2011 ²³⁵U fit reproduces a hand evaluation at 4 MeV (digit check of the coefficients)', () => {
    // exp(4.367 − 4.577·4 + 2.100·16 − 0.5294·64 + 0.06186·256 − 0.002777·1024) = exp(−0.0652...) by hand.
    const a = HUBER_MUELLER_COEFFICIENTS.U235;
    const hand = 4.367 - 4.577 * 4 + 2.1 * 16 - 0.5294 * 64 + 0.06186 * 256 - 0.002777 * 1024;
    expect(a).toEqual([4.367, -4.577, 2.1, -5.294e-1, 6.186e-2, -2.777e-3]);
    expectRelClose(isotopeSpectrumPerFission('U235', 4), Math.exp(hand), 1e-14);
  });

  test.each(REACTOR_ISOTOPES)(
    '%s spectrum is continuous at the 2 and 8 MeV splices and 0 beyond the end point',
    (iso) => {
      for (const e of [2, 8])
        expectRelClose(
          isotopeSpectrumPerFission(iso, e - 1e-9),
          isotopeSpectrumPerFission(iso, e + 1e-9),
          1e-7,
        );
      expect(isotopeSpectrumPerFission(iso, 10.001)).toBe(0);
      expect(isotopeSpectrumPerFission(iso, -0.1)).toBe(0);
      expect(isotopeSpectrumPerFission(iso, Number.NaN)).toBeNaN();
      // falls monotonically above 3 MeV
      let prev = Infinity;
      for (let e = 3; e <= 10; e += 0.25) {
        const v = isotopeSpectrumPerFission(iso, e);
        expect(v).toBeLessThan(prev);
        prev = v;
      }
    },
  );

  // ν̄ per fission above the IBD threshold 1.8 MeV from the older ILL/Vogel–Engel spectra, Bemporad, Gratta
  // & Vogel, RMP 74, 297 (2002), table of the fission isotopes: 1.92 (²³⁵U), 2.38 (²³⁸U), 1.45 (²³⁹Pu), 1.83 (²⁴¹Pu). The
  // Huber–Mueller re-evaluation raised the fluxes by ~3 % (the "reactor anomaly", Mention et al., PRD 83,
  // 073006 (2011)) and Mueller's ab-initio ²³⁸U by more (measured here: +2.4, +6.7, +3.1, +2.7 %), so the
  // tolerance is 4 % for the fissile isotopes and 8 % for ²³⁸U.
  const bgv: Record<ReactorIsotope, [number, number]> = {
    U235: [1.92, 0.04],
    U238: [2.38, 0.08],
    Pu239: [1.45, 0.04],
    Pu241: [1.83, 0.04],
  };
  test.each(REACTOR_ISOTOPES)('%s: ν̄ per fission above 1.8 MeV vs Bemporad–Gratta–Vogel 2002', (iso) => {
    const [expected, rtol] = bgv[iso];
    const n = antineutrinosPerFission(iso, 1.8);
    expectRelClose(n, expected, rtol, 0, iso);
    expect(n).toBeGreaterThan(expected); // Huber–Mueller lies above the old values
  });

  test('pdf integrates to 1 (default and a custom range)', () => {
    for (const s of [
      reactorSpectrum({ fluxPerCm2PerS: 1e13 }),
      reactorSpectrum({ fluxPerCm2PerS: 1, eMinMeV: 1, eMaxMeV: 12 }),
    ]) {
      for (const c of continua(s)) expectUnitIntegral(c);
    }
  });

  test('flux given directly is the total flux (paper Table II: 1e13 cm⁻² s⁻¹)', () => {
    expect(totalFlux(reactorSpectrum({ fluxPerCm2PerS: PAPER_REACTOR_FLUX_PER_CM2_PER_S }))).toBe(1e13);
  });

  test('flux from thermal power: P/(Σf_i E_i) fissions × ν̄/fission / 4πL²', () => {
    const meanE = REACTOR_ISOTOPES.reduce(
      (s, i) => s + DEFAULT_FISSION_FRACTIONS[i] * ENERGY_PER_FISSION_MEV[i],
      0,
    );
    expectRelClose(fissionRatePerS(1000), 1e9 / (meanE * JOULES_PER_MEV), 1e-14);
    // 1 GW_th ≈ 3.04e19 fissions/s, the textbook figure for ≈ 205 MeV per fission; our fission-fraction
    // weighted mean energy is 205.9 MeV (3.032e19/s): the textbook's 3-digit energy and fractions
    // differ by < 0.5 %.
    expectRelClose(fissionRatePerS(1000), 3.04e19, 5e-3);
    const nuPerFission = REACTOR_ISOTOPES.reduce(
      (s, i) => s + DEFAULT_FISSION_FRACTIONS[i] * antineutrinosPerFission(i),
      0,
    );
    const s = reactorSpectrum({ thermalPowerMW: 2900, distanceM: 28 });
    expectRelClose(totalFlux(s), (fissionRatePerS(2900) * nuPerFission) / (4 * Math.PI * 2800 ** 2), 1e-9);
  });

  test('invalid fission fractions and ranges throw DomainError', () => {
    expect(() =>
      reactorSpectrum({
        fluxPerCm2PerS: 1,
        fissionFractions: { U235: 0.5, U238: 0.1, Pu239: 0.3, Pu241: 0.05 },
      }),
    ).toThrow(DomainError);
    expect(() => reactorSpectrum({ fluxPerCm2PerS: 1, eMinMeV: 10, eMaxMeV: 10 })).toThrow(/eMaxMeV/);
    expect(() => reactorSpectrum({ thermalPowerMW: 100, distanceM: -1 })).toThrow(/distanceM/);
  });
});
