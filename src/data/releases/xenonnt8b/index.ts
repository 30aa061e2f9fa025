/**
 * Reader of the XENONnT solar-⁸B CEvNS data release (doi:10.5281/zenodo.20576156, CC-BY 4.0) and the
 * builder of its template dataset (fixtures/xenonnt-8b.json). The single public door of this folder.
 */
export {
  XENONNT_EXPOSURES_T_YR,
  XENONNT_OBSERVABLES,
  XENONNT_BINS_PER_RUN,
  XENONNT_README_EVENT_COUNTS,
  NOMINAL_YIELDS,
  yieldKey,
  discoverRunFiles,
  type RunFiles,
  type YieldPoint,
} from './layout.js';
export { loadH5, readReleaseTemplate, type ReleaseTemplate, type H5Module } from './hdf5Template.js';
export { readRunBinning, checkTemplateBinning, binIndex, flatIndex, type RunBinning } from './binning.js';
export { readRunEvents, type RunEvents } from './events.js';
export {
  readXenonnt8bRelease,
  YIELD_AXES,
  type ReleaseRun,
  type XenonntRelease,
  type ReadOptions,
  type YieldTemplates,
} from './reader.js';
export { MonoTemplateResponse, releaseRecipeTemplate } from './response.js';
export {
  solarNucleusRates,
  solarSignalSpectrum,
  type NucleusRate,
  type SolarSignalOptions,
} from './solarRates.js';
export { foldBand, bandRecoilRangeKeV, weightedSum, type FoldedNucleus, type Q2Band } from './signalFold.js';
export { detectedQ2Distribution, type Q2Distribution } from './q2Distribution.js';
export { bandsFromLayout, type BandLayout } from './bands.js';
export { buildSignalModel, type SignalModel, type RunSignal } from './signalModel.js';
export {
  buildXenonntWorkspace,
  bandPoi,
  measurementName,
  type ChannelSamples,
  type ShapeVariation,
} from './workspace.js';
export {
  SNO_8B_FLUX,
  snoFluxRelativeSigma,
  XENONNT_STATISTICAL_MODEL,
  DEFAULT_YIELD_ENERGY_SCALE_SIGMA,
  PRL_133_191002,
  XENONNT_8B_RECORD,
} from './constants.js';
export { resolveXenonnt8bOptions, xenonnt8bDefaults, type Xenonnt8bOptions } from './options.js';
export { assembleXenonnt8bDataset, buildXenonnt8bDataset, type Xenonnt8bBuild } from './dataset.js';
export { summarizeXenonnt8b, type Xenonnt8bSummary, type RunSummary } from './summary.js';
export { XENONNT_8B_GENERATOR } from './provenance.js';
