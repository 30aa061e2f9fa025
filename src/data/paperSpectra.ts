/**
 * The four neutrino sources of the paper's Table II and Figures 2–9, built from the physics core and,
 * for the atmospheric flux (and optionally the solar shapes), from the tables in ../shared/data/spectra.
 *
 * - DAR-π: per-flavour flux 3.4×10¹⁴ cm⁻² yr⁻¹ (paper, Appendix A).
 * - reactor: 10¹³ cm⁻² s⁻¹ (paper, Table II caption) with the paper-era spectrum PAPER_REACTOR_OPTIONS
 *   (Vogel–Engel to 8 MeV + neutron-capture ν̄), or `reactor: 'huber-mueller'` (Huber–Mueller to 10 MeV).
 * - solar: ⁸B + hep. Default 'tabulated': the shapes of b8.csv/hep.csv (a tabulated spectrum, when
 *   available, takes precedence), normalised to the B16-GS98 totals unless `solarFlux: 'table'`;
 *   'computed': the built-in β⁺-decay spectra of solar.ts at the same totals.
 * - atmospheric: atmos_extrapolated.txt (10 MeV – 105 GeV), all flavours over 4π; the paper's FLUKA
 *   flux reaches down to ~10 MeV, which rates above 1 keV_nr need.
 * The tables come from the shipped derived fixture unless a directory is given (spectrumTables.ts).
 */
import {
  PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S,
  PAPER_REACTOR_FLUX_PER_CM2_PER_S,
  PAPER_REACTOR_OPTIONS,
  SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S,
  SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
  atmosphericSpectrumFromDensity,
  darPiSpectrum,
  reactorSpectrum,
  solarSpectrum,
} from '../physics/index.js';
import type { PaperSpectra } from '../physics/index.js';
import { spectrumTables } from './spectrumTables.js';

export interface PaperSpectraOptions {
  /** Directory with b8.csv, hep.csv, atmos_extrapolated.txt (default: the shipped derived fixture). */
  readonly spectraDir?: string;
  /** 'tabulated' (default): shapes from b8.csv/hep.csv; 'computed': ⁸B/hep from β-decay physics. */
  readonly solar?: 'computed' | 'tabulated';
  /** 'paper' (default): PAPER_REACTOR_OPTIONS; 'huber-mueller': the modern spectrum to 10 MeV. */
  readonly reactor?: 'paper' | 'huber-mueller';
  /** 'standard' (default): B16-GS98 totals; 'table': the tables' own integrals (tabulated only). */
  readonly solarFlux?: 'standard' | 'table';
}

/**
 * Build the paper's four sources. Tables: `spectraDir` (or $COHERENCY_SPECTRA_DIR), else the shipped
 * fixture; throws SpecError (code io_error) if a table of an explicit directory is missing.
 */
export function loadPaperSpectra(opts: PaperSpectraOptions = {}): PaperSpectra {
  const tables = spectrumTables(opts.spectraDir);
  const tableFlux = opts.solarFlux === 'table';
  const solar =
    (opts.solar ?? 'tabulated') === 'tabulated'
      ? solarSpectrum({
          b8: {
            table: tables.b8,
            fluxPerCm2PerS: tableFlux ? 'table' : SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S,
          },
          hep: {
            table: tables.hep,
            fluxPerCm2PerS: tableFlux ? 'table' : SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
          },
        })
      : solarSpectrum();
  return {
    darPi: darPiSpectrum({ perFlavourFluxPerCm2PerS: PAPER_DAR_PI_FLUX_PER_FLAVOUR_PER_CM2_PER_S }),
    reactor: reactorSpectrum(
      opts.reactor === 'huber-mueller'
        ? { fluxPerCm2PerS: PAPER_REACTOR_FLUX_PER_CM2_PER_S }
        : PAPER_REACTOR_OPTIONS,
    ),
    solar,
    atmospheric: atmosphericSpectrumFromDensity(tables.atmospheric.eMeV, tables.atmospheric.density),
  };
}
