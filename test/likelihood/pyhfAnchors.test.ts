/**
 * The boundary tests against pyhf on the on/off anchor workspace of ../shared/data/pyhf-anchors
 * (onoff_4bin: pyhf 0.7.6.dev398, git b3dc4bb2; see that folder's README). The workspace is exactly the
 * counting model of this library: per bin n_on ~ Pois(s·(d + α(1 − d)) + β_i), n_off ~ Pois(τβ_i), τ = 1,
 * β_i free (pyhf shapefactor, ours a measured background), no constraint terms.
 *
 * Tolerances: the anchors' README states ~1e-7 absolute for q̃, q0 and pyhf's optimiser (SLSQP to
 * 1e-10 in 2NLL, finite-difference gradients) sits ≤ 2.2e-10 above the true minimum; our fits are
 * closed-form/Newton to ~1e-12. So q-values to 1e-6 absolute, p-values to 1e-6 relative.
 */
import { expect, test } from 'vitest';
import { boundaryTest, countingLikelihood, tildeTBranchPoints } from '../../src/likelihood/index.js';
import type { CountingModel } from '../../src/likelihood/index.js';
import { describeWithAnchors, readAnchorResults } from './histfactory/anchorData.js';
import { relDiff } from './helpers.js';

interface Anchor {
  generation: { d: number; signal_full_coherence_s: number[] };
  measurements: Record<
    string,
    {
      model: { main_data: number[]; channel_slices: Record<string, [number, number]> };
      hypotests: {
        qtilde_mu1: { qtilde_obs: number; qtilde_asimov: number; CLsb: number };
        q0_mu0: { q0_obs: number; p0: number };
      };
    }
  >;
}

/** The anchor as a counting model (read inside the suite, so a clone without ../shared skips). */
function onoffAnchor() {
  const anchor = readAnchorResults('onoff_4bin') as Anchor;
  const m = anchor.measurements['alpha_measurement']!;
  const [offLo, offHi] = m.model.channel_slices['off']!;
  const [onLo, onHi] = m.model.channel_slices['on']!;
  const off = m.model.main_data.slice(offLo, offHi);
  const on = m.model.main_data.slice(onLo, onHi);
  const d = anchor.generation.d;
  const model: CountingModel = {
    bins: anchor.generation.signal_full_coherence_s.map((s, i) => ({
      nOn: on[i]!,
      signal0: s * d,
      signal1: s,
      background: { kind: 'measured' as const, nOff: off[i]!, tau: 1 },
    })),
  };
  return { m, model };
}

describeWithAnchors('pyhf anchor onoff_4bin', () => {
  // Built in the tests, not here: a skipped suite's body still runs to collect its tests.
  const load = () => {
    const { m, model } = onoffAnchor();
    return { m, lik: countingLikelihood(model) };
  };

  test("q̃(1) and its far branch point equal pyhf's q̃_obs and q̃_A (Asimov at α = 0)", () => {
    const { m, lik } = load();
    const h = m.hypotests.qtilde_mu1;
    const b1 = boundaryTest(lik, 1);
    expect(Math.abs(b1.q - h.qtilde_obs)).toBeLessThan(1e-6);
    expect(b1.pValue).toBe(0.5); // α̂ = 1: q̃ = 0, pyhf's CLs+b = 0.5
    expect(Math.abs(tildeTBranchPoints(lik, 1).lower - h.qtilde_asimov)).toBeLessThan(1e-6);
  });

  test("q0 equals pyhf's, and its p-value is Φ(−√q0) = pyhf's p0 (α̂ = 1: far branch point reached)", () => {
    // pyhf's q0 test has no far boundary (μ̂ unbounded above); here α̂ = 1 is the far boundary of the
    // α = 0 test, so our p0 is smaller unless q0 stays below its branch point.
    const { m, lik } = load();
    const h = m.hypotests.q0_mu0;
    const b0 = boundaryTest(lik, 0);
    expect(Math.abs(b0.q - h.q0_obs)).toBeLessThan(1e-6);
    if (b0.q <= b0.farBranch) expect(relDiff(b0.pValue, h.p0)).toBeLessThan(1e-6);
    else expect(b0.pValue).toBeLessThan(h.p0);
  });
});
