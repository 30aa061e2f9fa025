/**
 * The public door of src/sensitivity (STYLE.md P1): projected sensitivity of described setups to the
 * coherency parameter α(q²) — expected counts for any Γ model, the α and q² ranges covered (Eq. 10,
 * Fig. 7), Asimov and toy sensitivities for excluding α = 1, α = 0 or a user's α, expected α intervals,
 * exposure scans — and the presets ge-reactor, xe-solar, csi-dar, ar-dar.
 * Setups are described, validated and resolved in src/data (setupSchema.ts, setupResolve.ts).
 */
export {
  buildResponse,
  signalPerKgS,
  xiAtNodes,
  type NucleusResponse,
  type SetupResponse,
} from './response.js';
export { differentialRateCurves, expectedCounts, setupCoverage, SIGNAL_RANGE_FRACTIONS } from './expected.js';
export {
  asimovBands,
  asimovInterval,
  asimovTest,
  countingModelFor,
  setupLikelihood,
  type SetupCountingModel,
} from './asimov.js';
export { BAND_PROBABILITIES, quantileSorted, summarizeToys, toyBands, type ToyOptions } from './toys.js';
export {
  PROJECTION_FC_DEFAULTS,
  projectionFeldmanCousins,
  type FcInterval,
  type ProjectionFc,
  type ProjectionFcOptions,
} from './projectionToys.js';
export { CROSSING_SEARCH, exposureScan, medianZ, type ScanOptions } from './scan.js';
export {
  projectResponse,
  projectSetup,
  type ProjectOptions,
  type Projection,
  type SetupSummary,
} from './project.js';
export {
  isPresetName,
  PRESET_NAMES,
  PRESET_TEMPLATE_DATASETS,
  presetSetup,
  presetSetupJson,
  type PresetName,
} from './presets.js';
export { buildDataset, type DatasetBuildOptions } from './datasetBuild.js';
export {
  asimovTemplateDataset,
  nominalExposureTonneYear,
  projectTemplate,
  templateMedianZ,
  type TemplateChannelExpectation,
  type TemplateProjection,
  type TemplateProjectionOptions,
  type TemplateTruth,
} from './templateProjection.js';
export {
  TEMPLATE_SCAN_RANGE,
  templateExposureScan,
  type TemplateCrossing,
  type TemplateScan,
  type TemplateScanOptions,
  type TemplateScanPoint,
} from './templateScan.js';
export { TEMPLATE_TOY_STREAM, templateToyBands, type TemplateToyOptions } from './templateToys.js';
export {
  LN_F_TOLERANCE,
  templateToyExposureScan,
  type TemplateToyCrossing,
  type TemplateToyScan,
  type TemplateToyScanOptions,
  type TemplateToyScanPoint,
  type ToyMedian,
} from './templateToyScan.js';
export type {
  AlphaInterval,
  BinSensitivity,
  CoverageRange,
  ExpectedBin,
  ExpectedCounts,
  ExposureCrossing,
  ExposureScan,
  ExposureScanPoint,
  HypothesisTest,
  SetupCoverage,
  ToyBands,
  ZBands,
} from './types.js';
