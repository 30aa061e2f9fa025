/**
 * The engine's shortcuts change the path to a minimum, never the function or the minimum:
 *
 * 1. interchangeable samples (same modifiers) summed into one occurrence (derivativeTables.ts): NLL,
 *    gradient and Hessian equal those of the workspace with the samples summed by hand, at points on
 *    every interpolation branch (|θ| < 1 and > 1); rounding-level tolerance (1e-12 relative);
 * 2. per-bin profiling (perBinProfile.ts): one sweep never raises the NLL and leaves every per-bin
 *    parameter at its conditional minimum (gradient component ≈ 0);
 * 3. the minimiser's warm starts (per-bin profiling, linear response of a conditional fit): the same
 *    minimum as without them (NLL within the fits' EDM tolerance).
 */
import { describe, expect, test } from 'vitest';
import { parseWorkspace } from '../../../src/data/index.js';
import type { Workspace } from '../../../src/data/index.js';
import { compileWorkspace, HistFactoryModel } from '../../../src/likelihood/histfactory/index.js';
import { derivativeTablesOf } from '../../../src/likelihood/histfactory/derivativeTables.js';
import { Minimizer } from '../../../src/likelihood/minimize/index.js';

/** Two signal-like samples with identical modifiers (`a`, `b`), a background with its own, on/off. */
function workspace(split: boolean): Workspace {
  const a = [4, 7, 3, 0.5];
  const b = [2, 1, 5, 2.5];
  const mods = (hi: number[], lo: number[]) => [
    { name: 'mu', type: 'normfactor', data: null },
    { name: 'flux', type: 'normsys', data: { hi: 1.1, lo: 0.85 } },
    { name: 'resp', type: 'histosys', data: { hi_data: hi, lo_data: lo } },
    { name: 'ssb', type: 'shapefactor', data: null },
  ];
  const aHi = [4.6, 7.2, 2.5, 0.9];
  const aLo = [3.1, 6.5, 3.8, 0.2];
  const bHi = [2.5, 0.7, 5.9, 2.2];
  const bLo = [1.8, 1.4, 4.1, 2.6];
  const sum = (x: number[], y: number[]) => x.map((v, i) => v + y[i]!);
  const signal = split
    ? [
        { name: 'sig_a', data: a, modifiers: mods(aHi, aLo) },
        { name: 'sig_b', data: b, modifiers: mods(bHi, bLo) },
      ]
    : [{ name: 'sig', data: sum(a, b), modifiers: mods(sum(aHi, bHi), sum(aLo, bLo)) }];
  return parseWorkspace(
    {
      version: '1.0.0',
      channels: [
        {
          name: 'on',
          samples: [
            ...signal,
            {
              name: 'bkg',
              data: [6, 5, 4, 3],
              modifiers: [
                { name: 'bkg_norm', type: 'normsys', data: { hi: 1.3, lo: 0.75 } },
                { name: 'ssb', type: 'shapefactor', data: null },
              ],
            },
          ],
        },
        {
          name: 'off',
          samples: [
            {
              name: 'bkg_off',
              data: [6, 5, 4, 3],
              modifiers: [{ name: 'ssb', type: 'shapefactor', data: null }],
            },
          ],
        },
      ],
      observations: [
        { name: 'on', data: [19, 14, 15, 4] },
        { name: 'off', data: [7, 3, 6, 2] },
      ],
      measurements: [
        { name: 'm', config: { poi: 'mu', parameters: [{ name: 'mu', bounds: [[0, 3]], inits: [1] }] } },
      ],
    },
    split ? 'split' : 'summed',
  );
}

