/**
 * The solar-neutrino CEvNS recoil spectra the XENONnT signal is built from, per nucleus of natural
 * xenon (each isotope its own nucleus; physics/nuclei, IUPAC 2013 abundances), in the release's unit:
 *
 *   dR_k/dT (T) = n_k ∫ dσ_k/dT(T, E_ν; α = 1) Φ(E_ν) dE_ν      [events / (t·yr·keV_nr)]
 *
 * with n_k the nuclei k per tonne of natural Xe and Φ = ⁸B + hep (physics/sources/solar: computed
 * β⁺ shapes; ⁸B normalised to the given flux, by default SNO's measured total active flux, hep to
 * B16-GS98). dσ/dT at complete coherency (Sharma et al. 2021, Eq. A1 with Γ_coh); the Standard-Model
 * expectation is dR/dT·ξ_Helm(q²) (Eq. 9). One year = 365.25 days (physics/constants SECONDS_PER_YEAR);
 * the release's exposures do not say which year they use (365 days would change rates by 0.07 %).
 */
import {
  COMPLETE_COHERENCY,
  PAPER_HELM_MODEL,
  SECONDS_PER_YEAR,
  decoherentXi,
  differentialRate,
  keVToMeV,
  maxRecoilEnergy,
  MeVToKeV,
  q2FromRecoil,
  solarSpectrum,
  xiOf,
  type NeutrinoSpectrum,
  type Nucleus,
  type Q2Convention,
  type Target,
} from '../../../physics/index.js';
import { componentAlone } from '../../recoilSpectra.js';

export interface SolarSignalOptions {
  /** ε = 1 − 4 sin²θ_W for Γ and d_k. */
  readonly epsilon: number;
  readonly q2Convention: Q2Convention;
  /** Total ⁸B flux [cm⁻² s⁻¹]. */
  readonly b8FluxPerCm2PerS: number;
  /** Total hep flux [cm⁻² s⁻¹]. */
  readonly hepFluxPerCm2PerS: number;
}

export interface NucleusRate {
  readonly nucleus: Nucleus;
  /** Nuclei of this isotope per Xe atom. */
  readonly abundance: number;
  /** d_k = (ε²Z + N)/(εZ − N)²: ξ at complete decoherency. */
  readonly decoherentXi: number;
  /** dR/dT at complete coherency [events / (t·yr·keV_nr)]. */
  dRdT(tKeV: number): number;
  /** ξ_Helm(q²(T)) = F²: the Standard-Model suppression. */
  helmXi(tKeV: number): number;
  /** q²(T) [MeV²]. */
  q2(tKeV: number): number;
  /** Recoil energies where dR/dT has a kink (T_max of each spectrum component) [keV_nr]. */
  readonly kinksKeV: readonly number[];
}

/** Events/(kg·s·MeV) → events/(t·yr·keV): × 1000 kg/t × s/yr × 1e-3 MeV/keV. */
const PER_KG_S_MEV_TO_PER_T_YR_KEV = 1000 * SECONDS_PER_YEAR * 1e-3;

/** ⁸B + hep with the given fluxes (computed shapes). */
export function solarSignalSpectrum(opts: SolarSignalOptions): NeutrinoSpectrum {
  return solarSpectrum({
    b8: { fluxPerCm2PerS: opts.b8FluxPerCm2PerS },
    hep: { fluxPerCm2PerS: opts.hepFluxPerCm2PerS },
  });
}

/** dR/dT per nucleus of `target` for the solar spectrum. */
export function solarNucleusRates(
  target: Target,
  spectrum: NeutrinoSpectrum,
  opts: SolarSignalOptions,
): NucleusRate[] {
  const endPointsMeV = spectrum.components.map((c) => (c.kind === 'line' ? c.eNuMeV : c.eMaxMeV));
  return target.components.map((component) => {
    const { nucleus } = component;
    const single = componentAlone(target, component);
    const rateOpts = { epsilon: opts.epsilon, q2Convention: opts.q2Convention };
    const q2 = (tKeV: number) => q2FromRecoil(keVToMeV(tKeV), nucleus.massMeV, opts.q2Convention);
    // The folds of every run, band and energy scale evaluate dR/dT at the same quadrature nodes:
    // remember each value (a pure function of T).
    const memo = new Map<number, number>();
    return {
      nucleus,
      abundance: component.atomsPerFormulaUnit,
      decoherentXi: decoherentXi(nucleus, opts.epsilon),
      dRdT: (tKeV: number) => {
        let v = memo.get(tKeV);
        if (v === undefined) {
          v =
            differentialRate(keVToMeV(tKeV), single, spectrum, COMPLETE_COHERENCY, rateOpts) *
            PER_KG_S_MEV_TO_PER_T_YR_KEV;
          memo.set(tKeV, v);
        }
        return v;
      },
      helmXi: (tKeV: number) => xiOf(PAPER_HELM_MODEL, q2(tKeV), nucleus, opts.epsilon),
      q2,
      kinksKeV: endPointsMeV.map((e) => MeVToKeV(maxRecoilEnergy(e, nucleus.massMeV))),
    };
  });
}
