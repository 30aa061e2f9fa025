/**
 * Coulomb correction of allowed β decay: the relativistic Fermi function with the finite-size
 * (point charge evaluated at the nuclear radius) approximation, and the allowed β spectrum shape.
 *
 * Refs: H. Behrens and W. Bühring, "Electron Radial Wave Functions and Nuclear Beta-decay" (1982);
 * L. Hayen et al., Rev. Mod. Phys. 90, 015008 (2018), Eq. (5) (F₀) — the form used here.
 */

/** Lanczos coefficients g = 7, n = 9 (P. Godfrey's set, as in Numerical Recipes 3rd ed. §6.1). */
const LANCZOS_G = 7;
const LANCZOS_P = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln|Γ(x + iy)| for complex argument, by the Lanczos approximation (relative accuracy ~1e-15 for
 * x ≥ 1/2) and the reflection formula |Γ(z)Γ(1 − z)| = π/|sin πz| below. Returns +∞ at the poles
 * (y = 0, x = 0, −1, −2, …) and NaN for NaN input (kernel policy, STYLE P7).
 */
export function logAbsGammaComplex(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (y === 0 && x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // |sin π(x+iy)|² = sin²πx + sinh²πy
    const s = Math.sin(Math.PI * x);
    const sh = Math.sinh(Math.PI * y);
    return Math.log(Math.PI) - 0.5 * Math.log(s * s + sh * sh) - logAbsGammaComplex(1 - x, -y);
  }
  const zx = x - 1;
  // A(z) = p0 + Σ p_k / (z + k)
  let ar = LANCZOS_P[0]!;
  let ai = 0;
  for (let k = 1; k < LANCZOS_P.length; k++) {
    const dr = zx + k;
    const den = dr * dr + y * y;
    ar += (LANCZOS_P[k]! * dr) / den;
    ai -= (LANCZOS_P[k]! * y) / den;
  }
  const tr = zx + LANCZOS_G + 0.5;
  // Re[(z + 1/2) ln t] with z = zx + iy, ln t = ln|t| + i arg t
  const lnAbsT = 0.5 * Math.log(tr * tr + y * y);
  const argT = Math.atan2(y, tr);
  const re = (zx + 0.5) * lnAbsT - y * argT;
  return HALF_LN_TWO_PI + re - tr + 0.5 * Math.log(ar * ar + ai * ai);
}

/** ln Γ(x) for real x > 0 (same Lanczos sum, imaginary part zero). */
function logGammaReal(x: number): number {
  return logAbsGammaComplex(x, 0);
}

/**
 * Relativistic Fermi function F₀(Z, W) with the nuclear radius R as cut-off (Hayen et al. 2018, Eq. 5):
 *
 *   F₀ = 2(1 + γ) (2pR)^{2(γ−1)} e^{πν} |Γ(γ + iν)|² / Γ(2γ + 1)²,
 *   γ = √(1 − (αZ)²),   ν = ± αZ W/p   (+ for electrons, − for positrons),
 *
 * with W the lepton total energy and p its momentum in MeV (natural units), R in fm (2pR made
 * dimensionless with ħc). `zDaughter` is the charge of the daughter nucleus; `positron` selects β⁺.
 * Radiative, screening and recoil corrections are not included. Returns NaN for W ≤ m_e or Z out of range.
 *
 * @param wMeV lepton total energy [MeV]
 * @param electronMassMeV m_e [MeV]
 * @param radiusFm nuclear radius R [fm]
 * @param hbarCMeVFm ħc [MeV·fm]
 * @param alpha fine-structure constant
 */
export function fermiFunction(
  zDaughter: number,
  wMeV: number,
  positron: boolean,
  electronMassMeV: number,
  radiusFm: number,
  hbarCMeVFm: number,
  alpha: number,
): number {
  const aZ = alpha * zDaughter;
  if (!(wMeV > electronMassMeV) || !(aZ >= 0 && aZ < 1)) return NaN;
  const p = Math.sqrt(wMeV * wMeV - electronMassMeV * electronMassMeV);
  const g = Math.sqrt(1 - aZ * aZ);
  const nu = ((positron ? -1 : 1) * aZ * wMeV) / p;
  const twoPR = (2 * p * radiusFm) / hbarCMeVFm;
  const lnF =
    Math.log(2 * (1 + g)) +
    2 * (g - 1) * Math.log(twoPR) +
    Math.PI * nu +
    2 * logAbsGammaComplex(g, nu) -
    2 * logGammaReal(2 * g + 1);
  return Math.exp(lnF);
}

/** Everything the allowed-shape kernel needs about the decay, in MeV and fm. */
export interface AllowedBetaDecay {
  /** Daughter-nucleus charge. */
  readonly zDaughter: number;
  /** Daughter mass number (for R = r₀ A^{1/3}). */
  readonly aDaughter: number;
  readonly positron: boolean;
  readonly electronMassMeV: number;
  /** r₀ of R = r₀ A^{1/3} [fm]. */
  readonly radiusCoefficientFm: number;
  readonly hbarCMeVFm: number;
  readonly alpha: number;
}

/**
 * Lepton-side phase-space weight of an allowed transition at charged-lepton total energy W:
 * p W F₀(Z, W) (the neutrino factor E_ν² is applied by the caller). 0 for W ≤ m_e.
 */
export function chargedLeptonWeight(decay: AllowedBetaDecay, wMeV: number): number {
  const me = decay.electronMassMeV;
  if (!(wMeV > me)) return 0;
  const p = Math.sqrt(wMeV * wMeV - me * me);
  const r = decay.radiusCoefficientFm * Math.cbrt(decay.aDaughter);
  return (
    p * wMeV * fermiFunction(decay.zDaughter, wMeV, decay.positron, me, r, decay.hbarCMeVFm, decay.alpha)
  );
}

/**
 * Unnormalised allowed neutrino spectrum for an end point W₀ (maximal charged-lepton total energy):
 *
 *   dN/dE_ν ∝ E_ν² · p_e W_e F₀(Z, W_e),   W_e = W₀ − E_ν,
 *
 * (nuclear recoil neglected; E_ν ∈ [0, W₀ − m_e]). Ref: e.g. Hayen et al. 2018, Eq. (2) with all
 * correction factors except F₀ set to 1.
 */
export function allowedNeutrinoShape(decay: AllowedBetaDecay, w0MeV: number, eNuMeV: number): number {
  if (!(eNuMeV >= 0)) return 0;
  return eNuMeV * eNuMeV * chargedLeptonWeight(decay, w0MeV - eNuMeV);
}
