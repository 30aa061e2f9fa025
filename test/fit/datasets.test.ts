/**
 * Dataset fits: the counts residuals against the likelihood layer's NLL, exact recovery on Asimov
 * data, joint fits with shared and renamed parameters, and the COHERENT fixtures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseDataset, type CountsDataset, type Dataset } from '../../src/data/dataset.js';
import {
  buildJointProblem,
  configureModel,
  dataAsXi,
  datasetTerm,
  fitDatasets,
  fittedXiCurve,
  resolveModel,
} from '../../src/fit/index.js';
import { countingNll, profileBackground } from '../../src/likelihood/index.js';
import { paperHelm } from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';
import { CS133, countsDataset, xiDataset, type CountsBinSpec } from './fitHelpers.js';

const EDGES = [500, 1500, 2500, 3500, 4500, 5500, 6500];
const centre = (i: number) => 0.5 * ((EDGES[i] as number) + (EDGES[i + 1] as number));
const helmXi = (r0: number, q2: number) =>
  resolveModel('helm-r0').bind({ r0, s: 0.5 })(q2, { ...CS133, decoherentXi: 0.0137, epsilon: 0.045 });

/** Asimov counts: nOn, nOff equal to their expectations at r0 (non-integer counts are allowed). */
function asimovCounts(r0: number): CountsDataset {
  const bins: CountsBinSpec[] = EDGES.slice(0, -1).map((lo, i) => {
    const sCoh = 400 - 50 * i;
    const b = 30;
    return {
      q2Lo: lo,
      q2Hi: EDGES[i + 1] as number,
      sCoh,
      beam: 5,
      nOn: b + 5 + sCoh * helmXi(r0, centre(i)),
      nOff: 2 * b,
      tau: 2,
    };
  });
  return countsDataset('asimov', CS133, bins, 0.1, 0.25);
}

describe('dataset terms', () => {
  test('synthetic builders give schema-valid datasets (Asimov counts rounded: the schema wants integers)', () => {
    const a = asimovCounts(1.2);
    const rounded = { ...a, bins: a.bins.map((b) => ({ ...b, nOn: Math.round(b.nOn) })) };
    expect(parseDataset(rounded, 'asimov').kind).toBe('counts');
    expect(parseDataset(xiDataset('x', CS133, [1, 2, 3], [0.9, 0.8], [0.1, 0.1]), 'x').kind).toBe('xi');
  });

  test('counts: Σr²/2 equals the likelihood layer countingNll at the profiled backgrounds', () => {
    const ds = {
      ...asimovCounts(1.2),
      bins: asimovCounts(1.2).bins.map((b, i) => ({ ...b, nOn: 40 + 7 * i, nOff: 50 + 3 * i })),
    };
    const term = datasetTerm(ds, ds.id);
    const xi = resolveModel('helm-r0').bind({ r0: 1.3, s: 0.5 });
    const thetaSig = 0.93;
    const thetaBeam = 1.2;
    const r = new Float64Array(term.nResiduals);
    term.residuals(xi, { 'thetaSig:asimov': thetaSig, 'thetaBeam:asimov': thetaBeam }, r, 0);
    const s = term.signal!(xi);
    const bins = ds.bins.map((b, i) => ({
      nOn: b.nOn,
      signal0: 0,
      signal1: s[i] as number,
      beamBackground: b.beamBackground,
      background: { kind: 'measured' as const, nOff: b.nOff!, tau: b.tau! },
    }));
    const background = ds.bins.map((b, i) =>
      profileBackground(thetaBeam * b.beamBackground + thetaSig * (s[i] as number), b.nOn, b.nOff!, b.tau!),
    );
    const nll = countingNll(
      { bins, signalNorm: { kind: 'gaussian', sigma: 0.1 }, beamNorm: { kind: 'gaussian', sigma: 0.25 } },
      { poi: 1, thetaSig, thetaBeam, background },
    );
    expectRelClose(r.reduce((a, x) => a + x * x, 0) / 2, nll, 1e-12);
  });

  test("q² treatment 'calibrated' reproduces sHelm exactly at the paper's Helm", () => {
    const ds = asimovCounts(1.2);
    const sHelm = ds.bins.map((b, i) => 0.97 * b.sCoh * paperHelm(centre(i), CS133) ** 2);
    const withHelm = countsDataset('h', CS133, ds.bins.map((b) => ({ q2Lo: b.q2LoMeV2, q2Hi: b.q2HiMeV2, sCoh: b.sCoh, beam: 5, nOn: b.nOn, nOff: b.nOff!, tau: 2 })), 0.1, 0.25, sHelm); // prettier-ignore
    const term = datasetTerm(withHelm, 'h');
    expect(term.q2Treatment).toBe('calibrated');
    const s = term.signal!(resolveModel('helm-r0').bind({ r0: 1.2, s: 0.5 }));
    sHelm.forEach((x, i) => expectRelClose(s[i] as number, x, 1e-12));
    expect(datasetTerm(ds, 'a').q2Treatment).toBe('centre'); // no sHelm → centre
  });
});

