/** The neutrino-aware part of likelihood/ for template datasets: models per band and the analysis. */
export { templateModels, COMBINED_POI, SIGNAL_STRENGTH, type TemplateModels } from './templateModels.js';
export { analyzeTemplateDataset, type SignalStrengthFit, type TemplateExtras } from './templateAnalysis.js';
