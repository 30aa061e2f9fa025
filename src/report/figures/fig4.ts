/**
 * Figure 4 of Sharma et al. (2021): the mean coherency ⟨α⟩ on the (N, E_ν) plane at T_min = 0 for a
 * monochromatic neutrino (Helm form factor; Z from N along the valley of stability, see fig4Data.ts),
 * as filled contours: ⟨α⟩ is computed on a 41 × 91 grid (N linear, E_ν logarithmic), the contours
 * ⟨α⟩ = 0.1 … 0.9 are found in each N column by log-linear interpolation, and the bands between
 * consecutive contours are filled (areas, so the bin edges are smooth curves rather than the steps of
 * a cell map), with the contour lines, ⟨α⟩ = 0.95 dashed, on top. The E_ν ranges of the four sources
 * (FWHM of Φ_ν·σ) are bars at the neutron numbers of Ar, Ge and Xe (N = 22, 41, 77). ⟨α⟩ < 0 (far
 * beyond the coherent regime, where the Helm F² averages below the decoherent limit) falls in the
 * lowest bin.
 *
 * The report layer has no contour or heat-map builder, so this spec is written in Vega-Lite
 * directly, with the project's theme (projectConfig) and data checks of its own.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ToolkitError } from '../../errors.js';
import { POWER_OF_TEN_LABEL, projectConfig } from '../index.js';
import {
  FIGURE_COLOURS,
  PANEL_SOURCES,
  SOURCE_LABEL,
  figureNuclei,
  linGrid,
  logGrid,
  type PaperSpectra,
} from './common.js';
import { meanAlphaContour, meanAlphaGrid, sourceBands, type AlphaColumn } from './fig4Data.js';

/** Plotted ranges: neutron number N and E_ν [MeV]. */
export const FIG4_N_RANGE = [10, 130] as const;
export const FIG4_E_RANGE_MEV = [1, 1000] as const;
/** ⟨α⟩ grid: points in N (linear) × points in E_ν (logarithmic), ends included. */
export const FIG4_GRID = { nPoints: 41, ePoints: 91 } as const;
/** Bin edges of the filled contours, and the extra (dashed) contour. */
export const FIG4_LEVELS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
export const FIG4_EXTRA_LEVEL = 0.95;

/** "0.9–1.0" for the bin holding ⟨α⟩ (values below 0 go to the lowest bin). */
export function alphaBinLabel(meanAlpha: number): string {
  const k = Math.min(9, Math.max(0, Math.floor(10 * meanAlpha + 1e-9)));
  return `${(k / 10).toFixed(1)}–${((k + 1) / 10).toFixed(1)}`;
}

function checkFinite(values: readonly number[], what: string): void {
  values.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new ToolkitError('invalid_input', `figure 4: ${what}[${i}] = ${v}`, [what, i]);
  });
}

/** Horizontal offsets of the source bars around a nucleus' N (atmospheric overlaps DAR-π in E_ν). */
const BAR_OFFSET = { reactor: -1.6, solar: -1.6, darPi: -1.6, atmospheric: 1.6 } as const;
const BAR_HALF_WIDTH = 1.4;

/**
 * The filled contours: for bin k (⟨α⟩ in [k/10, (k+1)/10)) the area between the contours
 * (k+1)/10 (lower E_ν) and k/10 (higher E_ν); the top bin reaches down to the lowest E_ν, the
 * bottom one up to the highest.
 */
export function filledContourRows(
  columns: readonly AlphaColumn[],
): { n: number; lo: number; hi: number; bin: string }[] {
  const edges = [
    columns.map((c) => ({ n: c.n, eNuMeV: FIG4_E_RANGE_MEV[1] })),
    ...FIG4_LEVELS.map((level) => meanAlphaContour(columns, level)),
    columns.map((c) => ({ n: c.n, eNuMeV: FIG4_E_RANGE_MEV[0] })),
  ];
  return edges.slice(0, -1).flatMap((upper, k) =>
    upper.map((u, i) => ({
      n: u.n,
      hi: u.eNuMeV,
      lo: edges[k + 1]![i]!.eNuMeV,
      bin: alphaBinLabel((k + 0.5) / 10),
    })),
  );
}

/** The ⟨α⟩ grid of the figure (the expensive part: one ⟨α⟩ per grid point). */
export function figure4Grid(): AlphaColumn[] {
  return meanAlphaGrid(
    linGrid(FIG4_N_RANGE[0], FIG4_N_RANGE[1], FIG4_GRID.nPoints),
    logGrid(FIG4_E_RANGE_MEV[0], FIG4_E_RANGE_MEV[1], FIG4_GRID.ePoints),
  );
}

