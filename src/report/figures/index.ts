/**
 * The paper's figures (Sharma et al., PRD 103, 092002 (2021), Figures 1–4 and 7–9) as Vega-Lite
 * specs; this file is the folder's only public door (STYLE.md P1).
 */
export {
  PAPER_FIGURE_NUMBERS,
  buildPaperFigure,
  buildPaperFigures,
  type PaperFigure,
  type PaperFigureNumber,
} from './paperFigures.js';
export {
  FIGURE_COLOURS,
  figureNuclei,
  markedEndPointMeV,
  recoilCapMeV,
  type FigureNucleus,
  type PaperSpectra,
} from './common.js';
export { endPointMarkers, figure1, type EndPointMarker } from './fig1.js';
export { figure2, normalisedSpectrumRows } from './fig2.js';
export { coherencyCurveRows, figure3 } from './fig3.js';
export { alphaBinLabel, figure4, figure4Grid, filledContourRows } from './fig4.js';
export {
  meanAlphaContour,
  meanAlphaGrid,
  monochromaticMeanAlpha,
  sourceBand,
  sourceBands,
  stableZForN,
  valleyTarget,
  type AlphaColumn,
  type SourceBand,
} from './fig4Data.js';
export { alphaVsRecoilRows, figure7 } from './fig7.js';
export { differentialRateRows, figure8 } from './fig8.js';
export { figure9, thresholdRows, type ThresholdRow } from './fig9.js';
