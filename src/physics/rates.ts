/**
 * Event rates (Sharma et al. 2021, Appendix A):
 *
 *   dR/dT = Σ_k n_k ∫_{E_min,k(T)} dσ_k/dT(T, E_ν) Φ(E_ν) dE_ν          (Eq. A2, summed over nuclei k)
 *   R     = ∫_{T_min}^{T_max} dR/dT dT
 *
 * with n_k the number of nuclei k per kg of target (compounds and isotopic mixtures are summed, not
 * averaged). The E_ν integral is done once per spectrum through its tail moments (spectralMoments.ts):
 * dR/dT = n·(dq²/dT)·½G_F²/(4π)·Γ(q²)·S(E_min, q²), exact up to the moments' 1e-12 quadrature.
 * Totals integrate dR/dT over T by adaptive Gauss–Kronrod (relative tolerance `relTol`, default 1e-8),
 * with panels split where the integrand has steps (T_max of lines and spectrum end points); the error
 * estimate returned is the quadrature's. Units: T in MeV inside, rates per kg per second.
 */
import { requireFinite } from '../errors.js';
import { PAPER_EPSILON } from './constants.js';
import { alphaFromXi, coherentGamma } from './coherency.js';
import { PREFACTOR_CM2_PER_MEV2, type CrossSectionOptions } from './crossSection.js';
import { gammaOf, xiOf, type GammaModel } from './gammaModel.js';
import { dq2dT, maxRecoilEnergy, minNeutrinoEnergy, q2FromRecoil } from './kinematics.js';
import { formulaUnitsPerKg, type Nucleus, type Target } from './nuclei.js';
import { integrate } from './quadrature.js';
import type { NeutrinoSpectrum } from './sources/types.js';
import { spectralFactor, spectralMoments, type SpectralMoments } from './spectralMoments.js';

