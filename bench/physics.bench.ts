import { PAPER_HELM_MODEL, differentialRate, paperHelm, paperTarget } from '../src/physics/index.js';
import type { Benchmark } from './run.js';
import { loadPaperSpectra } from '../src/data/paperSpectra.js';
import { computeTableII } from '../src/physics/paperTable.js';

const xe = paperTarget('Xe');
const spectra = loadPaperSpectra();
const tGrid = Array.from({ length: 1000 }, (_, i) => (0.5 + (i * 50) / 1000) * 1e-3);

export const benchmarks: Benchmark[] = [
  {
    name: 'Helm F(q²), 1e6 evaluations',
    items: 1e6,
    itemName: 'evals',
    run: () => {
      const n = xe.components[0]!.nucleus;
      let s = 0;
      for (let i = 0; i < 1e6; i++) s += paperHelm(i * 0.01, n);
      return s;
    },
  },
  {
    name: 'dR/dT on 1000 T points (Xe, DAR-π, Helm)',
    items: 1000,
    itemName: 'points',
    run: () => tGrid.map((t) => differentialRate(t, xe, spectra.darPi, PAPER_HELM_MODEL)),
  },
  {
    name: 'dR/dT on 1000 T points (Xe, solar ⁸B+hep, Helm)',
    items: 1000,
    itemName: 'points',
    run: () => tGrid.map((t) => differentialRate(t * 0.1, xe, spectra.solar, PAPER_HELM_MODEL)),
  },
  {
    name: 'Table II from scratch (read spectra tables, moments, 24 entries)',
    repeats: 5,
    run: () => computeTableII(loadPaperSpectra()),
  },
  {
    name: 'Table II (all 24 entries: 3 targets × 4 sources × 2 thresholds)',
    repeats: 5,
    run: () => computeTableII(spectra),
  },
];
