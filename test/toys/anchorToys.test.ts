/**
 * Toys, Feldman–Cousins intervals, limits and a 2-D region on the pyhf anchor workspaces
 * (../shared/data/pyhf-anchors, numbers from pyhf 0.7.6, README there). What is checked against pyhf:
 * the observed statistics the toys are compared with (q̃(1) = `qtilde_obs`, t̃(0) = `q0_obs`), and the
 * asymptotic CLs / CLs+b at μ = 1 that the limit scan prints beside the toys (`hypotests.qtilde_mu1`).
 * pyhf has no Feldman–Cousins intervals: for those, only what must hold is checked (the interval holds
 * the fit, 90 % ⊇ 68.27 %); the numbers themselves are in the toys-fc note. Small toy counts (seconds).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { expect, test } from 'vitest';
import { parseWorkspace } from '../../src/data/index.js';
import { compileWorkspace, HistFactoryModel } from '../../src/likelihood/histfactory/index.js';
import { WorkspaceFits } from '../../src/likelihood/inference/index.js';
import { planCoverage, planToys, toysForAnalyses, workspaceAnalyses } from '../../src/toys/index.js';
import type { FitTask } from '../../src/toys/index.js';
import type { IntervalAnalysisResult, RegionAnalysisResult } from '../../src/toys/index.js';
import { expectRelClose } from '../helpers.js';
import {
  ANCHOR_NAMES,
  ANCHORS_AVAILABLE,
  describeWithAnchors,
  readAnchorResults,
  readAnchorWorkspace,
} from '../likelihood/histfactory/anchorData.js';

const cases = ANCHOR_NAMES.flatMap((name) =>
  ANCHORS_AVAILABLE
    ? Object.keys(readAnchorResults(name).measurements).map((measurement) => ({ name, measurement }))
    : [],
);

describeWithAnchors('toys on the pyhf anchors', () => {
  test.for(cases)(
    '$name / $measurement: tests, FC intervals, CLs upper limits',
    async ({ name, measurement }) => {
      const m = readAnchorResults(name).measurements[measurement];
      const ws = parseWorkspace(readAnchorWorkspace(name), name);
      const r = await toysForAnalyses(workspaceAnalyses(ws, { measurement }), {
        seed: `anchor-toys/${name}`,
        nToys: 400,
        fcToys: 100,
        alphaStep: 0.1,
        limit: 'upper',
        clsMethod: true,
      });
      const a = r.analyses[0] as IntervalAnalysisResult;
      // README: q̃ and q0 "~1e-7 absolute"; the toy fits stop at EDM 1e-9 (a few 1e-9 in t).
      expect(Math.abs(a.atUpper.q - m.hypotests.qtilde_mu1.qtilde_obs)).toBeLessThan(1e-7);
      expect(Math.abs(a.atLower.q - m.hypotests.q0_mu0.q0_obs)).toBeLessThan(1e-7);
      expect(a.converged).toBe(true);
      expect(a.poiHat).toBeCloseTo(m.mle.free.poi_value, 5); // README: POI to ~1e-6
      for (const x of [a.atUpper.toys, a.atLower.toys]) {
        expect(x.nToys + x.nFailed).toBe(400);
        expect(x.nFailed).toBe(0);
      }
      const [iv68, iv90] = a.fc.intervals;
      expect(iv68!.lower!).toBeLessThanOrEqual(a.poiHat);
      expect(iv68!.upper!).toBeGreaterThanOrEqual(a.poiHat);
      expect(iv90!.lower!).toBeLessThanOrEqual(iv68!.lower!);
      expect(iv90!.upper!).toBeGreaterThanOrEqual(iv68!.upper!);
      // The asymptotic numbers beside the toy limit are pyhf's at μ = 1 (README: ~1e-4 relative; the
      // engine agrees to ≤ 2e-8, test/likelihood/histfactory/anchorTests.test.ts uses 1e-6).
      const at1 = a.limit!.points[a.limit!.points.length - 1]!;
      expect(at1.poi).toBe(1);
      expectRelClose(at1.asymptoticClsb!, m.hypotests.qtilde_mu1.CLsb, 1e-6, 0, 'CLs+b(1)');
      expectRelClose(at1.asymptoticCls!, m.hypotests.qtilde_mu1.CLs, 1e-6, 0, 'CLs(1)');
    },
  );

  test('every generating point sits at its tested POI value (onoff_4bin: α̂ = 1 on the bound)', () => {
    // The toys of a grid point are drawn at θ̂̂ of THAT point; when the fit already sits there (α̂ = 1
    // here, a bound) θ̂̂ is the free fit itself — never the fit of a neighbouring point.
    const ws = parseWorkspace(readAnchorWorkspace('onoff_4bin'), 'onoff_4bin');
    const c = compileWorkspace(ws);
    const job = planToys(null, {
      seed: 1,
      nToys: 1,
      fcToys: 1,
      alphaStep: 0.25,
      limit: 'upper',
      clsMethod: true,
      analyses: workspaceAnalyses(ws),
    });
    const fits = job.tasks.filter((t): t is FitTask => t.kind === 'fit' && !t.key.endsWith('/clb'));
    expect(fits).toHaveLength(5);
    for (const t of fits) expect(t.gen[c.poi]).toBe(t.tests[0]!.values[0]);
    const clb = job.tasks.find((t) => t.key.endsWith('/clb')) as FitTask;
    expect(clb.gen[c.poi]).toBe(0); // CLb toys: the reference end of an upper limit
    const free = new WorkspaceFits(new HistFactoryModel(c)).free();
    const atOne = fits[fits.length - 1]!;
    // θ̂̂(1) = θ̂ since α̂ = 1: equal to the likelihood layer's free fit to its tolerance.
    atOne.gen.forEach((v, i) => expect(Math.abs(v - free.pars[i]!), c.parNames[i]).toBeLessThan(1e-5));
    const cov = planCoverage(null, {
      seed: 1,
      nExperiments: 1,
      innerToys: 1,
      truths: [[0], [0.5], [1]],
      analyses: workspaceAnalyses(ws),
    });
    for (const t of cov.tasks) if (t.kind === 'fitCoverage') expect(t.gen[c.poi]).toBe(t.truth[0]);
  });

  test('two_band: a 2-D FC region in (α0, α1); observed t from independent fits, gross agreement with Wilks', async () => {
    const ws = parseWorkspace(readAnchorWorkspace('two_band'), 'two_band');
    const r = await toysForAnalyses(workspaceAnalyses(ws, { pois: ['alpha0', 'alpha1'] }), {
      seed: 'anchor-region',
      nToys: 100,
      fcToys: 100,
      regionStep: 0.25,
    });
    const a = r.analyses[0] as RegionAnalysisResult;
    expect(a.points).toHaveLength(25);
    // t at each grid point from the likelihood layer's fits (default EDM 1e-12), independent of the
    // toy engine's warm starts: agreement to the toy fits' precision (few 1e-9; 1e-7 is FIT_T_TIE).
    const c = compileWorkspace(ws, { measurement: 'alpha0_measurement' });
    const fits = new WorkspaceFits(new HistFactoryModel(c));
    const free = fits.free();
    const i0 = c.parNames.indexOf('alpha0');
    const i1 = c.parNames.indexOf('alpha1');
    for (const p of a.points) {
      const cond = fits.fixed([
        [i0, p.values[0]],
        [i1, p.values[1]],
      ]);
      expect(Math.abs(p.t - Math.max(0, 2 * (cond.nll - free.nll))), `t at ${p.values}`).toBeLessThan(1e-7);
      // Gross consistency with Wilks χ²₂: a point Wilks rejects at p < 1e-4 must be rejected by FC
      // at 90 % (no toy of 100 reaches it), and vice versa a point with t < 0.5 (Wilks p > 0.78) accepted.
      const pWilks = 1 - chisquareCdf(p.t, 2);
      if (pWilks < 1e-4) expect(p.accepted[1], `FC accepts ${p.values} with Wilks p ${pWilks}`).toBe(false);
      if (p.t < 0.5) expect(p.accepted[0], `FC rejects ${p.values} with t = ${p.t}`).toBe(true);
    }
    expect(a.poiHat[0]).toBeCloseTo(free.pars[i0]!, 6);
    expect(a.poiHat[1]).toBeCloseTo(free.pars[i1]!, 6);
    expect(a.acceptedCount[1]!.fc).toBeGreaterThan(0);
  });
});
