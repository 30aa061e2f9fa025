/**
 * cevns-coherency — the public API. Each layer has one door (DESIGN.md):
 * physics (pure formulas, spectra, rates), data (schemas, datasets, spectra files), likelihood
 * (generic binned statistics and the ξ-dataset analysis), report (tables and charts).
 */
export * from './physics/index.js';
export * from './data/index.js';
export * from './likelihood/index.js';
export * from './fit/index.js';
export * from './sensitivity/index.js';
export * from './toys/index.js';
export * from './report/index.js';
export { ToolkitError, SpecError, DomainError, FitError, type ErrorCode } from './errors.js';
