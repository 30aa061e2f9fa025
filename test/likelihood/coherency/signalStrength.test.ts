/**
 * The signal-strength fit of a template dataset (src/likelihood/coherency/signalStrength.ts) on the
 * synthetic template: its μ interval equals pyhf's profile interval on a fine (101-point) grid, and the
 * interval of the fitted EVENTS is the profile interval with the signal-only normalisation (`flux`)
 * held at nominal — the likelihood of the event count, in which that normalisation only relabels μ.
 */
import { describe, expect, test } from 'vitest';
import type { Workspace } from '../../../src/data/workspace/index.js';
import { HistFactoryModel } from '../../../src/likelihood/histfactory/index.js';
import { profileIntervals } from '../../../src/likelihood/inference/index.js';
import { Minimizer } from '../../../src/likelihood/minimize/index.js';
import { withFixed } from '../../../src/likelihood/coherency/modelVariants.js';
import { signalStrengthFit } from '../../../src/likelihood/coherency/signalStrength.js';
import { signalOnlyNormalisations, templateModels } from '../../../src/likelihood/index.js';
import { syntheticTemplate } from './syntheticTemplate.js';

const ds = syntheticTemplate();
const models = templateModels(ds);
const alphas = [0.9, 0.7, 0.5];
const fit = signalStrengthFit(models, alphas);

/** The reference: μ's profile interval on a 101-point grid over [0, 3] (pyhf's scan, Brent-refined). */
function reference(model: HistFactoryModel) {
  const grid = Array.from({ length: 101 }, (_, k) => (3 * k) / 100);
  const iv = profileIntervals(model, [1], grid).intervals[0]!;
  const mz = new Minimizer(model);
  const best = mz.minimize();
  const events = (mu: number) =>
    model.expectedOf(mz.minimize({ fix: [[model.c.poi, mu]], init: best.pars }).pars, (_, s) =>
      models.signalSamples.has(s),
    );
  return { lo: iv.lo, hi: iv.hi, eventsLo: events(iv.lo), eventsHi: events(iv.hi) };
}

describe('signal-strength fit', () => {
  test('signal-only normalisations: the flux normsys (on every CEvNS sample, on nothing else)', () => {
    expect(signalOnlyNormalisations(models.workspace, models.signalSamples)).toEqual(['flux']);
    // A normsys shared with the background is not one.
    const ws = structuredClone(models.workspace) as Workspace;
    const bkg = ws.channels[0]!.samples.find((s) => s.name === 'background')!;
    bkg.modifiers.push({ name: 'flux', type: 'normsys', data: { hi: 1.1, lo: 0.9 } });
    expect(signalOnlyNormalisations(ws, models.signalSamples)).toEqual([]);
  });

  test('μ interval = the 101-point profile interval (every nuisance profiled), to 1e-8', () => {
    // Both refine the t = 1 crossings by Brent's method to 1e-9; only the bracketing grids differ.
    const ref = reference(models.signalStrength(alphas));
    expect(fit.muLo).toBeCloseTo(ref.lo, 8);
    expect(fit.muHi).toBeCloseTo(ref.hi, 8);
  });

  test('events interval = the profile interval with flux at nominal, mapped to events', () => {
    const model = models.signalStrength(alphas);
    const ref = reference(new HistFactoryModel(withFixed(model.c, ['flux'])));
    expect(fit.eventsIntervalFixes).toEqual(['flux']);
    // Events are ~100; the edges agree to the Brent tolerance times dN/dμ (~100): 1e-6 is ample.
    expect(fit.fittedEventsLo).toBeCloseTo(ref.eventsLo, 6);
    expect(fit.fittedEventsHi).toBeCloseTo(ref.eventsHi, 6);
    // Profiling the flux as well would let it cancel the move in μ: a narrower (wrong) event interval.
    const profiled = reference(model);
    expect(profiled.eventsHi - profiled.eventsLo).toBeLessThan(fit.fittedEventsHi - fit.fittedEventsLo);
  });

  test('yields: every sample at the best fit, the CEvNS ones summed, total = Σ λ', () => {
    const model = models.signalStrength(alphas);
    const best = new Minimizer(model).minimize();
    const total = model.expected(best.pars).reduce((a, v) => a + v, 0);
    expect(fit.yields.map((y) => y.sample)).toEqual(['cevns', 'background']);
    expect(fit.yields[0]!.fitted).toBeCloseTo(fit.fittedEvents, 9);
    expect(fit.yields.reduce((a, y) => a + y.fitted, 0)).toBeCloseTo(total, 6);
  });
});