describe('interchangeable samples summed for the fit', () => {
  const split = compileWorkspace(workspace(true));
  const summed = compileWorkspace(workspace(false));
  const mSplit = new HistFactoryModel(split);
  const mSummed = new HistFactoryModel(summed);

  test('the same parameters in the same order; the split samples are one occurrence in the fit', () => {
    expect(split.parNames).toEqual(summed.parNames);
    expect(derivativeTablesOf(split).hot.map((o) => o.sample)).toEqual(['bkg_off', 'bkg', 'sig_a+sig_b']);
  });

  test.for([0.3, -0.7, 1.6, -2.4])('NLL, gradient and Hessian equal at θ = %s', (t) => {
    const x = Float64Array.from(split.parNames, (p, i) =>
      p === 'flux' || p === 'resp' || p === 'bkg_norm' ? t : 0.8 + 0.1 * Math.cos(2 * i + t),
    );
    const g1 = new Float64Array(split.nPars);
    const g2 = new Float64Array(split.nPars);
    const h1 = new Float64Array(split.hessian.size);
    const h2 = new Float64Array(summed.hessian.size);
    const f1 = mSplit.nllDerivatives(x, g1, h1);
    const f2 = mSummed.nllDerivatives(x, g2, h2);
    // Rounding only: the two sum the same terms in a different order.
    expect(Math.abs(f1 - f2)).toBeLessThan(1e-12 * Math.max(1, Math.abs(f2)));
    for (let i = 0; i < g1.length; i++)
      expect(Math.abs(g1[i]! - g2[i]!)).toBeLessThan(1e-11 * Math.max(1, Math.abs(g2[i]!)));
    for (let i = 0; i < h1.length; i++)
      expect(Math.abs(h1[i]! - h2[i]!)).toBeLessThan(1e-11 * Math.max(1, Math.abs(h2[i]!)));
    expect(Math.abs(mSplit.nll(x) - f1)).toBeLessThan(1e-12 * Math.max(1, Math.abs(f1)));
  });

  test('figures still see each sample apart', () => {
    const x = split.init;
    const a = mSplit.expectedOf(x, (_, s) => s === 'sig_a');
    const b = mSplit.expectedOf(x, (_, s) => s === 'sig_b');
    expect(a).toBeCloseTo(4 + 7 + 3 + 0.5, 12);
    expect(b).toBeCloseTo(2 + 1 + 5 + 2.5, 12);
  });
});

describe('per-bin profiling and the minimiser warm starts', () => {
  const c = compileWorkspace(workspace(true));
  const model = new HistFactoryModel(c);
  const start = Float64Array.from(c.parNames, (p) => (p.startsWith('ssb') ? 1.7 : p === 'mu' ? 1 : 0.4));

  test('one sweep lowers the NLL and zeroes each per-bin gradient component', () => {
    const x = Float64Array.from(start);
    const before = model.nll(x);
    model.profilePerBin(x, new Uint8Array(c.nPars));
    const after = model.nll(x);
    expect(after).toBeLessThan(before);
    const g = new Float64Array(c.nPars);
    model.nllDerivatives(x, g, new Float64Array(c.hessian.size));
    c.parNames.forEach((p, i) => {
      // Each shapefactor is profiled alone with the rest held: its own derivative vanishes (to the
      // 1-D Newton's decrement tolerance, 1e-12 in NLL units → |g| ≲ 1e-5 here).
      if (p.startsWith('ssb')) expect(Math.abs(g[i]!), p).toBeLessThan(1e-5);
    });
  });

  test('the same minimum with and without the warm starts', () => {
    const mz = new Minimizer(model);
    const plain = mz.minimize({ init: start, profilePerBin: false });
    const warm = mz.minimize({ init: start });
    expect(plain.converged && warm.converged).toBe(true);
    // Both converge to EDM ≤ 1e-12 (the default), so each NLL is within ~1e-12 of the minimum and each
    // parameter within ~√(2·EDM)·σ ≈ 1.4e-6·σ of it (σ ≤ 1 here): bounds 1e-11 and 1e-5.
    expect(Math.abs(plain.nll - warm.nll)).toBeLessThan(1e-11);
    for (let i = 0; i < c.nPars; i++) expect(Math.abs(plain.pars[i]! - warm.pars[i]!)).toBeLessThan(1e-5);
    // A conditional fit from the free minimum, without and with (the default) its linear-response start.
    const fix: [number, number][] = [[c.parNames.indexOf('mu'), 2.5]];
    const cold = mz.minimize({ init: warm.pars, fix, profilePerBin: false, linearResponse: false });
    const free = mz.minimize({ init: start }); // this minimiser's last minimum again
    const response = mz.minimize({ init: free.pars, fix });
    expect(cold.converged && response.converged).toBe(true);
    expect(Math.abs(cold.nll - response.nll)).toBeLessThan(1e-11);
    for (let i = 0; i < c.nPars; i++) expect(Math.abs(cold.pars[i]! - response.pars[i]!)).toBeLessThan(1e-5);
  });
});