/** Figure 4 (one panel); `columns` may be passed in to reuse a computed grid. */
export function figure4(
  spectra: PaperSpectra,
  columns: readonly AlphaColumn[] = figure4Grid(),
): TopLevelSpec {
  const nuclei = figureNuclei();
  checkFinite(
    columns.flatMap((c) => c.meanAlpha),
    'meanAlpha',
  );
  const bands = sourceBands(spectra, nuclei, PANEL_SOURCES);
  checkFinite(
    bands.flatMap((b) => [b.eLoMeV, b.eHiMeV]),
    'band',
  );
  const fills = filledContourRows(columns);
  const lines = [...FIG4_LEVELS, FIG4_EXTRA_LEVEL].flatMap((level) =>
    meanAlphaContour(columns, level)
      .filter((p) => p.eNuMeV > FIG4_E_RANGE_MEV[0] && p.eNuMeV < FIG4_E_RANGE_MEV[1])
      .map((p) => ({ n: p.n, e: p.eNuMeV, level: String(level), dashed: level === FIG4_EXTRA_LEVEL })),
  );
  const labels = [...FIG4_LEVELS, FIG4_EXTRA_LEVEL].flatMap((level) => {
    const last = lines.filter((l) => l.level === String(level)).at(-1);
    return last === undefined || last.n < FIG4_N_RANGE[1]
      ? []
      : [{ n: last.n, e: last.e, text: String(level) }];
  });
  const x = {
    type: 'quantitative' as const,
    title: 'neutron number N',
    scale: { domain: [...FIG4_N_RANGE], nice: false, zero: false },
  };
  const y = {
    type: 'quantitative' as const,
    title: 'E_{ν} [MeV]',
    scale: { type: 'log' as const, domain: [...FIG4_E_RANGE_MEV] },
    axis: { values: [1, 10, 100, 1000], labelExpr: POWER_OF_TEN_LABEL },
  };
  const bins = [...FIG4_LEVELS, 1].map((_, k) => alphaBinLabel((k + 0.5) / 10)).reverse();
  const sourceLabels = PANEL_SOURCES.map((s) => SOURCE_LABEL[s]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Fig. 4 — mean coherency ⟨α⟩ on the (N, E_{ν}) plane at T_{min} = 0',
      subtitle: [
        'monochromatic ν, Helm form factor, Z on the valley of stability; dashed: ⟨α⟩ = 0.95',
        'bars: E_{ν} range (FWHM of Φ_{ν}·σ) of each source on Ar, Ge, Xe',
      ],
    },
    width: 560,
    height: 420,
    layer: [
      {
        data: { values: fills },
        mark: { type: 'area', opacity: 1, clip: true, interpolate: 'monotone' },
        encoding: {
          x: { ...x, field: 'n' },
          y: { ...y, field: 'lo' },
          y2: { field: 'hi' },
          color: {
            field: 'bin',
            type: 'ordinal',
            title: '⟨α⟩',
            sort: bins,
            scale: { domain: bins, scheme: 'yellowgreenblue' },
            legend: { symbolType: 'square', symbolOpacity: 1 },
          },
          order: { field: 'bin', sort: 'descending' },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'line', color: '#333333', strokeWidth: 0.8, clip: true, interpolate: 'monotone' },
        encoding: {
          x: { ...x, field: 'n' },
          y: { ...y, field: 'e' },
          detail: { field: 'level' },
          strokeDash: {
            field: 'dashed',
            type: 'nominal',
            scale: {
              domain: [false, true],
              range: [
                [1, 0],
                [4, 3],
              ],
            },
            legend: null,
          },
        },
      },
      {
        data: { values: labels },
        mark: {
          type: 'text',
          align: 'right',
          baseline: 'bottom',
          dx: -4,
          dy: -2,
          fontSize: 10,
          color: '#111111',
        },
        encoding: { x: { ...x, field: 'n' }, y: { ...y, field: 'e' }, text: { field: 'text' } },
      },
      {
        data: {
          values: bands.map((b) => ({
            ...b,
            label: SOURCE_LABEL[b.source],
            nLo: b.n + BAR_OFFSET[b.source] - BAR_HALF_WIDTH,
            nHi: b.n + BAR_OFFSET[b.source] + BAR_HALF_WIDTH,
          })),
        },
        mark: { type: 'rect', stroke: '#000000', strokeWidth: 0.8 },
        encoding: {
          x: { ...x, field: 'nLo' },
          x2: { field: 'nHi' },
          y: { ...y, field: 'eLoMeV' },
          y2: { field: 'eHiMeV' },
          color: {
            field: 'label',
            type: 'nominal',
            title: 'ν source',
            scale: { domain: sourceLabels, range: sourceLabels.map((l) => FIGURE_COLOURS[l]!) },
            legend: { symbolType: 'square', symbolOpacity: 1 },
          },
        },
      },
      {
        data: { values: nuclei.map((n) => ({ n: n.nucleus.N, e: 700, text: n.name })) },
        mark: { type: 'text', fontSize: 13, fontWeight: 'bold', color: '#ffffff' },
        encoding: { x: { ...x, field: 'n' }, y: { ...y, field: 'e' }, text: { field: 'text' } },
      },
    ],
    resolve: { scale: { color: 'independent' } },
    config: projectConfig(),
  } as TopLevelSpec;
}
