import { describe, expect, test } from 'vitest';
import {
  COMPLETE_COHERENCY,
  crossSectionPerKg,
  fwhmEnergyRange,
  paperTarget,
  tabulatedContinuum,
} from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

const ge = paperTarget('Ge');

describe('FWHM of Φ·σ (Fig. 4)', () => {
  test('σ(E) at T_min = 0 grows as E² for E ≪ M (coherent: σ = G_F²E²Q_W²/(4π)·(1 + O(E/M)))', () => {
    // ratio σ(10)/σ(5) = 4 up to the recoil correction of order E/M ~ 1e-4
    expectRelClose(
      crossSectionPerKg(ge, 10, COMPLETE_COHERENCY) / crossSectionPerKg(ge, 5, COMPLETE_COHERENCY),
      4,
      1e-3,
    );
  });
  test('flat spectrum on [1, 10] MeV: Φ·σ ∝ E², half maximum at 10/√2 MeV', () => {
    const flat = {
      name: 'flat',
      description: '',
      components: [tabulatedContinuum([1, 10], [1, 1], { label: 'flat', fluxPerCm2PerS: 1 })],
    };
    const r = fwhmEnergyRange(flat, ge, COMPLETE_COHERENCY)!;
    // Linear interpolation on a 300-point log grid: 1e-4 relative; σ's E/M correction: < 1e-3.
    expectRelClose(r.eLoMeV, 10 / Math.SQRT2, 2e-3);
    expectRelClose(r.eHiMeV, 10, 1e-12);
  });
  test('a spectrum with nothing but a line has no continuum to take a width of', () => {
    const line = {
      name: 'l',
      description: '',
      components: [{ kind: 'line' as const, label: 'l', eNuMeV: 30, fluxPerCm2PerS: 1 }],
    };
    expect(fwhmEnergyRange(line, ge, COMPLETE_COHERENCY)).toBeUndefined();
  });
});
