/**
 * Setups (detector + source + exposure descriptions) and the XENONnT ⁸B efficiency fixture: what
 * src/data/index.ts should re-export (`export * from './setup.js';`) for src/sensitivity and the CLI.
 */
export {
  SETUP_SCHEMA_VERSION,
  SetupSchema,
  parseSetup,
  setupError,
  type BackgroundUncertainty,
  type SetupBackground,
  type SetupBinning,
  type SetupEfficiency,
  type SetupInput,
  type SetupModel,
  type SetupSource,
  type SetupSpec,
} from './setupSchema.js';
export {
  resolveSetup,
  type EfficiencyCurve,
  type ResolveOptions,
  type ResolvedBackground,
  type ResolvedSetup,
} from './setupResolve.js';
export { loadSetup, readSetupFile, type LoadSetupOptions } from './setupFiles.js';
export {
  describeQuenching,
  electronEquivalentOf,
  lindhardDefaultK,
  lindhardQuenching,
  quenchingFactorOf,
  recoilOfElectronEquivalent,
  type QuenchingSpec,
} from './setupQuenching.js';
export { parseExposure, parseRateUnit, type EnergyScale, type Quantity } from './setupUnits.js';
export {
  XENONNT_8B_SCHEMA,
  XENONNT_EFFICIENCY_FILE,
  XENONNT_RUNS,
  XenonntEfficiencySchema,
  loadXenonntEfficiency,
  xenonntEfficiencyCurve,
  xenonntEfficiencyPath,
  type XenonntEfficiencyFixture,
  type XenonntRun,
} from './xenonntEfficiency.js';
export { buildXenonnt8bEfficiency, XENONNT_RELEASE_EXPOSURES_T_YR } from './xenonnt8bRelease.js';
