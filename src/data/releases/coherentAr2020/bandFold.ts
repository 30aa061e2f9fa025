/**
 * Our own forward folding of the CEvNS recoil spectrum into the release's reconstructed-energy bins,
 * split by true-q² band and nucleus — the input of the band split of the release's CEvNS template.
 *
 * For nucleus k (a component of the target) and band j = [q²_lo, q²_hi) the recoil range is
 * T ∈ [T_k(q²_lo), T_k(q²_hi)) with T_k(q²) the inverse of q² = 2M_kT + T² (or q² = 2M_kT), and
 *
 *   C_jke = ∫ dN_k/dT|_{α=1} · P_e(T) dT          (complete coherency)
 *   H_jke = ∫ dN_k/dT|_{α=1} · F²(q²(T)) · P_e(T) dT  (Standard Model: the paper's Helm F, Eq. 9)
 *   Q_jke = ∫ dN_k/dT|_{α=1} · q²(T) · P_e(T) dT      (for the mean q²)
 *
 * with dN_k/dT = m_det · n_k · ∫ dσ_k/dT Φ dE over the exposure (physics/rates, Sharma et al. 2021
 * Eq. A2; DAR-π fluence N_POT·r_ν/(4πL²), physics/sources/darPi) and P_e the energy response
 * (response.ts). The three integrals share one fold (weightedResponses), with breakpoints at the end
 * point of the 29.8 MeV prompt line on nucleus k (a step of dN/dT); foldSpectrumChecked halves the
 * panels until successive results agree to `relTol`, and the largest relative change is reported.
 */
import {
  COMPLETE_COHERENCY,
  DAR_PI_PROMPT_LINE_MEV,
  MICHEL_END_POINT_MEV,
  MeVToKeV,
  PAPER_HELM_MODEL,
  darPiSpectrum,
  differentialRate,
  keVToMeV,
  maxQ2,
  maxRecoilEnergy,
  q2FromRecoil,
  recoilFromQ2,
  xiOf,
  type Q2Convention,
  type Target,
} from '../../../physics/index.js';
import { SpecError } from '../../../errors.js';
import { foldSpectrumChecked, weightedResponses, type RecoilResponse } from '../../response/index.js';

export interface ArExposure {
  readonly target: Target;
  readonly massKg: number;
  readonly protonsOnTarget: number;
  readonly nuPerFlavourPerProton: number;
  readonly distanceM: number;
  readonly epsilon: number;
  readonly q2Convention: Q2Convention;
}

/** Per band j, nucleus k and energy bin e (arrays [j][k] of Float64Array(nE)). */
export interface BandFold {
  readonly coh: readonly (readonly Float64Array[])[];
  readonly helm: readonly (readonly Float64Array[])[];
  readonly q2Weighted: readonly (readonly Float64Array[])[];
  /** Recoil range of band j on nucleus k [keV_nr] (the band's q² edges converted; not clipped at T_max). */
  readonly tRangeKeV: readonly (readonly (readonly [number, number])[])[];
  /** Largest relative change of the last panel doubling over all folds (quadrature error estimate). */
  readonly relError: number;
}

/** The largest q² [MeV²] a DAR-π neutrino (Michel end point m_μ/2) gives on any nucleus of `target`. */
export function darPiMaxQ2(target: Target, convention: Q2Convention): number {
  return Math.max(
    ...target.components.map((c) => maxQ2(MICHEL_END_POINT_MEV, c.nucleus.massMeV, convention)),
  );
}

/** Fold the α = 1, Helm and q²-weighted spectra of every nucleus in every band. */
export function foldBands(
  x: ArExposure,
  response: RecoilResponse,
  q2EdgesMeV2: readonly number[],
  relTol = 1e-8,
): BandFold {
  const fluence = darPiSpectrum({
    protonsOnTarget: x.protonsOnTarget,
    nuPerFlavourPerProton: x.nuPerFlavourPerProton,
    distanceM: x.distanceM,
    liveTimeS: 1, // counts = rate × 1 s over the whole exposure
  });
  const nE = response.nBins;
  const coh: Float64Array[][] = [];
  const helm: Float64Array[][] = [];
  const q2Weighted: Float64Array[][] = [];
  const tRangeKeV: (readonly [number, number])[][] = [];
  let relError = 0;
  for (let j = 0; j + 1 < q2EdgesMeV2.length; j++) {
    coh.push([]);
    helm.push([]);
    q2Weighted.push([]);
    tRangeKeV.push([]);
    for (const component of x.target.components) {
      const { nucleus } = component;
      const m = nucleus.massMeV;
      const single: Target = {
        label: nucleus.label,
        components: [component],
        formulaMassU: x.target.formulaMassU,
      };
      const q2At = (tKeV: number) => q2FromRecoil(keVToMeV(tKeV), m, x.q2Convention);
      const stacked = weightedResponses(response, [
        () => 1,
        (t) => xiOf(PAPER_HELM_MODEL, q2At(t), nucleus, x.epsilon),
        q2At,
      ]);
      // events per keV_nr over the exposure: [1/(kg·s·MeV)] × 1e-3 MeV/keV × kg × 1 s
      const dNdT = (tKeV: number) =>
        differentialRate(keVToMeV(tKeV), single, fluence, COMPLETE_COHERENCY, {
          epsilon: x.epsilon,
          q2Convention: x.q2Convention,
        }) *
        1e-3 *
        x.massKg;
      const tLo = MeVToKeV(recoilFromQ2(q2EdgesMeV2[j]!, m, x.q2Convention));
      const tHi = MeVToKeV(recoilFromQ2(q2EdgesMeV2[j + 1]!, m, x.q2Convention));
      // dN/dT vanishes above the Michel end point's T_max: fold only up to there.
      const tMax = MeVToKeV(maxRecoilEnergy(MICHEL_END_POINT_MEV, m));
      const r = foldSpectrumChecked(stacked, dNdT, Math.min(tLo, tMax), Math.min(tHi, tMax), {
        breakpoints: [MeVToKeV(maxRecoilEnergy(DAR_PI_PROMPT_LINE_MEV, m))],
        relTol,
        maxDoublings: 8,
      });
      if (!r.converged) {
        throw new SpecError(
          'nan_in_model',
          `coherent-ar-2020: the fold of band ${j} on ${nucleus.label} did not converge to ${relTol}`,
        );
      }
      relError = Math.max(relError, r.relError);
      coh[j]!.push(r.mu.slice(0, nE));
      helm[j]!.push(r.mu.slice(nE, 2 * nE));
      q2Weighted[j]!.push(r.mu.slice(2 * nE, 3 * nE));
      tRangeKeV[j]!.push([tLo, tHi]);
    }
  }
  return { coh, helm, q2Weighted, tRangeKeV, relError };
}
