/**
 * The CsI 2021 detector response and SNS timing: the gamma photo-statistics against the regularised
 * incomplete gamma function, quadrature convergence, the EMG arrival-time densities against their
 * definitions, and the timing model against COHERENT's own 2017 arrival-time PDFs.
 */
import { join } from 'node:path';
import gammainc from '@stdlib/math-base-special-gammainc';
import { describe, expect, test } from 'vitest';
import { readCoherentCsi2017Release } from '../../src/data/coherentCsi2017Release.js';
import { RELEASE_FOLDERS } from '../../src/data/repoPaths.js';
import { gammaPeBinProbabilities } from '../../src/data/response/photoStatistics.js';
import { csiPeResponse, csiPeTimeResponse } from '../../src/data/releases/coherentCsi2021/response.js';
import {
  delayedDensity,
  emgDensity,
  promptDensity,
  timeBinProbabilities,
  timeEfficiencyAt,
  timeEfficiencyIntegral,
} from '../../src/data/releases/coherentCsi2021/timing.js';
import { expectRelClose } from '../helpers.js';
import { describeWithShared } from '../sharedData.js';
import { DATA_DIR } from './datasetTestKit.js';

const EDGES = [0, 8, 12, 16, 20, 24, 32, 40, 50, 60];
const NOMINAL_EFF = { a: 1.32045, b: 0.285979, c: 10.8646, d: -0.333322 };
const NOMINAL_SCINT = { a: 0.0554628, b: 4.30681, c: -111.707, d: 840.384 };

describe('gamma photo-statistics', () => {
  test.for([
    [0.5, 1.05],
    [3, 1.5],
    [13.35, 10.56],
    [45, 35],
    [63, 46],
  ])('with ε ≡ 1 the bin probabilities are differences of P(k, x/θ) (μ = %f PE, k = %f)', ([mu, k]) => {
    const p = gammaPeBinProbabilities({ meanPe: mu!, shape: k! }, EDGES, () => 1, 0);
    const theta = mu! / k!;
    p.forEach((v, j) => {
      const exact = gammainc(EDGES[j + 1]! / theta, k!) - gammainc(EDGES[j]! / theta, k!);
      // 8-point Gauss–Legendre on panels ≤ sd/2 of a smooth density: ~1e-12; 1e-9 absolute leaves room.
      expect(Math.abs(v - exact)).toBeLessThan(1e-9);
    });
  });

  test('with the efficiency the result converges: halving the panels changes it by < 1e-9', () => {
    // Compare against an 8× finer reference by integrating each bin as 8 sub-bins.
    const eff = (x: number) =>
      Math.max(0, NOMINAL_EFF.a / (1 + Math.exp(-NOMINAL_EFF.b * (x - NOMINAL_EFF.c))) + NOMINAL_EFF.d);
    const x0 = 10.8646 - Math.log(1.32045 / 0.333322 - 1) / 0.285979;
    for (const mu of [5, 12, 30]) {
      const s = { meanPe: mu, shape: 1 + (9.56 * mu) / 13.35 };
      const coarse = gammaPeBinProbabilities(s, EDGES, eff, x0);
      const fine = EDGES.flatMap((e, j) =>
        j + 1 < EDGES.length ? Array.from({ length: 8 }, (_, q) => e + ((EDGES[j + 1]! - e) * q) / 8) : [e],
      );
      const f = gammaPeBinProbabilities(s, fine, eff, x0);
      coarse.forEach((v, j) => {
        const ref = f.slice(8 * j, 8 * j + 8).reduce((a, b) => a + b, 0);
        expect(Math.abs(v - ref)).toBeLessThan(1e-9);
      });
    }
  });

  test('no light, no event; the response row sums to at most the plateau efficiency', () => {
    expect(Array.from(gammaPeBinProbabilities({ meanPe: 0, shape: 1 }, EDGES, () => 1, 0))).toEqual(
      Array(9).fill(0),
    );
    const r = csiPeResponse({
      scintillation: NOMINAL_SCINT,
      efficiency: NOMINAL_EFF,
      lightYieldPePerKeVee: 13.35,
      resolution: { bPerKeVee: 9.56 },
      peEdges: EDGES,
    });
    const row = new Float64Array(9);
    for (const t of [2, 10, 20, 30]) {
      r.row(t, row);
      const s = row.reduce((a, b) => a + b, 0);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1.32045 - 0.333322 + 1e-12);
    }
    r.row(2, row); // E_ee(2 keV_nr) ≈ 0.13 keV_ee ≈ 1.8 PE: almost nothing above the 7-PE threshold
    expect(row.reduce((a, b) => a + b, 0)).toBeLessThan(1e-3);
  });

  test('the PE × time response is the outer product, time fastest', () => {
    const pe = { nBins: 2, row: (_t: number, out: Float64Array) => out.set([0.25, 0.5]) };
    const r = csiPeTimeResponse(pe, Float64Array.from([0.1, 0.9]));
    const out = new Float64Array(4);
    r.row(1, out);
    expect(Array.from(out)).toEqual([0.025, 0.225, 0.05, 0.45]);
  });
});

