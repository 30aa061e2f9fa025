/**
 * Pion decay-at-rest (DAR-π) neutrinos, as at a spallation source (SNS):
 *
 *   π⁺ → μ⁺ ν_μ        prompt line at E = (m_π² − m_μ²)/(2 m_π) ≈ 29.79 MeV (two-body kinematics)
 *   μ⁺ → e⁺ ν_e ν̄_μ   delayed Michel spectra on [0, m_μ/2] (electron mass neglected):
 *     ν_e:  f(E) = (192/m_μ) (E/m_μ)² (1/2 − E/m_μ)
 *     ν̄_μ: f(E) = (64/m_μ) (E/m_μ)² (3/4 − E/m_μ)
 * Refs: L. Michel, Proc. Phys. Soc. A 63, 514 (1950); the form as used for CEvNS at stopped-pion
 * sources, K. Scholberg, PRD 73, 033005 (2006) (the paper's ref. [4]).
 * Each flavour carries the same flux (one ν_μ, ν_e, ν̄_μ per stopped π⁺); π⁻ and decay-in-flight
 * contributions are neglected, as in the paper. Timing is not modelled (steady-state flux).
 */
import { CHARGED_PION_MASS_MEV, MUON_MASS_MEV, SECONDS_PER_YEAR } from '../constants.js';
import { requireFinite } from '../../errors.js';
import type { NeutrinoSpectrum } from './types.js';

/** Prompt ν_μ energy [MeV], (m_π² − m_μ²)/(2 m_π) ≈ 29.792 MeV. */
export const DAR_PI_PROMPT_LINE_MEV =
  (CHARGED_PION_MASS_MEV ** 2 - MUON_MASS_MEV ** 2) / (2 * CHARGED_PION_MASS_MEV);

/** End point of the Michel spectra, m_μ/2 [MeV]. */
export const MICHEL_END_POINT_MEV = MUON_MASS_MEV / 2;

/**
 * The paper's per-flavour DAR-π flux, 3.4×10¹⁴ cm⁻² yr⁻¹ at 19.3 m from the SNS target for
 * 2×10²³ POT yr⁻¹ (Sharma et al. 2021, Table II caption and Appendix; from COHERENT, Akimov et al.,
 * Science 357, 1123 (2017)).
 */
export const PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_YR = 3.4e14;
/** The same in cm⁻² s⁻¹ (Julian year). */
export const PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S =
  PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_YR / SECONDS_PER_YEAR;

/** ν_e Michel pdf [MeV⁻¹]; 0 outside [0, m_μ/2]. Mean 0.3 m_μ. */
export function michelNuEPdf(eNuMeV: number): number {
  if (Number.isNaN(eNuMeV)) return NaN;
  if (eNuMeV < 0 || eNuMeV > MICHEL_END_POINT_MEV) return 0;
  const x = eNuMeV / MUON_MASS_MEV;
  return (192 / MUON_MASS_MEV) * x * x * (0.5 - x);
}

/** ν̄_μ Michel pdf [MeV⁻¹]; 0 outside [0, m_μ/2]. Mean 0.35 m_μ. */
export function michelNuMuBarPdf(eNuMeV: number): number {
  if (Number.isNaN(eNuMeV)) return NaN;
  if (eNuMeV < 0 || eNuMeV > MICHEL_END_POINT_MEV) return 0;
  const x = eNuMeV / MUON_MASS_MEV;
  return (64 / MUON_MASS_MEV) * x * x * (0.75 - x);
}

/**
 * Per-flavour flux: given directly, or from the beam, Φ = N_POT · r_ν / (4π L²) / t_live
 * (isotropic emission from a point source).
 */
export type DarPiNormalisation =
  | { readonly perFlavourFluxPerCm2PerS: number }
  | {
      readonly protonsOnTarget: number;
      /** ν per flavour per proton on target (COHERENT 2017: 0.08). */
      readonly nuPerFlavourPerProton: number;
      readonly distanceM: number;
      /** Time over which the protons were delivered [s]. */
      readonly liveTimeS: number;
    };

/** Per-flavour flux [cm⁻² s⁻¹] for either normalisation (throws DomainError on bad input). */
export function darPiPerFlavourFlux(n: DarPiNormalisation): number {
  if ('perFlavourFluxPerCm2PerS' in n) {
    return requireFinite('perFlavourFluxPerCm2PerS', n.perFlavourFluxPerCm2PerS, (v) => v >= 0, 'a flux ≥ 0');
  }
  const pot = requireFinite('protonsOnTarget', n.protonsOnTarget, (v) => v >= 0, 'a count ≥ 0');
  const r = requireFinite('nuPerFlavourPerProton', n.nuPerFlavourPerProton, (v) => v >= 0, 'a yield ≥ 0');
  const lCm = 100 * requireFinite('distanceM', n.distanceM, (v) => v > 0, 'a positive distance');
  const t = requireFinite('liveTimeS', n.liveTimeS, (v) => v > 0, 'a positive time');
  return (pot * r) / (4 * Math.PI * lCm * lCm) / t;
}

/**
 * DAR-π spectrum: the prompt ν_μ line plus the ν_e and ν̄_μ Michel continua, each with the
 * per-flavour flux.
 *
 * @example
 * darPiSpectrum({ perFlavourFluxPerCm2PerS: PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S })
 * darPiSpectrum({ protonsOnTarget: 1.76e23, nuPerFlavourPerProton: 0.08, distanceM: 19.3, liveTimeS })
 */
export function darPiSpectrum(n: DarPiNormalisation): NeutrinoSpectrum {
  const flux = darPiPerFlavourFlux(n);
  return {
    name: 'dar-pi',
    description: `π⁺ decay at rest: prompt ν_μ line at ${DAR_PI_PROMPT_LINE_MEV.toFixed(2)} MeV + Michel ν_e, ν̄_μ; ${flux.toExponential(3)} cm⁻² s⁻¹ per flavour`,
    components: [
      {
        kind: 'line',
        label: 'prompt ν_μ (π⁺ → μ⁺ν_μ)',
        eNuMeV: DAR_PI_PROMPT_LINE_MEV,
        fluxPerCm2PerS: flux,
      },
      {
        kind: 'continuum',
        label: 'delayed ν_e (Michel)',
        fluxPerCm2PerS: flux,
        eMinMeV: 0,
        eMaxMeV: MICHEL_END_POINT_MEV,
        pdf: michelNuEPdf,
      },
      {
        kind: 'continuum',
        label: 'delayed ν̄_μ (Michel)',
        fluxPerCm2PerS: flux,
        eMinMeV: 0,
        eMaxMeV: MICHEL_END_POINT_MEV,
        pdf: michelNuMuBarPdf,
      },
    ],
  };
}
