/**
 * The mono-template response (linear interpolation in recoil energy, energy scale k) and the fold of a
 * spectrum through it, against closed forms: with a constant or linear dR/dT the integral of the
 * piecewise-linear response is exact (trapezoid and Simpson on each grid interval).
 */
import { describe, expect, test } from 'vitest';
import { foldSpectrumChecked } from '../../../src/data/response/index.js';
import { MonoTemplateResponse, releaseRecipeTemplate } from '../../../src/data/releases/xenonnt8b/index.js';
import { expectRelClose } from '../../helpers.js';

const E = [0.5, 0.6, 1.0, 2.5, 5.0];
const T = E.map((e, i) => Float64Array.from([0.01 * (i + 1), e * e, 1 / (1 + e)]));

describe('MonoTemplateResponse', () => {
  const r = new MonoTemplateResponse(E, T);
  const row = (t: number, k = 1) => {
    const out = new Float64Array(3);
    new MonoTemplateResponse(E, T, k).row(t, out);
    return Array.from(out);
  };

  test('equals the templates at the grid energies and interpolates linearly between them', () => {
    E.forEach((e, i) => expect(row(e)).toEqual(Array.from(T[i]!)));
    const mid = row(1.75);
    const expected = [0, 1, 2].map((b) => 0.5 * (T[2]![b]! + T[3]![b]!));
    mid.forEach((v, b) => expectRelClose(v, expected[b]!, 1e-15));
  });

  test('is 0 below the grid, the last template above it; efficiency = row sum', () => {
    expect(row(0.499)).toEqual([0, 0, 0]);
    expect(row(7)).toEqual(Array.from(T[4]!));
    expectRelClose(
      r.efficiency(2.5),
      T[3]!.reduce((s, v) => s + v, 0),
      1e-15,
    );
  });

  test('energy scale k: the response at T is the nominal one at k·T; kinks move to E_i/k', () => {
    expect(row(2, 1.25)).toEqual(row(2.5));
    expect(new MonoTemplateResponse(E, T, 1.25).breakpointsKeV).toEqual(E.map((e) => e / 1.25));
  });

  test('fold of dN/dT = c is c·Σ trapezoids of the grid (exact for linear pieces)', () => {
    const c = 3.7;
    const fold = foldSpectrumChecked(r, () => c, 0.5, 5, { breakpoints: r.breakpointsKeV, relTol: 1e-12 });
    expect(fold.converged).toBe(true);
    for (let b = 0; b < 3; b++) {
      let trap = 0;
      for (let i = 1; i < E.length; i++) trap += 0.5 * (E[i]! - E[i - 1]!) * (T[i]![b]! + T[i - 1]![b]!);
      expectRelClose(fold.mu[b]!, c * trap, 1e-13);
    }
  });

  test('the release recipe Σ dR/dT(E_i)·ΔE·M(E_i)', () => {
    const t = releaseRecipeTemplate(E, T, (e) => 2 * e, 0.1);
    for (let b = 0; b < 3; b++) {
      expectRelClose(
        t[b]!,
        E.reduce((s, e, i) => s + 2 * e * 0.1 * T[i]![b]!, 0),
        1e-15,
      );
    }
  });
});
