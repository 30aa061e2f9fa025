/**
 * COHERENT CsI[Na] 2017 release as a template dataset with the quenching factor as a shape systematic
 * (the counts dataset of the same release is src/data/coherentCsi2017.ts).
 */
export { buildCoherentCsi2017QfDataset } from './dataset.js';
export { CSI_2017_QF_DEFAULTS, resolveCsi2017QfOptions, type CoherentCsi2017QfOptions } from './options.js';
export { buildCsi2017QfModel, QF_HISTOSYS, type Csi2017QfModel } from './model.js';
