/**
 * Nuclear form factors. A form factor is a function of q² [MeV²] and the nucleus, in [−1, 1],
 * equal to 1 at q² = 0. Models plug in through the {@link FormFactor} type; proton and neutron
 * form factors may differ (F_Z ≠ F_N) through {@link NuclearFormFactors}.
 */
import {
  HBAR_C_MEV_FM,
  KLEIN_NYSTRAND_R_COEFFICIENT_FM,
  KLEIN_NYSTRAND_YUKAWA_RANGE_FM,
  PAPER_HELM_R_COEFFICIENT_FM,
  PAPER_HELM_SKIN_FM,
} from './constants.js';
import type { Nucleus } from './nuclei.js';

/** F(q²) for a nucleus; q² in MeV². */
export type FormFactor = (q2MeV2: number, nucleus: Nucleus) => number;

/** Proton and neutron form factors (Sharma et al. 2021, Eq. 3). */
export interface NuclearFormFactors {
  readonly protons: FormFactor;
  readonly neutrons: FormFactor;
}

/**
 * 3 j₁(x)/x, the Fourier transform of a uniform sphere, with j₁(x) = sin x/x² − cos x/x.
 * For x < 0.3 the closed form loses up to ~log10(1/x²) digits to cancellation, so the Taylor series
 *   3 j₁(x)/x = Σ_k 3 (−x²)^k / (2^k k! (2k+3)!!) = 1 − x²/10 + x⁴/280 − x⁶/15120 + …
 * is used there (terms to x¹², truncation < 1e-17 for x < 0.3). Even in x.
 */
export function sphereAmplitude(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.3) {
    const x2 = ax * ax;
    // Horner form of the series up to x^12; coefficients 3/(2^k k! (2k+3)!!).
    return (
      1 +
      x2 *
        (-1 / 10 +
          x2 *
            (1 / 280 +
              x2 * (-1 / 15120 + x2 * (1 / 1330560 + x2 * (-1 / 172972800 + x2 * (1 / 31135104000))))))
    );
  }
  return (3 * (Math.sin(ax) - ax * Math.cos(ax))) / (ax * ax * ax);
}

/** First positive zero of 3 j₁(x)/x: the first root of tan x = x (Abramowitz & Stegun, Table 10.6). */
const SPHERE_FIRST_ZERO = 4.493409457909064;

export interface HelmParameters {
  /** Coefficient r0 in R = r0·A^{1/3} [fm]; default 1.2 (the paper's Eq. 9). Ignored if radiusFm is set. */
  readonly rCoefficientFm?: number;
  /** Fixed R [fm] (e.g. a neutron radius), overriding r0·A^{1/3}. */
  readonly radiusFm?: number;
  /** Surface thickness s [fm]; default 0.5 (the paper). */
  readonly skinFm?: number;
}

/**
 * Helm form factor (Sharma et al. 2021, Eq. 9; Engel, Phys. Lett. B 264 (1991) 114):
 *   F(q²) = [3 j₁(qR₀)/(qR₀)] · exp(−q²s²/2),   R₀² = R² − 5s²,   R = r0·A^{1/3}
 * with q = sqrt(q²)/ħc in fm⁻¹. Returns NaN for negative q² or R₀² ≤ 0.
 */
export function helmFormFactor(params: HelmParameters = {}): FormFactor {
  const r0 = params.rCoefficientFm ?? PAPER_HELM_R_COEFFICIENT_FM;
  const s = params.skinFm ?? PAPER_HELM_SKIN_FM;
  const fixedR = params.radiusFm;
  return (q2MeV2, nucleus) => {
    if (!(q2MeV2 >= 0)) return NaN;
    const r = fixedR ?? r0 * Math.cbrt(nucleus.A);
    const r02 = r * r - 5 * s * s;
    if (!(r02 > 0)) return NaN;
    const q2Fm = q2MeV2 / (HBAR_C_MEV_FM * HBAR_C_MEV_FM);
    return sphereAmplitude(Math.sqrt(q2Fm * r02)) * Math.exp(-0.5 * q2Fm * s * s);
  };
}

/** The paper's Helm form factor (R = 1.2 A^{1/3} fm, s = 0.5 fm). */
export const paperHelm: FormFactor = helmFormFactor();

