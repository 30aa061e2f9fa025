/**
 * Our own forward folding of the CEvNS recoil spectrum into the release's reconstructed-energy bins,
 * split by true-q² band, nucleus and DAR-π flavour group (prompt ν_μ line; delayed ν_e + ν̄_μ, which
 * arrive later, see physics/sources/darPiTiming) — the input of the band split of the release's CEvNS
 * template.
 *
 * For nucleus k (a component of the target), band j = [q²_lo, q²_hi) and flavour group g the recoil
 * range is T ∈ [T_k(q²_lo), T_k(q²_hi)) with T_k(q²) the inverse of q² = 2M_kT + T² (or q² = 2M_kT), and
 *
 *   C^g_jke = ∫ dN^g_k/dT|_{α=1} · P_e(T) dT              (complete coherency)
 *   H^g_jke = ∫ dN^g_k/dT|_{α=1} · F²(q²(T)) · P_e(T) dT  (Standard Model: the paper's Helm F, Eq. 9)
 *   Q^g_jke = ∫ dN^g_k/dT|_{α=1} · q²(T) · P_e(T) dT      (for the mean q²)
 *
 * with dN^g_k/dT = m_det · n_k · ∫ dσ_k/dT Φ_g dE over the exposure (physics/rates, Sharma et al. 2021
 * Eq. A2; DAR-π fluence N_POT·r_ν/(4πL²) per flavour, physics/sources/darPi; all arrival times) and
 * P_e the energy response
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
  type NeutrinoSpectrum,
  type Q2Convention,
  type Target,
} from '../../../physics/index.js';
import { SpecError } from '../../../errors.js';
import { foldSpectrumChecked, weightedResponses, type RecoilResponse } from '../../response/index.js';
import {
  DAR_GROUPS as FLAVOUR_GROUPS,
  type DarGroup as FlavourGroup,
  type DarPiExposure,
} from '../../darPiRecoilModel.js';

/** The exposure (darPiRecoilModel's) and the q² convention of the band edges. */
export interface ArExposure extends DarPiExposure {
  readonly q2Convention: Q2Convention;
}

/** Per band j, nucleus k and energy bin e: arrays [j][k] of Float64Array(nE). */
export type PerBandNucleus = readonly (readonly Float64Array[])[];

/** The DAR-π flavour groups (prompt ν_μ; delayed ν_e, ν̄_μ), which differ in arrival time. */
export { DAR_GROUPS as FLAVOUR_GROUPS, type DarGroup as FlavourGroup } from '../../darPiRecoilModel.js';

export interface GroupFold {
  readonly coh: PerBandNucleus;
  readonly helm: PerBandNucleus;
  readonly q2Weighted: PerBandNucleus;
}

export interface BandFold {
  readonly groups: Readonly<Record<FlavourGroup, GroupFold>>;
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

/** Fold the α = 1, Helm and q²-weighted spectra of every nucleus, flavour group and band. */
export function foldBands(
  x: ArExposure,
  response: RecoilResponse,
  q2EdgesMeV2: readonly number[],
  relTol = 1e-8,
): BandFold {
  const full = darPiSpectrum({
    protonsOnTarget: x.protonsOnTarget,
    nuPerFlavourPerProton: x.nuPerFlavourPerProton,
    distanceM: x.distanceM,
    liveTimeS: 1, // counts = rate × 1 s over the whole exposure
  });
  const fluence: Record<FlavourGroup, NeutrinoSpectrum> = {
    prompt: { ...full, components: full.components.filter((c) => c.kind === 'line') },
    delayed: { ...full, components: full.components.filter((c) => c.kind === 'continuum') },
  };
  const nE = response.nBins;
  const nBands = q2EdgesMeV2.length - 1;
  const empty = (): Float64Array[][] => Array.from({ length: nBands }, () => []);
  const groups = Object.fromEntries(
    FLAVOUR_GROUPS.map((g) => [g, { coh: empty(), helm: empty(), q2Weighted: empty() }]),
  ) as Record<FlavourGroup, { coh: Float64Array[][]; helm: Float64Array[][]; q2Weighted: Float64Array[][] }>;
  const tRangeKeV: (readonly [number, number])[][] = empty().map(() => []);
  let relError = 0;
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
    // dN/dT vanishes above the Michel end point's T_max: fold only up to there.
    const tMax = MeVToKeV(maxRecoilEnergy(MICHEL_END_POINT_MEV, m));
    const breakpoints = [MeVToKeV(maxRecoilEnergy(DAR_PI_PROMPT_LINE_MEV, m))];
    for (let j = 0; j < nBands; j++) {
      const tLo = MeVToKeV(recoilFromQ2(q2EdgesMeV2[j]!, m, x.q2Convention));
      const tHi = MeVToKeV(recoilFromQ2(q2EdgesMeV2[j + 1]!, m, x.q2Convention));
      tRangeKeV[j]!.push([tLo, tHi]);
      for (const g of FLAVOUR_GROUPS) {
        // events per keV_nr over the exposure: [1/(kg·s·MeV)] × 1e-3 MeV/keV × kg × 1 s
        const dNdT = (tKeV: number) =>
          differentialRate(keVToMeV(tKeV), single, fluence[g], COMPLETE_COHERENCY, {
            epsilon: x.epsilon,
            q2Convention: x.q2Convention,
          }) *
          1e-3 *
          x.massKg;
        const r = foldSpectrumChecked(stacked, dNdT, Math.min(tLo, tMax), Math.min(tHi, tMax), {
          breakpoints,
          relTol,
          maxDoublings: 8,
        });
        if (!r.converged) {
          throw new SpecError(
            'nan_in_model',
            `coherent-ar-2020: the ${g} fold of band ${j} on ${nucleus.label} did not converge to ${relTol}`,
          );
        }
        relError = Math.max(relError, r.relError);
        groups[g].coh[j]!.push(r.mu.slice(0, nE));
        groups[g].helm[j]!.push(r.mu.slice(nE, 2 * nE));
        groups[g].q2Weighted[j]!.push(r.mu.slice(2 * nE, 3 * nE));
      }
    }
  }
  return { groups, tRangeKeV, relError };
}
