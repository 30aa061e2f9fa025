/**
 * Sensitivity projections (issue 6): one Asimov projection (aim < 0.1 s) and a 50-point exposure scan
 * with its 3σ/5σ crossings (aim < 5 s), on the presets; and toy bands for scale — on the counting
 * model (ge-reactor) and on the XENONnT template workspace (`project --setup xe-solar --toys 1000`).
 */
import {
  buildResponse,
  countingModelFor,
  expectedCounts,
  exposureScan,
  presetSetup,
  projectResponse,
  projectTemplate,
  projectSetup,
  setupLikelihood,
  toyBands,
} from '../src/sensitivity/index.js';
import { loadAnyDataset, type TemplateDataset } from '../src/data/index.js';
import type { Benchmark } from './run.js';

const ge = presetSetup('ge-reactor');
const xe = presetSetup('xe-solar');
const geResponse = buildResponse(ge);
const xeResponse = buildResponse(xe);
const geModel = countingModelFor(ge, expectedCounts(geResponse, ge.exposureKgS));
const xenonnt = loadAnyDataset('xenonnt-8b') as TemplateDataset;

export const benchmarks: Benchmark[] = [
  {
    name: 'project ge-reactor: preset → fold → Asimov (tests, intervals)',
    run: () => projectSetup(presetSetup('ge-reactor')),
  },
  {
    name: 'project xe-solar (counting engine): preset → fold → Asimov',
    run: () => projectSetup(presetSetup('xe-solar')),
  },
  {
    name: 'Asimov projection on a folded response (ge-reactor)',
    run: () => projectResponse(geResponse),
  },
  {
    name: 'exposure scan, 50 points + 3σ/5σ crossings (ge-reactor)',
    repeats: 3,
    items: 50,
    itemName: 'points',
    run: () => exposureScan(geResponse, { points: 50 }),
  },
  {
    name: 'exposure scan, 50 points + 3σ/5σ crossings (xe-solar)',
    repeats: 3,
    items: 50,
    itemName: 'points',
    run: () => exposureScan(xeResponse, { points: 50 }),
  },
  {
    name: 'toy bands, 1000 toys × (α = 1, α = 0) (ge-reactor)',
    repeats: 3,
    items: 1000,
    itemName: 'toys',
    run: () => toyBands(geModel, setupLikelihood(geModel), [1, 0], { nToys: 1000, seed: 1 }),
  },
  {
    name: 'template projection, 1000 toys × (α = 1, α = 0) (xe-solar, 6.77 t·yr)',
    repeats: 3,
    items: 1000,
    itemName: 'toys',
    run: () => projectTemplate(xenonnt, { intervals: false, toys: { nToys: 1000, seed: 1 } }),
  },
];
