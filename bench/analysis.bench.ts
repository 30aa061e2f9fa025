import { loadAnyDataset, loadDataset, type TemplateDataset } from '../src/data/index.js';
import { analyzeDataset, analyzeTemplateDataset } from '../src/likelihood/index.js';
import type { Benchmark } from './run.js';

const csi = loadDataset('coherent-csi-2017');
const ar1d = loadDataset('coherent-ar-2020-1d');
const ar = loadAnyDataset('coherent-ar-2020') as TemplateDataset;

export const benchmarks: Benchmark[] = [
  { name: 'analyze CsI 2017 fixture (12 bins, systematics profiled)', run: () => analyzeDataset(csi) },
  {
    name: 'analyze CsI 2017 fixture (statistics only)',
    run: () => analyzeDataset(csi, { systematics: 'none' }),
  },
  { name: 'analyze Ar 2020 1-D counts (coherent-ar-2020-1d, profiled)', run: () => analyzeDataset(ar1d) },
  {
    // The full release: 960 bins (energy × F90 × time), 3 true-q² bands, 11 nuisances; every analysis
    // step (bands, combined, global tests, signal-strength fit) from the parsed dataset.
    name: 'analyze Ar 2020 full release (template, 960 bins, 3 bands)',
    repeats: 3,
    run: () => analyzeTemplateDataset(ar),
  },
];
