/**
 * The dataset format (src/data/dataset.ts): valid examples parse; each kind of bad input is rejected
 * with a SpecError('invalid_dataset') whose message names the field with its bin index, the bad value
 * and what was expected, and whose path points at the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseDataset } from '../../src/data/dataset.js';
import { parseObservedCounts, parseObservedCsv } from '../../src/data/index.js';
import { SpecError } from '../../src/errors.js';
import { repoRoot } from '../../src/data/repoPaths.js';
import { validCountsDataset, validXiDataset } from './datasetTestKit.js';

/** Run parseDataset and return the SpecError it throws (fails the test if it does not throw). */
function rejection(raw: unknown): SpecError {
  try {
    parseDataset(raw, 'example.json');
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    expect((e as SpecError).code).toBe('invalid_dataset');
    return e as SpecError;
  }
  throw new Error('parseDataset accepted an invalid dataset');
}

describe('parseDataset: valid datasets', () => {
  test('a counts dataset parses and keeps its values', () => {
    const ds = parseDataset(validCountsDataset(), 'example.json');
    expect(ds.kind).toBe('counts');
    if (ds.kind === 'counts') expect(ds.bins[1]?.nOff).toBe(49);
  });
  test('a ξ dataset with symmetric and asymmetric σ parses', () => {
    expect(parseDataset(validXiDataset(), 'xi.json').bins).toHaveLength(2);
  });
  test('the JSON and CSV examples of docs/dataset-format.md are valid (docs cannot drift)', () => {
    const md = readFileSync(join(repoRoot(), 'docs', 'dataset-format.md'), 'utf8');
    const blocks = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map(
      (m) => JSON.parse(m[1]!) as { kind: string },
    );
    const datasets = blocks.filter((b) => b.kind !== 'observed-counts');
    const observed = blocks.filter((b) => b.kind === 'observed-counts');
    expect(datasets).toHaveLength(2);
    for (const b of datasets) expect(() => parseDataset(b, 'docs/dataset-format.md')).not.toThrow();
    const csv = [...md.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(observed).toHaveLength(1);
    expect(csv).toHaveLength(1);
    // The CSV example says the same as the JSON one.
    const fromJson = parseObservedCounts(observed[0], 'docs');
    const fromCsv = parseObservedCsv(csv[0]!, 'docs');
    expect(fromCsv.bins).toEqual(fromJson.bins);
    expect([fromCsv.id, fromCsv.experiment, fromCsv.energyUnit]).toEqual([
      fromJson.id,
      fromJson.experiment,
      fromJson.energyUnit,
    ]);
  });
});

describe('parseDataset: each bad input is rejected with field, bin index, value and expectation', () => {
  test('negative count', () => {
    const raw = validCountsDataset();
    raw.bins[3]!.nOff = -2;
    const e = rejection(raw);
    expect(e.message).toBe('example.json: bins[3].nOff: -2 is negative; expected a count ≥ 0');
    expect(e.path).toEqual(['bins', 3, 'nOff']);
  });
  test('non-integer count', () => {
    const raw = validCountsDataset();
    raw.bins[0]!.nOn = 12.5;
    expect(rejection(raw).message).toContain('bins[0].nOn: 12.5 is not an integer; expected a count ≥ 0');
  });
  test('missing field', () => {
    const raw = validCountsDataset();
    delete raw.bins[2]!.sCoh;
    const e = rejection(raw);
    expect(e.message).toContain('bins[2].sCoh: is missing; expected number');
    expect(e.path).toEqual(['bins', 2, 'sCoh']);
  });
  test('missing top-level field', () => {
    const raw = validCountsDataset();
    delete raw.provenance;
    expect(rejection(raw).message).toContain('example.json: provenance: is missing');
  });
  test('τ ≤ 0', () => {
    const raw = validCountsDataset();
    raw.bins[1]!.tau = 0;
    expect(rejection(raw).message).toContain(
      'bins[1].tau: 0 is not positive; expected an off/on exposure ratio > 0',
    );
  });
  test('NaN anywhere', () => {
    const raw = validCountsDataset();
    raw.bins[2]!.beamBackground = NaN;
    const e = rejection(raw);
    expect(e.message).toContain('bins[2].beamBackground: NaN is not a finite number');
    const raw2 = validCountsDataset();
    (raw2.bins[0]!.nuclei as { sCoh: number }[])[1]!.sCoh = Infinity;
    expect(rejection(raw2).message).toContain('bins[0].nuclei[1].sCoh: Infinity is not a finite number');
  });
  test('q² edges out of order within a bin', () => {
    const raw = validCountsDataset();
    raw.bins[2]!.q2HiMeV2 = 3000; // lo is 3360
    const e = rejection(raw);
    expect(e.message).toContain('bins[2].q2HiMeV2: 3000 is not above q2LoMeV2 = 3360');
    expect(e.path).toEqual(['bins', 2, 'q2HiMeV2']);
  });
  test('bins overlapping or out of order', () => {
    const raw = validCountsDataset();
    raw.bins[2]!.observableLo = 13; // bin 1 ends at 14
    expect(rejection(raw).message).toContain(
      'bins[2].observableLo: 13 is below observableHi = 14 of bin 1; expected bins ordered and non-overlapping',
    );
  });
  test('per-nucleus q² edges out of order across bins', () => {
    const raw = validCountsDataset();
    (raw.bins[3]!.nuclei as { q2LoMeV2: number }[])[0]!.q2LoMeV2 = 3000;
    expect(rejection(raw).message).toContain(
      'bins[3].nuclei[0].q2LoMeV2: 3000 is below q2HiMeV2 = 3920 of bin 2',
    );
  });
  test('wrong unit strings', () => {
    const raw = validCountsDataset();
    raw.observable = { name: 'energy', unit: 'keV' };
    expect(rejection(raw).message).toContain(
      'observable.unit: "keV" is not accepted; expected "PE" | "keVee" | "keVnr"',
    );
    const raw2 = validCountsDataset();
    raw2.analysisChoices = { timeWindow: { value: [0, 6], unit: 'µs' } };
    expect(rejection(raw2).message).toContain(
      'analysisChoices.timeWindow.unit: "µs" is not accepted; expected "1" | "us"',
    );
  });
  test('unknown field (strict objects)', () => {
    const raw = validCountsDataset();
    raw.bins[1]!.nOffset = 3;
    expect(rejection(raw).message).toContain('bins[1]: unknown field "nOffset"');
  });
  test('per-nucleus counts that do not add up, or nuclei that do not match the target', () => {
    const raw = validCountsDataset();
    raw.bins[0]!.sCoh = 31;
    expect(rejection(raw).message).toContain('bins[0].sCoh: 31 differs from the per-nucleus sum 30');
    const raw2 = validCountsDataset();
    (raw2.bins[1]!.nuclei as { label: string }[])[0]!.label = 'Xe-131';
    expect(rejection(raw2).message).toContain(
      'bins[1].nuclei: labels ["Xe-131","I-127"] do not match the target',
    );
  });
  test('decoherent ξ inconsistent with Z, N and ε', () => {
    const raw = validCountsDataset();
    raw.epsilon = 0.07;
    expect(rejection(raw).message).toContain('target.nuclei[0].decoherentXi: 0.01369407856 disagrees with');
  });
  test('schema version and kind', () => {
    const raw = validCountsDataset();
    raw.$schemaVersion = '2.0.0';
    expect(rejection(raw).message).toContain('$schemaVersion: "2.0.0" is not accepted; expected "1.0.0"');
    const raw2 = validCountsDataset();
    raw2.kind = 'histogram';
    expect(rejection(raw2).message).toContain(
      'kind: "histogram" is not a known dataset kind; expected "counts" | "xi"',
    );
  });
  test('ξ bins: σ must be given as sigma or as sigmaLo and sigmaHi, and be positive', () => {
    const raw = validXiDataset();
    delete raw.bins[0]!.sigma;
    expect(rejection(raw).message).toContain(
      'bins[0].sigma: uncertainty given as {}; expected either sigma or both',
    );
    const raw2 = validXiDataset();
    delete raw2.bins[1]!.sigmaHi;
    expect(rejection(raw2).message).toContain('bins[1].sigma');
    const raw3 = validXiDataset();
    raw3.bins[0]!.sigma = -0.1;
    expect(rejection(raw3).message).toContain('bins[0].sigma: -0.1 is not positive; expected a value > 0');
  });
  test('several problems: the first is named and the rest counted', () => {
    const raw = validCountsDataset();
    raw.bins[0]!.nOn = -1;
    raw.bins[1]!.nOn = -1;
    expect(rejection(raw).message).toMatch(
      /bins\[0\]\.nOn: -1 is negative; expected a count ≥ 0 \(and 1 more problem/,
    );
  });
});

describe('counts bins: off-source measurement and/or a known background', () => {
  test('a bin with knownBackground instead of nOff/tau parses; both together parse too', () => {
    const raw = validCountsDataset();
    delete raw.bins[0]!.nOff;
    delete raw.bins[0]!.tau;
    raw.bins[0]!.knownBackground = { expected: 12.5, sigma: 1.5 };
    raw.bins[1]!.knownBackground = { expected: 3, sigma: 0 };
    const ds = parseDataset(raw, 'example.json');
    if (ds.kind !== 'counts') throw new Error('kind');
    expect(ds.bins[0]!.knownBackground).toEqual({ expected: 12.5, sigma: 1.5 });
    expect(ds.bins[0]!.nOff).toBeUndefined();
    expect(ds.bins[1]!.nOff).toBe(49);
  });
  test('neither: the message says what a bin needs', () => {
    const raw = validCountsDataset();
    delete raw.bins[2]!.nOff;
    delete raw.bins[2]!.tau;
    const e = rejection(raw);
    expect(e.message).toBe(
      'example.json: bins[2].knownBackground: is missing and the bin has no off-source measurement; expected nOff and tau, or knownBackground {expected, sigma}, or both',
    );
    expect(e.path).toEqual(['bins', 2, 'knownBackground']);
  });
  test('nOff without tau, a negative σ, a missing σ', () => {
    const raw = validCountsDataset();
    delete raw.bins[1]!.tau;
    expect(rejection(raw).message).toContain('bins[1].tau: is missing; expected nOff and tau together');
    const raw2 = validCountsDataset();
    raw2.bins[0]!.knownBackground = { expected: 2, sigma: -0.5 };
    expect(rejection(raw2).message).toContain(
      'bins[0].knownBackground.sigma: -0.5 is negative; expected a value ≥ 0',
    );
    const raw3 = validCountsDataset();
    raw3.bins[0]!.knownBackground = { expected: 2 };
    expect(rejection(raw3).message).toContain('bins[0].knownBackground.sigma: is missing; expected number');
  });
});