export interface RateOptions extends CrossSectionOptions {
  /** Relative tolerance of the T quadrature of totals. Default 1e-8. */
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

/** Completely coherent dR/dT per nucleus [events / (nucleus · s · MeV)] divided by Γ_coh: the part common to all Γ models. */
function kinematicRatePerNucleus(
  tMeV: number,
  nucleus: Nucleus,
  m: SpectralMoments,
  opts: CrossSectionOptions,
): { q2: number; value: number } {
  const conv = opts.q2Convention ?? 'exact';
  const q2 = q2FromRecoil(tMeV, nucleus.massMeV, conv);
  const eMin = minNeutrinoEnergy(tMeV, nucleus.massMeV);
  return {
    q2,
    value: PREFACTOR_CM2_PER_MEV2 * dq2dT(tMeV, nucleus.massMeV, conv) * spectralFactor(m, eMin, q2),
  };
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
  opts: CrossSectionOptions = {},
): number {
  if (!(tMeV >= 0) || !Number.isFinite(tMeV)) return NaN;
  const m = spectralMoments(spectrum);
  const units = formulaUnitsPerKg(target);
  const eps = opts.epsilon ?? PAPER_EPSILON;
  let sum = 0;
  for (const { nucleus, atomsPerFormulaUnit } of target.components) {
    const k = kinematicRatePerNucleus(tMeV, nucleus, m, opts);
    if (k.value !== 0) sum += units * atomsPerFormulaUnit * gammaOf(model, k.q2, nucleus, eps) * k.value;
  }
  return sum;
}

/** Upper T of the window for one nucleus and the T where the integrand has steps, for quadrature panels. */
function windowFor(
  nucleus: Nucleus,
  m: SpectralMoments,
  window: RateWindow,
): { hi: number; breaks: number[] } {
  const hi = Math.min(window.tMaxMeV ?? Infinity, maxRecoilEnergy(m.endPointMeV, nucleus.massMeV));
  const breaks = m.featureEnergiesMeV
    .map((e) => maxRecoilEnergy(e, nucleus.massMeV))
    .filter((t) => t > window.tMinMeV && t < hi);
  return { hi, breaks };
}

/** ∫ g(T)·(coherent dR/dT per nucleus) dT over the window, with g(T) = Γ-model weight. */
function windowIntegral(
  nucleus: Nucleus,
  m: SpectralMoments,
  window: RateWindow,
  opts: RateOptions,
  weight: (q2MeV2: number) => number,
): { value: number; error: number } {
  const { hi, breaks } = windowFor(nucleus, m, window);
  if (!(hi > window.tMinMeV)) return { value: 0, error: 0 };
  const r = integrate(
    (t) => {
      const k = kinematicRatePerNucleus(t, nucleus, m, opts);
      return k.value === 0 ? 0 : weight(k.q2) * k.value;
    },
    window.tMinMeV,
    hi,
    { relTol: opts.relTol ?? 1e-8, breakpoints: breaks, maxIntervals: 400 },
  );
  return { value: r.value, error: r.errorEstimate };
}

/** Public entry points check their window (typed error, never NaN): T_min ≥ 0 finite, T_max > 0 if given. */
function checkWindow(window: RateWindow): void {
  requireFinite('tMinMeV', window.tMinMeV, (v) => v >= 0, 'a threshold ≥ 0 MeV');
  if (window.tMaxMeV !== undefined) {
    requireFinite('tMaxMeV', window.tMaxMeV, (v) => v > 0, 'an upper recoil energy > 0 MeV');
  }
}

/** Total rate above a threshold (and below an optional cap) [events / (kg · s)]. Throws DomainError for a bad window. */
export function totalRate(
  target: Target,
  spectrum: NeutrinoSpectrum,
  model: GammaModel,
  window: RateWindow,
  opts: RateOptions = {},
): RateResult {
  checkWindow(window);
  const m = spectralMoments(spectrum);
  const eps = opts.epsilon ?? PAPER_EPSILON;
  const units = formulaUnitsPerKg(target);
  let rate = 0;
  let err = 0;
  for (const { nucleus, atomsPerFormulaUnit } of target.components) {
    const r = windowIntegral(nucleus, m, window, opts, (q2) => gammaOf(model, q2, nucleus, eps));
    rate += units * atomsPerFormulaUnit * r.value;
    err += units * atomsPerFormulaUnit * r.error;
  }
  return { ratePerKgPerS: rate, errorEstimate: err };
}

export interface MeanCoherency {
  /** ⟨ξ⟩ = R(model)/R(complete coherency) over the window; NaN when no event lies in the window. */
  readonly meanXi: number;
  /** ⟨α⟩: the coherent-rate-weighted mean of α (equal to Eq. 6 inverted at ⟨ξ⟩ for one nucleus). */
  readonly meanAlpha: number;
  readonly rate: RateResult;
  readonly coherentRate: RateResult;
}

/**
 * Mean suppression and mean coherency over the measurable region (the paper's ⟨ξ⟩, ⟨α⟩; its
 * definition is not spelled out, ours is):
 *
 *   ⟨ξ⟩ = ∫ ξ(q²) w dT / ∫ w dT = R_model / R_coherent,   w = dR_coh/dT (E_ν already integrated),
 *   ⟨α⟩ = ∫ α(q²) w dT / ∫ w dT = (⟨ξ⟩ − d)/(1 − d)   (Eq. 6 is linear, so the two agree),
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
  checkWindow(window);
  const m = spectralMoments(spectrum);
  const eps = opts.epsilon ?? PAPER_EPSILON;
  const units = formulaUnitsPerKg(target);
  let rate = 0;
  let rateErr = 0;
  let coh = 0;
  let cohErr = 0;
  let alphaWeighted = 0;
  for (const { nucleus, atomsPerFormulaUnit } of target.components) {
    const n = units * atomsPerFormulaUnit;
    const gCoh = coherentGamma(nucleus, eps);
    const r = windowIntegral(nucleus, m, window, opts, (q2) => gammaOf(model, q2, nucleus, eps));
    const c = windowIntegral(nucleus, m, window, opts, () => gCoh);
    rate += n * r.value;
    rateErr += n * r.error;
    coh += n * c.value;
    cohErr += n * c.error;
    if (c.value > 0) alphaWeighted += n * c.value * alphaFromXi(nucleus, r.value / c.value, eps);
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
  let hi = 1e-3;
  while (coherencyAtRecoil(hi, nucleus, model, opts).alpha > alphaTarget && hi < 10) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (coherencyAtRecoil(mid, nucleus, model, opts).alpha > alphaTarget) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
