/**
 * Recoil spectra of a detector, per nucleus and per neutrino "flavour group" (e.g. the prompt ν_μ
 * line and the delayed ν_e + ν̄_μ of a DAR-π source, which arrive at different times), tabulated at
 * the nodes of a RecoilGrid:
 *
 *   dN_k/dT (T) = m_det · n_k · ∫ dσ_k/dT(T, E; α = 1) Φ(E) dE · Δt      [events per keV_nr]
 *
 * with n_k the number of nuclei k per kg of the target (physics/rates.ts, Eq. A2 of Sharma et al. 2021)
 * and Φ·Δt the fluence over the exposure. Any Γ model is a factor on top of complete coherency because
 * Γ depends on q² only: dN/dT|_model = dN/dT|_{α=1} · ξ_model(q²(T)). The Helm ξ = F²(q²) (Eq. 7 with
 * F_Z = F_N, Eq. 9) is tabulated alongside, as is q²(T) = 2MT + T² for mean-q² weights.
 */
import {
  COMPLETE_COHERENCY,
  PAPER_HELM_MODEL,
  differentialRate,
  keVToMeV,
  q2FromRecoil,
  xiOf,
  type NeutrinoSpectrum,
  type Nucleus,
  type Target,
} from '../physics/index.js';
import { ToolkitError } from '../errors.js';
import type { RecoilGrid } from './detectorResponse.js';

/** A neutrino spectrum whose component fluxes are fluences over the exposure (counts = rate × 1 s). */
export interface FlavourGroup {
  readonly label: string;
  readonly fluenceSpectrum: NeutrinoSpectrum;
}

export interface NucleusRecoilSpectra {
  readonly nucleus: Nucleus;
  readonly atomsPerFormulaUnit: number;
  /** dN/dT at α = 1 [events/keV_nr] at the grid nodes, per flavour-group label. */
  readonly coherentPerKeV: Readonly<Record<string, Float64Array>>;
  /** ξ_Helm(q²(T)) = F²: the paper's Helm form factor squared at the nodes. */
  readonly helmXi: Float64Array;
  /** q²(T) = 2MT + T² [MeV²] at the nodes. */
  readonly q2MeV2: Float64Array;
}

export interface RecoilSpectraOptions {
  readonly epsilon: number;
  /** Relative tolerance of the E_ν quadrature inside dR/dT (default 1e-8). */
  readonly relTol?: number;
}

/** One nucleus of a target alone, but counted per kg of the whole target (same formula mass). */
export function componentAlone(target: Target, component: Target['components'][number]): Target {
  return { label: component.nucleus.label, components: [component], formulaMassU: target.formulaMassU };
}

/** Tabulate the recoil spectra of every nucleus of `target` (detector mass `massKg`) on `grid`. */
export function recoilSpectraOnGrid(
  target: Target,
  massKg: number,
  groups: readonly FlavourGroup[],
  grid: RecoilGrid,
  opts: RecoilSpectraOptions,
): NucleusRecoilSpectra[] {
  const rateOpts = { epsilon: opts.epsilon, relTol: opts.relTol ?? 1e-8 };
  return target.components.map((component) => {
    const { nucleus } = component;
    const coherentPerKeV: Record<string, Float64Array> = {};
    for (const g of groups) {
      coherentPerKeV[g.label] = grid.tKeV.map(recoilDensityPerKeV(target, component, massKg, g, rateOpts));
    }
    const q2MeV2 = grid.tKeV.map((tKeV) => q2FromRecoil(keVToMeV(tKeV), nucleus.massMeV));
    const helmXi = q2MeV2.map((q2) => xiOf(PAPER_HELM_MODEL, q2, nucleus, opts.epsilon));
    return { nucleus, atomsPerFormulaUnit: component.atomsPerFormulaUnit, coherentPerKeV, helmXi, q2MeV2 };
  });
}

/**
 * dN/dT [events/keV_nr] at α = 1 of one nucleus of `target` (a detector of `massKg`) for one flavour
 * group: differentialRate of the nucleus alone, counted per kg of the whole target (same formula mass).
 */
export function recoilDensityPerKeV(
  target: Target,
  component: Target['components'][number],
  massKg: number,
  group: FlavourGroup,
  opts: { readonly epsilon: number; readonly relTol?: number },
): (tKeV: number) => number {
  const single = componentAlone(target, component);
  return (tKeV) =>
    differentialRate(keVToMeV(tKeV), single, group.fluenceSpectrum, COMPLETE_COHERENCY, opts) * 1e-3 * massKg;
}

/** Element-wise Σ_g weight_g · spectrum_g (e.g. flavour groups weighted by their time-window fractions). */
export function weightedGroupSum(
  spectra: NucleusRecoilSpectra,
  weights: Readonly<Record<string, number>>,
): Float64Array {
  const n = spectra.q2MeV2.length;
  const out = new Float64Array(n);
  for (const [label, w] of Object.entries(weights)) {
    const s = spectra.coherentPerKeV[label];
    if (s === undefined)
      throw new ToolkitError(
        'invalid_input',
        `no flavour group "${label}" (have ${Object.keys(spectra.coherentPerKeV).join(', ')})`,
      );
    for (let i = 0; i < n; i++) out[i]! += w * s[i]!;
  }
  return out;
}

/** Element-wise product a·b (e.g. coherent spectrum × Helm ξ). */
export function times(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((x, i) => x * b[i]!);
}
