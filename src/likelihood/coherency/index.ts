/** The neutrino-aware part of likelihood/ for template datasets: models per band and the analysis. */
export {
  templateModels,
  withParameterConfig,
  COMBINED_POI,
  SIGNAL_STRENGTH,
  type TemplateModels,
} from './templateModels.js';
export {
  analyzeTemplateDataset,
  bandAlphaHelm,
  type ChannelCounts,
  type SignalStrengthFit,
  type TemplateExtras,
} from './templateAnalysis.js';
export {
  templateFigureData,
  type AlphaScan,
  type ChannelFit,
  type SampleBins,
  type TemplateFigureData,
} from './figureData.js';
export { nuisanceImpacts, type ImpactResult, type NuisanceImpact, type NuisanceImpacts } from './impacts.js';
