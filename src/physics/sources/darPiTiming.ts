/**
 * Arrival times of DAR-π neutrinos at a pulsed source. Protons arrive with a time profile (the POT
 * trace, here a Gaussian of mean μ and width s); each stopped π⁺ decays after an exponential time
 * (τ_π) giving the prompt ν_μ, and the μ⁺ it makes decays after another (τ_μ) giving the delayed ν_e and
 * ν̄_μ. The arrival-time distributions are the convolutions
 *
 *   prompt:  G(μ, s) ⊗ Exp(τ_π),            delayed:  G(μ, s) ⊗ Exp(τ_π) ⊗ Exp(τ_μ),
 *
 * the recipe COHERENT states for its Ar 2020 CEvNS timing (LArParametersAnlA.yaml, snsPOTTraceTiming:
 * "convolved with the pi^+ and mu^+ neutrino decay lifetimes"). Their CDFs are closed-form: with
 * z = (t − μ)/s and, for a lifetime τ, the exponentially modified Gaussian term
 *
 *   A_τ(t) = E_G[e^{−(t−G)/τ} 1{G ≤ t}] = e^{s²/(2τ²) − (t−μ)/τ} Φ(z − s/τ) = ½ e^{−z²/2} erfcx((s/τ − z)/√2),
 *
 *   F_prompt(t)  = Φ(z) − A_τπ(t),
 *   F_delayed(t) = Φ(z) − [τ_μ A_τμ(t) − τ_π A_τπ(t)]/(τ_μ − τ_π)
 *
 * (the second from the hypoexponential CDF 1 − (τ_μ e^{−y/τ_μ} − τ_π e^{−y/τ_π})/(τ_μ − τ_π)). The erfcx
 * form (scaled complementary error function) never overflows; the product form is used where
 * s/τ − z < 0, where it is bounded. Lifetimes: PDG 2024 (physics/constants).
 */
import erfcx from '@stdlib/math-base-special-erfcx';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { CHARGED_PION_LIFETIME_NS, MUON_LIFETIME_NS } from '../constants.js';

/** A Gaussian proton-on-target time profile [ns]. */
export interface PotTrace {
  readonly meanNs: number;
  readonly widthNs: number;
}

/** A_τ(t) above, stable for every argument. */
function emgTerm(tNs: number, trace: PotTrace, tauNs: number): number {
  const z = (tNs - trace.meanNs) / trace.widthNs;
  const w = trace.widthNs / tauNs - z;
  if (w >= 0) return 0.5 * Math.exp(-0.5 * z * z) * erfcx(w / Math.SQRT2);
  // w < 0: t − μ > s²/τ > 0, so the exponent s²/(2τ²) − (t−μ)/τ < −s²/(2τ²) ≤ 0: no overflow.
  return (
    Math.exp((0.5 * trace.widthNs * trace.widthNs) / (tauNs * tauNs) - (tNs - trace.meanNs) / tauNs) *
    normalCdf(-w, 0, 1)
  );
}

/** P(prompt ν_μ arrives before t) for the trace. */
export function promptArrivalCdf(tNs: number, trace: PotTrace): number {
  return normalCdf(tNs, trace.meanNs, trace.widthNs) - emgTerm(tNs, trace, CHARGED_PION_LIFETIME_NS);
}

/** P(delayed ν_e or ν̄_μ arrives before t) for the trace. */
export function delayedArrivalCdf(tNs: number, trace: PotTrace): number {
  const tp = CHARGED_PION_LIFETIME_NS;
  const tm = MUON_LIFETIME_NS;
  const mix = (tm * emgTerm(tNs, trace, tm) - tp * emgTerm(tNs, trace, tp)) / (tm - tp);
  return normalCdf(tNs, trace.meanNs, trace.widthNs) - mix;
}

/** Probabilities of arrival in each time bin [edges_i, edges_{i+1}) [ns], per flavour group. */
export function darPiArrivalBinProbabilities(
  edgesNs: readonly number[],
  trace: PotTrace,
): { readonly prompt: Float64Array; readonly delayed: Float64Array } {
  const bins = (cdf: (t: number) => number) => {
    const c = edgesNs.map((t) => cdf(t));
    return Float64Array.from({ length: edgesNs.length - 1 }, (_, i) => Math.max(0, c[i + 1]! - c[i]!));
  };
  return {
    prompt: bins((t) => promptArrivalCdf(t, trace)),
    delayed: bins((t) => delayedArrivalCdf(t, trace)),
  };
}
