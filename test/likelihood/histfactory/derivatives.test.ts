/**
 * The analytic gradient and (structured) Hessian of the NLL against central finite differences, on
 * every anchor workspace at pyhf's random points (which reach |θ| = 5 and every interpolation branch),
 * for pyhf's default codes (code4 / code4p) and for code1 / code0. Points exactly at θ = 0, where
 * code1/code0 have a kink, are skipped for those codes.
 * Step h = 1e-6·max(1, |θ|): the central-difference truncation error is O(h²·f‴) ≈ 1e-12 relative and
 * the rounding error O(ε·f/h) ≈ 1e-10·|f|/|f′|; tolerance 1e-5 relative (to max(1, |value|)) covers
 * both on these workspaces (measured worst: 3e-6 gradient, 2e-8 Hessian).
 */
import { describe, expect, test } from 'vitest';
import { parseWorkspace } from '../../../src/data/index.js';
import { compileWorkspace, HistFactoryModel } from '../../../src/likelihood/histfactory/index.js';
import { denseHessian } from '../../../src/likelihood/histfactory/denseHessian.js';
import { ANCHOR_NAMES, describeWithAnchors, readAnchorResults, readAnchorWorkspace } from './anchorData.js';

const codes = [
  { normsys: 'code4', histosys: 'code4p' },
  { normsys: 'code1', histosys: 'code0' },
] as const;

describeWithAnchors('analytic derivatives = finite differences', () => {
  test.for(ANCHOR_NAMES.flatMap((name) => codes.map((interpolation) => ({ name, interpolation }))))(
    '$name, $interpolation.normsys / $interpolation.histosys',
    ({ name, interpolation }) => {
      const res = readAnchorResults(name);
      const [measurement, m] = Object.entries<{
        logpdf: { points: { pars_by_name: Record<string, number> }[] };
      }>(res.measurements)[0]!;
      const c = compileWorkspace(parseWorkspace(readAnchorWorkspace(name), name), {
        measurement,
        interpolation,
      });
      const model = new HistFactoryModel(c);
      const n = c.nPars;
      const points = m.logpdf.points.slice(interpolation.normsys === 'code1' ? 1 : 0);
      for (const pt of points) {
        const x = Float64Array.from(c.parNames.map((p) => pt.pars_by_name[p]!));
        const g = new Float64Array(n);
        const hf = new Float64Array(c.hessian.size);
        model.nllDerivatives(x, g, hf);
        const H = denseHessian(c.hessian, n, hf);
        const gp = new Float64Array(n);
        const gm = new Float64Array(n);
        const scratch = new Float64Array(c.hessian.size);
        for (let i = 0; i < n; i++) {
          const h = 1e-6 * Math.max(1, Math.abs(x[i]!));
          const xp = Float64Array.from(x);
          const xm = Float64Array.from(x);
          xp[i]! += h;
          xm[i]! -= h;
          const fd =
            (model.nllDerivatives(xp, gp, scratch) - model.nllDerivatives(xm, gm, scratch)) / (2 * h);
          expect(Math.abs(fd - g[i]!) / Math.max(1, Math.abs(g[i]!)), `∂/∂${c.parNames[i]}`).toBeLessThan(
            1e-5,
          );
          for (let j = 0; j < n; j++) {
            const fdH = (gp[j]! - gm[j]!) / (2 * h);
            const an = H[i * n + j]!;
            expect(
              Math.abs(fdH - an) / Math.max(1, Math.abs(an)),
              `∂²/∂${c.parNames[i]}∂${c.parNames[j]}`,
            ).toBeLessThan(1e-5);
          }
        }
      }
    },
  );
});

describe('analytic derivatives: shared parameters and stacked per-bin factors', () => {
  // A normsys and a histosys sharing one parameter (HistFactory OverallSys + HistoSys), two scalar
  // factors and two per-bin factors (staterror + shapefactor) on one sample, a shapesys elsewhere:
  // every product-rule cross term of model.ts, including the factor 2 of a shared parameter.
  const ws = parseWorkspace(
    {
      version: '1.0.0',
      channels: [
        {
          name: 'a',
          samples: [
            {
              name: 'sig',
              data: [5, 9, 4],
              modifiers: [
                { name: 'mu', type: 'normfactor', data: null },
                { name: 'syst', type: 'normsys', data: { hi: 1.15, lo: 0.8 } },
                {
                  name: 'syst',
                  type: 'histosys',
                  data: { hi_data: [6, 9.5, 4.8], lo_data: [4.5, 8.2, 3.1] },
                },
                { name: 'stat_a', type: 'staterror', data: [0.5, 0.9, 0.4] },
                { name: 'sf', type: 'shapefactor', data: null },
              ],
            },
            {
              name: 'bkg',
              data: [10, 7, 12],
              modifiers: [
                { name: 'syst', type: 'normsys', data: { hi: 1.05, lo: 0.9 } },
                { name: 'bkg_sys', type: 'shapesys', data: [1, 1.5, 2] },
              ],
            },
          ],
        },
      ],
      observations: [{ name: 'a', data: [18, 13, 19] }],
      measurements: [{ name: 'm', config: { poi: 'mu', parameters: [] } }],
    },
    'synthetic',
  );
  test.for(codes)('$normsys / $histosys', (interpolation) => {
    const c = compileWorkspace(ws, { interpolation });
    const model = new HistFactoryModel(c);
    const n = c.nPars;
    for (const x0 of [0.37, -0.64, 1.7, -2.3]) {
      const x = Float64Array.from(c.parNames, (p, i) =>
        p.startsWith('syst') ? x0 : 1 + 0.1 * Math.sin(3 * i + x0),
      );
      const g = new Float64Array(n);
      const hf = new Float64Array(c.hessian.size);
      model.nllDerivatives(x, g, hf);
      const H = denseHessian(c.hessian, n, hf);
      const gp = new Float64Array(n);
      const gm = new Float64Array(n);
      const scratch = new Float64Array(c.hessian.size);
      for (let i = 0; i < n; i++) {
        const h = 1e-6;
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[i]! += h;
        xm[i]! -= h;
        const fd = (model.nllDerivatives(xp, gp, scratch) - model.nllDerivatives(xm, gm, scratch)) / (2 * h);
        expect(Math.abs(fd - g[i]!), `∂/∂${c.parNames[i]} at ${x0}`).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(g[i]!)),
        );
        for (let j = 0; j < n; j++) {
          const fdH = (gp[j]! - gm[j]!) / (2 * h);
          const an = H[i * n + j]!;
          expect(Math.abs(fdH - an), `∂²/∂${c.parNames[i]}∂${c.parNames[j]} at ${x0}`).toBeLessThan(
            1e-5 * Math.max(1, Math.abs(an)),
          );
        }
      }
    }
  });
});
