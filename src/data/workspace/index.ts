/**
 * pyhf HistFactory workspaces (JSON schema 1.0.0): the zod schema, the checks pyhf applies when it
 * builds a model, and the parameter sets a workspace defines under a measurement. The likelihood itself
 * (expected counts, logpdf, fits) is in src/likelihood/histfactory.
 */
export * from './schema.js';
export { parseWorkspace, selectMeasurement } from './checks.js';
export {
  channelLayout,
  sortedSamples,
  parameterSets,
  isPerBinType,
  type ChannelLayout,
  type ConstraintKind as WorkspaceConstraintKind,
  type ParameterSet,
} from './parameters.js';
export {
  parseChannelList,
  renameParameters,
  scaleSamples,
  selectChannels,
  withFixedParameters,
  withObservations,
  withPoi,
} from './transform.js';
