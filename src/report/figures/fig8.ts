/**
 * Figure 8 of Sharma et al. (2021): differential rates dR/dT (Eq. A2, Helm form factor) against T on
 * Ar, Ge, Xe for (a) DAR-π, (b) reactor, (c) solar, (d) atmospheric neutrinos, with α(T) on a
 * right-hand axis (dashed), in Table II's units: per kg per year per keV_nr for DAR-π and reactor,
 * per ton per year per keV_nr for solar and atmospheric. Shaded in (c) is the atmospheric-ν rate and
 * in (d) the solar-ν rate on the same nucleus, the background each is to the other. Atmospheric
 * recoils are shown up to α = 0.01, as in the paper.
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  MeVToKeV,
  PAPER_HELM_MODEL,
  coherencyAtRecoil,
  differentialRate,
  keVToMeV,
  type NeutrinoSpectrum,
} from '../../physics/index.js';
import { bandLayer, layeredChart, lineLayer, panelGrid, type Layer, type LegendEntry } from '../index.js';
import {
  PANEL_SOURCES,
  SOURCE_LABEL,
  figureNuclei,
  logGrid,
  nucleusColours,
  rateUnit,
  recoilAxisKeV,
  recoilCapMeV,
  type FigureNucleus,
  type PaperSourceName,
  type PaperSpectra,
} from './common.js';
import { ALPHA_DASH, withRightAxisLines } from './specTweaks.js';
import { PANEL_LETTER } from './fig7.js';

/** The source whose rate is shaded as background in a panel (paper: (c) atmospheric, (d) solar). */
export const FIG8_BACKGROUND: Partial<Record<PaperSourceName, PaperSourceName>> = {
  solar: 'atmospheric',
  atmospheric: 'solar',
};

/** Decades of dR/dT shown below the decade of each panel's maximum. */
const DECADES_SHOWN = 5;

/** One point of a dR/dT curve: rate in Table II's unit per keV_nr, α at that T. */
export type RateRow = { tKeV: number; rate: number; alpha: number; nucleus: string };

/**
 * dR/dT rows [events/(unit·yr·keV_nr)] of one nucleus on a log T grid from loKeV to its cap, in the
 * units of `unitSource` (Table II); zero rates (at and beyond the end point) are left out.
 */
export function differentialRateRows(
  n: FigureNucleus,
  spectrum: NeutrinoSpectrum,
  range: { loKeV: number; capMeV: number },
  unitSource: PaperSourceName,
  points = 141,
): RateRow[] {
  const toUnit = rateUnit(unitSource).perKgPerSToUnit * 1e-3; // per MeV → per keV
  const hiKeV = MeVToKeV(range.capMeV) * (1 - 1e-9);
  if (!(hiKeV > range.loKeV)) return [];
  return logGrid(range.loKeV, hiKeV, points)
    .map((tKeV) => ({
      tKeV,
      rate: differentialRate(keVToMeV(tKeV), n.target, spectrum, PAPER_HELM_MODEL) * toUnit,
      alpha: coherencyAtRecoil(keVToMeV(tKeV), n.nucleus, PAPER_HELM_MODEL).alpha,
      nucleus: n.label,
    }))
    .filter((r) => r.rate > 0);
}

/** One panel of Figure 8. */
function panel(
  source: PaperSourceName,
  spectra: PaperSpectra,
  nuclei: readonly FigureNucleus[],
): TopLevelSpec {
  const spectrum = spectra[source];
  const { loKeV, hiKeV } = recoilAxisKeV(source, spectrum, nuclei);
  const rows = nuclei.flatMap((n) =>
    differentialRateRows(n, spectrum, { loKeV, capMeV: recoilCapMeV(source, spectrum, n.nucleus) }, source),
  );
  const bgSource = FIG8_BACKGROUND[source];
  const bgRows =
    bgSource === undefined
      ? []
      : nuclei.flatMap((n) => {
          const capMeV = Math.min(keVToMeV(hiKeV), recoilCapMeV(bgSource, spectra[bgSource], n.nucleus));
          return differentialRateRows(n, spectra[bgSource], { loKeV, capMeV }, source);
        });
  // y range: the source's own curves over DECADES_SHOWN decades below their maximum, widened to
  // take in the whole background (the solar rate in (d) lies ~7 decades above the atmospheric one).
  const decade = (v: number) => Math.floor(Math.log10(v));
  const mainTop = Math.max(...rows.map((r) => r.rate));
  const bgTop = Math.max(0, ...bgRows.map((r) => r.rate));
  const yHi = 10 ** (decade(Math.max(mainTop, bgTop)) + 1);
  const yLo = 10 ** Math.min(decade(mainTop) - DECADES_SHOWN + 1, bgTop > 0 ? decade(bgTop) - 1 : Infinity);
  const layers: Layer[] = [];
  if (bgRows.length > 0) {
    const shaded = bgRows.map((r) => ({ ...r, floor: yLo }));
    layers.push(
      bandLayer({
        data: shaded,
        series: 'nucleus',
        yLow: 'floor',
        yHigh: 'rate',
        opacity: 0.12,
        legend: false,
      }),
    );
  }
  layers.push(lineLayer({ data: rows, series: 'nucleus' }));
  const { massLabel } = rateUnit(source);
  const extra: LegendEntry[] = [{ label: 'α (right axis)', colour: '#666666', line: { dash: ALPHA_DASH } }];
  if (bgSource !== undefined) {
    extra.push({
      label: `${SOURCE_LABEL[bgSource]}-ν rate, same nucleus (shaded)`,
      colour: '#999999',
      band: { opacity: 0.3 },
    });
  }
  // The α curves (right axis, [0, 1]) mapped onto the left log axis, for the legend placement only.
  const logLo = Math.log10(yLo);
  const logSpan = Math.log10(yHi) - logLo;
  const alphaOnLeft = nuclei.map((n) =>
    rows
      .filter((r) => r.nucleus === n.label)
      .map((r) => ({ tKeV: r.tKeV, rate: 10 ** (logLo + r.alpha * logSpan) })),
  );
  const chart = layeredChart({
    title: `${PANEL_LETTER[source]} ${SOURCE_LABEL[source]}`,
    subtitle: 'dR/dT (solid, left axis) and α (dashed, right axis)',
    x: { field: 'tKeV', title: 'T [keV_{nr}]', scale: 'log', domain: [loKeV, hiKeV] },
    y: { field: 'rate', title: `dR/dT [${massLabel}⁻¹ yr⁻¹ keV_{nr}⁻¹]`, scale: 'log', domain: [yLo, yHi] },
    layers,
    colors: nucleusColours(nuclei),
    legend: 'auto',
    legendExtra: extra,
    legendAvoid: alphaOnLeft,
    legendFallback: 'below',
    width: 360,
    height: 260,
  });
  return withRightAxisLines(chart, {
    rows: rows.map((r) => ({ tKeV: r.tKeV, alpha: r.alpha, nucleus: r.nucleus })),
    yField: 'alpha',
    title: 'α',
    seriesField: 'nucleus',
    domain: [0, 1],
  });
}

/** Figure 8: the four panels in a 2 × 2 grid. */
export function figure8(spectra: PaperSpectra): TopLevelSpec {
  const nuclei = figureNuclei();
  return panelGrid({
    panels: PANEL_SOURCES.map((s) => panel(s, spectra, nuclei)),
    columns: 2,
    title: 'Fig. 8 — differential rates dR/dT and α against T (Helm form factor)',
  });
}
