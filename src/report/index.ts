/**
 * The output layer (DESIGN.md `report/`): tables as strings (terminal, CSV, Markdown) and
 * charts as Vega-Lite specs rendered to SVG strings and PNG buffers. Nothing here prints,
 * reads the process state or writes files; `cli/` does that with what these return.
 * This file is the folder's only public door (STYLE.md P1).
 */
export {
  MISSING,
  NUMBER_FORMAT_DEFAULTS,
  assertNotNaN,
  formatDefault,
  formatNumber,
  numberFormatter,
  type NumberFormatOptions,
} from './format.js';
export {
  csvField,
  headerWithUnit,
  renderTable,
  toCsv,
  toMarkdown,
  toTextTable,
  type Align,
  type Cell,
  type Column,
  type ColumnOf,
  type CsvOptions,
  type Row,
  type TableFormat,
} from './table.js';
export { renderVegaLite, type RenderOptions, type RenderedPlot } from './plot.js';
export {
  bandChart,
  bandLayer,
  errorBarLayer,
  layeredChart,
  lineChart,
  lineLayer,
  panelGrid,
  pointLayer,
  textLayer,
  wrapText,
  type BandChartOptions,
  type LineChartOptions,
} from './charts.js';
export type {
  AxisOptions,
  BandLayer,
  ChartFrame,
  Datum,
  ErrorBarLayer,
  Layer,
  LayerColour,
  LayerOptions,
  LegendEntry,
  LegendPosition,
  LineLayer,
  PointLayer,
  ScaleKind,
  TextLayer,
} from './chartTypes.js';
export { applyScriptMarkup } from './plot.js';
export { decadesIn, POWER_OF_TEN_LABEL } from './layers.js';
export { textWidth } from './fontMetrics.js';
export { FONT_FAMILY, bundledFontFiles } from './fonts.js';
export { PALETTE, projectConfig } from './theme.js';
/** The Vega-Lite spec type the chart builders return, re-exported so callers need not import vega-lite. */
export type { TopLevelSpec } from 'vega-lite';
export {
  alphaFigure,
  ANALYSIS_COLOURS,
  binQ2Centres,
  binQ2Spreads,
  pValueFigure,
  HELM_BAND_RELATIVE,
} from './analysisFigures.js';
export {
  alphaScanFigure,
  channelTitle,
  poissonCentralInterval,
  projectOnAxis,
  templateProjectionFigure,
  templateScanFigure,
  unequalBins,
} from './templateFigures.js';
export { countsFigure, exposureText, ratesFigure, scanFigure } from './sensitivityFigures.js';
export { intervalsChart, TOYS_DODGE_PX } from './toysFigures.js';