describe('SNS arrival times', () => {
  const pulse = { meanUs: 0.47, sigmaUs: 0.15 };

  test('prompt and delayed densities integrate to 1', () => {
    expectRelClose(timeBinProbabilities((t) => promptDensity(t, pulse), [-3, 5], null)[0]!, 1, 1e-10);
    // The delayed tail beyond 60 µs is e^{−60/2.197} ≈ 1.4e-12.
    expectRelClose(timeBinProbabilities((t) => delayedDensity(t, pulse), [-3, 60], null)[0]!, 1, 1e-9);
  });

  test('the EMG equals the numerical convolution of the Gaussian with the exponential', () => {
    const tau = 0.026033;
    for (const t of [0.2, 0.47, 0.8, 1.5]) {
      const conv = timeBinProbabilities(
        (s) =>
          (Math.exp(-0.5 * ((t - s - pulse.meanUs) / pulse.sigmaUs) ** 2) /
            (pulse.sigmaUs * Math.sqrt(2 * Math.PI))) *
          (Math.exp(-s / tau) / tau),
        [0, 1],
        null,
        1e-4,
      )[0]!;
      expectRelClose(emgDensity(t, pulse, tau), conv, 1e-8, 1e-12, `t = ${t}`);
    }
  });

  test('no overflow far from the pulse (both branches of the EMG formula are finite)', () => {
    for (const t of [-0.25, 6.25, 20]) {
      expect(Number.isFinite(delayedDensity(t, pulse))).toBe(true);
      expect(Number.isFinite(promptDensity(t, pulse))).toBe(true);
    }
  });

  test('arrival-time efficiency: closed-form integral equals the quadrature; bins converge', () => {
    const e = { aUs: 0.52, bPerUs: 0.0494 };
    const q = timeBinProbabilities(() => 1, [0, 0.3, 0.52, 2, 6], e);
    [0, 0.3, 0.52, 2, 6].slice(1).forEach((hi, k) => {
      const lo = [0, 0.3, 0.52, 2][k]!;
      expectRelClose(q[k]!, timeEfficiencyIntegral(e, lo, hi), 1e-13);
    });
    expect(timeEfficiencyAt(e, 1.52)).toBeCloseTo(Math.exp(-0.0494), 15);
    const edges = [0, 0.125, 0.25, 0.5, 1, 2, 6];
    const a = timeBinProbabilities((t) => delayedDensity(t, pulse), edges, e, 0.01);
    const b = timeBinProbabilities((t) => delayedDensity(t, pulse), edges, e, 0.0025);
    a.forEach((v, k) => expect(Math.abs(v - b[k]!)).toBeLessThan(1e-12));
  });
});

const FOLDER_2017 = RELEASE_FOLDERS.coherentCsi2017;
describeWithShared(
  FOLDER_2017,
  `timing model vs the CsI 2017 release's arrival-time PDFs (skipped without ${FOLDER_2017})`,
  () => {
    test('with the pulse mean matched to the 2017 prompt PDF, the delayed PDF agrees bin by bin within 0.01', () => {
      const rel = readCoherentCsi2017Release(join(DATA_DIR, FOLDER_2017));
      const edges = Array.from({ length: 25 }, (_, i) => i * 0.5);
      let best = { mu: 0, d: Infinity };
      for (let mu = 0.4; mu < 1.0; mu += 0.002) {
        const p = timeBinProbabilities(
          (t) => promptDensity(t, { meanUs: mu, sigmaUs: 0.15 }),
          edges,
          null,
          0.02,
        );
        const d = p.reduce((s, x, i) => s + (x - rel.arrivalTime.promptNeutrinos[i]!) ** 2, 0);
        if (d < best.d) best = { mu, d };
      }
      const p = { meanUs: best.mu, sigmaUs: 0.15 };
      const pr = timeBinProbabilities((t) => promptDensity(t, p), edges, null);
      const de = timeBinProbabilities((t) => delayedDensity(t, p), edges, null);
      // COHERENT's PDFs come from their beam simulation; a Gaussian pulse of σ = 150 ns and the two
      // lifetimes reproduce them to 0.014 (prompt) and 0.006 (delayed) per 0.5-µs bin. 0.02 and 0.01
      // catch a wrong lifetime (τ_μ off by 10 % moves the 1–3 µs bins by ~0.01) or pulse width.
      pr.forEach((x, i) => expect(Math.abs(x - rel.arrivalTime.promptNeutrinos[i]!)).toBeLessThan(0.02));
      de.forEach((x, i) => expect(Math.abs(x - rel.arrivalTime.delayedNeutrinos[i]!)).toBeLessThan(0.01));
    });
  },
);
