/**
 * A description of Γ(q²) in any of the paper's three languages (Eqs. 3–5), so that cross sections and
 * rates can be computed "for any Γ description": a coherency parameter α(q²), a suppression ξ(q²), or
 * proton/neutron form factors.
 */
import { PAPER_EPSILON } from './constants.js';
import { coherentGamma, gammaData, gammaNP, gammaQM } from './coherency.js';
import { paperHelm, sameFormFactors, type FormFactor } from './formFactor.js';
import type { Nucleus } from './nuclei.js';

/** A value that may depend on q² [MeV²] and the nucleus. */
export type QFunction = number | ((q2MeV2: number, nucleus: Nucleus) => number);

export type GammaModel =
  | { readonly kind: 'alpha'; readonly alpha: QFunction }
  | { readonly kind: 'xi'; readonly xi: QFunction }
  | { readonly kind: 'formFactors'; readonly protons: FormFactor; readonly neutrons: FormFactor };

const evalQ = (f: QFunction, q2MeV2: number, nucleus: Nucleus): number =>
  typeof f === 'number' ? f : f(q2MeV2, nucleus);

/** Γ(q²) [dimensionless] for a nucleus under a Γ description, with ε = 1 − 4 sin²θ_W. */
export function gammaOf(
  model: GammaModel,
  q2MeV2: number,
  nucleus: Nucleus,
  epsilon = PAPER_EPSILON,
): number {
  switch (model.kind) {
    case 'alpha':
      return gammaQM(nucleus, evalQ(model.alpha, q2MeV2, nucleus), epsilon);
    case 'xi':
      return gammaData(nucleus, evalQ(model.xi, q2MeV2, nucleus), epsilon);
    case 'formFactors':
      return gammaNP(nucleus, model.protons(q2MeV2, nucleus), model.neutrons(q2MeV2, nucleus), epsilon);
  }
}

/** Complete coherency, Γ = (εZ − N)² at every q² (α = 1, ξ = 1, F = 1). */
export const COMPLETE_COHERENCY: GammaModel = { kind: 'alpha', alpha: 1 };
/** Complete decoherency, Γ = ε²Z + N (α = 0). */
export const COMPLETE_DECOHERENCY: GammaModel = { kind: 'alpha', alpha: 0 };
/** The paper's Helm form factor with F_Z = F_N (Eq. 9). */
export const PAPER_HELM_MODEL: GammaModel = { kind: 'formFactors', ...sameFormFactors(paperHelm) };

/** ξ(q²) = Γ/Γ_coh of a model: the cross-section suppression it implies. */
export function xiOf(model: GammaModel, q2MeV2: number, nucleus: Nucleus, epsilon = PAPER_EPSILON): number {
  return gammaOf(model, q2MeV2, nucleus, epsilon) / coherentGamma(nucleus, epsilon);
}
