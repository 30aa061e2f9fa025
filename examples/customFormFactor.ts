/**
 * Example: form factors other than the paper's Helm. The Klein–Nystrand form factor is built in
 * (`kleinNystrand`: hard sphere R_A = 1.2 A^{1/3} fm folded with a Yukawa of range 0.7 fm; Klein &
 * Nystrand, PRC 60, 014903 (1999)), and any function (q² [MeV²], nucleus) → F is a `FormFactor`: here a
 * Gaussian F = exp(−q²⟨r²⟩/6) written in a line, with the Klein–Nystrand rms radius ⟨r²⟩ = 3R_A²/5 + 6a².
 * Each goes wherever a form factor is accepted — here α at the paper's WIMP recoil on Xe (35 keV_nr,
 * Appendix A) and the DAR-π rate on Xe above 1 keV_nr (Table II), via a Γ model
 * `{ kind: 'formFactors', protons, neutrons }` (F_Z ≠ F_N is allowed too). In a setup file:
 * `"model": { "kind": "kleinNystrand" }`.
 * In your project: `import { kleinNystrand, type FormFactor } from 'cevns-coherency/physics'`.
 * Run: npx tsx examples/customFormFactor.ts
 */
import {
  HBAR_C_MEV_FM,
  KLEIN_NYSTRAND_R_COEFFICIENT_FM,
  KLEIN_NYSTRAND_YUKAWA_RANGE_FM,
  PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S,
  SECONDS_PER_YEAR,
  coherencyAtRecoil,
  darPiSpectrum,
  kleinNystrand,
  paperHelm,
  paperTarget,
  sameFormFactors,
  totalRate,
  type FormFactor,
  type GammaModel,
} from '../src/physics/index.js';

/** A Gaussian form factor with the Klein–Nystrand rms radius (user code: any (q², nucleus) → F works). */
export const gaussian: FormFactor = (q2MeV2, nucleus) => {
  const rA = KLEIN_NYSTRAND_R_COEFFICIENT_FM * Math.cbrt(nucleus.A);
  const r2 = 0.6 * rA * rA + 6 * KLEIN_NYSTRAND_YUKAWA_RANGE_FM ** 2; // ⟨r²⟩ [fm²]
  return Math.exp((-q2MeV2 / HBAR_C_MEV_FM ** 2) * (r2 / 6));
};

const model = (ff: FormFactor): GammaModel => ({ kind: 'formFactors', ...sameFormFactors(ff) });

export function main() {
  const xe = paperTarget('Xe');
  const dar = darPiSpectrum({ perFlavourFluxPerCm2PerS: PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S });
  const forms: [string, FormFactor][] = [
    ['Helm (paper, Eq. 9)', paperHelm],
    ['Klein–Nystrand', kleinNystrand],
    ['Gaussian, KN rms radius', gaussian],
  ];
  return forms.map(([name, ff]) => ({
    formFactor: name,
    alphaAt35KeV: coherencyAtRecoil(35e-3, xe.components[0]!.nucleus, model(ff)).alpha,
    alphaAt5KeV: coherencyAtRecoil(5e-3, xe.components[0]!.nucleus, model(ff)).alpha,
    darPiRatePerKgYr: totalRate(xe, dar, model(ff), { tMinMeV: 1e-3 }).ratePerKgPerS * SECONDS_PER_YEAR,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(main());
