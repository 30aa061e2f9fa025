/**
 * The four neutrino sources of the paper's Table II as a browser can have them. The CLI builds them in
 * src/data/paperSpectra.ts, reading the solar and atmospheric tables from ../shared/data/spectra — files
 * a static page cannot read. Here:
 * - DAR-π and reactor: built in (physics), exactly as the CLI's defaults (`coherency table`);
 * - solar ⁸B + hep and atmospheric: from the derived fixture fixtures/spectra-derived.json when the
 *   repository ships it (bundled at build time, issue 14), the same tables as the CLI's default; without
 *   it, solar uses the built-in β⁺-decay spectra (= `coherency table --solar computed`) and the
 *   atmospheric source is unavailable (it has no analytic form: the FLUKA table is needed).
 */
import {
  darPiSpectrum,
  PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S,
  PAPER_REACTOR_OPTIONS,
  reactorSpectrum,
  SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S,
  SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
  solarSpectrum,
  tabulatedContinuum,
  type NeutrinoSpectrum,
  type PaperSourceName,
  type SpectrumTable,
} from './lib.js';

export const SOURCE_LABEL: Record<PaperSourceName, string> = {
  darPi: 'DAR-π (stopped-pion)',
  reactor: 'reactor',
  solar: 'solar ⁸B + hep',
  atmospheric: 'atmospheric',
};

export interface BrowserSpectra {
  readonly spectra: Partial<Record<PaperSourceName, NeutrinoSpectrum>>;
  /** Why a source is missing, or how it was built, per source. */
  readonly notes: Record<PaperSourceName, string>;
  /** True when the derived tables were bundled. */
  readonly tabulated: boolean;
}

/** The derived fixture, if this checkout has it (an empty record otherwise; resolved at build time). */
const FIXTURE = import.meta.glob<unknown>('../../fixtures/spectra-derived.json', { import: 'default' });

interface Column {
  readonly eMeV: readonly number[];
  readonly fluxPerCm2PerSPerMeV: readonly number[];
}

/** A table of the fixture, checked (energies increasing and > 0, densities ≥ 0 and finite, same lengths). */
function tableOf(raw: unknown, name: string): SpectrumTable {
  const c = (raw as Record<string, Column | undefined>)[name];
  const ok =
    c !== undefined &&
    Array.isArray(c.eMeV) &&
    Array.isArray(c.fluxPerCm2PerSPerMeV) &&
    c.eMeV.length >= 2 &&
    c.eMeV.length === c.fluxPerCm2PerSPerMeV.length &&
    c.eMeV.every((e, i) => Number.isFinite(e) && e > 0 && (i === 0 || e > c.eMeV[i - 1]!)) &&
    c.fluxPerCm2PerSPerMeV.every((d) => Number.isFinite(d) && d >= 0);
  if (!ok)
    throw new Error(
      `fixtures/spectra-derived.json: table "${name}" is not (eMeV, fluxPerCm2PerSPerMeV) columns`,
    );
  return { eMeV: c.eMeV, density: c.fluxPerCm2PerSPerMeV };
}

/** The sources available in this build. */
export async function browserSpectra(): Promise<BrowserSpectra> {
  const spectra: Partial<Record<PaperSourceName, NeutrinoSpectrum>> = {
    darPi: darPiSpectrum({ perFlavourFluxPerCm2PerS: PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S }),
    reactor: reactorSpectrum(PAPER_REACTOR_OPTIONS),
  };
  const notes: Record<PaperSourceName, string> = {
    darPi: 'built in: π⁺ → μ⁺ν_μ line at 29.8 MeV + Michel ν_e, ν̄_μ; 3.4 × 10¹⁴ cm⁻² yr⁻¹ per flavour',
    reactor: 'built in: Vogel–Engel to 8 MeV + neutron-capture ν̄_e, 10¹³ cm⁻² s⁻¹ (the paper-era spectrum)',
    solar: '',
    atmospheric: '',
  };
  const load = Object.values(FIXTURE)[0];
  if (load === undefined) {
    spectra.solar = solarSpectrum();
    notes.solar =
      'built in: computed β⁺-decay ⁸B and hep spectra at the B16-GS98 fluxes (= coherency table --solar computed); the tabulated shapes need fixtures/spectra-derived.json';
    notes.atmospheric =
      'unavailable: needs the FLUKA flux table (../shared/data/spectra/atmos_extrapolated.txt), which a browser cannot read; it comes with the derived fixture fixtures/spectra-derived.json (issue 14)';
    return { spectra, notes, tabulated: false };
  }
  const raw = await load();
  spectra.solar = solarSpectrum({
    b8: { table: tableOf(raw, 'b8'), fluxPerCm2PerS: SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S },
    hep: { table: tableOf(raw, 'hep'), fluxPerCm2PerS: SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S },
  });
  notes.solar =
    'tabulated ⁸B and hep shapes (fixtures/spectra-derived.json) at the B16-GS98 fluxes, as coherency table';
  const atm = tableOf(raw, 'atmospheric');
  // As physics atmosphericSpectrum: the flavour- and 4π-summed density, log-log interpolation.
  spectra.atmospheric = {
    name: 'atmospheric',
    description: `Atmospheric ν, all flavours over 4π, ${atm.eMeV[0]}–${atm.eMeV[atm.eMeV.length - 1]} MeV`,
    components: [
      tabulatedContinuum(atm.eMeV, atm.density, {
        label: 'atmospheric (all flavours, 4π)',
        interpolation: 'loglog',
      }),
    ],
  };
  notes.atmospheric =
    'tabulated FLUKA flux, all flavours over 4π (fixtures/spectra-derived.json), as coherency table';
  return { spectra, notes, tabulated: true };
}
