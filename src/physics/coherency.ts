/**
 * The three descriptions of the many-body factor Γ(q²) and the maps between them
 * (Sharma et al., Phys. Rev. D 103, 092002 (2021), Eqs. 3–8 and Table I):
 *
 *   Γ_NP   = [εZ F_Z − N F_N]²                                            (Eq. 3)
 *   Γ_QM   = (εZ − N)²·α + (ε²Z + N)·(1 − α)                               (Eq. 4)
 *          = Zε²[1 + α(Z−1)] + N[1 + α(N−1)] − 2αεZN                      (Eq. 4, first form)
 *   Γ_DATA = (εZ − N)²·ξ                                                  (Eq. 5)
 *   ξ(α)   = α + (1 − α)·d,   d ≡ (ε²Z + N)/(εZ − N)²   (the decoherent limit ξ_dec)   (Eq. 6)
 *   ξ(F)   = [εZ F_Z − N F_N]²/(εZ − N)²                                  (Eq. 7)
 *   α(F)   = (ξ(F) − d)/(1 − d)                                            (Eq. 8 solved for α)
 *   φ      = arccos α ∈ [0, π/2]
 *
 * ε = 1 − 4 sin²θ_W (the paper: 0.045). α is linear in ξ; α < 0 means ξ below the decoherent limit
 * (possible for a form factor near its zero, or for a downward fluctuation of data) and is returned
 * as such — φ is only defined for α ∈ [0, 1].
 */
import { PAPER_EPSILON } from './constants.js';
import type { NuclearFormFactors } from './formFactor.js';
import type { Nucleus } from './nuclei.js';

type ZN = Pick<Nucleus, 'Z' | 'N'>;

/** Γ at complete coherency, (εZ − N)². */
export function coherentGamma(n: ZN, epsilon = PAPER_EPSILON): number {
  const w = epsilon * n.Z - n.N;
  return w * w;
}

/** Γ at complete decoherency, ε²Z + N. */
export function decoherentGamma(n: ZN, epsilon = PAPER_EPSILON): number {
  return epsilon * epsilon * n.Z + n.N;
}

/** d = ξ at α = 0: (ε²Z + N)/(εZ − N)² (Table I, last row). */
export function decoherentXi(n: ZN, epsilon = PAPER_EPSILON): number {
  return decoherentGamma(n, epsilon) / coherentGamma(n, epsilon);
}

/** Γ_NP = [εZ F_Z − N F_N]² (Eq. 3). */
export function gammaNP(n: ZN, fZ: number, fN: number, epsilon = PAPER_EPSILON): number {
  const a = epsilon * n.Z * fZ - n.N * fN;
  return a * a;
}

/** Γ_QM, second form of Eq. 4: (εZ − N)²α + (ε²Z + N)(1 − α). */
export function gammaQM(n: ZN, alpha: number, epsilon = PAPER_EPSILON): number {
  return coherentGamma(n, epsilon) * alpha + decoherentGamma(n, epsilon) * (1 - alpha);
}

/** Γ_QM, first form of Eq. 4: Zε²[1 + α(Z−1)] + N[1 + α(N−1)] − 2αεZN (the sum over nucleon pairs). */
export function gammaQMPairSum(n: ZN, alpha: number, epsilon = PAPER_EPSILON): number {
  const { Z, N } = n;
  return (
    Z * epsilon * epsilon * (1 + alpha * (Z - 1)) + N * (1 + alpha * (N - 1)) - 2 * alpha * epsilon * Z * N
  );
}

/** Γ_DATA = (εZ − N)² ξ (Eq. 5). */
export function gammaData(n: ZN, xi: number, epsilon = PAPER_EPSILON): number {
  return coherentGamma(n, epsilon) * xi;
}

/** ξ(α) = α + (1 − α) d (Eq. 6). */
export function xiFromAlpha(n: ZN, alpha: number, epsilon = PAPER_EPSILON): number {
  const d = decoherentXi(n, epsilon);
  return alpha + (1 - alpha) * d;
}

/** α(ξ) = (ξ − d)/(1 − d), Eq. 6 inverted (d < 1 for every nucleus with N > 1). */
export function alphaFromXi(n: ZN, xi: number, epsilon = PAPER_EPSILON): number {
  const d = decoherentXi(n, epsilon);
  return (xi - d) / (1 - d);
}

/** ξ from form factors, Eq. 7; equals F_A² when F_Z = F_N = F_A. */
export function xiFromFormFactors(n: ZN, fZ: number, fN: number, epsilon = PAPER_EPSILON): number {
  return gammaNP(n, fZ, fN, epsilon) / coherentGamma(n, epsilon);
}

/** α from form factors: Eq. 8 solved for α. */
export function alphaFromFormFactors(n: ZN, fZ: number, fN: number, epsilon = PAPER_EPSILON): number {
  return alphaFromXi(n, xiFromFormFactors(n, fZ, fN, epsilon), epsilon);
}

/** φ = arccos α [rad] for α ∈ [0, 1]; NaN outside (kernel policy). */
export function phiFromAlpha(alpha: number): number {
  return alpha >= 0 && alpha <= 1 ? Math.acos(alpha) : NaN;
}

/** ξ(q²) and α(q²) of a nucleus under given form factors. */
export function coherencyAtQ2(
  q2MeV2: number,
  nucleus: Nucleus,
  ff: NuclearFormFactors,
  epsilon = PAPER_EPSILON,
): { fZ: number; fN: number; xi: number; alpha: number } {
  const fZ = ff.protons(q2MeV2, nucleus);
  const fN = ff.neutrons(q2MeV2, nucleus);
  const xi = xiFromFormFactors(nucleus, fZ, fN, epsilon);
  return { fZ, fN, xi, alpha: alphaFromXi(nucleus, xi, epsilon) };
}
