export * from './types.js';
export * from './tabulated.js';
