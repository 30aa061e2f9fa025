/**
 * Table II of Sharma et al., PRD 103, 092002 (2021), reproduced with the project's physics and the
 * spectra tables (the shipped fixture derived from ../shared/data/spectra, so this runs without it).
 * DAR-π and atmospheric ⟨α⟩ differ by definition (README).
 *
 * TOLERANCES. [⟨α⟩; ⟨ξ⟩] of reactor and solar ν: the paper prints two decimals, so a correct
 * computation lies within ±0.005 of each printed value (measured: ≤ 0.0046).
 * Rates: the paper does not give its inputs beyond the printed ones, so the differences cannot be
 * derived; each bound is the largest measured difference of that source rounded up to the next
 * 0.5 % — a regression bound that a change of physics or units would break — with what is known of
 * its cause:
 * - DAR-π +0.5 … +2.4 % (bound 2.5 %): the flux 3.4×10¹⁴ cm⁻² yr⁻¹ is printed to two digits (±1.5 %),
 *   the rates to three (≤ 0.3 %), and the paper's mass numbers are not stated;
 * - solar +0.4 … +1.2 % (1.5 %): the ⁸B flux normalisation the paper used is not stated (we use
 *   B16-GS98, 5.46×10⁶ cm⁻² s⁻¹);
 * - atmospheric −3.5 … +7.0 % (7.5 %): rates printed to two significant digits (±1.3–2.9 %) and the
 *   table's α ≥ 0.01 cut-off in T (README);
 * - reactor Ar, Ge +6.5, +7.0 % (7.5 %): the reactor spectrum below 2 MeV and its normalisation are
 *   not stated;
 * - reactor Xe at 1 keV_nr +19 % (20 %): printed as 0.07 (one digit, ±7 %) and set by the last
 *   0.2 MeV of the spectrum (E_min = 7.8 MeV of 8), where any difference in the end point is amplified.
 */
import { describe, expect, test } from 'vitest';
import { loadPaperSpectra } from '../../src/data/paperSpectra.js';
import { computeTableII } from '../../src/physics/paperTable.js';

describe('Table II against the paper', () => {
  const rows = computeTableII(loadPaperSpectra());
  const tolerance = { darPi: 0.025, solar: 0.015, atmospheric: 0.075, reactor: 0.075 } as const;

  test('every entry with a paper value is compared', () => {
    expect(rows.filter((r) => r.paper).length).toBe(18);
  });

  for (const r of rows) {
    if (!r.paper) continue;
    if (r.source === 'reactor' && r.target === 'Xe') continue; // at the 8 MeV end point: see the next test
    test(`${r.target} ${r.source} at ${r.thresholdKeV} keV_nr: rate within ${tolerance[r.source] * 100} %`, () => {
      expect(Math.abs(r.rate / r.paper!.rate - 1)).toBeLessThanOrEqual(tolerance[r.source]);
    });
    if (r.source === 'reactor' || r.source === 'solar') {
      test(`${r.target} ${r.source}: [⟨α⟩; ⟨ξ⟩] within ±0.005 (the printed rounding)`, () => {
        expect(Math.abs(r.meanAlpha! - r.paper!.meanAlpha)).toBeLessThanOrEqual(0.005);
        expect(Math.abs(r.meanXi! - r.paper!.meanXi)).toBeLessThanOrEqual(0.005);
      });
    }
  }

  test('reactor on Xe at 1 keV_nr lies at the spectrum end point: within 20 % (E_min = 7.8 MeV of 8)', () => {
    const r = rows.find((x) => x.source === 'reactor' && x.target === 'Xe' && x.thresholdKeV === 1)!;
    expect(Math.abs(r.rate / r.paper!.rate - 1)).toBeLessThanOrEqual(0.2);
  });
});
