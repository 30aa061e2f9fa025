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
import { bandFactors, scaleByCell } from '../../../src/data/releases/coherentAr2020/bandSplit.js';
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
  const zeros = (n: number) => new Array<number>(n).fill(0);
  /** Prompt and delayed SM folds per band (one nucleus); α = 1 folds are twice the SM ones. */
  const fold = (prompt: number[][], delayed: number[][]): BandFold => {
    const group = (helm: number[][]) => ({
      coh: helm.map((h) => [Float64Array.from(h.map((v) => 2 * v))]),
      helm: helm.map((h) => [Float64Array.from(h)]),
      q2Weighted: helm.map((h) => [Float64Array.from(h)]),
    });
    return {
      groups: { prompt: group(prompt), delayed: group(delayed) },
      tRangeKeV: prompt.map(() => [[0, 1] as const]),
      relError: 0,
    };
  };
  /** Prompt ν arrive only in time bin 0, delayed only in time bin 1. */
  const weights = {
    prompt: Float64Array.from([1, ...zeros(9)]),
    delayed: Float64Array.from([0, 1, ...zeros(8)]),
  };
  /** Events only in time bins 0 and 1 (where the weights put neutrinos), spread over the 8 F90 bins. */
  const template = (perEnergy: number[]) =>
    Float64Array.from({ length: 960 }, (_, b) => (b % 10 < 2 ? perEnergy[Math.floor(b / 80)]! / 16 : 0));

  test('f sums to 1 over bands in each (energy, time) cell, and follows the flavour group arriving there', () => {
    // Energy bin 0: prompt SM events 1 (band 0) and 3 (band 1); delayed 3 and 1.
    const f = bandFactors(
      fold(
        [
          [1, ...zeros(11)],
          [3, ...zeros(11)],
        ],
        [
          [3, ...zeros(11)],
          [1, ...zeros(11)],
        ],
      ),
      weights,
      [{ file: 'x', values: template([8, ...zeros(11)]) }],
    );
    // cell (e=0, t=0) is prompt only: 1/4, 3/4; cell (0, 1) delayed only: 3/4, 1/4.
    expect([f.f[0]![0]![0], f.f[1]![0]![0], f.f[0]![0]![1], f.f[1]![0]![1]]).toEqual([
      0.25, 0.75, 0.75, 0.25,
    ]);
    expect(f.g[0]![0]![0]).toBe(0.5); // α = 1 events are twice the SM ones here
    const split = scaleByCell(template([8, ...zeros(11)]), f.f[0]![0]!);
    // Cells (0, 0) and (0, 1) hold 4 events each (8 F90 bins × 8/16): band 0 gets 4 × 1/4 of the first
    // (prompt) and 4 × 3/4 of the second (delayed).
    const inCell = (t: number) => sum(split.filter((_, b) => b < 80 && b % 10 === t));
    expectRelClose(inCell(0), 1, 1e-14);
    expectRelClose(inCell(1), 3, 1e-14);
  });

  test('release events in a cell where our prediction is zero cannot be split: SpecError naming the file', () => {
    const call = () =>
      bandFactors(fold([[1, ...zeros(11)]], [[1, ...zeros(11)]]), weights, [
        { file: 'cevnspdf.txt', values: template([1, 1, ...zeros(10)]) },
      ]);
    expect(call).toThrow(SpecError);
    expect(call).toThrow(/cevnspdf\.txt: CEvNS events in energy bin 1, time bin 0/);
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
