/** Forward folding: recoil energy → detector observables (types.ts explains the contract). */
export type { RecoilResponse } from './types.js';
export { foldSpectrum, foldSpectrumChecked, type FoldOptions } from './fold.js';
export { weightedResponses } from './weighted.js';
export { memoisedResponse } from './memoised.js';
