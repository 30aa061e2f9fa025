/**
 * Inference on compiled HistFactory models: fits and Asimov data, pyhf's asymptotic tests and
 * profile intervals, and the toolkit's PoiLikelihood door onto a workspace.
 */
export { WorkspaceFits, asimovData } from './fits.js';
export {
  qtildeTest,
  q0Test,
  profileIntervals,
  type QTildeTest,
  type Q0Test,
  type ProfileScan,
  type WilksInterval,
} from './pyhfTests.js';
export { WorkspaceLikelihood, type WorkspaceLikelihoodOptions } from './workspaceLikelihood.js';
export {
  analyzeWorkspace,
  type WorkspaceAnalysis,
  type WorkspaceAnalysisOptions,
  type FittedParameter,
} from './workspaceAnalysis.js';
