/**
 * DAR-π arrival times (Gaussian POT trace ⊗ π lifetime, ⊗ μ lifetime): the closed-form CDFs against an
 * independent quadrature of the same convolution, their limits, and their stability far from the bulk.
 */
import { describe, expect, test } from 'vitest';
import {
  CHARGED_PION_LIFETIME_NS,
  MUON_LIFETIME_NS,
  darPiArrivalBinProbabilities,
  delayedArrivalCdf,
  integrate,
  promptArrivalCdf,
} from '../../../src/physics/index.js';
import { expectRelClose } from '../../helpers.js';

const TRACE = { meanNs: 440, widthNs: 150 }; // COHERENT Ar 2020 yaml, snsPOTTraceTiming

const normalPdf = (x: number, m: number, s: number) =>
  Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

/** P(X ≤ t) = ∫ φ_G(g)·F_Y(t − g) dg by adaptive Gauss–Kronrod, with the decay-time CDF F_Y written out. */
function byQuadrature(tNs: number, decayCdf: (y: number) => number): number {
  const { meanNs: m, widthNs: s } = TRACE;
  const lo = m - 12 * s;
  if (tNs <= lo) return 0;
  return integrate((g) => normalPdf(g, m, s) * decayCdf(tNs - g), lo, tNs, { relTol: 1e-12, absTol: 1e-15 })
    .value;
}
const expCdf = (tau: number) => (y: number) => 1 - Math.exp(-y / tau);
const tp = CHARGED_PION_LIFETIME_NS;
const tm = MUON_LIFETIME_NS;
const hypoCdf = (y: number) => 1 - (tm * Math.exp(-y / tm) - tp * Math.exp(-y / tp)) / (tm - tp);

describe('DAR-π arrival-time CDFs', () => {
  test.for([-100, 200, 440, 500, 900, 1500, 3000, 6000])('closed form = quadrature at t = %d ns', (t) => {
    // Both are accurate to ~1e-12 (erfcx and normal cdf to ~1e-15; the quadrature to its relTol).
    expectRelClose(promptArrivalCdf(t, TRACE), byQuadrature(t, expCdf(tp)), 1e-9, 1e-13);
    expectRelClose(delayedArrivalCdf(t, TRACE), byQuadrature(t, hypoCdf), 1e-9, 1e-13);
  });

  test('limits: 0 long before the beam, 1 long after; delayed always later than prompt', () => {
    expect(promptArrivalCdf(-5000, TRACE)).toBeLessThan(1e-15);
    expectRelClose(promptArrivalCdf(5000, TRACE), 1, 1e-15);
    expectRelClose(delayedArrivalCdf(1e6, TRACE), 1, 1e-12);
    for (const t of [300, 600, 1000, 2000])
      expect(delayedArrivalCdf(t, TRACE)).toBeLessThan(promptArrivalCdf(t, TRACE));
  });

  test('stable when the trace is much wider than the pion life (the product form would overflow)', () => {
    const wide = { meanNs: 0, widthNs: 20_000 }; // s/τ_π ≈ 770: e^{s²/2τ²} alone overflows
    for (const t of [-200_000, -20_000, 0, 20_000, 200_000]) {
      const p = promptArrivalCdf(t, wide);
      const d = delayedArrivalCdf(t, wide);
      expect(Number.isFinite(p) && p >= 0 && p <= 1).toBe(true);
      expect(Number.isFinite(d) && d >= 0 && d <= 1).toBe(true);
    }
    // A 26-ns decay inside a 20-µs Gaussian: the prompt CDF is the Gaussian's shifted by ~τ_π.
    expectRelClose(promptArrivalCdf(0, wide), 0.5 - tp / (20_000 * Math.sqrt(2 * Math.PI)), 1e-6);
  });

  test('bin probabilities add up to the CDF differences over the window; the prompt ν all arrive in it', () => {
    const edges = Array.from({ length: 11 }, (_, i) => -100 + 500 * i);
    const w = darPiArrivalBinProbabilities(edges, TRACE);
    const total = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expectRelClose(total(w.prompt), promptArrivalCdf(4900, TRACE) - promptArrivalCdf(-100, TRACE), 1e-14);
    expect(total(w.prompt)).toBeGreaterThan(0.9999);
    expectRelClose(total(w.delayed), delayedArrivalCdf(4900, TRACE) - delayedArrivalCdf(-100, TRACE), 1e-14);
  });
});
