/** The neutrino-aware part of likelihood/ for template datasets: models per band and the analysis. */
export {
  templateModels,
  COMBINED_POI,
  SIGNAL_STRENGTH,
  type TemplateModelOptions,
  type TemplateModels,
} from './templateModels.js';
export { withParameterConfig } from './modelVariants.js';
export {
  analyzeTemplateDataset,
  bandAlphaHelm,
  type ChannelCounts,
  type TemplateAnalysisOptions,
  type TemplateExtras,
} from './templateAnalysis.js';
export { pureSignalNormalisations, shapeOnlyHistosys, type SignalStrengthFit } from './signalStrength.js';
export {
  templateFigureData,
  type AlphaScan,
  type ChannelFit,
  type SampleBins,
  type TemplateFigureData,
} from './figureData.js';
export { nuisanceImpacts, type ImpactResult, type NuisanceImpact, type NuisanceImpacts } from './impacts.js';
