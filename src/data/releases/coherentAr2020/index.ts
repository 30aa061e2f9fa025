/** COHERENT CENNS-10 Ar 2020 ("Analysis A"): the release reader and the full template dataset. */
export {
  AR_2020_AXES,
  AR_2020_BINS,
  AR_2020_FILES,
  AR_2020_RECORD,
  AR_2020_VARIATION_FILES,
  cubeIndex,
  readCoherentAr2020Release,
  readCoherentAr2020Variations,
  type ArCube,
  type ArVariation,
  type CoherentAr2020Release,
} from './release.js';
export type { CoherentAr2020Parameters } from './parameters.js';
export { arEnergyResponse, type ArResponseInputs } from './response.js';
export { arArrivalTimeWeights, arWindowFractions, type ArrivalGroup } from './timing.js';
export {
  AR_2020_FULL_DEFAULTS,
  AR_2020_FULL_FIXTURE,
  buildCoherentAr2020Full,
  buildCoherentAr2020FullDataset,
  type CoherentAr2020FullBuild,
  type CoherentAr2020FullOptions,
} from './build.js';
export type { ArBuildSummary, ArBandSummary } from './summary.js';
export { AR_SHAPE_SYSTEMATICS, mirrorAboutNominal } from './shapeSystematics.js';
