/**
 * The library as the page uses it. The physics, likelihood and toys doors are browser-safe (no Node
 * built-ins; test/package/pack.test.ts checks it). The data and report doors are not — they read files
 * and render PNGs with a native rasteriser — so the few browser-safe modules the page needs from them
 * are imported here, and only here: dataset/workspace parsing without file I/O, and the chart builders
 * and Figures 5–6 specs (Vega-Lite, drawn in the page by vega).
 */
export * from '../../src/physics/index.js';
export * from '../../src/likelihood/index.js';
export * from '../../src/toys/index.js';
export { parseAnalysisInput, type AnalysisInput } from '../../src/data/analysisInput.js';
export { parseDataset, type AnyDataset, type CountsDataset, type Dataset } from '../../src/data/dataset.js';
export { alphaFigure, binQ2Centres, pValueFigure } from '../../src/report/analysisFigures.js';
export { bandLayer, errorBarLayer, layeredChart, lineLayer, pointLayer } from '../../src/report/charts.js';
export type { Datum, Layer } from '../../src/report/chartTypes.js';
export { intervalsChart } from '../../src/report/toysFigures.js';
export { ToolkitError } from '../../src/errors.js';
