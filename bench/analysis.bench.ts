import { loadDataset } from '../src/data/index.js';
import { analyzeDataset } from '../src/likelihood/index.js';
import type { Benchmark } from './run.js';

const csi = loadDataset('coherent-csi-2017');
const ar = loadDataset('coherent-ar-2020-1d');

export const benchmarks: Benchmark[] = [
  { name: 'analyze CsI 2017 fixture (12 bins, systematics profiled)', run: () => analyzeDataset(csi) },
  {
    name: 'analyze CsI 2017 fixture (statistics only)',
    run: () => analyzeDataset(csi, { systematics: 'none' }),
  },
  { name: 'analyze Ar 2020 fixture (systematics profiled)', run: () => analyzeDataset(ar) },
];
