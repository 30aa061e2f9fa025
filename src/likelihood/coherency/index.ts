/** The neutrino-aware part of likelihood/ for template datasets: models per band and the analysis. */
export {
  templateModels,
  COMBINED_POI,
  SIGNAL_STRENGTH,
  type TemplateModelOptions,
  type TemplateModels,
} from './templateModels.js';
export {
  analyzeTemplateDataset,
  type TemplateAnalysisOptions,
  type TemplateExtras,
} from './templateAnalysis.js';
export { signalOnlyNormalisations, type SignalStrengthFit } from './signalStrength.js';