export interface KleinNystrandParameters {
  /** Coefficient r0 in R_A = r0·A^{1/3} [fm]; default 1.2 (Klein & Nystrand). Ignored if radiusFm is set. */
  readonly rCoefficientFm?: number;
  /** Fixed hard-sphere radius R_A [fm], overriding r0·A^{1/3}. */
  readonly radiusFm?: number;
  /** Range a of the Yukawa potential [fm]; default 0.7. */
  readonly yukawaRangeFm?: number;
}

/**
 * Klein–Nystrand form factor (S. Klein and J. Nystrand, Phys. Rev. C 60, 014903 (1999), Eq. 14): the
 * Fourier transform of a hard sphere of radius R_A folded with a Yukawa potential of range a,
 *   F(q²) = [3 j₁(qR_A)/(qR_A)] · 1/(1 + a²q²),   R_A = 1.2 A^{1/3} fm,   a = 0.7 fm,
 * with q = sqrt(q²)/ħc in fm⁻¹ (their 4πρ₀/(Aq³) prefactor is this normalisation, F(0) = 1). For small q,
 * F = 1 − q²(R_A²/10 + a²) + O(q⁴), i.e. ⟨r²⟩ = 3R_A²/5 + 6a²; its first zero is the hard sphere's,
 * qR_A = 4.4934 (the Yukawa factor has none), at lower q than Helm's qR₀ = 4.4934 since R_A > R₀.
 * Returns NaN for negative q², R_A ≤ 0 or a < 0.
 */
export function kleinNystrandFormFactor(params: KleinNystrandParameters = {}): FormFactor {
  const r0 = params.rCoefficientFm ?? KLEIN_NYSTRAND_R_COEFFICIENT_FM;
  const a = params.yukawaRangeFm ?? KLEIN_NYSTRAND_YUKAWA_RANGE_FM;
  const fixedR = params.radiusFm;
  return (q2MeV2, nucleus) => {
    if (!(q2MeV2 >= 0)) return NaN;
    const r = fixedR ?? r0 * Math.cbrt(nucleus.A);
    if (!(r > 0 && a >= 0)) return NaN;
    const q2Fm = q2MeV2 / (HBAR_C_MEV_FM * HBAR_C_MEV_FM);
    return sphereAmplitude(Math.sqrt(q2Fm) * r) / (1 + a * a * q2Fm);
  };
}

/** The Klein–Nystrand form factor with their parameters (R_A = 1.2 A^{1/3} fm, a = 0.7 fm). */
export const kleinNystrand: FormFactor = kleinNystrandFormFactor();

/**
 * q² [MeV²] of the first zero of the Klein–Nystrand form factor: q R_A = 4.4934094579 (first root of
 * tan x = x, the hard sphere's zero; the Yukawa factor 1/(1 + a²q²) never vanishes).
 */
export function kleinNystrandFirstZeroQ2(nucleus: Nucleus, params: KleinNystrandParameters = {}): number {
  const r =
    params.radiusFm ?? (params.rCoefficientFm ?? KLEIN_NYSTRAND_R_COEFFICIENT_FM) * Math.cbrt(nucleus.A);
  return ((SPHERE_FIRST_ZERO / r) * HBAR_C_MEV_FM) ** 2;
}

/** F_Z = F_N = F_A (the paper's Sec. III assumption). */
export function sameFormFactors(ff: FormFactor): NuclearFormFactors {
  return { protons: ff, neutrons: ff };
}

/** Point-like nucleus, F = 1 (complete coherency for any q²). */
export const unitFormFactor: FormFactor = () => 1;

/**
 * q² [MeV²] of the first zero of the Helm form factor: q R₀ = 4.4934094579 (first root of tan x = x).
 */
export function helmFirstZeroQ2(nucleus: Nucleus, params: HelmParameters = {}): number {
  const r = params.radiusFm ?? (params.rCoefficientFm ?? PAPER_HELM_R_COEFFICIENT_FM) * Math.cbrt(nucleus.A);
  const s = params.skinFm ?? PAPER_HELM_SKIN_FM;
  const qFm = SPHERE_FIRST_ZERO / Math.sqrt(r * r - 5 * s * s);
  return (qFm * HBAR_C_MEV_FM) ** 2;
}
