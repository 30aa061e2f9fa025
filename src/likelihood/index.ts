/**
 * The public door of src/likelihood (STYLE.md P1): the generic binned-likelihood statistics.
 * Nothing here knows about neutrinos; poi ∈ [0, 1] enters every expectation linearly.
 *
 * - Models: {@link CountingModel} (Poisson on/off counts, shared normalisations with Gaussian or
 *   log-normal constraints) and {@link GaussianModel} (a measured value ± σ per bin).
 * - Door to the statistics: {@link PoiLikelihood}, built by `countingLikelihood` / `gaussianLikelihood`.
 * - Tests: `tildeT`, `testPoi`, `boundaryTest` (q1 = t̃(1), q0 = t̃(0)), `globalBoundaryTest`.
 * - Intervals: `poiInterval` (asymptotic test inversion or Δχ²).
 * - Toys: `SingleBinKernel`, the allocation-free closed-form single-bin fits.
 */
export type {
  AsymmetricSigma,
  BackgroundSpec,
  ConstraintSpec,
  CountingBin,
  CountingModel,
  FitDiagnostics,
  GaussianBin,
  GaussianModel,
  KnownBackground,
  PerBinPoiFit,
  PoiFit,
  PoiLikelihood,
} from './types.js';
export { validateCountingModel, validateGaussianModel } from './validate.js';
export { poissonDeviance, gaussianDeviance, asymmetricGaussianDeviance } from './deviance.js';
export { profileBackground, profiledCurvature } from './profileBackground.js';
export {
  BinBackground,
  knownComponent,
  profileKnownBackground,
  profileKnownWithOffSource,
  profiledCurvatureOf,
} from './knownBackground.js';
export { constraintKinds } from './constraints.js';
export type { ConstraintKind } from './constraints.js';
export { countingNll } from './nll.js';
export type { CountingParams } from './nll.js';
export { SingleBinKernel } from './singleBin.js';
export { countingLikelihood } from './countingLikelihood.js';
export { gaussianLikelihood } from './gaussianLikelihood.js';
export {
  boundaryZ,
  chiBarSquarePValue,
  chiSquareSurvival,
  NO_INFORMATION_T,
  pValueHalfChiSquare,
  pValueTildeT,
  pValueTildeTBranches,
  sidakGlobalPValue,
  significance,
  stdNormalCdf,
} from './asymptotics.js';
export type { TildeTBranchPoints } from './asymptotics.js';
export { boundedChiBarPValue, BOUNDED_CHI_BAR_NODES } from './boundedChiBar.js';
export {
  boundaryTest,
  branchPointsOf,
  poiSigma,
  testPoi,
  tildeT,
  tildeTBranchPoints,
} from './testStatistics.js';
export type { BoundaryDistribution, BoundaryTestResult, PoiTestResult, TildeT } from './testStatistics.js';
export { INTERVAL_DEFAULTS, poiInterval, poiIntervals } from './intervals.js';
export type { IntervalMethod, IntervalOptions, PoiInterval } from './intervals.js';
export { globalBoundaryTest } from './globalTests.js';
export type { GlobalTestResult, LocalBinTest } from './globalTests.js';
// The ξ-dataset mapping and the analysis (the only neutrino-aware modules of likelihood/).
export {
  countsModel,
  datasetBinBackground,
  xiModel,
  datasetLikelihood,
  targetDecoherentXi,
} from './coherencyDataset.js';
export type { SystematicsTreatment } from './coherencyDataset.js';
export { analyzeDataset, boundaryMethod, compareWithPaper, PAPER_CSI_P_VALUES } from './coherencyAnalysis.js';
export { analysisGoodnessOfFit, GOF_WARNING_P } from './goodnessOfFit.js';
export type { BinGoodnessOfFit, CombinedSensitivity, GoodnessOfFit } from './goodnessOfFit.js';
export { logChiSquareSurvival, logRegularizedGammaQ, regularizedGammaQ } from './chiSquareTail.js';
export { phiOf, phiPoint } from './phi.js';
export type { PhiInterval } from './phi.js';
export { describeAnalysisMethods, describeIntervalMethod, describePValueMethod } from './methods.js';
export type { AsymptoticDistribution, IntervalMethodInfo, PValueMethod } from './methods.js';
export type {
  AlphaEstimate,
  AnalysisOptions,
  AnalysisResult,
  BinAnalysis,
  GlobalTestSummary,
  Interval,
  ObservableEdges,
} from './analysisTypes.js';
export { toPyhfWorkspace, pyhfExport, pyhfModifierSettings } from './pyhfExport.js';
export type { PyhfWorkspace } from './pyhfExport.js';
// Building blocks for the toys (fits with settable constraint centres, as toy experiments need).
export { CountingFitter } from './countingFitter.js';
export { compileCounting } from './compiled.js';
export type { CompiledCounting } from './compiled.js';
// Round 2: the HistFactory template-likelihood engine (pyhf workspaces), its minimiser and inference.
export * from './histfactory/index.js';
export * from './minimize/index.js';
export * from './inference/index.js';
export * from './coherency/index.js';
export {
  countingWorkspace,
  countingEngineLikelihood,
  type CountingWorkspace,
  COUNTING_POI,
  COUNTING_POI_BINS,
} from './countingWorkspace.js';
