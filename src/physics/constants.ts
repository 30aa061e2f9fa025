/**
 * Physical constants: one table, each with value, unit and source (STYLE.md P3).
 * Natural units (ħ = c = 1) inside formulas: energies in MeV, lengths converted with ħc.
 */

/** ħc [MeV·fm]. CODATA 2018 (exact-derived from the SI definitions). */
export const HBAR_C_MEV_FM = 197.3269804;

/** (ħc)² [MeV²·cm²]: converts a cross section in MeV⁻² to cm². PDG 2024, Physical Constants (0.3893793721 GeV²·mb). */
export const HBAR_C_SQUARED_MEV2_CM2 = 0.3893793721e-21;

/** Fermi constant G_F/(ħc)³ [MeV⁻²]. PDG 2024, Physical Constants: 1.1663788(6)×10⁻⁵ GeV⁻². */
export const FERMI_CONSTANT_PER_MEV2 = 1.1663788e-11;

/** Atomic mass unit u [MeV]. CODATA 2018: 931.49410242(28) MeV. */
export const ATOMIC_MASS_UNIT_MEV = 931.49410242;

/** Electron mass [MeV]. CODATA 2018: 0.51099895000(15) MeV. */
export const ELECTRON_MASS_MEV = 0.51099895;

/** Charged-muon mass [MeV]. PDG 2024: 105.6583755(23) MeV. */
export const MUON_MASS_MEV = 105.6583755;

/** Charged-pion mass [MeV]. PDG 2024: 139.57039(18) MeV. */
export const CHARGED_PION_MASS_MEV = 139.57039;

/** Charged-pion mean life [ns]. PDG 2024: 2.6033(5)×10⁻⁸ s. */
export const CHARGED_PION_LIFETIME_NS = 26.033;

/** Muon mean life [ns]. PDG 2024: 2.1969811(22)×10⁻⁶ s. */
export const MUON_LIFETIME_NS = 2196.9811;

/** Avogadro constant [mol⁻¹]. SI 2019 exact. */
export const AVOGADRO_PER_MOL = 6.02214076e23;

/** Seconds per day (exact). */
export const SECONDS_PER_DAY = 86_400;

/** Seconds per (Julian) year, 365.25 d (IAU). The paper's "yr" is taken to be this. */
export const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;

/** Fine-structure constant. CODATA 2018: 1/137.035999084. */
export const FINE_STRUCTURE = 1 / 137.035999084;

/**
 * The weak-charge factor ε = 1 − 4 sin²θ_W used by the paper (Sharma et al. 2021, Eq. 3: "ε ≈ 0.045",
 * i.e. sin²θ_W = 0.23875). Configurable everywhere through `epsilon` options.
 */
export const PAPER_EPSILON = 0.045;

/** sin²θ_W (MS-bar) at low Q². PDG 2024, Electroweak model review: 0.23857(5). */
export const SIN2_THETA_W_LOW_Q = 0.23857;

/** ε = 1 − 4 sin²θ_W for a given weak mixing angle. */
export function epsilonFromSin2ThetaW(sin2ThetaW: number): number {
  return 1 - 4 * sin2ThetaW;
}

/**
 * Helm form-factor parameters of the paper (Eq. 9, after Engel, Phys. Lett. B 264 (1991) 114):
 * R = 1.2 A^{1/3} fm, surface thickness s = 0.5 fm, R0² = R² − 5 s².
 */
export const PAPER_HELM_R_COEFFICIENT_FM = 1.2;
/** Helm surface thickness s [fm] of the paper (Eq. 9). */
export const PAPER_HELM_SKIN_FM = 0.5;

/**
 * Klein–Nystrand form factor (S. Klein and J. Nystrand, Phys. Rev. C 60, 014903 (1999), Eq. 14): a hard
 * sphere of radius R_A = 1.2 A^{1/3} fm folded with a Yukawa potential of range a = 0.7 fm, their
 * approximation of a Woods–Saxon density. COHERENT's CsI analyses use the same shape with R_A = 1.23 A^{1/3} fm
 * (pass it as `rCoefficientFm`).
 */
export const KLEIN_NYSTRAND_R_COEFFICIENT_FM = 1.2;
/** Range a [fm] of the Yukawa potential folded into the Klein–Nystrand hard sphere. */
export const KLEIN_NYSTRAND_YUKAWA_RANGE_FM = 0.7;

/** Joules per MeV: the elementary charge × 10⁶, e = 1.602176634×10⁻¹⁹ C (SI 2019, exact). */
export const JOULES_PER_MEV = 1.602176634e-13;
