/**
 * Building blocks of the Ar 2020 template dataset that need no release files: the energy response
 * (probabilities, efficiency, mean), weightedResponses, the mirror symmetrisation of one-sided
 * variations, and the band factors' refusal to split events our folding cannot place.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, test } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { foldSpectrum, weightedResponses, type RecoilResponse } from '../../../src/data/response/index.js';
import { arEnergyResponse, mirrorAboutNominal } from '../../../src/data/releases/coherentAr2020/index.js';
import { bandFactors, scaleByEnergy } from '../../../src/data/releases/coherentAr2020/bandSplit.js';
import type { BandFold } from '../../../src/data/releases/coherentAr2020/bandFold.js';
import { stableJson } from '../../../src/data/stableJson.js';
import { expectRelClose } from '../../helpers.js';

const inputs = (efficiency: number[]) => ({ qfA: 0.246, qfBPerKeV: 0.00078, resolutionA: 0.58, efficiency });
const rowOf = (r: RecoilResponse, tKeV: number) => {
  const out = new Float64Array(r.nBins);
  r.row(tKeV, out);
  return out;
};
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe('Ar 2020 energy response', () => {
  test('with efficiency 1 a mid-range recoil is reconstructed somewhere in 0–120 keVee with probability 1', () => {
    const r = arEnergyResponse(inputs([1]));
    expect(r.nBins).toBe(12);
    // T = 60 keVnr: E = (0.246 + 0.00078·60)·60 = 17.57 keVee, σ = 0.58·sqrt(17.57) = 2.43 keVee: the
    // Gaussian lies > 7σ inside [0, 120], so the row sums to 1 up to the 8σ cut (1e-15).
    const row = rowOf(r, 60);
    expectRelClose(sum(row), 1, 1e-12);
    // Bin 1 (10–20 keVee) gets Φ((20 − E)/σ) − Φ((10 − E)/σ), the Gaussian integral over the bin.
    const e = (0.246 + 0.00078 * 60) * 60;
    const sigma = 0.58 * Math.sqrt(e);
    expectRelClose(row[1]!, normalCdf(20, e, sigma) - normalCdf(10, e, sigma), 1e-12);
  });

  test('the efficiency multiplies the row: a flat 0.5 halves it; zero below threshold gives nothing', () => {
    const full = rowOf(arEnergyResponse(inputs([1])), 40);
    const half = rowOf(arEnergyResponse(inputs([0.5])), 40);
    full.forEach((v, e) => expectRelClose(half[e]!, 0.5 * v, 1e-14, 1e-300));
    // Efficiency 0 in 0–40 keVee (80 bins), 1 above (the last value): a 20-keVnr recoil (5.2 keVee) is lost.
    const stepped = arEnergyResponse(inputs([...new Array<number>(80).fill(0), 1]));
    expect(sum(rowOf(stepped, 20))).toBeLessThan(1e-15);
  });

  test('T = 0 (no energy) gives an all-zero row, never NaN', () => {
    const row = rowOf(arEnergyResponse(inputs([1])), 0);
    expect(Array.from(row)).toEqual(new Array(12).fill(0));
  });

  test('weightedResponses: one fold gives ∫ f·w_i·R for each weight', () => {
    const r = arEnergyResponse(inputs([1]));
    const stacked = weightedResponses(r, [() => 1, (t) => t]);
    expect(stacked.nBins).toBe(24);
    const one = foldSpectrum(r, () => 1, 30, 50);
    const both = foldSpectrum(stacked, () => 1, 30, 50);
    const weighted = foldSpectrum(r, (t) => t, 30, 50);
    one.forEach((v, e) => expectRelClose(both[e]!, v, 1e-14, 1e-300));
    weighted.forEach((v, e) => expectRelClose(both[12 + e]!, v, 1e-12, 1e-300));
  });
});

describe('one-sided variations mirrored about the nominal', () => {
  test('lo = 2·nominal − hi, so (lo + hi)/2 = nominal bin by bin', () => {
    const nom = Float64Array.from([4, 10, 3]);
    const hi = Float64Array.from([1, 13, 3.5]);
    const m = mirrorAboutNominal(nom, hi);
    expect(Array.from(m.lo)).toEqual([7, 7, 2.5]);
    expect(m.clippedBins).toBe(0);
  });
  test('a bin that would go negative is floored at 0 and counted', () => {
    const m = mirrorAboutNominal(Float64Array.from([1, 5]), Float64Array.from([3.5, 5]));
    expect(Array.from(m.lo)).toEqual([0, 5]);
    expect([m.clippedBins, m.clippedEvents]).toEqual([1, 1.5]);
  });
});

describe('band factors', () => {
  const fold = (helm: number[][]): BandFold => ({
    coh: helm.map((h) => [Float64Array.from(h.map((v) => 2 * v))]),
    helm: helm.map((h) => [Float64Array.from(h)]),
    q2Weighted: helm.map((h) => [Float64Array.from(h)]),
    tRangeKeV: helm.map(() => [[0, 1] as const]),
    relError: 0,
  });
  const template = (perEnergy: number[]) =>
    Float64Array.from({ length: 960 }, (_, b) => perEnergy[Math.floor(b / 80)]! / 80);

  test('f sums to 1 over bands in every energy bin with a prediction; g = C/H_e', () => {
    const f = bandFactors(
      fold([
        [1, 3, ...new Array<number>(10).fill(0)],
        [3, 1, ...new Array<number>(10).fill(0)],
      ]),
      [{ file: 'x', values: template([8, 4, ...new Array<number>(10).fill(0)]) }],
    );
    expect([f.f[0]![0]![0], f.f[1]![0]![0], f.f[0]![0]![1], f.f[1]![0]![1]]).toEqual([
      0.25, 0.75, 0.75, 0.25,
    ]);
    expect(f.g[0]![0]![0]).toBe(0.5);
    const split = scaleByEnergy(template([8, 4, ...new Array<number>(10).fill(0)]), f.f[0]![0]!);
    expectRelClose(sum(split), 8 * 0.25 + 4 * 0.75, 1e-14);
  });

  test('release events in an energy bin where our prediction is zero cannot be split: SpecError naming the file', () => {
    const zero = new Array<number>(12).fill(0);
    expect(() =>
      bandFactors(fold([[1, ...zero.slice(1)]]), [
        { file: 'cevnspdf.txt', values: template([1, 1, ...zero.slice(2)]) },
      ]),
    ).toThrow(SpecError);
    expect(() =>
      bandFactors(fold([[1, ...zero.slice(1)]]), [
        { file: 'cevnspdf.txt', values: template([1, 1, ...zero.slice(2)]) },
      ]),
    ).toThrow(/cevnspdf\.txt: CEvNS events in energy bin 1/);
  });
});

test('stableJson with inlineNumberArrays: number arrays on one line, same JSON value', () => {
  const v = { a: [Math.PI, 2], b: { c: [] as number[], d: [{ e: 1 }] }, s: 'x' };
  const text = stableJson(v, { inlineNumberArrays: true });
  expect(text).toBe(
    '{\n  "a": [3.141592654, 2],\n  "b": {\n    "c": [],\n    "d": [\n      {\n        "e": 1\n      }\n    ]\n  },\n  "s": "x"\n}\n',
  );
  expect(JSON.parse(text)).toEqual(JSON.parse(stableJson(v)));
});
