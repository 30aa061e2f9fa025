/** The physics core's single public door (pure functions: no I/O, no randomness). */
export * from './constants.js';
export * from './units.js';
export * from './nuclei.js';
export * from './inputRanges.js';
export * from './kinematics.js';
export * from './formFactor.js';
export * from './coherency.js';
export * from './gammaModel.js';
export * from './crossSection.js';
export * from './quadrature.js';
export * from './rates.js';
export * from './sources/index.js';
export * from './spectralMoments.js';
export * from './paperTable.js';
export * from './fwhm.js';
