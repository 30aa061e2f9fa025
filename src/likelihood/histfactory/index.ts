/**
 * The HistFactory model engine: a pyhf workspace compiled into typed arrays (compile.ts), pyhf's
 * interpolation codes (interpolation.ts), the likelihood with analytic derivatives (model.ts).
 */
export { compileWorkspace, type CompileOptions, type CompiledModel, type HessianLayout } from './compile.js';
export { HistFactoryModel, type LogPdf } from './model.js';
export {
  DEFAULT_INTERPOLATION,
  normsysCode4Coefficients,
  type HistoSysCode,
  type NormSysCode,
} from './interpolation.js';
