/**
 * Neutrino spectra as normalised objects (DESIGN.md): each is a sum of components, a continuum with a
 * unit-normalised shape and its own integral flux, or a monochromatic line handled exactly (never as a
 * narrow bin). Fluxes are per cm² per second at the detector, summed over the flavours the component
 * carries (CEvNS is flavour-blind at tree level).
 */

/** A continuous component: flux × pdf(E), pdf normalised to 1 on [eMinMeV, eMaxMeV]. */
export interface ContinuumComponent {
  readonly kind: 'continuum';
  /** e.g. "ν_e (Michel)", "⁸B ν_e". */
  readonly label: string;
  /** ∫ dΦ/dE dE of this component [cm⁻² s⁻¹]. */
  readonly fluxPerCm2PerS: number;
  readonly eMinMeV: number;
  readonly eMaxMeV: number;
  /** Unit-normalised spectral shape [MeV⁻¹]; 0 outside [eMinMeV, eMaxMeV]. */
  pdf(eNuMeV: number): number;
  /** Interior energies where the shape has a kink or step (table knots), to split quadrature panels. */
  readonly breakpointsMeV?: readonly number[];
}

/** A monochromatic line, e.g. the 29.8 MeV prompt ν_μ of π⁺ decay at rest. */
export interface LineComponent {
  readonly kind: 'line';
  readonly label: string;
  readonly eNuMeV: number;
  readonly fluxPerCm2PerS: number;
}

export type SpectrumComponent = ContinuumComponent | LineComponent;

export interface NeutrinoSpectrum {
  /** Short identifier, e.g. "dar-pi", "reactor", "solar-8B", "atmospheric". */
  readonly name: string;
  /** One line saying what it is and where it comes from. */
  readonly description: string;
  readonly components: readonly SpectrumComponent[];
}

/** Total flux [cm⁻² s⁻¹] of a spectrum. */
export function totalFlux(spectrum: NeutrinoSpectrum): number {
  return spectrum.components.reduce((s, c) => s + c.fluxPerCm2PerS, 0);
}

/** Highest neutrino energy [MeV] of a spectrum (its end point). */
export function endPointMeV(spectrum: NeutrinoSpectrum): number {
  return Math.max(...spectrum.components.map((c) => (c.kind === 'line' ? c.eNuMeV : c.eMaxMeV)));
}

/** Continuum flux density dΦ/dE [cm⁻² s⁻¹ MeV⁻¹] at E (lines excluded: they are delta functions). */
export function continuumDensity(spectrum: NeutrinoSpectrum, eNuMeV: number): number {
  let s = 0;
  for (const c of spectrum.components) if (c.kind === 'continuum') s += c.fluxPerCm2PerS * c.pdf(eNuMeV);
  return s;
}

/** The same spectrum with every component's flux multiplied by `factor`. */
export function scaleSpectrum(
  spectrum: NeutrinoSpectrum,
  factor: number,
  name = spectrum.name,
): NeutrinoSpectrum {
  return {
    name,
    description: spectrum.description,
    components: spectrum.components.map(
      (c) => ({ ...c, fluxPerCm2PerS: c.fluxPerCm2PerS * factor }) as SpectrumComponent,
    ),
  };
}

/** The same spectrum rescaled to a given total flux [cm⁻² s⁻¹]. */
export function withTotalFlux(spectrum: NeutrinoSpectrum, fluxPerCm2PerS: number): NeutrinoSpectrum {
  return scaleSpectrum(spectrum, fluxPerCm2PerS / totalFlux(spectrum));
}
