/** Pieces shared by the release builders (src/data/releases/<release>): band templates, workspace parts, SSB. */
export {
  cevnsBandTemplates,
  outerProduct,
  type BandNucleusTemplates,
  type SignalExposure,
  type SignalTemplates,
} from './bandTemplates.js';
export { steadyStateBounds, steadyStateNominal } from './steadyState.js';
export {
  bandExcessAndFloor,
  bandPoi,
  bandSamplePair,
  bandsMetadata,
  combineNuclei,
  excessSample,
  floorSample,
  histosys,
  normsys,
  templateSample,
  variedBand,
  variedTemplate,
  type HistosysTemplate,
  type VariedTemplate,
} from './templateWorkspace.js';
export { onOffWorkspace, type OnOffWorkspaceInputs } from './onOffWorkspace.js';
