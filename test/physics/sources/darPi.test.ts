import { describe, expect, test } from 'vitest';
import { MUON_MASS_MEV, SECONDS_PER_YEAR } from '../../../src/physics/constants.js';
import {
  DAR_PI_PROMPT_LINE_MEV,
  darPiPerFlavourFlux,
  darPiSpectrum,
  endPointMeV,
  michelNuEPdf,
  michelNuMuBarPdf,
  PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S,
  PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_YR,
  totalFlux,
} from '../../../src/physics/sources/index.js';
import { DomainError } from '../../../src/errors.js';
import { expectRelClose } from '../../helpers.js';
import { continua, expectUnitIntegral, pdfMoment } from './sourceHelpers.js';

describe('DAR-π source', () => {
  const s = darPiSpectrum({ perFlavourFluxPerCm2PerS: PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S });

  test('prompt line at (m_π² − m_μ²)/(2m_π) = 29.79 MeV (PDG masses; to 0.01 MeV as quoted)', () => {
    expect(Math.abs(DAR_PI_PROMPT_LINE_MEV - 29.79)).toBeLessThan(0.01);
    const line = s.components.find((c) => c.kind === 'line');
    expect(line?.kind === 'line' && line.eNuMeV).toBe(DAR_PI_PROMPT_LINE_MEV);
  });

  test('three components, equal per-flavour flux; end point m_μ/2 = 52.83 MeV', () => {
    expect(s.components.map((c) => c.fluxPerCm2PerS)).toEqual(
      Array(3).fill(PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S),
    );
    expectRelClose(totalFlux(s), 3 * PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S, 1e-15);
    expectRelClose(endPointMeV(s), MUON_MASS_MEV / 2, 1e-15);
  });

  test('paper flux 3.4e14 cm⁻² yr⁻¹ per flavour converts with the Julian year', () => {
    expectRelClose(
      PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S * SECONDS_PER_YEAR,
      PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_YR,
      1e-15,
    );
  });

  test('Michel pdfs integrate to 1', () => {
    for (const c of continua(s)) expectUnitIntegral(c);
  });

  // Exact means from the Michel forms: ∫₀^{1/2} 192 u³(1/2 − u) du = 3/10 and ∫₀^{1/2} 64 u³(3/4 − u) du = 7/20
  // (u = E/m_μ), i.e. ⟨E⟩ = 0.6·(m_μ/2) for ν_e and 0.7·(m_μ/2) for ν̄_μ (e.g. Scholberg, PRD 73, 033005).
  // Tolerance 1e-10: quadrature of a cubic polynomial is exact up to rounding.
  test('Michel means: ν_e 0.3 m_μ = 31.70 MeV, ν̄_μ 0.35 m_μ = 36.98 MeV', () => {
    const [nuE, nuMuBar] = continua(s) as [ReturnType<typeof continua>[0], ReturnType<typeof continua>[0]];
    expectRelClose(pdfMoment(nuE, 1), 0.3 * MUON_MASS_MEV, 1e-10);
    expectRelClose(pdfMoment(nuMuBar, 1), 0.35 * MUON_MASS_MEV, 1e-10);
  });

  test('Michel pdfs vanish outside [0, m_μ/2]; ν_e vanishes at the end point, ν̄_μ does not', () => {
    for (const f of [michelNuEPdf, michelNuMuBarPdf]) {
      expect(f(-1)).toBe(0);
      expect(f(MUON_MASS_MEV / 2 + 1e-9)).toBe(0);
      expect(f(Number.NaN)).toBeNaN();
    }
    expect(michelNuEPdf(MUON_MASS_MEV / 2)).toBeCloseTo(0, 15);
    expectRelClose(michelNuMuBarPdf(MUON_MASS_MEV / 2), (64 / MUON_MASS_MEV) * 0.25 * 0.25, 1e-14);
  });

  // COHERENT CsI 2017 (Akimov et al., Science 357, 1123): 1.76e23 POT, 0.08 ν/flavour/proton, 19.3 m
  // → fluence N r/(4πL²) = 1.408e22/(4π·1930²) = 3.008e14 cm⁻² per flavour (hand arithmetic, 1e-3).
  test('POT → flux arithmetic for the COHERENT CsI exposure', () => {
    const liveTimeS = 308.1 * 86400;
    const flux = darPiPerFlavourFlux({
      protonsOnTarget: 1.76e23,
      nuPerFlavourPerProton: 0.08,
      distanceM: 19.3,
      liveTimeS,
    });
    expectRelClose(flux * liveTimeS, 3.008e14, 1e-3);
    // The paper's beam, 2e23 POT per year at 19.3 m, gives its 3.4e14 cm⁻² yr⁻¹ (stated to 2 digits: 1 %).
    const paper = darPiPerFlavourFlux({
      protonsOnTarget: 2e23,
      nuPerFlavourPerProton: 0.08,
      distanceM: 19.3,
      liveTimeS: SECONDS_PER_YEAR,
    });
    expectRelClose(paper * SECONDS_PER_YEAR, PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_YR, 1e-2);
  });

  test('bad normalisation inputs throw DomainError naming the field', () => {
    expect(() => darPiSpectrum({ perFlavourFluxPerCm2PerS: -1 })).toThrow(DomainError);
    expect(() =>
      darPiPerFlavourFlux({ protonsOnTarget: 1e23, nuPerFlavourPerProton: 0.08, distanceM: 0, liveTimeS: 1 }),
    ).toThrow(/distanceM/);
  });
});
