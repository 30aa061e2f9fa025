/**
 * Quenching models of a setup: the electron-equivalent energy E_ee = QF(T)·T of a nuclear recoil T
 * [keV_nr], and its inverse. Used to turn thresholds, bin edges and efficiency curves given in keV_ee
 * into recoil energies (and back).
 *
 * - `lindhard`: J. Lindhard, V. Nielsen, M. Scharff, P.V. Thomsen, Mat. Fys. Medd. Dan. Vid. Selsk. 33,
 *   no. 10 (1963), in its usual parametrisation (e.g. Lewin & Smith, Astropart. Phys. 6 (1996) 87, §4.3):
 *     ε = 11.5 Z^{−7/3} T[keV],   g(ε) = 3ε^0.15 + 0.7ε^0.6 + ε,   QF = k·g/(1 + k·g),
 *   with k = 0.133 Z^{2/3} A^{−1/2} by default (Ge: 0.157, Xe: 0.166), or a fixed k for every nucleus.
 * - `flat`: QF constant (COHERENT CsI[Na] 2017: 0.0878).
 * - `linear`: QF = a + b·T[keV_nr] (COHERENT CENNS-10 2020: a = 0.246, b = 0.00078 keV_nr⁻¹).
 *
 * Quenching depends on the recoiling nucleus (Z, A), so every function takes it. E_ee(T) is strictly
 * increasing for the three models in their physical parameter ranges (checked by the setup schema),
 * which makes the inverse well defined; it is found in closed form (flat, linear) or by bisection
 * (Lindhard, 200 halvings of a bracket, i.e. to the last bit).
 */
import type { Nucleus } from '../physics/index.js';
import { quenchingFactor, recoilForElectronEquivalent, type QuenchingModel } from './detectorResponse.js';

/** Lindhard's k from Z and A: k = 0.133 Z^{2/3} A^{−1/2} (Lindhard et al. 1963). */
export function lindhardDefaultK(nucleus: Pick<Nucleus, 'Z' | 'A'>): number {
  return (0.133 * Math.pow(nucleus.Z, 2 / 3)) / Math.sqrt(nucleus.A);
}

/** Lindhard quenching factor QF(T) for a recoil of T [keV_nr]; 0 at T = 0, NaN for T < 0. */
export function lindhardQuenching(tKeV: number, nucleus: Pick<Nucleus, 'Z' | 'A'>, k?: number): number {
  if (!(tKeV >= 0)) return NaN;
  if (tKeV === 0) return 0;
  const kk = k ?? lindhardDefaultK(nucleus);
  const eps = 11.5 * Math.pow(nucleus.Z, -7 / 3) * tKeV;
  const g = 3 * Math.pow(eps, 0.15) + 0.7 * Math.pow(eps, 0.6) + eps;
  return (kk * g) / (1 + kk * g);
}

/** A validated quenching description (the setup schema's `quenching`). */
export type QuenchingSpec =
  | { readonly model: 'lindhard'; readonly k?: number | undefined }
  | { readonly model: 'flat'; readonly qf: number }
  | { readonly model: 'linear'; readonly a: number; readonly bPerKeVnr: number };

/** The nucleus-independent models (flat, linear) in the form detectorResponse.ts implements them. */
function asQuenchingModel(spec: Exclude<QuenchingSpec, { model: 'lindhard' }>): QuenchingModel {
  return spec.model === 'flat'
    ? { kind: 'flat', qf: spec.qf }
    : { kind: 'linear', a: spec.a, bPerKeV: spec.bPerKeVnr };
}

/** QF(T) of a model on a nucleus; T in keV_nr. */
export function quenchingFactorOf(spec: QuenchingSpec, tKeV: number, nucleus: Nucleus): number {
  return spec.model === 'lindhard'
    ? lindhardQuenching(tKeV, nucleus, spec.k)
    : quenchingFactor(asQuenchingModel(spec), tKeV);
}

/** E_ee [keV_ee] of a recoil T [keV_nr]. */
export function electronEquivalentOf(spec: QuenchingSpec, tKeV: number, nucleus: Nucleus): number {
  return quenchingFactorOf(spec, tKeV, nucleus) * tKeV;
}

/** The recoil T [keV_nr] whose E_ee is `eeKeV` (inverse of {@link electronEquivalentOf}). */
export function recoilOfElectronEquivalent(spec: QuenchingSpec, eeKeV: number, nucleus: Nucleus): number {
  if (!(eeKeV >= 0)) return NaN;
  if (eeKeV === 0) return 0;
  if (spec.model !== 'lindhard') return recoilForElectronEquivalent(asQuenchingModel(spec), eeKeV);
  // Lindhard: QF ≤ 1 ⇒ T ≥ E; grow the upper end of the bracket until E_ee(hi) ≥ E.
  let lo = 0;
  let hi = eeKeV;
  while (electronEquivalentOf(spec, hi, nucleus) < eeKeV && hi < 1e12) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) break;
    if (electronEquivalentOf(spec, mid, nucleus) < eeKeV) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** One line describing the model, e.g. "Lindhard (k = 0.157)". */
export function describeQuenching(spec: QuenchingSpec, nuclei: readonly Nucleus[]): string {
  switch (spec.model) {
    case 'lindhard': {
      if (spec.k !== undefined) return `Lindhard 1963, k = ${spec.k}`;
      const ks = [...new Set(nuclei.map((n) => lindhardDefaultK(n).toFixed(3)))];
      return `Lindhard 1963, k = 0.133 Z^(2/3) A^(-1/2) = ${ks.join('/')}`;
    }
    case 'flat':
      return `flat QF = ${spec.qf}`;
    case 'linear':
      return `QF = ${spec.a} + ${spec.bPerKeVnr}·T[keVnr]`;
  }
}
