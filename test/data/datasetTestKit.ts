/**
 * Helpers of the dataset tests: a minimal valid dataset of each kind (the examples of
 * docs/dataset-format.md, abridged), a deep comparison of regenerated and committed fixtures, and the
 * location of the shared public data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../../src/data/repoPaths.js';
import { SHARED_DATA_DIR, haveShared } from '../sharedData.js';

export const DATA_DIR = SHARED_DATA_DIR;
export const HAVE_DATA = haveShared;

export function readFixture(file: string): unknown {
  return JSON.parse(readFileSync(join(repoRoot(), 'fixtures', file), 'utf8')) as unknown;
}

/**
 * Deep equality with numbers compared to a relative tolerance: |a − b| ≤ rtol·max(|a|, |b|) + atol.
 * Returns the first difference as "path: a vs b", or undefined.
 */
export function firstDifference(
  a: unknown,
  b: unknown,
  rtol: number,
  atol: number,
  path = '',
): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + atol
      ? undefined
      : `${path}: ${a} vs ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], rtol, atol, `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} vs ${kb.join()}`;
    for (const k of ka) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        rtol,
        atol,
        `${path}.${k}`,
      );
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/**
 * Regenerated dataset vs committed fixture. Fixtures hold 10 significant digits (src/data/stableJson.ts),
 * i.e. a relative rounding error ≤ 5e-10; platform libm differences are ~1e-15. rtol = 1e-9 therefore
 * passes any faithful regeneration and fails on any change of the 9th digit or beyond. atol = 1e-12
 * covers exact zeros.
 */
export function expectSameAsFixture(regenerated: unknown, fixture: unknown): void {
  const roundTripped = JSON.parse(JSON.stringify(regenerated)) as unknown;
  expect(firstDifference(roundTripped, fixture, 1e-9, 1e-12)).toBeUndefined();
}

const nucleus = (label: string, Z: number, N: number, massMeV: number, d: number) => ({
  label,
  Z,
  N,
  A: Z + N,
  massMeV,
  atomsPerFormulaUnit: 1,
  decoherentXi: d,
});

/** ε = 0.045; d for Cs-133 and I-127 (coherency.decoherentXi). */
const CS = nucleus('Cs-133', 55, 78, 123772.5397, 0.01369407856);
const I = nucleus('I-127', 53, 74, 118183.6834, 0.01444951082);

const countsBin = (lo: number, nOn: number, nOff: number) => ({
  observableLo: lo,
  observableHi: lo + 2,
  tLoKeV: lo,
  tHiKeV: lo + 2,
  q2LoMeV2: 240 * lo,
  q2HiMeV2: 240 * (lo + 2),
  nOn,
  nOff,
  tau: 1,
  beamBackground: 0.5,
  sCoh: 30,
  sHelm: 18,
  nuclei: [
    { label: 'Cs-133', sCoh: 15.5, sHelm: 9.2, q2LoMeV2: 245 * lo, q2HiMeV2: 245 * (lo + 2) },
    { label: 'I-127', sCoh: 14.5, sHelm: 8.8, q2LoMeV2: 235 * lo, q2HiMeV2: 235 * (lo + 2) },
  ],
});

/** A small valid "counts" dataset (a fresh object on every call, so tests may mutate it). */
export function validCountsDataset(): Record<string, unknown> & { bins: Record<string, unknown>[] } {
  return {
    $schemaVersion: '1.0.0',
    kind: 'counts',
    experiment: 'EXAMPLE',
    id: 'example-counts',
    title: 'Example counts dataset',
    publication: {
      citation: 'A. Author et al., Journal 1, 1 (2020)',
      arXiv: '2001.00001',
      doi: '10.0000/example',
    },
    provenance: {
      dataRecordDoi: '10.5281/zenodo.0000000',
      files: ['counts.txt'],
      generator: 'hand-written test',
    },
    target: { label: 'CsI', massKg: 14.57, nuclei: [CS, I] },
    epsilon: 0.045,
    observable: { name: 'photoelectrons', unit: 'PE' },
    analysisChoices: { timeWindow: { value: [0, 6], unit: 'us' }, note: { value: 'free text' } },
    signalNormRelUncertainty: 0.18,
    beamBackgroundRelUncertainty: 0.25,
    bins: [countsBin(10, 90, 67), countsBin(12, 74, 49), countsBin(14, 60, 39), countsBin(16, 49, 32)],
  };
}

/** A small valid "xi" dataset. */
export function validXiDataset(): Record<string, unknown> & { bins: Record<string, unknown>[] } {
  return {
    $schemaVersion: '1.0.0',
    kind: 'xi',
    experiment: 'EXAMPLE',
    id: 'example-xi',
    title: 'Example ξ dataset',
    publication: {
      citation: 'A. Author et al., Journal 1, 1 (2020)',
      arXiv: '2001.00001',
      doi: '10.0000/example',
    },
    provenance: {
      dataRecordDoi: '10.5281/zenodo.0000000',
      files: ['xi.txt'],
      generator: 'hand-written test',
    },
    target: { label: 'CsI', nuclei: [CS, I] },
    epsilon: 0.045,
    bins: [
      { q2LoMeV2: 2000, q2HiMeV2: 2500, xi: 0.7, sigma: 0.3 },
      { q2LoMeV2: 2500, q2HiMeV2: 3000, q2CentreMeV2: 2750, xi: 0.6, sigmaLo: 0.2, sigmaHi: 0.3 },
    ],
  };
}
