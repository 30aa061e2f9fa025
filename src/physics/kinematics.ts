/**
 * Elastic ν–nucleus kinematics (Sharma et al. 2021, Sec. II).
 *
 * The three-momentum transfer of an elastic recoil of kinetic energy T on a nucleus of mass M is
 *   q² = 2MT + T²            (exact)       or   q² ≈ 2MT   (the paper's approximation),
 * the maximum recoil energy for neutrino energy E is T_max = 2E²/(M + 2E), and the minimum neutrino
 * energy that can produce a recoil T is E_min(T) = [T + sqrt(T² + 2MT)]/2.
 * All energies in MeV, q² in MeV². Kernels return NaN for negative or non-finite input (STYLE P7).
 */

/** Which relation between q² and T to use. 'exact': q² = 2MT + T²; 'paper': q² = 2MT. */
export type Q2Convention = 'exact' | 'paper';

/** q² [MeV²] from recoil energy T [MeV] on a nucleus of mass M [MeV]. */
export function q2FromRecoil(tMeV: number, massMeV: number, convention: Q2Convention = 'exact'): number {
  if (!(tMeV >= 0) || !(massMeV > 0)) return NaN;
  return convention === 'exact' ? tMeV * (2 * massMeV + tMeV) : 2 * massMeV * tMeV;
}

/**
 * Recoil energy T [MeV] from q² [MeV²]: the positive root of T² + 2MT − q² = 0,
 * written as T = q² / (M + sqrt(M² + q²)) to avoid cancellation when q² ≪ M².
 */
export function recoilFromQ2(q2MeV2: number, massMeV: number, convention: Q2Convention = 'exact'): number {
  if (!(q2MeV2 >= 0) || !(massMeV > 0)) return NaN;
  return convention === 'exact'
    ? q2MeV2 / (massMeV + Math.sqrt(massMeV * massMeV + q2MeV2))
    : q2MeV2 / (2 * massMeV);
}

/** dq²/dT [MeV]: 2(M + T) for the exact relation, 2M for the paper's (Eq. A1). */
export function dq2dT(tMeV: number, massMeV: number, convention: Q2Convention = 'exact'): number {
  return convention === 'exact' ? 2 * (massMeV + tMeV) : 2 * massMeV;
}

/** T_max = 2E²/(M + 2E) [MeV]. */
export function maxRecoilEnergy(eNuMeV: number, massMeV: number): number {
  if (!(eNuMeV >= 0) || !(massMeV > 0)) return NaN;
  return (2 * eNuMeV * eNuMeV) / (massMeV + 2 * eNuMeV);
}

/** E_min(T) = [T + sqrt(T² + 2MT)]/2 [MeV]: the smallest E_ν with T_max(E_ν) ≥ T. */
export function minNeutrinoEnergy(tMeV: number, massMeV: number): number {
  if (!(tMeV >= 0) || !(massMeV > 0)) return NaN;
  return 0.5 * (tMeV + Math.sqrt(tMeV * tMeV + 2 * massMeV * tMeV));
}

/** q²_max(E) [MeV²] = q²(T_max(E)); with the paper's convention 4E²·M/(M + 2E). */
export function maxQ2(eNuMeV: number, massMeV: number, convention: Q2Convention = 'exact'): number {
  return q2FromRecoil(maxRecoilEnergy(eNuMeV, massMeV), massMeV, convention);
}