describe('fits to datasets', () => {
  test('Asimov counts: r0 recovered exactly, S ≈ 0, nuisances at 1', () => {
    const fit = fitDatasets([{ dataset: asimovCounts(1.1), model: resolveModel('helm-r0') }]);
    expect(fit.fit.diagnostics.converged).toBe(true);
    expectRelClose(fit.fit.values.r0 as number, 1.1, 1e-6);
    expect(fit.fit.chi2).toBeLessThan(1e-8);
    expect(fit.fit.statistic).toBe('deviance');
    expect(fit.fit.ndf).toBe(2 * 6 + 2 - 3 - 6);
    const iv = fit.profiles.r0!;
    expect(iv.valid && !iv.lowerOpen && !iv.upperOpen).toBe(true);
  });

  test('joint fit of two identical ξ datasets: same value, error / √2; rename gives separate parameters', () => {
    const xi = EDGES.slice(0, -1).map((_, i) => helmXi(1.25, centre(i)) + (i % 2 ? 0.01 : -0.01));
    const ds = xiDataset(
      'xi',
      CS133,
      EDGES,
      xi,
      xi.map(() => 0.03),
    );
    const model = resolveModel('helm-r0');
    const one = fitDatasets([{ dataset: ds, model }]);
    const two = fitDatasets([
      { dataset: ds, model },
      { dataset: ds, model },
    ]);
    expectRelClose(two.fit.values.r0 as number, one.fit.values.r0 as number, 1e-6);
    expectRelClose((two.fit.errors!.r0 as number) * Math.SQRT2, one.fit.errors!.r0 as number, 1e-5);
    expect(two.datasets.map((d) => d.id)).toEqual(['xi', 'xi#2']);
    const sep = buildJointProblem([
      { dataset: ds, model },
      { dataset: ds, model, rename: { r0: 'r0_b' } },
    ]);
    expect(sep.parameters.map((q) => q.name)).toEqual(['r0', 's', 'r0_b']);
    expect(() => buildJointProblem([{ dataset: ds, model, rename: { nope: 'x' } }])).toThrow(
      /no parameter "nope"/,
    );
  });

  test('curve and band: band ≈ 0 at q² = 0 (ξ ≡ 1), data points carry the fitted ξ', () => {
    const fit = fitDatasets([{ dataset: asimovCounts(1.2), model: resolveModel('helm-r0') }], {
      profile: false,
    });
    const curve = fittedXiCurve(fit, 0, [0, 3000]);
    expect(curve[0]!.xiHigh - curve[0]!.xiLow).toBeLessThan(1e-9);
    expect(curve[1]!.xiHigh).toBeGreaterThan(curve[1]!.xi);
    const pts = dataAsXi(fit, 0);
    pts.forEach((p) => expectRelClose(p.xi, p.fitted, 1e-5, 1e-6)); // Asimov data sit on the curve
  });
});

const fixture = (name: string): Dataset =>
  parseDataset(JSON.parse(readFileSync(`fixtures/${name}.json`, 'utf8')), name);

describe('COHERENT fixtures', () => {
  test('CsI 2017, helm-rn: converges; Rn within 1σ of Cadeddu et al. PRL 120 (2018) 072501, 5.5 (+0.9 −1.1) fm', () => {
    const fit = fitDatasets([{ dataset: fixture('coherent-csi-2017'), model: resolveModel('helm-rn') }]);
    const iv = fit.profiles.Rn!;
    expect(fit.fit.diagnostics.converged && fit.fit.diagnostics.covariancePosDef).toBe(true);
    expect(iv.valid && !iv.lowerOpen && !iv.upperOpen).toBe(true);
    // Difference over the combined 1σ on the relevant sides (ours up-side, theirs down-side if ours is lower).
    const rn = iv.value;
    const combined = rn < 5.5 ? Math.hypot(iv.errorHigh, 1.1) : Math.hypot(iv.errorLow, 0.9);
    expect(Math.abs(rn - 5.5) / combined).toBeLessThan(1);
    expect(fit.fit.pValue).toBeGreaterThan(0.01);
  });

  test('Ar 2020 alone cannot bound r0 from below: at its limit, flagged, interval open — not a silent number', () => {
    const fit = fitDatasets([{ dataset: fixture('coherent-ar-2020-1d'), model: resolveModel('helm-r0') }]);
    const d = fit.fit.diagnostics;
    expect(d.atLimit.includes('r0') || fit.profiles.r0!.lowerOpen).toBe(true);
    expect(d.messages.length).toBeGreaterThan(0);
  });

  test('joint CsI + Ar with one r0 and free s held: converges, both datasets contribute', () => {
    const model = configureModel(resolveModel('helm-r0'), { free: ['r0'] });
    const fit = fitDatasets([
      { dataset: fixture('coherent-csi-2017'), model },
      { dataset: fixture('coherent-ar-2020-1d'), model },
    ]);
    expect(fit.fit.diagnostics.converged).toBe(true);
    expect(fit.parameters.filter((q) => q.role === 'nuisance')).toHaveLength(4);
    expect(fit.parameters.find((q) => q.name === 'r0')!.datasets).toEqual([
      'coherent-csi-2017',
      'coherent-ar-2020-1d',
    ]);
  });
});
