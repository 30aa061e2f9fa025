/**
 * Chart builders for the project's figures. Each returns a typed Vega-Lite spec (with the
 * project theme embedded) for {@link renderVegaLite}, or for saving as `.vl.json`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ToolkitError } from '../errors.js';
import type {
  BandLayer,
  ChartFrame,
  Datum,
  ErrorBarLayer,
  Layer,
  LayerOptions,
  LineLayer,
  PointLayer,
  TextLayer,
} from './chartTypes.js';
import { textWidth } from './fontMetrics.js';
import { legendEntries, legendLayers, legendSize, placeLegend } from './legend.js';
import { colourScale, toVegaLayers, type VlLayerItem } from './layers.js';
import { DEFAULT_SIZE, projectConfig, SUBTITLE_FONT_SIZE, TITLE_FONT_SIZE } from './theme.js';

/** Pixels a title may extend beyond the plot width (over the y axis and its labels). */
const TITLE_OVERHANG = 60;
import { validateChart } from './validate.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A line layer: `lineLayer({ data, label: 'Helm' })`. */
export function lineLayer(options: LayerOptions<LineLayer>): LineLayer {
  return { ...options, kind: 'line' };
}

/** A shaded band between `yLow` and `yHigh`: `bandLayer({ data, yLow: 'lo', yHigh: 'hi', label: '90 % CL' })`. */
export function bandLayer(options: LayerOptions<BandLayer>): BandLayer {
  return { ...options, kind: 'band' };
}

/** Points with vertical (and optionally horizontal) error bars. */
export function errorBarLayer(options: LayerOptions<ErrorBarLayer>): ErrorBarLayer {
  return { ...options, kind: 'errorBars' };
}

/** Text at data positions (labels of reference lines); never in the legend. */
export function textLayer(options: LayerOptions<TextLayer>): TextLayer {
  return { ...options, kind: 'text' };
}

/** Points alone. */
export function pointLayer(options: LayerOptions<PointLayer>): PointLayer {
  return { ...options, kind: 'points' };
}

/** Break `text` at spaces into lines no wider than `maxWidth` pixels (a single long word stays whole). */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Title and subtitle wrapped to the plot width (plus the y axis), so they never widen the figure. */
function titleOf(frame: ChartFrame, plotWidth: number) {
  const max = plotWidth + TITLE_OVERHANG;
  const one = (lines: string[]) => (lines.length === 1 ? lines[0]! : lines);
  const text = one(wrapText(frame.title, max, TITLE_FONT_SIZE, true));
  return frame.subtitle === undefined
    ? { text }
    : { text, subtitle: one(wrapText(frame.subtitle, max, SUBTITLE_FONT_SIZE)) };
}

/**
 * A chart of several layers over shared axes and one colour legend, drawn in the given order
 * (put bands first). Throws a ToolkitError for NaN, missing or non-positive-on-log values.
 * @example
 * layeredChart({ title: 'α vs q²', x: { field: 'q2', title: 'q² [MeV²]', scale: 'log' },
 *   y: { field: 'alpha', title: 'α' },
 *   layers: [bandLayer({ data, yLow: 'lo', yHigh: 'hi', label: '68 % CL' }), lineLayer({ data, label: 'best fit' })] })
 */
export function layeredChart(options: ChartFrame & { readonly layers: readonly Layer[] }): TopLevelSpec {
  validateChart(options, options.layers);
  const colours = colourScale(options.layers, options.colors);
  const width = options.width ?? DEFAULT_SIZE.width;
  const height = options.height ?? DEFAULT_SIZE.height;
  const position = options.legend ?? 'auto';
  const entries = [...legendEntries(options.layers, colours), ...(options.legendExtra ?? [])];
  const legend: VlLayerItem[] = [];
  if (position !== 'none' && entries.length > 0) {
    const at = placeLegend(position, legendSize(entries), options, { width, height });
    legend.push(...legendLayers(entries, at, at.x < width && at.y < height));
  }
  return {
    $schema: SCHEMA,
    title: titleOf(options, width),
    width,
    height,
    layer: [...options.layers.flatMap((l) => toVegaLayers(l, options, colours)), ...legend],
    config: projectConfig(),
  };
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartFrame {
  readonly data: readonly Datum[];
  /** Field whose values are the coloured series (legend entries). */
  readonly series?: string;
  /** Field whose values also select dash patterns (e.g. `'model'`). */
  readonly strokeDash?: string;
  /** Mark the data points too. */
  readonly points?: boolean;
}

/**
 * Lines of one or more series, on linear or log axes.
 * @example
 * lineChart({ title: 'Helm form factor', data: rows, series: 'target',
 *   x: { field: 'q', title: 'q [MeV]' }, y: { field: 'F2', title: 'F²', scale: 'log' } })
 */
export function lineChart(options: LineChartOptions): TopLevelSpec {
  const { data, series, strokeDash, points, ...frame } = options;
  const layer = lineLayer({
    data,
    ...(series === undefined ? {} : { series }),
    ...(strokeDash === undefined ? {} : { dashBy: strokeDash }),
    ...(points === undefined ? {} : { points }),
  });
  return layeredChart({ ...frame, layers: [layer] });
}

/** Options of {@link bandChart}. */
export interface BandChartOptions extends ChartFrame {
  readonly bands: readonly LayerOptions<BandLayer>[];
  readonly lines?: readonly LayerOptions<LineLayer>[];
  readonly errorBars?: readonly LayerOptions<ErrorBarLayer>[];
}

/**
 * Shaded bands (widest first, as given), lines on top, then points with error bars: the
 * shape of an "α intervals vs q²" figure.
 */
export function bandChart(options: BandChartOptions): TopLevelSpec {
  const { bands, lines = [], errorBars = [], ...frame } = options;
  const layers: Layer[] = [...bands.map(bandLayer), ...lines.map(lineLayer), ...errorBars.map(errorBarLayer)];
  return layeredChart({ ...frame, layers });
}

/** One panel of a {@link panelGrid} (what the builders above return). */
type ConcatItem = Extract<TopLevelSpec, { concat: unknown }>['concat'][number];

/**
 * Panels in a grid, e.g. 2×2 for "(a) DAR-π (b) reactor (c) solar ⁸B (d) atmospheric".
 * Each panel keeps its own title, axes and legend (colour scales are independent).
 */
export function panelGrid(options: {
  readonly panels: readonly TopLevelSpec[];
  readonly columns?: number;
  readonly title?: string;
}): TopLevelSpec {
  const columns = options.columns ?? 2;
  if (options.panels.length === 0 || !Number.isInteger(columns) || columns < 1) {
    throw new ToolkitError('invalid_input', 'panelGrid needs at least one panel and columns >= 1', [
      'panels',
    ]);
  }
  const concat = options.panels.map((panel) => {
    const { $schema: _s, config: _c, ...inner } = panel as TopLevelSpec & { $schema?: string };
    return inner as ConcatItem; // a top-level spec minus top-level-only keys is a concat item
  });
  return {
    $schema: SCHEMA,
    ...(options.title === undefined ? {} : { title: options.title }),
    columns,
    concat,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
    config: projectConfig(),
  };
}
