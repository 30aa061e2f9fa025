import { loadAnyDataset, loadDataset, type TemplateDataset } from '../src/data/index.js';
import { analyzeDataset, analyzeTemplateDataset } from '../src/likelihood/index.js';
import type { Benchmark } from './run.js';

const csi = loadDataset('coherent-csi-2017');
const ar = loadDataset('coherent-ar-2020');
const csi2021 = loadAnyDataset('coherent-csi-2021') as TemplateDataset;

export const benchmarks: Benchmark[] = [
  { name: 'analyze CsI 2017 fixture (12 bins, systematics profiled)', run: () => analyzeDataset(csi) },
  {
    name: 'analyze CsI 2017 fixture (statistics only)',
    run: () => analyzeDataset(csi, { systematics: 'none' }),
  },
  { name: 'analyze Ar 2020 fixture (systematics profiled)', run: () => analyzeDataset(ar) },
  {
    // Issue 10's target: < 2 s end to end (asymptotic). Includes compiling the workspace.
    name: 'analyze CsI 2021 template fixture (6 bands, asymptotic)',
    repeats: 3,
    run: () => analyzeTemplateDataset(csi2021),
  },
];
