/**
 * The coherency angle φ = arccos α ∈ [0°, 90°] (Sharma et al. 2021, Eq. 5; the conference version
 * quotes φ): α intervals carried over to φ. arccos is decreasing, so the α interval [lo, hi] is the
 * φ interval [arccos hi, arccos lo]; an α upper limit (lo = 0) is a φ lower limit (φ up to 90°).
 */
import { phiFromAlpha } from '../physics/index.js';

const DEG_PER_RAD = 180 / Math.PI;

/** φ interval in degrees and in radians, each [lower, upper]. */
export interface PhiInterval {
  readonly deg: readonly [number, number];
  readonly rad: readonly [number, number];
}

/** φ̂ = arccos α̂ in degrees and radians (NaN outside α ∈ [0, 1]). */
export function phiPoint(alpha: number): { readonly deg: number; readonly rad: number } {
  const rad = phiFromAlpha(alpha);
  return { deg: rad * DEG_PER_RAD, rad };
}

/** The φ interval of the α interval [alphaLo, alphaHi]. */
export function phiOf(alphaLo: number, alphaHi: number): PhiInterval {
  const lo = phiFromAlpha(alphaHi);
  const hi = phiFromAlpha(alphaLo);
  return { deg: [lo * DEG_PER_RAD, hi * DEG_PER_RAD], rad: [lo, hi] };
}
