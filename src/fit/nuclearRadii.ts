/**
 * Proton rms radii used by the F_Z ≠ F_N model (`helm-rn`), where the proton form factor is held
 * fixed and the neutron radius is fitted.
 *
 * Values: rms nuclear CHARGE radii from I. Angeli, K.P. Marinova, At. Data Nucl. Data Tables 99
 * (2013) 69, Table IV, used as the proton rms radius. The difference between the charge radius and
 * the point-proton radius (finite nucleon size, ≈ −0.07 fm for Cs) is neglected on purpose: the
 * proton term of the weak charge is εZ F_Z with ε ≈ 0.045, so for CsI (εZ ≈ 2.5 against N ≈ 76) a
 * 0.1 fm change of R_p moves ξ by < 1e-3 at the COHERENT q² (checked in test/fit/models.test.ts).
 * Nuclei not in the table fall back to the rms radius of a uniform sphere of radius 1.2·A^{1/3} fm,
 * R_rms = √(3/5)·1.2·A^{1/3} (the paper's Helm R with s → 0), and the fit says so in its messages.
 */
import { PAPER_HELM_R_COEFFICIENT_FM } from '../physics/index.js';

/** [Z, A, rms charge radius in fm] (Angeli & Marinova 2013). */
const CHARGE_RADII_FM: readonly (readonly [number, number, number])[] = [
  [11, 23, 2.9936],
  [18, 40, 3.4274],
  [32, 74, 4.0742],
  [53, 127, 4.75],
  [54, 132, 4.7859],
  [55, 133, 4.8041],
];

export interface ProtonRadius {
  readonly rmsFm: number;
  /** 'table' (Angeli & Marinova 2013) or 'uniformSphere' (the fallback). */
  readonly source: 'table' | 'uniformSphere';
}

/** Proton rms radius of nucleus (Z, A); the nearest tabulated isotope of the element within ±3 in A. */
export function protonRmsRadius(Z: number, A: number): ProtonRadius {
  let best: readonly [number, number, number] | undefined;
  for (const row of CHARGE_RADII_FM) {
    if (row[0] !== Z || Math.abs(row[1] - A) > 3) continue;
    if (!best || Math.abs(row[1] - A) < Math.abs(best[1] - A)) best = row;
  }
  if (best) return { rmsFm: best[2] * Math.cbrt(A / best[1]), source: 'table' };
  return { rmsFm: Math.sqrt(3 / 5) * PAPER_HELM_R_COEFFICIENT_FM * Math.cbrt(A), source: 'uniformSphere' };
}

/**
 * Helm radius R (the `radiusFm` of physics `helmFormFactor`) with a given rms radius: the Helm density
 * has ⟨r²⟩ = (3/5)R₀² + 3s² with R₀² = R² − 5s² (Engel, PLB 264 (1991) 114), so ⟨r²⟩ = (3/5)R² and
 * R = √(5/3)·R_rms, independent of s.
 */
export function helmRadiusFromRms(rmsFm: number): number {
  return Math.sqrt(5 / 3) * rmsFm;
}
