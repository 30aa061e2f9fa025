/**
 * Event rates (Sharma et al. 2021, Appendix A):
 *
 *   dR/dT = Σ_k n_k ∫_{E_min,k(T)} dσ_k/dT(T, E_ν) Φ(E_ν) dE_ν          (Eq. A2, summed over nuclei k)
 *   R     = ∫_{T_min}^{T_max} dR/dT dT
 *
 * with n_k the number of nuclei k per kg of target (compounds and isotopic mixtures are summed, not
 * averaged). Monochromatic lines contribute Φ_line·dσ/dT(T, E_line) exactly.
 * Totals are computed in the order ∫dE Φ(E) ∫dT dσ/dT, with adaptive Gauss–Kronrod at both levels
 * (relative tolerance `relTol`, default 1e-6, inner 10× tighter); the returned error estimate is the
 * quadrature's. Units: T in MeV inside, rates per kg per second (convert with units.ts).
 */
import { PAPER_EPSILON } from './constants.js';
import { alphaFromXi } from './coherency.js';
import { dSigmaDT, type CrossSectionOptions } from './crossSection.js';
import { COMPLETE_COHERENCY, xiOf, type GammaModel } from './gammaModel.js';
import { maxRecoilEnergy, minNeutrinoEnergy, q2FromRecoil } from './kinematics.js';
import { formulaUnitsPerKg, type Nucleus, type Target } from './nuclei.js';
import { integrate } from './quadrature.js';
import type { ContinuumComponent, NeutrinoSpectrum } from './sources/types.js';

export interface RateOptions extends CrossSectionOptions {
  /** Relative tolerance of the outer quadrature; the inner one uses relTol/10. Default 1e-6. */
  readonly relTol?: number;
}

export interface RateWindow {
  /** Detector threshold T_min [MeV]. */
  readonly tMinMeV: number;
  /** Optional upper edge of the recoil window [MeV] (default: the kinematic end point). */
  readonly tMaxMeV?: number;
}

export interface RateResult {
  /** Events per kg per second. */
  readonly ratePerKgPerS: number;
  /** Quadrature error estimate, same unit. */
  readonly errorEstimate: number;
}

/** ∫ over a continuum component of f(E)·pdf(E) on [eLo, eMax], split at the table breakpoints. */
function integrateContinuum(
  c: ContinuumComponent,
  eLoMeV: number,
  f: (eNuMeV: number) => number,
  relTol: number,
  extraBreakpoints: readonly number[] = [],
): { value: number; error: number } {
  const lo = Math.max(eLoMeV, c.eMinMeV);
  if (!(c.eMaxMeV > lo)) return { value: 0, error: 0 };
  const r = integrate((e) => c.pdf(e) * f(e), lo, c.eMaxMeV, {
    relTol,
    breakpoints: [...(c.breakpointsMeV ?? []), ...extraBreakpoints],
  });
  return { value: c.fluxPerCm2PerS * r.value, error: c.fluxPerCm2PerS * r.errorEstimate };
}

/** dR/dT for one nucleus [events per nucleus per second per MeV]. */
function differentialRatePerNucleus(
  tMeV: number,
  nucleus: Nucleus,
  spectrum: NeutrinoSpectrum,
  model: GammaModel,
  opts: RateOptions,
): number {
  const eMin = minNeutrinoEnergy(tMeV, nucleus.massMeV);
  const relTol = opts.relTol ?? 1e-6;
  let sum = 0;
  for (const c of spectrum.components) {
    if (c.kind === 'line') {
      if (c.eNuMeV >= eMin) sum += c.fluxPerCm2PerS * dSigmaDT(tMeV, c.eNuMeV, nucleus, model, opts);
    } else {
      sum += integrateContinuum(c, eMin, (e) => dSigmaDT(tMeV, e, nucleus, model, opts), relTol).value;
    }
  }
  return sum;
}

/**
 * dR/dT [events / (kg · s · MeV)] at recoil energy T [MeV] (Eq. A2), summed over the target's nuclei.
 * Returns 0 above every nucleus' kinematic end point and NaN for negative or non-finite T (kernel policy).
 */
export function differentialRate(
  tMeV: number,
  target: Target,
  spectrum: NeutrinoSpectrum,
  model: GammaModel,
  opts: RateOptions = {},
): number {
  if (!(tMeV >= 0) || !Number.isFinite(tMeV)) return NaN;
  const units = formulaUnitsPerKg(target);
  let sum = 0;
  for (const { nucleus, atomsPerFormulaUnit } of target.components) {
    sum += units * atomsPerFormulaUnit * differentialRatePerNucleus(tMeV, nucleus, spectrum, model, opts);
  }
  return sum;
}

/**
 * ∫∫ g(T, E)·dσ/dT·Φ dT dE over the window for one nucleus, where g weights the integrand
 * (g ≡ 1: the rate per nucleus per second).
 */
