import { describe, expect, test } from 'vitest';
import {
  B8_NEUTRINO_END_POINT_MEV,
  B8_Q_ATOMIC_MEV,
  DEFAULT_BE8_STRENGTH,
  HEP_NEUTRINO_END_POINT_MEV,
  solar8BSpectrum,
  solarHepSpectrum,
  solarSpectrum,
  SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S,
  SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
  totalFlux,
  type ContinuumComponent,
} from '../../../src/physics/sources/index.js';
import { shippedSpectrumTables } from '../../../src/data/spectrumTables.js';
import { expectRelClose } from '../../helpers.js';
import { continua, expectUnitIntegral, pdfMoment } from './sourceHelpers.js';

const only = (c: ContinuumComponent[]): ContinuumComponent => c[0]!;

describe('solar ⁸B and hep sources (computed)', () => {
  const b8 = solar8BSpectrum();
  const hep = solarHepSpectrum();

  test('pdfs integrate to 1', () => {
    expectUnitIntegral(only(continua(b8)));
    expectUnitIntegral(only(continua(hep)));
  });

  // AME2020 mass excesses: Q(⁸B→⁸Be) = 22.9216 − 4.9417 = 17.980 MeV (the ~18 MeV of the literature), ν end
  // points Q − 2m_e: 16.958 MeV (⁸B) and 18.773 MeV (hep; Bahcall's 18.77 MeV). Masses known to ~1 keV: 2e-3 MeV.
  test('Q values and end points', () => {
    expect(Math.abs(B8_Q_ATOMIC_MEV - 17.98)).toBeLessThan(2e-3);
    expect(Math.abs(B8_NEUTRINO_END_POINT_MEV - 16.958)).toBeLessThan(2e-3);
    expect(Math.abs(HEP_NEUTRINO_END_POINT_MEV - 18.773)).toBeLessThan(2e-3);
    expect(only(continua(b8)).eMaxMeV).toBe(B8_NEUTRINO_END_POINT_MEV);
    expect(only(continua(hep)).pdf(HEP_NEUTRINO_END_POINT_MEV + 1e-6)).toBe(0);
  });

  test('fluxes: B16-GS98 by default (Vinyoles et al. 2017), overridable; solarSpectrum has both', () => {
    expect(totalFlux(b8)).toBe(SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S);
    expect(totalFlux(hep)).toBe(SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S);
    expect(totalFlux(solar8BSpectrum({ fluxPerCm2PerS: 5.79e6 }))).toBe(5.79e6);
    expect(totalFlux(solarSpectrum())).toBe(
      SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S + SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
    );
  });

  test('a table takes precedence over the computed shape', () => {
    const table = { eMeV: [1, 2, 3], density: [0, 2, 0] };
    const c = only(continua(solar8BSpectrum({ table })));
    expect(c.eMinMeV).toBe(1);
    expect(c.eMaxMeV).toBe(3);
    expect(c.pdf(2)).toBe(1);
    expect(totalFlux(solar8BSpectrum({ table }))).toBe(SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S);
    expect(totalFlux(solarHepSpectrum({ table, fluxPerCm2PerS: 'table' }))).toBe(2);
  });
});

/** The shape comparisons quoted in the report; `ref` is a unit-area pdf from a shared table. */
function compareShapes(model: ContinuumComponent, ref: ContinuumComponent) {
  let pdfMax = 0;
  let maxAbsDiff = 0;
  for (let e = ref.eMinMeV; e <= ref.eMaxMeV; e += 0.01) {
    pdfMax = Math.max(pdfMax, ref.pdf(e));
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(model.pdf(e) - ref.pdf(e)));
  }
  const rel = (k: number, lo: number) =>
    pdfMoment(model, k, lo, Infinity) / pdfMoment(ref, k, lo, Infinity) - 1;
  return {
    maxRelDiff: maxAbsDiff / pdfMax,
    meanShiftMeV: pdfMoment(model, 1) - pdfMoment(ref, 1),
    e2Above5: rel(2, 5),
    fractionAbove10: rel(0, 10),
  };
}

describe('accuracy of the computed shapes against b8.csv/hep.csv (shipped fixture; unit-area tables)', () => {
  // The fixture holds the two columns of ../shared/data/spectra/b8.csv and hep.csv (10 significant digits).
  const tables = shippedSpectrumTables();
  const refB8 = only(continua(solar8BSpectrum({ table: tables.b8 })));
  const refHep = only(continua(solarHepSpectrum({ table: tables.hep })));

  // ⁸B: the one effective parameter κ of the strength function was fitted (least squares on the whole
  // pdf) to this table, so these numbers are the residuals of the two-level R-matrix model. Measured:
  // max |Δpdf|/pdf_max = 1.15 % (at 6.7 MeV), ⟨E⟩ +0.013 MeV (of 6.735), ∫E²pdf over E > 5 MeV +0.68 %,
  // fraction above 10 MeV +3.1 % (the model is ≤ 2 % off in 4–11 MeV and 5–15 % high in the 12–14 MeV tail,
  // the size of the spread between published standard spectra there, Winter et al., PRC 73, 025503).
  // Tolerances: the measured value rounded up by ~30 %.
  test('⁸B shape within 1.5 % of the peak, ⟨E⟩ within 0.02 MeV, E²-moment above 5 MeV within 1 %, tail within 4 %', () => {
    const m = compareShapes(only(continua(solar8BSpectrum())), refB8);
    expect(m.maxRelDiff).toBeLessThan(0.015);
    expect(Math.abs(m.meanShiftMeV)).toBeLessThan(0.02);
    expect(Math.abs(m.e2Above5)).toBeLessThan(0.01);
    expect(Math.abs(m.fractionAbove10)).toBeLessThan(0.04);
    expectRelClose(
      pdfMoment(refB8, 1),
      6.735,
      1e-3,
      0,
      'b8.csv mean = Bahcall et al. 1996 standard spectrum mean',
    );
  });

  // Without the interference term (κ = 0: pure single level with the Tilley 2004 width) the spectrum is far too
  // hard — the reason for the second level. Measured: ⟨E⟩ +0.35 MeV, tail above 10 MeV +24 %.
  test('single-level limit (κ = 0) is too hard: ⟨E⟩ > +0.3 MeV, tail > +20 %', () => {
    const m = compareShapes(
      only(continua(solar8BSpectrum({ strength: { ...DEFAULT_BE8_STRENGTH, kappa: 0 } }))),
      refB8,
    );
    expect(m.meanShiftMeV).toBeGreaterThan(0.3);
    expect(m.fractionAbove10).toBeGreaterThan(0.2);
  });

  // hep: no fitted parameter. Measured: max |Δpdf|/pdf_max = 0.12 %, ⟨E⟩ −0.004 MeV (of 9.63), E²-moment above
  // 5 MeV −0.10 %, fraction above 10 MeV −0.10 %. Tolerances: 0.3 %, 0.01 MeV, 0.3 %, 0.3 %.
  test('hep allowed shape matches hep.csv to a few per mille', () => {
    const m = compareShapes(only(continua(solarHepSpectrum())), refHep);
    expect(m.maxRelDiff).toBeLessThan(0.003);
    expect(Math.abs(m.meanShiftMeV)).toBeLessThan(0.01);
    expect(Math.abs(m.e2Above5)).toBeLessThan(0.003);
    expect(Math.abs(m.fractionAbove10)).toBeLessThan(0.003);
  });
});
