/**
 * CEvNS recoil spectra of a detector at a DAR-π source, split into the prompt (ν_μ line, π⁺ decay)
 * and delayed (ν_e + ν̄_μ Michel, μ⁺ decay) flavour groups, which arrive at different times and get
 * different time-window fractions. The fluence over the exposure is
 *   Φ_flavour = N_POT · r_ν / (4π L²)          (src/physics/sources/darPi.ts with t_live = 1 s,
 * so that rate × 1 s = counts over the exposure). Folding with a detector response gives, per nucleus,
 * per group, counts in fine observable bins at α = 1, with Helm, and q²-weighted.
 */
import {
  darPiSpectrum,
  keVToMeV,
  maxRecoilEnergy,
  DAR_PI_PROMPT_LINE_MEV,
  MICHEL_END_POINT_MEV,
  MeVToKeV,
  type Target,
} from '../physics/index.js';
import { foldOnGrid, recoilGrid, type RecoilGrid } from './detectorResponse.js';
import { recoilSpectraOnGrid, times, type FlavourGroup, type NucleusRecoilSpectra } from './recoilSpectra.js';
import type { FineHistograms } from './binAssembly.js';

export const DAR_GROUPS = ['prompt', 'delayed'] as const;
export type DarGroup = (typeof DAR_GROUPS)[number];

export interface DarPiExposure {
  readonly target: Target;
  readonly massKg: number;
  readonly protonsOnTarget: number;
  readonly nuPerFlavourPerProton: number;
  readonly distanceM: number;
  readonly epsilon: number;
  /** Width of the quadrature panels in T [keV_nr] (default 0.25). */
  readonly panelKeV?: number;
}

export interface DarPiRecoilModel {
  readonly grid: RecoilGrid;
  readonly spectra: readonly NucleusRecoilSpectra[];
}

/**
 * The DAR-π fluence over the exposure split into the prompt (ν_μ line) and delayed (ν_e, ν̄_μ Michel)
 * flavour groups, as spectra whose "flux" is the fluence (t_live = 1 s).
 */
export function darPiFluenceGroups(
  x: Pick<DarPiExposure, 'protonsOnTarget' | 'nuPerFlavourPerProton' | 'distanceM'>,
): readonly (FlavourGroup & { readonly label: DarGroup })[] {
  const full = darPiSpectrum({
    protonsOnTarget: x.protonsOnTarget,
    nuPerFlavourPerProton: x.nuPerFlavourPerProton,
    distanceM: x.distanceM,
    liveTimeS: 1,
  });
  return [
    {
      label: 'prompt',
      fluenceSpectrum: { ...full, components: full.components.filter((c) => c.kind === 'line') },
    },
    {
      label: 'delayed',
      fluenceSpectrum: { ...full, components: full.components.filter((c) => c.kind === 'continuum') },
    },
  ];
}

/** Tabulate dN/dT per nucleus and flavour group over the whole kinematic range (the costly step). */
export function darPiRecoilModel(x: DarPiExposure): DarPiRecoilModel {
  const groups = darPiFluenceGroups(x);
  const masses = x.target.components.map((c) => c.nucleus.massMeV);
  const tMaxKeV = Math.max(...masses.map((m) => MeVToKeV(maxRecoilEnergy(MICHEL_END_POINT_MEV, m))));
  const lineEnds = masses.map((m) => MeVToKeV(maxRecoilEnergy(DAR_PI_PROMPT_LINE_MEV, m)));
  const grid = recoilGrid(tMaxKeV, lineEnds, x.panelKeV ?? 0.25);
  return { grid, spectra: recoilSpectraOnGrid(x.target, x.massKg, groups, grid, { epsilon: x.epsilon }) };
}

/** Per nucleus and group: folded counts in fine bins (no efficiency, no time fraction). */
export type FoldedGroups = readonly {
  readonly label: string;
  readonly massMeV: number;
  readonly groups: Readonly<
    Record<
      DarGroup,
      { coh: Float64Array; helm: Float64Array; q2Weighted: Float64Array; q2SqWeighted: Float64Array }
    >
  >;
}[];

/** Fold every nucleus and group with a response T [keV_nr] → probabilities over `nFine` fine bins. */
export function foldDarPiModel(
  model: DarPiRecoilModel,
  response: (tKeV: number) => Float64Array,
  nFine: number,
): FoldedGroups {
  const { grid } = model;
  const cache = Array.from(grid.tKeV, (t) => response(t)); // the response once per node
  const atNode = (_t: number, i: number): Float64Array => cache[i]!;
  return model.spectra.map((s) => {
    const fold = (d: Float64Array, w?: (t: number) => number) => foldOnGrid(grid, d, atNode, nFine, w);
    const q2At = (tKeV: number): number => {
      const t = keVToMeV(tKeV);
      return t * (2 * s.nucleus.massMeV + t);
    };
    const one = (g: DarGroup) => {
      const d = s.coherentPerKeV[g]!;
      return {
        coh: fold(d),
        helm: fold(times(d, s.helmXi)),
        q2Weighted: fold(d, q2At),
        q2SqWeighted: fold(d, (t) => q2At(t) ** 2),
      };
    };
    return {
      label: s.nucleus.label,
      massMeV: s.nucleus.massMeV,
      groups: { prompt: one('prompt'), delayed: one('delayed') },
    };
  });
}

/**
 * Fine histograms after efficiency ε_j and time-window fractions f_g:
 *   c_kj = ε_j Σ_g f_g · folded_kgj   (likewise Helm and q²-weighted).
 */
export function applyEfficiencyAndTiming(
  folded: FoldedGroups,
  efficiency: Float64Array,
  fractions: Readonly<Record<DarGroup, number>>,
): FineHistograms[] {
  const combine = (pick: (g: DarGroup) => Float64Array): Float64Array =>
    efficiency.map((e, j) => e * DAR_GROUPS.reduce((s, g) => s + fractions[g] * pick(g)[j]!, 0));
  return folded.map((n) => ({
    label: n.label,
    massMeV: n.massMeV,
    coh: combine((g) => n.groups[g].coh),
    helm: combine((g) => n.groups[g].helm),
    q2Weighted: combine((g) => n.groups[g].q2Weighted),
    q2SqWeighted: combine((g) => n.groups[g].q2SqWeighted),
  }));
}
