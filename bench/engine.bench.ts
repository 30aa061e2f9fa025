/**
 * The HistFactory engine (issue 9): likelihood evaluations, fit pairs as a toy does them, the
 * pyhf-style tests, and analyze on a 5000-bin counts model (issue 9's "11 min" case).
 *
 * - template_3run (../shared/data/pyhf-anchors: 3 channels × 27 bins, 89 parameters — 8 global + 81
 *   staterror): NLL with gradient and Hessian; a FIT PAIR = free fit + fit with the POI at 1, each
 *   warm-started from the generating point, on a Poisson toy (drawn beforehand, not timed);
 * - counts: analyzeDataset on a synthetic 5000-bin on/off dataset with Gaussian signal and beam
 *   normalisations (per bin: boundary tests and intervals by the closed-form fast path; combined and
 *   global tests on the engine).
 * Skipped with a message when ../shared/data is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkspace, resolveDataDir } from '../src/data/index.js';
import {
  boundaryTest,
  compileWorkspace,
  countingEngineLikelihood,
  globalBoundaryTest,
  HistFactoryModel,
  Minimizer,
  poiIntervals,
  qtildeTest,
  type CountingModel,
} from '../src/likelihood/index.js';
import { createRng } from '../src/toys/index.js';
import type { Benchmark } from './run.js';

const anchor = join(
  resolveDataDir(process.env.COHERENCY_DATA_DIR),
  'pyhf-anchors',
  'template_3run.workspace.json',
);
const available = existsSync(anchor);
if (!available) console.warn(`[skip] engine benchmarks on template_3run: ${anchor} not found`);

function template3run() {
  const c = compileWorkspace(parseWorkspace(JSON.parse(readFileSync(anchor, 'utf8')), 'template_3run'));
  const model = new HistFactoryModel(c);
  const mz = new Minimizer(model);
  const gen = mz.minimize({ fix: [[c.poi, 1]] }).pars;
  const lam = Float64Array.from(model.expected(gen));
  const rng = createRng(1, 'engine-bench');
  const N = 400;
  const toys = Array.from({ length: N }, () => {
    const main = lam.map((m) => rng.poisson(m));
    const aux = Float64Array.from(c.auxNominal);
    for (let j = 0; j < c.gaussPar.length; j++)
      aux[c.gaussAux[j]!] = gen[c.gaussPar[j]!]! + c.gaussSigma[j]! * rng.normal();
    return { main, aux };
  });
  return { c, model, mz, gen, toys };
}

function bigCounts(K: number): CountingModel {
  const rng = createRng(3, 'big-counts');
  const bins = Array.from({ length: K }, () => {
    const s1 = 5 + 20 * rng.uniform();
    const s0 = 0.02 * s1;
    const b = 3 + 10 * rng.uniform();
    const f = 2 * rng.uniform();
    return {
      nOn: rng.poisson(s0 + 0.7 * (s1 - s0) + b + f),
      signal0: s0,
      signal1: s1,
      beamBackground: f,
      background: { kind: 'measured' as const, nOff: rng.poisson(2 * b), tau: 2 },
    };
  });
  return { bins, signalNorm: { kind: 'gaussian', sigma: 0.1 }, beamNorm: { kind: 'gaussian', sigma: 0.25 } };
}

const t3 = available ? template3run() : undefined;
const big = bigCounts(5000);

export const benchmarks: Benchmark[] = [
  ...(t3
    ? [
        {
          name: 'engine: template_3run NLL + gradient + Hessian',
          items: 1000,
          itemName: 'evals',
          run() {
            const g = new Float64Array(t3.c.nPars);
            const h = new Float64Array(t3.c.hessian.size);
            for (let i = 0; i < 1000; i++) t3.model.nllDerivatives(t3.gen, g, h);
          },
        },
        {
          name: 'engine: template_3run fit pairs (free + POI fixed), per toy',
          items: t3.toys.length,
          itemName: 'toys',
          run() {
            for (const toy of t3.toys) {
              t3.model.setData(toy.main, toy.aux);
              t3.mz.minimize({ init: t3.gen, edmTolerance: 1e-10 });
              t3.mz.minimize({ init: t3.gen, fix: [[t3.c.poi, 1]], edmTolerance: 1e-10 });
            }
          },
        },
        {
          name: 'engine: template_3run pyhf qtilde hypotest (5 fits)',
          items: 1,
          itemName: 'tests',
          run: () => qtildeTest(new HistFactoryModel(t3.c), 1),
        },
      ]
    : []),
  {
    name: 'analyze-like: 5000-bin counts, per-bin tests + intervals',
    items: 5000,
    itemName: 'bins',
    repeats: 3,
    run() {
      const lik = countingEngineLikelihood(big);
      for (let i = 0; i < big.bins.length; i++) {
        const b = lik.bin(i);
        boundaryTest(b, 1);
        boundaryTest(b, 0);
        poiIntervals(b, [0.6827, 0.9]);
      }
    },
  },
  {
    name: 'analyze-like: 5000-bin counts, combined (fit, tests, 2 intervals, globals)',
    items: 1,
    itemName: 'analyses',
    repeats: 3,
    run() {
      const lik = countingEngineLikelihood(big);
      boundaryTest(lik, 1);
      boundaryTest(lik, 0);
      poiIntervals(lik, [0.6827, 0.9]);
      globalBoundaryTest(lik, 1);
      globalBoundaryTest(lik, 0);
    },
  },
];
