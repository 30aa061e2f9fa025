/**
 * The template analysis' count fit (signalStrength.ts) and the model views of templateModels.ts, on the
 * synthetic template dataset: the flux (on every signal sample, nowhere else) is found and held, the
 * signal histosys become shape-only so N = μ·N_SM exactly, the interval edges are where 2ΔNLL = 1 and
 * agree with an independent profile scan; band views without recompilation equal compiled models.
 */
import { describe, expect, test } from 'vitest';
import { withFixedParameters, type Sample, type Workspace } from '../../../src/data/index.js';
import { compileWorkspace, HistFactoryModel } from '../../../src/likelihood/histfactory/index.js';
import { profileIntervals } from '../../../src/likelihood/inference/pyhfTests.js';
import { Minimizer } from '../../../src/likelihood/minimize/index.js';
import {
  fitSignalStrength,
  pureSignalNormalisations,
  shapeOnlyHistosys,
} from '../../../src/likelihood/coherency/signalStrength.js';
import { templateModels } from '../../../src/likelihood/coherency/index.js';
import { createRng } from '../../../src/toys/index.js';
import { expectRelClose } from '../../helpers.js';
import { syntheticTemplate } from './syntheticTemplate.js';

const sum = (a: readonly number[]) => a.reduce((s, x) => s + x, 0);

describe('pure signal normalisations and shape-only histosys', () => {
  const ds = syntheticTemplate();
  const ws = ds.workspace as Workspace;
  const signal = new Set(ds.bands.flatMap((b) => [b.excessSample, b.floorSample]));

  test('the flux normsys (every signal sample, nothing else) is found; the background normsys is not', () => {
    expect(pureSignalNormalisations(ws, signal)).toEqual(['flux']);
    // Put the flux on the background too: no longer degenerate with μ.
    const shared = structuredClone(ws);
    shared.channels[0]!.samples.at(-1)!.modifiers.push({
      name: 'flux',
      type: 'normsys',
      data: { hi: 1.1, lo: 0.9 },
    });
    expect(pureSignalNormalisations(shared, signal)).toEqual([]);
  });

  test('shape-only histosys keep the nominal total on both sides', () => {
    const s: Sample = {
      name: 'x',
      data: [1, 2, 3],
      modifiers: [{ name: 'h', type: 'histosys', data: { lo_data: [1, 1, 1], hi_data: [2, 3, 5] } }],
    };
    const out = shapeOnlyHistosys(s).modifiers[0]!;
    if (out.type !== 'histosys') throw new Error('expected a histosys');
    expectRelClose(sum(out.data.lo_data), 6, 1e-15);
    expectRelClose(sum(out.data.hi_data), 6, 1e-15);
  });
});

describe('fitSignalStrength on the synthetic template', () => {
  const ds = syntheticTemplate({ seed: 11 });
  const models = templateModels(ds);
  const alphas = [0.9, 0.7, 0.5];
  const model = models.signalStrength(alphas);
  const fit = fitSignalStrength(model, models.signalSamples, models.heldInSignalStrength);

  test('N = μ·N_SM exactly at the best fit and at both edges (flux held, histosys shape-only)', () => {
    expect(fit.heldAtNominal).toEqual(['flux']);
    expect(fit.converged).toBe(true);
    // N_SM = the prediction at nominal; shape-only systematics cannot change the total: 1e-12 is rounding.
    expectRelClose(fit.fittedEvents, fit.mu * fit.predictedEvents, 1e-12);
    expectRelClose(fit.fittedEventsLo, fit.muLo * fit.predictedEvents, 1e-12);
    expectRelClose(fit.fittedEventsHi, fit.muHi * fit.predictedEvents, 1e-12);
  });

  test('the edges are where 2ΔNLL = 1, and agree with a 401-point profile scan refined by Brent', () => {
    const mz = new Minimizer(model);
    const free = mz.minimize();
    const poi = model.c.poi;
    for (const edge of [fit.muLo, fit.muHi]) {
      const r = mz.minimize({ fix: [[poi, edge]], init: free.pars });
      // Edges are refined to 1e-7 in μ; the profile's slope there is ~2/σ ≈ 10, so |t − 1| ≲ 1e-6.
      expect(Math.abs(2 * (r.nll - free.nll) - 1)).toBeLessThan(1e-5);
    }
    const grid = Array.from({ length: 401 }, (_, k) => (k * 3 * fit.mu) / 400);
    const scan = profileIntervals(model, [1], grid).intervals[0]!;
    // Two root finders on the same profile: 1e-6 in μ (both refine to ≤ 1e-7).
    expect(Math.abs(scan.lo - fit.muLo)).toBeLessThan(1e-6);
    expect(Math.abs(scan.hi - fit.muHi)).toBeLessThan(1e-6);
  });

  test('yields: every sample at the best fit, the CEvNS ones summed, total = Σ λ', () => {
    const best = new Minimizer(model).minimize();
    const total = sum(Array.from(model.expected(best.pars)));
    expect(fit.yields.map((y) => y.sample)).toEqual(['cevns', 'background']);
    // Same parameters, same sums in another order: rounding only.
    expectRelClose(fit.yields[0]!.fitted, fit.fittedEvents, 1e-12);
    expectRelClose(sum(fit.yields.map((y) => y.fitted)), total, 1e-12);
  });
});

describe('band views share the compiled workspace', () => {
  test('band(j) and bandUnbounded(j) equal the workspace compiled with that POI (and bounds)', () => {
    const ds = syntheticTemplate();
    const models = templateModels(ds);
    const ws = models.workspace;
    const rng = createRng(3, 'band-views');
    for (let j = 0; j < ds.bands.length; j++) {
      const poi = ds.bands[j]!.poi;
      const viewed = models.band(j);
      const compiled = new HistFactoryModel(compileWorkspace(ws, { measurement: models.measurement, poi }));
      expect(viewed.c.poi).toBe(compiled.c.poi);
      expect(Array.from(viewed.c.lower)).toEqual(Array.from(compiled.c.lower));
      expect(Array.from(viewed.c.upper)).toEqual(Array.from(compiled.c.upper));
      expect(Array.from(viewed.c.init)).toEqual(Array.from(compiled.c.init));
      const x = Float64Array.from(compiled.c.init, (v) => v * (0.8 + 0.4 * rng.uniform()));
      // Same arrays, same arithmetic: identical to the last bit.
      expect(viewed.nll(x)).toBe(compiled.nll(x));
      // The unbounded view differs only in the POI's bounds.
      const unb = models.bandUnbounded(j);
      const lower = Array.from(compiled.c.lower);
      const upper = Array.from(compiled.c.upper);
      lower[compiled.c.poi] = -5;
      upper[compiled.c.poi] = 5;
      expect(Array.from(unb.c.lower)).toEqual(lower);
      expect(Array.from(unb.c.upper)).toEqual(upper);
    }
  });

  test('withFixedParameters holds a parameter and names unknown ones', () => {
    const ws = syntheticTemplate().workspace as Workspace;
    const held = withFixedParameters(ws, ['bkg_tilt']);
    expect(held.measurements[0]!.config.parameters.find((p) => p.name === 'bkg_tilt')).toMatchObject({
      fixed: true,
    });
    expect(() => withFixedParameters(ws, ['no_such'])).toThrow(/"no_such" is not a modifier/);
  });
});
