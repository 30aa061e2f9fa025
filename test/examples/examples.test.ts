/**
 * Every example runs and returns what its doc comment promises (STYLE.md P14: examples are executed).
 * Each check is a number with a tolerance and the reason for it, not only "it ran".
 */
import { describe, expect, test } from 'vitest';
import { expectRelClose } from '../helpers.js';
import { main as wimp } from '../../examples/coherencyAtWimpRecoils.js';
import { main as csi } from '../../examples/analyzeCoherentCsI.js';
import { main as newDataset } from '../../examples/newDataset.js';
import { TOY_SETTINGS, main as toyPValues } from '../../examples/toyPValues.js';
import { main as fitNeutronRadius } from '../../examples/fitNeutronRadius.js';
import { main as projectGeReactor } from '../../examples/projectGeReactor.js';
import { main as customSpectrum } from '../../examples/customSpectrum.js';
import { main as customFormFactor } from '../../examples/customFormFactor.js';
import { EXAMPLE_WORKSPACE, main as pyhfWorkspace } from '../../examples/pyhfWorkspace.js';

describe('examples', () => {
  test('coherencyAtWimpRecoils: α ≈ 0.49, 0.22, 0.14 (paper, ±0.01)', () => {
    const rows = wimp();
    expect(rows.map((r) => Math.round(r.alpha * 100) / 100)).toEqual([0.49, 0.22, 0.14]);
  });

  test('analyzeCoherentCsI: 12 bins with intervals inside [0, 1]', () => {
    const rows = csi();
    expect(rows).toHaveLength(12);
    for (const r of rows) {
      expect(r.alpha68[0]).toBeGreaterThanOrEqual(0);
      expect(r.alpha68[1]).toBeLessThanOrEqual(1);
      expect(r.alpha68[0]).toBeLessThanOrEqual(r.alphaHat);
    }
  });

  test('newDataset: Asimov counts at α = 1 give ξ̂ = 1 and α̂ = 1; a wrong decoherentXi is named', () => {
    const { bins, error } = newDataset();
    expect(bins).toHaveLength(3);
    for (const b of bins) {
      // ξ̂ = (n_on − n_off/τ − f)/sCoh is arithmetic on integers chosen so that it is exactly 1.
      expect(b.xiHat).toBeCloseTo(1, 12);
      // The MLE of Asimov data is the truth; α sits on its upper bound, found to the fitter's tolerance.
      expect(Math.abs(b.alphaHat - 1)).toBeLessThan(1e-6);
    }
    // More signal, stronger exclusion of decoherency: p(α = 0) grows from the 40-event to the 12-event bin.
    expect(bins[0]!.pAlpha0).toBeLessThan(bins[1]!.pAlpha0);
    expect(bins[1]!.pAlpha0).toBeLessThan(bins[2]!.pAlpha0);
    expect(error).toMatch(/^broken\.json: target\.nuclei\[0\]\.decoherentXi: 0\.5 disagrees with/);
  });

  test('toyPValues: toy p-values agree with the asymptotic ones within their MC error', async () => {
    const rows = await toyPValues();
    expect(rows.map((r) => r.bin)).toEqual([...TOY_SETTINGS.bins]);
    for (const r of rows) {
      // 3σ of the binomial MC error, plus 0.005 for the asymptotic ½χ²₁ law itself, accurate to
      // better than that for these bins' 50–100 counts (the full-size toys of test/toys agree).
      expect(Math.abs(r.pAlpha1Toys - r.pAlpha1Asymptotic)).toBeLessThan(3 * r.pAlpha1McError + 0.005);
      expect(Math.abs(r.pAlpha0Toys - r.pAlpha0Asymptotic)).toBeLessThan(3 * r.pAlpha0McError + 0.005);
      // The MC error is the binomial one of nToys toys.
      const p = r.pAlpha0Toys;
      expect(r.pAlpha0McError).toBeCloseTo(Math.sqrt((p * (1 - p)) / TOY_SETTINGS.nToys), 3);
    }
  }, 60_000);

  test('fitNeutronRadius: Rn within 1σ of Cadeddu et al. PRL 120 (2018) 072501, 5.5 (+0.9 −1.1) fm', () => {
    const r = fitNeutronRadius();
    expect(r.converged && r.covariancePosDef && r.intervalClosed).toBe(true);
    // Difference over the combined 1σ on the facing sides (ours up, theirs down when ours is lower).
    const combined = r.rnFm < 5.5 ? Math.hypot(r.errorHighFm, 1.1) : Math.hypot(r.errorLowFm, 0.9);
    expect(Math.abs(r.rnFm - 5.5) / combined).toBeLessThan(1);
    // A good fit of 12 bins with 1 parameter and 2 constrained nuisances: χ²/ndf is not far from 1 or below.
    expect(r.pValue).toBeGreaterThan(0.01);
  });

  test('projectGeReactor: Eq. 10, Ge at a reactor, T ∈ [0, 1.9] keV_nr, α ∈ [0.97, 1.00] (to the printed digits)', () => {
    const r = projectGeReactor();
    expect(r.kinematicTKeVnr[0]).toBe(0);
    // T_max of an 8 MeV ν̄_e on the Ge isotopes: 1.81 (Ge-76) … 1.97 (Ge-70) keV_nr; the paper says 1.9.
    expect(Math.abs(r.kinematicTKeVnr[1] - 1.9)).toBeLessThan(0.1);
    // Two printed digits: |ours − paper| ≤ 0.005.
    expect(Math.abs(r.kinematicAlpha[0] - 0.97)).toBeLessThanOrEqual(0.005);
    expect(r.kinematicAlpha[1]).toBe(1);
    // At reactor q², α ≈ 1: no sensitivity to exclude α = 1, but α = 0 is excluded (Z > 3) in a year.
    const z0 = r.tests.find((t) => t.kind === 'exclude-0')!.z;
    const z1 = r.tests.find((t) => t.kind === 'exclude-1')!.z;
    expect(z1).toBeLessThan(1);
    expect(z0).toBeGreaterThan(3);
  });

  test('customSpectrum: a tabulated Michel ν_e converges to the analytic rate as 1/N²', () => {
    const rows = customSpectrum();
    // Linear interpolation of a smooth shape: halving the spacing divides the error by 4 (here 3.9–4.1).
    for (let i = 1; i < rows.length; i++) {
      const ratio = rows[i - 1]!.relativeError / rows[i]!.relativeError;
      expect(ratio).toBeGreaterThan(3.9);
      expect(ratio).toBeLessThan(4.1);
    }
    // 161 points: below 1e-4 (the quadrature itself is converged to ~1e-9, test/physics/quadrature).
    expect(Math.abs(rows.at(-1)!.relativeError)).toBeLessThan(1e-4);
  });

  test('customFormFactor: Helm reproduces the paper; Klein–Nystrand suppresses more; the Gaussian matches KN at low q', () => {
    const [helm, kn, gauss] = customFormFactor();
    // Helm: the paper's α = 0.14 at 35 keV_nr (two digits) and Table II's Xe DAR-π rate 77.8 /(kg·yr)
    // (ours 78.22: ratio 1.005, README "Table II").
    expect(Math.abs(helm!.alphaAt35KeV - 0.14)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(helm!.darPiRatePerKgYr / 77.8 - 1)).toBeLessThan(0.01);
    // Klein–Nystrand's rms radius (3R_A²/5 + 6a²)^½ = 5.03 fm on Xe exceeds Helm's (3R₀²/5 + 3s²)^½ =
    // 4.72 fm: more suppression at every q below the first zeros, hence lower α and a lower rate.
    expect(kn!.alphaAt5KeV).toBeLessThan(helm!.alphaAt5KeV);
    expect(kn!.alphaAt35KeV).toBeLessThan(helm!.alphaAt35KeV);
    expect(kn!.darPiRatePerKgYr).toBeLessThan(helm!.darPiRatePerKgYr);
    // Same rms radius ⇒ same O(q²) term; at 5 keV_nr (q ≈ 0.18 fm⁻¹) the O(q⁴) terms differ by
    // ≈ 1.9e-3 in F, i.e. ≈ 3e-3 in α: |Δα| < 0.005. At 35 keV_nr the shapes part (|Δα| > 0.02).
    expect(Math.abs(gauss!.alphaAt5KeV - kn!.alphaAt5KeV)).toBeLessThan(0.005);
    expect(Math.abs(gauss!.alphaAt35KeV - kn!.alphaAt35KeV)).toBeGreaterThan(0.02);
  });

  test('pyhfWorkspace: the fit converges; the toolkit and pyhf-style tests agree where they must', () => {
    const r = pyhfWorkspace();
    expect(r.fit.converged).toBe(true);
    // EDM = ½ gᵀH⁻¹g at the minimum: the minimiser's stopping rule is far below 1e-8 (it prints ~1e-13).
    expect(r.fit.edm).toBeLessThan(1e-8);
    const t = r.toolkit;
    // 46 on-source events; background 5 (beam) + 21 (steady state: 42 off-source events at twice the
    // exposure), floor 2.4, excess 33.6 at α = 1: α̂ ≈ (46 − 28.4)/33.6 = 0.52, strictly inside (0, 1).
    expect(t.poiHat).toBeGreaterThan(0);
    expect(t.poiHat).toBeLessThan(1);
    expect(t.interval68[0]).toBeLessThan(t.poiHat);
    expect(t.interval68[1]).toBeGreaterThan(t.poiHat);
    expect(t.interval90[0]).toBeLessThan(t.interval68[0]);
    expect(t.interval90[1]).toBeGreaterThan(t.interval68[1]);
    // Two code paths, one asymptotic law: the toolkit's one-sided test at the lower bound and pyhf's
    // discovery p0 are both ½χ²₁ tails of the same profile-likelihood ratio at α = 0; at the upper
    // bound, pyhf's CLs+b on the √q̃ ≤ √q̃_A branch is 1 − Φ(√q̃), the toolkit's one-sided p(α = 1).
    // Same fits ⇒ equal to rounding (measured 2e-15 relative); 1e-9 allows for minimiser tolerance.
    expectRelClose(t.pAtLower, r.pyhf.p0, 1e-9);
    expectRelClose(t.pAtUpper, r.pyhf.CLsb, 1e-9);
    // CLs = CLs+b / CLb by definition.
    expectRelClose(r.pyhf.CLs, r.pyhf.CLsb / r.pyhf.CLb, 1e-12);
    // Lower 68 % edges: both are the t = 1 crossing, 1.4σ from the bound at 0, where the two-boundary
    // law equals χ²₁ to < 1e-4 in the threshold (measured edge difference 4e-6). The upper edge is
    // 1σ from α = 1, where the two-boundary law is not χ²₁ (measured difference 4e-4).
    expect(Math.abs(t.interval68[0] - r.pyhf.wilks68[0]!)).toBeLessThan(1e-4);
    expect(Math.abs(t.interval68[1] - r.pyhf.wilks68[1]!)).toBeLessThan(5e-3);
    // The JSON is really read: a different observation moves α̂.
    const more = structuredClone(EXAMPLE_WORKSPACE);
    more.observations[0]!.data = [19, 16, 12, 9];
    expect(pyhfWorkspace(JSON.stringify(more)).toolkit.poiHat).toBeGreaterThan(t.poiHat);
  });
});
