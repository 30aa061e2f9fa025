import {
  loadAnyDataset,
  loadDataset,
  selectTemplateChannels,
  type TemplateDataset,
} from '../src/data/index.js';
import {
  analyzeDataset,
  analyzeTemplateDataset,
  nuisanceImpacts,
  templateFigureData,
} from '../src/likelihood/index.js';
import { projectTemplate, templateExposureScan } from '../src/sensitivity/index.js';
import type { Benchmark } from './run.js';

const csi = loadDataset('coherent-csi-2017');
const ar1d = loadDataset('coherent-ar-2020-1d');
const ar = loadAnyDataset('coherent-ar-2020') as TemplateDataset;
const xe = loadAnyDataset('xenonnt-8b') as TemplateDataset;
const csi2021 = loadAnyDataset('coherent-csi-2021') as TemplateDataset;

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
  // Issue 11: the XENONnT ⁸B analysis (asymptotic) in < 2 s, here without start-up (see start-up).
  { name: 'analyze XENONnT ⁸B (SR0+SR1+SR2, 243 bins, asymptotic)', run: () => analyzeTemplateDataset(xe) },
  {
    name: 'analyze XENONnT ⁸B SR0+SR1 (--channels sr0,sr1)',
    run: () => analyzeTemplateDataset(selectTemplateChannels(xe, 'sr0,sr1')),
  },
  {
    name: 'XENONnT ⁸B figure data (fit per sample, 51-point α scan)',
    repeats: 3,
    run: () => templateFigureData(xe),
  },
  { name: 'XENONnT ⁸B --impacts (8 nuisances fixed in turn)', repeats: 3, run: () => nuisanceImpacts(xe) },
  { name: 'project xe-solar on the release templates (Asimov)', run: () => projectTemplate(xe) },
  {
    name: 'xe-solar template exposure scan, 30 points + 3σ/5σ crossings',
    repeats: 1,
    items: 30,
    itemName: 'points',
    run: () => templateExposureScan(xe),
  },
  {
    // Issue 10's target: < 2 s end to end (asymptotic). Includes compiling the workspace.
    name: 'analyze CsI 2021 template fixture (6 bands, asymptotic)',
    repeats: 3,
    run: () => analyzeTemplateDataset(csi2021),
  },
];
