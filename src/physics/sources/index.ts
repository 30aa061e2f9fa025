export * from './types.js';
export * from './tabulated.js';
export * from './darPi.js';
export * from './reactor.js';
export * from './solar.js';
export * from './atmospheric.js';
export { DEFAULT_BE8_STRENGTH, type Be8StrengthParameters } from './be8Strength.js';
export { fermiFunction, logAbsGammaComplex } from './fermiFunction.js';
export * from './darPiTiming.js';
