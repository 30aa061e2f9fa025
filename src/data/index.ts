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
export { resolveDataDir, repoRoot, RELEASE_FOLDERS } from './repoPaths.js';
export * from './spectrumFiles.js';
export * from './paperSpectra.js';
export * from './spectrumTables.js';
export * from './setup.js';
export { gaussianBinProbabilities } from './detectorResponse.js';
