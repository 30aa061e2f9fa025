/**
 * COHERENT CENNS-10 Ar 2020, the 1-D counts dataset: the builder (regenerates the committed fixture) and
 * the Standard-Model cross-check against the collaboration's predicted 128 ± 17 CEvNS events. The
 * release reader is tested in test/data/releases/coherentAr2020Reader.test.ts.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildCoherentAr2020Dataset } from '../../src/data/coherentAr2020.js';
import { parseDataset, type CountsDataset } from '../../src/data/dataset.js';
import { RELEASE_FOLDERS } from '../../src/data/repoPaths.js';
import { expectRelClose } from '../helpers.js';
import { DATA_DIR, HAVE_DATA, expectSameAsFixture, readFixture } from './datasetTestKit.js';
import { noteSkippedShared, sharedTitle } from '../sharedData.js';

const FOLDER = RELEASE_FOLDERS.coherentAr2020;
const DIR = join(DATA_DIR, FOLDER);
const FIXTURE = 'coherent-ar-2020.json';

test('the committed fixture is a valid dataset', () => {
  const ds = parseDataset(readFixture(FIXTURE), FIXTURE);
  expect(ds.provenance.dataRecordDoi).toBe('10.5281/zenodo.3903810');
});

describe.skipIf(!HAVE_DATA(FOLDER))(sharedTitle(FOLDER, `COHERENT Ar 2020 from ${DIR}`), () => {
  // Read inside beforeAll: a skipped describe still runs its body to collect the tests.
  let built: CountsDataset;
  beforeAll(() => {
    built = buildCoherentAr2020Dataset(DIR);
  });

  test('regenerating from the release reproduces the committed fixture', () => {
    expectSameAsFixture(built, readFixture(FIXTURE));
  });

  test('bins carry the release counts: Σ nOn = 3752 and nOff = round(5.032·b_SS) over the full window', () => {
    expect(built.bins.reduce((s, b) => s + b.nOn, 0)).toBe(3752);
    const b = built.bins.reduce((s, x) => s + x.nOff! / x.tau!, 0);
    expectRelClose(b, 3152, 1e-3); // rounding moves each bin by ≤ 0.5/5.032 event
    expectRelClose(
      built.bins.reduce((s, x) => s + x.beamBackground, 0),
      497 + 33,
      2e-3,
    );
  });

  test("SM (Helm) prediction over the release agrees with COHERENT's 128 ± 17 within its 1σ", () => {
    // The collaboration's own uncertainty on its prediction, 17/128 = 13.3 %, is the tolerance: our
    // inputs are its central values, and a unit, flux or nucleus mistake would be far larger.
    const check = built.crossChecks![0]!;
    expect(check.reference).toBe(128);
    expect(Math.abs(check.ratio - 1)).toBeLessThan(17 / 128);
  });

  test('a time window and an F90 cut reduce the signal by the release CEvNS pdf fractions', () => {
    const cut = buildCoherentAr2020Dataset(DIR, { timeWindowUs: [-0.1, 1.9], f90Range: [0.6, 0.9] });
    const ratio = cut.bins[0]!.sCoh / built.bins[0]!.sCoh;
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.9);
    expect(cut.bins[0]!.nOn).toBeLessThan(built.bins[0]!.nOn);
  });

  test('bad options are rejected with the option named', () => {
    expect(() => buildCoherentAr2020Dataset(DIR, { energyEdgesKeVee: [0, 15, 30] })).toThrow(
      /energyEdgesKeVee/,
    );
    expect(() => buildCoherentAr2020Dataset(DIR, { f90Range: [0.7, 0.7] })).toThrow(/f90Range/);
  });
});

noteSkippedShared(FOLDER, 'COHERENT Ar 2020 regeneration');
