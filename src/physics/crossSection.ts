/**
 * νA_el differential cross sections (Sharma et al. 2021, Eq. 2 and Eq. A1):
 *
 *   dσ/dq²(q², E_ν) = ½ · [G_F²/(4π)] · [1 − q²/(4E_ν²)] · Γ(q²)          (Eq. 2)
 *   dσ/dT = (dq²/dT) · dσ/dq²,  dq²/dT = 2M (paper, Eq. A1) or 2(M + T) (exact q² = 2MT + T²)
 *
 * which for Γ = [N − εZ]² F² is the standard Freedman (Phys. Rev. D 9 (1974) 1389) result
 * dσ/dT = G_F² M/(4π) · Q_W² · (1 − MT/(2E²)) F² when q² = 2MT.
 * Natural units inside; results converted to cm² with (ħc)². Zero above the kinematic end point
 * (q² > q²_max(E), i.e. T > T_max(E)); NaN for negative or non-finite inputs (kernel policy).
 */
import { FERMI_CONSTANT_PER_MEV2, HBAR_C_SQUARED_MEV2_CM2, PAPER_EPSILON } from './constants.js';
import { gammaOf, type GammaModel } from './gammaModel.js';
import { dq2dT, maxRecoilEnergy, q2FromRecoil, type Q2Convention } from './kinematics.js';
import type { Nucleus } from './nuclei.js';

export interface CrossSectionOptions {
  /** ε = 1 − 4 sin²θ_W; default 0.045 (the paper). */
  readonly epsilon?: number;
  /** q² ↔ T relation; default 'exact' (q² = 2MT + T²). */
  readonly q2Convention?: Q2Convention;
}

/** G_F²/(8π) · (ħc)² [cm²·MeV⁻²]: the prefactor ½·G_F²/(4π) of Eq. 2 in cm² per MeV² of q². */
export const PREFACTOR_CM2_PER_MEV2 =
  ((FERMI_CONSTANT_PER_MEV2 * FERMI_CONSTANT_PER_MEV2) / (8 * Math.PI)) * HBAR_C_SQUARED_MEV2_CM2;

/** dσ/dq² [cm²/MeV²] at fixed E_ν (Eq. 2); 0 for q² above the elastic end point 4E²·M/(M+2E)·(exact correction). */
export function dSigmaDq2(
  q2MeV2: number,
  eNuMeV: number,
  nucleus: Nucleus,
  model: GammaModel,
  opts: CrossSectionOptions = {},
): number {
  if (!(q2MeV2 >= 0) || !(eNuMeV >= 0)) return NaN;
  const conv = opts.q2Convention ?? 'exact';
  const q2Max = q2FromRecoil(maxRecoilEnergy(eNuMeV, nucleus.massMeV), nucleus.massMeV, conv);
  if (q2MeV2 > q2Max) return 0;
  const kin = 1 - q2MeV2 / (4 * eNuMeV * eNuMeV);
  return PREFACTOR_CM2_PER_MEV2 * kin * gammaOf(model, q2MeV2, nucleus, opts.epsilon ?? PAPER_EPSILON);
}

/** dσ/dT [cm²/MeV] at recoil T [MeV] and E_ν [MeV] (Eq. A1); 0 for T > T_max(E_ν). */
export function dSigmaDT(
  tMeV: number,
  eNuMeV: number,
  nucleus: Nucleus,
  model: GammaModel,
  opts: CrossSectionOptions = {},
): number {
  if (!(tMeV >= 0) || !(eNuMeV >= 0)) return NaN;
  if (tMeV > maxRecoilEnergy(eNuMeV, nucleus.massMeV)) return 0;
  const conv = opts.q2Convention ?? 'exact';
  const q2 = q2FromRecoil(tMeV, nucleus.massMeV, conv);
  const kin = 1 - q2 / (4 * eNuMeV * eNuMeV);
  const gamma = gammaOf(model, q2, nucleus, opts.epsilon ?? PAPER_EPSILON);
  return PREFACTOR_CM2_PER_MEV2 * kin * gamma * dq2dT(tMeV, nucleus.massMeV, conv);
}
