/**
 * Figure 2 of Sharma et al. (2021): the neutrino spectra Φ_ν(E_ν) used, each normalised to its
 * maximum: (top) atmospheric, all flavours; (bottom) reactor ν̄_e, solar ⁸B ν_e (hep included, 10⁻³ of
 * the flux) and DAR-π (the delayed ν_e + ν̄_μ Michel continua, and the prompt 29.8 MeV ν_μ line drawn
 * as a vertical stroke of unit height, its height being arbitrary for a line).
 */
import type { TopLevelSpec } from 'vega-lite';
import { continuumDensity, type NeutrinoSpectrum } from '../../physics/index.js';
import { layeredChart, lineLayer, panelGrid, type Datum } from '../index.js';
import { FIGURE_COLOURS, SOURCE_LABEL, logGrid, type PaperSpectra } from './common.js';

/** Energy range of the bottom panel [MeV]. */
export const FIG2_LOW_ENERGY_RANGE_MEV = [0.1, 100] as const;

/** The continuum of a spectrum on a log grid (plus its component end points), divided by its maximum. */
export function normalisedSpectrumRows(
  spectrum: NeutrinoSpectrum,
  label: string,
  range: readonly [number, number],
  points = 400,
): Datum[] {
  const edges = spectrum.components.flatMap((c) =>
    c.kind === 'continuum' ? [c.eMaxMeV * (1 - 1e-9), c.eMaxMeV * (1 + 1e-9)] : [],
  );
  const grid = [...logGrid(range[0], range[1], points), ...edges]
    .filter((e) => e >= range[0] && e <= range[1])
    .sort((a, b) => a - b);
  const density = grid.map((e) => continuumDensity(spectrum, e));
  const max = Math.max(...density);
  return grid.map((eNuMeV, i) => ({ eNuMeV, phi: density[i]! / max, source: label }));
}

/** Figure 2: atmospheric on top, reactor, solar and DAR-π below. */
export function figure2(spectra: PaperSpectra): TopLevelSpec {
  const atmosRange = [10, 1e5] as const;
  const atmos = normalisedSpectrumRows(spectra.atmospheric, SOURCE_LABEL.atmospheric, atmosRange).filter(
    (r) => Number(r.phi) > 0,
  );
  const yAtmos = [1e-8, 2] as const;
  const top = layeredChart({
    title: '(a) atmospheric ν (all flavours)',
    x: { field: 'eNuMeV', title: 'E_{ν} [MeV]', scale: 'log', domain: atmosRange },
    y: { field: 'phi', title: 'Φ_{ν} / max', scale: 'log', domain: yAtmos },
    layers: [lineLayer({ data: atmos, series: 'source' })],
    colors: FIGURE_COLOURS,
    legend: 'auto',
    width: 560,
    height: 220,
  });
  const low = FIG2_LOW_ENERGY_RANGE_MEV;
  const darPiLine = spectra.darPi.components.filter((c) => c.kind === 'line');
  const lineLabel = `${SOURCE_LABEL.darPi} prompt ν_{μ} line (29.8 MeV)`;
  const bottom = layeredChart({
    title: '(b) reactor ν̄ₑ, solar ⁸B νₑ and DAR-π (ν_{μ}, νₑ, ν̄_{μ})',
    x: { field: 'eNuMeV', title: 'E_{ν} [MeV]', scale: 'log', domain: low },
    // Headroom above 1 for the legend, without ticks there.
    y: { field: 'phi', title: 'Φ_{ν} / max', domain: [0, 1.5], tickValues: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    layers: [
      lineLayer({
        data: [
          ...normalisedSpectrumRows(spectra.reactor, SOURCE_LABEL.reactor, low),
          ...normalisedSpectrumRows(spectra.solar, SOURCE_LABEL.solar, low),
          ...normalisedSpectrumRows(spectra.darPi, SOURCE_LABEL.darPi, low),
        ],
        series: 'source',
      }),
      ...darPiLine.map((c) =>
        lineLayer({
          data: [
            { eNuMeV: c.eNuMeV, phi: 0 },
            { eNuMeV: c.eNuMeV, phi: 1 },
          ],
          label: lineLabel,
          dash: [5, 3],
        }),
      ),
    ],
    colors: { ...FIGURE_COLOURS, [lineLabel]: FIGURE_COLOURS[SOURCE_LABEL.darPi]! },
    legend: 'auto',
    width: 560,
    height: 260,
  });
  return panelGrid({
    panels: [top, bottom],
    columns: 1,
    title: 'Fig. 2 — neutrino spectra normalised to their maxima',
  });
}
