/** The bounded minimiser of HistFactory likelihoods (projected Newton, block-structured solve). */
export {
  Minimizer,
  MINIMIZE_DEFAULTS,
  type MinimizeOptions,
  type MinimizeReason,
  type MinimizeResult,
} from './minimizer.js';
export { BlockNewtonSolver } from './blockSolve.js';
export { choleskyInPlace, choleskySolveInPlace } from './cholesky.js';
