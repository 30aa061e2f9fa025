/** COHERENT CsI[Na] 2021 release: reader, detector response, templates and the template dataset. */
export { buildCoherentCsi2021Dataset } from './dataset.js';
export {
  CSI_2021_DEFAULTS,
  resolveOptions as resolveCsi2021Options,
  type CoherentCsi2021Options,
} from './options.js';
export { readCoherentCsi2021Release, CSI_2021_FILES, type CoherentCsi2021Release } from './release.js';
export { csiPeResponse, csiPeTimeResponse, type CsiResponseSettings } from './response.js';
export * from './publication.js';
