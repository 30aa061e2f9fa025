/**
 * Figure 9 of Sharma et al. (2021): total rates above threshold R(T > T_min) (Helm form factor)
 * against T_min on log–log axes for Ar, Ge, Xe and (a) DAR-π, (b) reactor, (c) solar,
 * (d) atmospheric neutrinos (top row), and the same rates against the mean coherency ⟨α⟩ of the
 * events above T_min (bottom row): the correlation between rate and coherency. Units as Table II
 * (per kg per year for DAR-π and reactor, per ton per year for solar and atmospheric); atmospheric
 * recoils are integrated only up to α = 0.01. Table II's printed values at T_min = 1 and 10 keV_nr are
 * marked for comparison.
 */
import type { TopLevelSpec } from 'vega-lite';
import { MeVToKeV, PAPER_HELM_MODEL, keVToMeV, meanCoherency } from '../../physics/index.js';
import { PAPER_TABLE_II } from '../../physics/index.js';
import { layeredChart, lineLayer, panelGrid, pointLayer, type Datum, type Layer } from '../index.js';
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
import { withMarkerStyle } from './specTweaks.js';

/** Panel letters: thresholds on top, ⟨α⟩ below, one column per source. */
const TOP_LETTERS = ['(a)', '(b)', '(c)', '(d)'] as const;
const BOTTOM_LETTERS = ['(e)', '(f)', '(g)', '(h)'] as const;

/** Legend label of the printed Table II values. */
export const TABLE_II_LABEL = 'Table II (paper)';
const TABLE_II_COLOUR = '#555555';

/** One point of a Figure 9 curve. */
export interface ThresholdRow extends Record<string, number | string> {
  readonly tMinKeV: number;
  /** R(T > T_min) in Table II's unit for the source. */
  readonly rate: number;
  readonly meanAlpha: number;
  readonly nucleus: string;
}

/** R(T > T_min) and ⟨α⟩ on a log grid of thresholds, up to 95 % of the nucleus' recoil cap. */
export function thresholdRows(
  n: FigureNucleus,
  source: PaperSourceName,
  spectra: PaperSpectra,
  loKeV: number,
  points = 90,
): ThresholdRow[] {
  const capMeV = recoilCapMeV(source, spectra[source], n.nucleus);
  const window = source === 'atmospheric' ? { tMaxMeV: capMeV } : {};
  const toUnit = rateUnit(source).perKgPerSToUnit;
  const hiKeV = 0.95 * MeVToKeV(capMeV);
  if (!(hiKeV > loKeV)) return [];
  return logGrid(loKeV, hiKeV, points)
    .map((tMinKeV) => {
      const m = meanCoherency(n.target, spectra[source], PAPER_HELM_MODEL, {
        tMinMeV: keVToMeV(tMinKeV),
        ...window,
      });
      return { tMinKeV, rate: m.rate.ratePerKgPerS * toUnit, meanAlpha: m.meanAlpha, nucleus: n.label };
    })
    .filter((r) => r.rate > 0 && Number.isFinite(r.meanAlpha));
}

/** Table II's printed [⟨α⟩, rate] of a source at 1 and 10 keV_nr, for the nuclei shown. */
function tableIIPoints(source: PaperSourceName, nuclei: readonly FigureNucleus[]): Datum[] {
  return ([1, 10] as const).flatMap((tMinKeV) =>
    nuclei.flatMap((n) => {
      const e = PAPER_TABLE_II[tMinKeV][n.name][source];
      return e === undefined ? [] : [{ tMinKeV, rate: e.rate, meanAlpha: e.meanAlpha }];
    }),
  );
}

/** The two panels (R vs T_min, R vs ⟨α⟩) of one source. */
function panels(
  source: PaperSourceName,
  spectra: PaperSpectra,
  nuclei: readonly FigureNucleus[],
): [TopLevelSpec, TopLevelSpec] {
  const { loKeV, hiKeV } = recoilAxisKeV(source, spectra[source], nuclei);
  const rows = nuclei.flatMap((n) => thresholdRows(n, source, spectra, loKeV));
  const paper = tableIIPoints(source, nuclei);
  const decade = (v: number) => Math.floor(Math.log10(v));
  const top = Math.max(...rows.map((r) => r.rate));
  const yRange = [10 ** (decade(top) - 4), 10 ** (decade(top) + 1)] as const;
  const { massLabel } = rateUnit(source);
  const y = {
    field: 'rate',
    title: `R(T > T_{min}) [${massLabel}⁻¹ yr⁻¹]`,
    scale: 'log',
    domain: yRange,
  } as const;
  const layers = (x: string): Layer[] =>
    [
      lineLayer({ data: rows, series: 'nucleus' }),
      ...(paper.length === 0
        ? []
        : [pointLayer({ data: paper, label: TABLE_II_LABEL, shape: 'cross' as const, y: 'rate' })]),
    ].map((l) => ({ ...l, data: l.data.filter((r) => r[x] !== undefined) }));
  // ⟨α⟩ axis: from the lowest ⟨α⟩ shown (curves or Table II), in steps of 0.05, to 1.
  const alphaLo = Math.max(
    0,
    Math.floor(20 * Math.min(...rows.map((r) => r.meanAlpha), ...paper.map((p) => Number(p.meanAlpha)))) / 20,
  );
  const showLegend = source === PANEL_SOURCES[0];
  const common = {
    y,
    colors: { ...nucleusColours(nuclei), [TABLE_II_LABEL]: TABLE_II_COLOUR },
    width: 210,
    height: 190,
  } as const;
  const column = PANEL_SOURCES.indexOf(source);
  const byThreshold = layeredChart({
    title: `${TOP_LETTERS[column]} ${SOURCE_LABEL[source]}`,
    subtitle: 'R against the threshold',
    x: { field: 'tMinKeV', title: 'T_{min} [keV_{nr}]', scale: 'log', domain: [loKeV, hiKeV] },
    layers: layers('tMinKeV'),
    ...common,
    legend: showLegend ? 'auto' : 'none',
  });
  const byAlpha = layeredChart({
    title: `${BOTTOM_LETTERS[column]} ${SOURCE_LABEL[source]}`,
    subtitle: 'R against ⟨α⟩ above the threshold',
    x: { field: 'meanAlpha', title: '⟨α⟩ above T_{min}', domain: [alphaLo, 1] },
    layers: layers('meanAlpha'),
    ...common,
    legend: 'none',
  });
  return [withMarkerStyle(byThreshold, 50), withMarkerStyle(byAlpha, 50)];
}

/** Figure 9: R against T_min (top row) and against ⟨α⟩ (bottom row), one column per source. */
export function figure9(spectra: PaperSpectra): TopLevelSpec {
  const nuclei = figureNuclei();
  const pairs = PANEL_SOURCES.map((s) => panels(s, spectra, nuclei));
  return panelGrid({
    panels: [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])],
    columns: PANEL_SOURCES.length,
    title: 'Fig. 9 — total rates R(T > T_{min}) against T_{min} (a–d) and ⟨α⟩ (e–h), Helm form factor',
  });
}
