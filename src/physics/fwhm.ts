/**
 * The E_ν range a neutrino source contributes to νA_el events on a target: the full width at half
 * maximum of Φ(E)·σ(E) (Sharma et al. 2021, Fig. 4: "the ranges in E_ν correspond to FWHM in
 * [Φ_ν·σ_νA_el]"), with σ(E) = ∫_{T_min}^{T_max(E)} dσ/dT dT for the given Γ model.
 */
import type { GammaModel } from './gammaModel.js';
import type { Target } from './nuclei.js';
import { totalRate } from './rates.js';
import { continuumDensity, endPointMeV, type NeutrinoSpectrum } from './sources/types.js';

/** σ(E) summed over the target's nuclei per kg [cm² per kg]: ∫ dσ/dT dT above T_min for a ν of energy E. */
export function crossSectionPerKg(target: Target, eNuMeV: number, model: GammaModel, tMinMeV = 0): number {
  const line: NeutrinoSpectrum = {
    name: 'line',
    description: `${eNuMeV} MeV`,
    components: [{ kind: 'line', label: 'ν', eNuMeV, fluxPerCm2PerS: 1 }],
  };
  return totalRate(target, line, model, { tMinMeV }, { relTol: 1e-6 }).ratePerKgPerS;
}

export interface EnergyRange {
  readonly eLoMeV: number;
  readonly eHiMeV: number;
  /** Where Φ·σ of the continuum peaks [MeV]. */
  readonly ePeakMeV: number;
}

/**
 * FWHM of Φ(E)·σ(E) over the continuum of a spectrum, from a log grid of `points` energies with
 * linear interpolation at the half-maximum crossings. Lines are delta functions without width; a line
 * carrying at least `lineFraction` of the total flux widens the range to include its energy.
 * Returns undefined for a spectrum without continuum or with Φ·σ ≡ 0.
 */
export function fwhmEnergyRange(
  spectrum: NeutrinoSpectrum,
  target: Target,
  model: GammaModel,
  opts: { readonly tMinMeV?: number; readonly points?: number; readonly lineFraction?: number } = {},
): EnergyRange | undefined {
  const continua = spectrum.components.filter((c) => c.kind === 'continuum');
  if (continua.length === 0) return undefined;
  const points = opts.points ?? 300;
  const eMin = Math.max(0.05, Math.min(...continua.map((c) => c.eMinMeV)));
  const eMax = endPointMeV(spectrum);
  const grid = Array.from({ length: points }, (_, i) => eMin * Math.pow(eMax / eMin, i / (points - 1)));
  const y = grid.map(
    (e) => continuumDensity(spectrum, e) * crossSectionPerKg(target, e, model, opts.tMinMeV ?? 0),
  );
  let k = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! > y[k]!) k = i;
  if (!(y[k]! > 0)) return undefined;
  const half = 0.5 * y[k]!;
  const cross = (i: number, j: number) =>
    grid[i]! + ((half - y[i]!) / (y[j]! - y[i]!)) * (grid[j]! - grid[i]!);
  let lo = grid[0]!;
  for (let i = k; i > 0; i--) {
    if (y[i - 1]! < half) {
      lo = cross(i - 1, i);
      break;
    }
  }
  let hi = grid[grid.length - 1]!;
  for (let i = k; i + 1 < y.length; i++) {
    if (y[i + 1]! < half) {
      hi = cross(i + 1, i);
      break;
    }
  }
  const total = spectrum.components.reduce((s, c) => s + c.fluxPerCm2PerS, 0);
  for (const c of spectrum.components) {
    if (c.kind === 'line' && c.fluxPerCm2PerS >= (opts.lineFraction ?? 0.01) * total) {
      lo = Math.min(lo, c.eNuMeV);
      hi = Math.max(hi, c.eNuMeV);
    }
  }
  return { eLoMeV: lo, eHiMeV: hi, ePeakMeV: grid[k]! };
}
