/**
 * The public door of src/fit (STYLE.md P1): Levenberg–Marquardt least-squares and Poisson
 * maximum-likelihood fits of ξ(q²)/α(q²) models to binned datasets, with covariance, goodness of fit,
 * profile-likelihood intervals and diagnostics on every result (STYLE.md P8).
 *
 * - Adapter: `minimize` (residual problems), `fitLeastSquares` (points y ± σ).
 * - Models: `resolveModel('helm-r0')`, products 'A*B', `defineXiModel`, `defineAlphaModel`, `configureModel`.
 * - Datasets: `fitDatasets([{ dataset, model, rename? }, …])` (joint fits share parameters by name).
 * - Intervals: `profileInterval`; plots and tables: `fittedXiCurve`, `dataAsXi`; JSON: `summarizeFit`.
 */
export type {
  LmFitDiagnostics,
  FitResult,
  FitStatistic,
  LmOptions,
  ParameterSpec,
  ProfileInterval,
  ResidualProblem,
  StopReason,
} from './types.js';
export { LM_DEFAULTS, minimize } from './minimize.js';
export { fitLeastSquares, validatePoints, whitenedResidual } from './leastSquares.js';
export type { DataPoint, ScalarModel } from './leastSquares.js';
export { profileInterval } from './profile.js';
export type { ProfileOptions } from './profile.js';
export {
  MODEL_NAMES,
  configureModel,
  defineAlphaModel,
  defineXiModel,
  productModel,
  resolveModel,
} from './models.js';
export type { BuiltInModelName, ModelParameter, NucleusContext, XiFunction, XiModel } from './models.js';
export { helmRadiusFromRms, protonRmsRadius } from './nuclearRadii.js';
export type { ProtonRadius } from './nuclearRadii.js';
export { coherentWeights, datasetTerm, nucleusContexts } from './datasetTerms.js';
export type { ConstraintKindName, DatasetTerm, Q2Treatment, TermOptions } from './datasetTerms.js';
export { buildJointProblem, fitDatasets } from './jointFit.js';
export type {
  DatasetContribution,
  DatasetFitOptions,
  DatasetsFit,
  FitEntry,
  JointParameter,
} from './jointFit.js';
export { dataAsXi, fittedXiCurve } from './predictions.js';
export type { CurvePoint, DataPointXi } from './predictions.js';
export { summarizeFit } from './summary.js';
export type { FitSummary, ParameterSummary } from './summary.js';
