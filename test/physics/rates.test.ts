import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  COMPLETE_COHERENCY,
  PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S,
  PAPER_HELM_MODEL,
  PREFACTOR_CM2_PER_MEV2,
  coherentGamma,
  continuumDensity,
  darPiSpectrum,
  dSigmaDT,
  differentialRate,
  formulaUnitsPerKg,
  integrate,
  isotope,
  maxRecoilEnergy,
  minNeutrinoEnergy,
  paperTarget,
  q2FromRecoil,
  reactorSpectrum,
  resolveTarget,
  scaleSpectrum,
  solarSpectrum,
  totalRate,
  type NeutrinoSpectrum,
  type Target,
} from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

const dar = darPiSpectrum({ perFlavourFluxPerCm2PerS: PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S });
const reactor = reactorSpectrum({ fluxPerCm2PerS: 1e13 });
const solar = solarSpectrum();
const xe = paperTarget('Xe');
const ge = paperTarget('Ge');

/** Eq. A2 by brute force: ∫ dσ/dT Φ dE with adaptive quadrature over E at fixed T (independent of the moment engine). */
function bruteForceRate(tMeV: number, target: Target, s: NeutrinoSpectrum): number {
  const units = formulaUnitsPerKg(target);
  let sum = 0;
  for (const { nucleus, atomsPerFormulaUnit } of target.components) {
    const eMin = minNeutrinoEnergy(tMeV, nucleus.massMeV);
    for (const c of s.components) {
      if (c.kind === 'line') {
        sum +=
          units *
          atomsPerFormulaUnit *
          c.fluxPerCm2PerS *
          dSigmaDT(tMeV, c.eNuMeV, nucleus, PAPER_HELM_MODEL);
      } else {
        const r = integrate(
          (e) =>
            continuumDensity({ ...s, components: [c] }, e) * dSigmaDT(tMeV, e, nucleus, PAPER_HELM_MODEL),
          Math.max(eMin, c.eMinMeV),
          c.eMaxMeV,
          { relTol: 1e-12, maxIntervals: 2000, breakpoints: c.breakpointsMeV ?? [] },
        );
        sum += units * atomsPerFormulaUnit * r.value;
      }
    }
  }
  return sum;
}

describe('event rates (Eq. A2)', () => {
  test.each([
    ['DAR-π', dar, [1, 5, 20, 50]],
    ['reactor', reactor, [0.05, 0.3, 1]],
    ['solar', solar, [0.1, 1, 3]],
  ] as const)('moment engine equals brute-force ∫dσ/dT·Φ dE for %s on Xe', (_name, s, tKeVs) => {
    for (const tKeV of tKeVs) {
      // Both are quadratures converged to ~1e-12; the moments' partial-panel Gauss–Legendre rule is the
      // larger error (≤ 1e-9 relative on these smooth spectra), hence 1e-8.
      expectRelClose(
        differentialRate(tKeV * 1e-3, xe, s, PAPER_HELM_MODEL),
        bruteForceRate(tKeV * 1e-3, xe, s),
        1e-8,
        0,
        `T=${tKeV}`,
      );
    }
  });

  test('rates scale exactly with the flux (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        (k, tKeV) => {
          const a = differentialRate(tKeV * 1e-3, xe, scaleSpectrum(dar, k), PAPER_HELM_MODEL);
          const b = differentialRate(tKeV * 1e-3, xe, dar, PAPER_HELM_MODEL);
          expectRelClose(a, k * b, 1e-13);
        },
      ),
      { numRuns: 50 },
    );
  });

  test('total rate of a line with F = 1 matches the closed form ½G_F²/(4π)·Γ·[u − u²/(8E²)]', () => {
    // For a line at E, ∫dT dσ/dT = ∫du dσ/dq² with u = q²; the integrand is linear in u.
    const line: NeutrinoSpectrum = {
      name: 'line',
      description: '',
      components: [{ kind: 'line', label: 'l', eNuMeV: 30, fluxPerCm2PerS: 1e7 }],
    };
    const n = ge.components[0]!.nucleus;
    const tMin = 2e-3;
    const u1 = q2FromRecoil(tMin, n.massMeV);
    const u2 = q2FromRecoil(maxRecoilEnergy(30, n.massMeV), n.massMeV);
    const expected =
      formulaUnitsPerKg(ge) *
      1e7 *
      PREFACTOR_CM2_PER_MEV2 *
      coherentGamma(n) *
      (u2 - u1 - (u2 * u2 - u1 * u1) / (8 * 900));
    expectRelClose(totalRate(ge, line, COMPLETE_COHERENCY, { tMinMeV: tMin }).ratePerKgPerS, expected, 1e-10);
  });

  test('CsI is the sum of its Cs and I nuclei, not an average nucleus', () => {
    const csi = resolveTarget('CsI')!;
    const cs = {
      label: 'Cs',
      components: [{ nucleus: isotope('Cs', 133)!, atomsPerFormulaUnit: 1 }],
      formulaMassU: csi.formulaMassU,
    };
    const i = {
      label: 'I',
      components: [{ nucleus: isotope('I', 127)!, atomsPerFormulaUnit: 1 }],
      formulaMassU: csi.formulaMassU,
    };
    const t = 8e-3;
    expectRelClose(
      differentialRate(t, csi, dar, PAPER_HELM_MODEL),
      differentialRate(t, cs, dar, PAPER_HELM_MODEL) + differentialRate(t, i, dar, PAPER_HELM_MODEL),
      1e-14,
    );
  });

  test('dR/dT is 0 above the end point, finite at T = 0, NaN for negative T', () => {
    const tEnd = maxRecoilEnergy(
      dar.components[1]!.kind === 'continuum' ? 52.83 : 0,
      xe.components[0]!.nucleus.massMeV,
    );
    expect(differentialRate(tEnd * 1.01, xe, dar, PAPER_HELM_MODEL)).toBe(0);
    expect(Number.isFinite(differentialRate(0, xe, reactor, PAPER_HELM_MODEL))).toBe(true);
    expect(differentialRate(-1, xe, dar, PAPER_HELM_MODEL)).toBeNaN();
  });
});

describe('rate entry points reject invalid windows with a typed error (never NaN)', () => {
  test.each([
    [{ tMinMeV: -1e-3 }, /tMinMeV/],
    [{ tMinMeV: Number.NaN }, /tMinMeV/],
    [{ tMinMeV: 1e-3, tMaxMeV: -1 }, /tMaxMeV/],
  ])('%o', (window, pattern) => {
    expect(() => totalRate(xe, dar, PAPER_HELM_MODEL, window)).toThrow(pattern);
  });
  test('a window above every end point is valid and empty: rate 0', () => {
    expect(totalRate(xe, dar, PAPER_HELM_MODEL, { tMinMeV: 1 }).ratePerKgPerS).toBe(0);
  });
});
