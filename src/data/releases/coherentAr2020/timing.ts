/**
 * Neutrino arrival times on the release's time axis (−0.1 to 4.9 µs in ten 0.5-µs bins): the
 * probability that a prompt (π⁺ → μ⁺ν_μ) or delayed (μ⁺ → e⁺ν_e ν̄_μ) neutrino arrives in each bin,
 * for the SNS proton-on-target trace of LArParametersAnlA.yaml (a Gaussian of mean a ± σ_a and width
 * b, snsPOTTraceTiming) convolved with the π and μ lifetimes (physics/sources/darPiTiming.ts).
 *
 * The release's CEvNS prediction (128 events, cevnspdf.txt) counts only the arrivals inside this
 * window: every prompt one, but about 87 % of the delayed ones (τ_μ = 2.2 µs). A prediction from the
 * physics core must be weighted by these probabilities before it is compared with the release.
 */
import { darPiArrivalBinProbabilities } from '../../../physics/index.js';
import type { CoherentAr2020Parameters } from './parameters.js';
import { AR_2020_AXES, axisEdges } from './release.js';

export type ArrivalGroup = 'prompt' | 'delayed';

/** Arrival probability per release time bin for each flavour group, at a POT-trace mean [ns]. */
export function arArrivalTimeWeights(
  P: CoherentAr2020Parameters,
  meanNs: number = P.potTraceMeanNs,
): Readonly<Record<ArrivalGroup, Float64Array>> {
  const edgesNs = axisEdges(AR_2020_AXES.timeUs).map((t) => 1000 * t);
  return darPiArrivalBinProbabilities(edgesNs, { meanNs, widthNs: P.potTraceWidthNs });
}

/** Fraction of each group's arrivals inside the release's whole time window (Σ of the bin weights). */
export function arWindowFractions(P: CoherentAr2020Parameters): Readonly<Record<ArrivalGroup, number>> {
  const w = arArrivalTimeWeights(P);
  const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
  return { prompt: sum(w.prompt), delayed: sum(w.delayed) };
}