function windowIntegralPerNucleus(
  nucleus: Nucleus,
  spectrum: NeutrinoSpectrum,
  model: GammaModel,
  window: RateWindow,
  opts: RateOptions,
  weight?: (tMeV: number) => number,
): { value: number; error: number } {
  const relTol = opts.relTol ?? 1e-6;
  const M = nucleus.massMeV;
  const tCap = window.tMaxMeV ?? Infinity;
  // σ(E) over the window: ∫_{T_min}^{min(T_cap, T_max(E))} g·dσ/dT dT
  const sigmaWindow = (e: number): number => {
    const tHi = Math.min(tCap, maxRecoilEnergy(e, M));
    if (!(tHi > window.tMinMeV)) return 0;
    const f = weight
      ? (t: number) => weight(t) * dSigmaDT(t, e, nucleus, model, opts)
      : (t: number) => dSigmaDT(t, e, nucleus, model, opts);
    return integrate(f, window.tMinMeV, tHi, { relTol: relTol / 10 }).value;
  };
  const eLo = minNeutrinoEnergy(window.tMinMeV, M);
  const kink = Number.isFinite(tCap) ? [minNeutrinoEnergy(tCap, M)] : [];
  let value = 0;
  let error = 0;
  for (const c of spectrum.components) {
    if (c.kind === 'line') {
      if (c.eNuMeV > eLo) value += c.fluxPerCm2PerS * sigmaWindow(c.eNuMeV);
    } else {
      const r = integrateContinuum(c, eLo, sigmaWindow, relTol, kink);
      value += r.value;
      error += r.error;
    }
  }
  return { value, error };
}

/** Total rate above a threshold (and below an optional cap) [events / (kg · s)]. */
export function totalRate(
  target: Target,
  spectrum: NeutrinoSpectrum,
  model: GammaModel,
  window: RateWindow,
  opts: RateOptions = {},
): RateResult {
  const units = formulaUnitsPerKg(target);
  let rate = 0;
  let err = 0;
  for (const { nucleus, atomsPerFormulaUnit } of target.components) {
    const r = windowIntegralPerNucleus(nucleus, spectrum, model, window, opts);
    rate += units * atomsPerFormulaUnit * r.value;
    err += units * atomsPerFormulaUnit * r.error;
  }
  return { ratePerKgPerS: rate, errorEstimate: err };
}

export interface MeanCoherency {
  /** ⟨ξ⟩ = R(model)/R(complete coherency) over the window; NaN when no event lies in the window. */
  readonly meanXi: number;
  /** ⟨α⟩: the constant α that gives the same rate, i.e. Eq. 6 inverted at ⟨ξ⟩ (coherent-rate-weighted mean of α). */
  readonly meanAlpha: number;
  readonly rate: RateResult;
  readonly coherentRate: RateResult;
}

/**
 * Mean suppression and mean coherency over the measurable region (the paper's ⟨ξ⟩, ⟨α⟩; its
 * definition is not spelled out, ours is):
 *
 *   ⟨ξ⟩ = ∫∫ ξ(q²) w dT dE / ∫∫ w dT dE = R_model / R_coherent,   w = dσ_coh/dT · Φ,
 *   ⟨α⟩ = ∫∫ α(q²) w dT dE / ∫∫ w dT dE = (⟨ξ⟩ − d)/(1 − d)   (Eq. 6 is linear, so the two agree).
 *
 * i.e. the averages weighted by the completely coherent event rate, so that ⟨ξ⟩ is the measurable
 * total-rate suppression. For a compound, ⟨α⟩ is the w-weighted mean over nuclei of each nucleus' α.
 */
export function meanCoherency(
  target: Target,
  spectrum: NeutrinoSpectrum,
  model: GammaModel,
  window: RateWindow,
  opts: RateOptions = {},
): MeanCoherency {
  const eps = opts.epsilon ?? PAPER_EPSILON;
  const units = formulaUnitsPerKg(target);
  let rate = 0;
  let rateErr = 0;
  let coh = 0;
  let cohErr = 0;
  let alphaWeighted = 0;
  for (const { nucleus, atomsPerFormulaUnit } of target.components) {
    const n = units * atomsPerFormulaUnit;
    const r = windowIntegralPerNucleus(nucleus, spectrum, model, window, opts);
    const c = windowIntegralPerNucleus(nucleus, spectrum, COMPLETE_COHERENCY, window, opts);
    rate += n * r.value;
    rateErr += n * r.error;
    coh += n * c.value;
    cohErr += n * c.error;
    alphaWeighted += n * c.value * alphaFromXi(nucleus, r.value / c.value, eps);
  }
  return {
    meanXi: rate / coh,
    meanAlpha: alphaWeighted / coh,
    rate: { ratePerKgPerS: rate, errorEstimate: rateErr },
    coherentRate: { ratePerKgPerS: coh, errorEstimate: cohErr },
  };
}

/** ξ and α of a model at recoil energy T [MeV] on a nucleus (the paper's Fig. 7 curves). */
export function coherencyAtRecoil(
  tMeV: number,
  nucleus: Nucleus,
  model: GammaModel,
  opts: CrossSectionOptions = {},
): { q2MeV2: number; xi: number; alpha: number } {
  const eps = opts.epsilon ?? PAPER_EPSILON;
  const q2 = q2FromRecoil(tMeV, nucleus.massMeV, opts.q2Convention ?? 'exact');
  const xi = xiOf(model, q2, nucleus, eps);
  return { q2MeV2: q2, xi, alpha: alphaFromXi(nucleus, xi, eps) };
}

/** Recoil energy T [MeV] below which the model's α(T) ≥ alphaTarget (bisection; α falls with T up to F's zero). */
export function recoilWhereAlphaFalls(
  nucleus: Nucleus,
  model: GammaModel,
  alphaTarget: number,
  opts: CrossSectionOptions = {},
): number {
  let lo = 0;
  // Start at the decoherent scale q ~ π/R (Table I) and widen until α < target.
  let hi = 1e-3;
  while (coherencyAtRecoil(hi, nucleus, model, opts).alpha > alphaTarget && hi < 10) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (coherencyAtRecoil(mid, nucleus, model, opts).alpha > alphaTarget) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
