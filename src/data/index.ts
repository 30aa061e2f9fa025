/** The data layer's single public door: dataset schemas and files, public-release readers, spectra files. */
export * from './dataset.js';
export * from './datasetFiles.js';
export * from './inputFiles.js';
export { MAX_COUNT } from './datasetChecks.js';
export {
  buildCoherentCsi2017Dataset,
  CSI_2017_DEFAULTS,
  type CoherentCsi2017Options,
} from './coherentCsi2017.js';
export {
  buildCoherentAr2020Dataset,
  AR_2020_DEFAULTS,
  type CoherentAr2020Options,
} from './coherentAr2020.js';
export {
  assembleXenonnt8bDataset,
  buildXenonnt8bDataset,
  readXenonnt8bRelease,
  resolveXenonnt8bOptions,
  summarizeXenonnt8b,
  XENONNT_8B_RECORD,
  type Xenonnt8bBuild,
  type Xenonnt8bOptions,
  type Xenonnt8bSummary,
  type XenonntRelease,
} from './releases/xenonnt8b/index.js';
export {
  buildCoherentAr2020Full,
  buildCoherentAr2020FullDataset,
  AR_2020_FULL_DEFAULTS,
  AR_2020_FULL_FIXTURE,
  type CoherentAr2020FullOptions,
  type CoherentAr2020FullBuild,
} from './releases/coherentAr2020/index.js';
export { resolveDataDir, repoRoot, RELEASE_FOLDERS } from './repoPaths.js';
export * from './spectrumFiles.js';
export * from './paperSpectra.js';
export * from './spectrumTables.js';
export * from './setup.js';
export { gaussianBinProbabilities } from './detectorResponse.js';
export * from './workspace/index.js';
export * from './response/index.js';
export {
  ObservableAxisSchema,
  TemplateChannelSchema,
  BandSchema,
  BandNucleusSchema,
  PublishedValueSchema,
} from './templateDataset.js';
export {
  buildCoherentCsi2021Dataset,
  CSI_2021_DEFAULTS,
  type CoherentCsi2021Options,
} from './releases/coherentCsi2021/index.js';
export { gammaPeBinProbabilities, type GammaSmearing } from './response/photoStatistics.js';
export { datasetNuclei, meanNuclearMassMeV } from './binAssembly.js';
export {
  OBSERVED_SCHEMA_VERSION,
  ObservedCountsSchema,
  parseObservedCounts,
  type BinLocator,
  type ObservedBin,
  type ObservedCounts,
  type ObservedCountsInput,
} from './observedCounts.js';
export { parseObservedCsv, readObservedFile } from './observedCsv.js';
export { stableJson } from './stableJson.js';
