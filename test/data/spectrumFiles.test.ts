import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeWithShared, sharedPath } from '../sharedData.js';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { SpecError, ToolkitError } from '../../src/errors.js';
import {
  defaultSpectraDir,
  loadSharedSpectrum,
  packageRoot,
  parseAtmosphericTable,
  parseTwoColumnSpectrum,
  parseUserSpectrumCsv,
  parseUserSpectrumJson,
  readTwoColumnSpectrum,
  readUserSpectrum,
  SPECTRA_DIR_ENV,
} from '../../src/data/spectrumFiles.js';
import { totalFlux, type ContinuumComponent } from '../../src/physics/sources/index.js';
import { expectRelClose } from '../helpers.js';

/** Run `f`, expect a SpecError('invalid_spectrum') and return its message. */
function specErrorMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    expect((e as SpecError).code).toBe('invalid_spectrum');
    return (e as SpecError).message;
  }
  throw new Error('expected a SpecError');
}

const only = (s: { components: readonly unknown[] }) => s.components[0] as ContinuumComponent;

describe('spectra directory', () => {
  afterAll(() => vi.unstubAllEnvs());
  test('package root holds the project package.json; default dir is <root>/../shared/data/spectra', () => {
    expect(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).name).toBe(
      'cevns-coherency',
    );
    vi.stubEnv(SPECTRA_DIR_ENV, '');
    expect(defaultSpectraDir()).toBe(resolve(packageRoot(), '..', 'shared', 'data', 'spectra'));
  });
  test('override argument, then $COHERENCY_SPECTRA_DIR', () => {
    vi.stubEnv(SPECTRA_DIR_ENV, '/tmp/elsewhere');
    expect(defaultSpectraDir()).toBe('/tmp/elsewhere');
    expect(defaultSpectraDir('/x/y')).toBe('/x/y');
    vi.unstubAllEnvs();
  });
});

describeWithShared('spectra', 'shared tables (README values)', () => {
  const dir = sharedPath('spectra');
  // spectra/README.md: b8.csv 0.02–16.02 MeV in 0.02 steps (801 rows), integral 5.58e6; hep.csv 1000 rows,
  // 0.0188–20 MeV, integral 8.04e3. Quoted to 3 digits: tolerance half a unit of the last digit.
  test('b8.csv and hep.csv', () => {
    const b8 = readTwoColumnSpectrum(join(dir, 'b8.csv'));
    expect(b8.eMeV.length).toBe(801);
    expect(Math.abs(totalFlux(loadSharedSpectrum('b8', dir)) - 5.58e6)).toBeLessThan(0.005e6);
    const hep = loadSharedSpectrum('hep', dir);
    expect(Math.abs(totalFlux(hep) - 8.04e3)).toBeLessThan(0.005e3);
    expect(only(hep).eMaxMeV).toBe(20);
  });
  test('atmospheric tables: 40 zenith bins × 80 (extrapolated) and 61 energies', () => {
    const rows = parseAtmosphericTable(
      readFileSync(join(dir, 'atmos_extrapolated.txt'), 'utf8'),
      'atmos_extrapolated.txt',
    );
    expect(rows.length).toBe(3200);
    expect(Math.abs(totalFlux(loadSharedSpectrum('atmos', dir)) - 3.37)).toBeLessThan(0.005);
  });
});

describe('two-column tables', () => {
  test('headers, comments and blank lines are skipped', () => {
    const t = parseTwoColumnSpectrum('# comment\nE [MeV],flux\n\n1, 2\n2,4\n 3 6\n', 't.csv');
    expect(t).toEqual({ eMeV: [1, 2, 3], density: [2, 4, 6] });
  });
  test.each([
    ['1,2\n2,abc\n', `t.csv line 2: field 'density' = "abc" is not a finite number`],
    ['1,2\n2,-4\n', `t.csv line 2: field 'density' = -4`],
    ['1,2\n1,4\n', `t.csv line 2: field 'eMeV' = 1 is not greater than the previous energy 1`],
    ['1,2\n2,4,5\n', 't.csv line 2: 3 fields; expected 2 (eMeV, density)'],
    ['x,y\n1,2\n', 't.csv: fewer than 2 data rows'],
  ])('bad input %j → message names row and field', (text, message) => {
    expect(specErrorMessage(() => parseTwoColumnSpectrum(text, 't.csv'))).toContain(message);
  });
});

describe('atmospheric layout', () => {
  const row = (e: number, c: number, mu = '1') => `${e},${c},1,${mu},0,1,1,0`;
  test('a complete grid parses; rows carry the six fluxes', () => {
    const rows = parseAtmosphericTable(
      [row(10, 0.5), row(10, -0.5), row(20, 0.5), row(20, -0.5)].join('\n'),
      'a.txt',
    );
    expect(rows[0]).toEqual({ eMeV: 10, cosZenith: 0.5, fluxPerCm2PerSPerSrPerMeV: [1, 1, 0, 1, 1, 0] });
  });
  test.each([
    [[row(10, 0.5), row(10, -0.5, 'nan?')], `a.txt line 2: field 'nuMu' = "nan?" is not a finite number`],
    [[row(10, 1.5)], `a.txt line 1: field 'cosZenith' = 1.5`],
    [[row(10, 0.5), row(10, 0.5)], `a.txt line 2: field 'cosZenith' repeats (E, cosθ) = (10, 0.5) of line 1`],
    [[row(10, 0.5), row(10, -0.5), row(20, 0.5)], 'a.txt: 3 rows do not form a complete grid'],
  ])('bad table → message names line and field (%#)', (lines, message) => {
    expect(specErrorMessage(() => parseAtmosphericTable(lines.join('\n'), 'a.txt'))).toContain(message);
  });
});

describe('user spectra', () => {
  const base = {
    $schemaVersion: '1.0.0',
    name: 'my source',
    energyUnit: 'keV',
    densityUnit: 'per_cm2_per_s_per_keV',
  };
  test('JSON in keV and per keV is converted to MeV: flux = ∫ and pdf in MeV⁻¹', () => {
    const s = parseUserSpectrumJson(
      JSON.stringify({
        ...base,
        points: [
          [1000, 1],
          [3000, 1],
        ],
      }),
      'u.json',
    );
    expectRelClose(totalFlux(s), 2000, 1e-14); // 1 per keV over 2000 keV
    expect(only(s).eMinMeV).toBe(1);
    expectRelClose(only(s).pdf(2), 0.5, 1e-14);
  });
  test('relative densities take the given total flux', () => {
    const s = parseUserSpectrumJson(
      JSON.stringify({
        ...base,
        densityUnit: 'relative',
        fluxPerCm2PerS: 1e5,
        points: [
          [1, 1],
          [2, 3],
        ],
      }),
      'u.json',
    );
    expect(totalFlux(s)).toBe(1e5);
  });
  test.each([
    [
      {
        ...base,
        densityUnit: 'relative',
        points: [
          [1, 1],
          [2, 3],
        ],
      },
      'u.json: fluxPerCm2PerS: densityUnit "relative" needs fluxPerCm2PerS',
    ],
    [
      {
        ...base,
        points: [
          [1, 1],
          [3, 1],
          [2, 1],
        ],
      },
      'u.json: points[2][0]: energy 2 must be greater than',
    ],
    [
      {
        ...base,
        points: [
          [1, 1],
          [2, -1],
        ],
      },
      'u.json: points[1][1]: density -1 must be ≥ 0',
    ],
    [{ ...base, points: [[1, 1]] }, 'needs at least 2 points'],
    [
      {
        ...base,
        energyUnit: 'GeV',
        points: [
          [1, 1],
          [2, 1],
        ],
      },
      'u.json: energyUnit',
    ],
    [
      {
        ...base,
        extra: 1,
        points: [
          [1, 1],
          [2, 1],
        ],
      },
      'Unrecognized key',
    ],
    [
      {
        ...base,
        $schemaVersion: '2.0.0',
        points: [
          [1, 1],
          [2, 1],
        ],
      },
      'u.json: $schemaVersion',
    ],
  ])('invalid JSON spec %# → message names the field', (spec, message) => {
    expect(specErrorMessage(() => parseUserSpectrumJson(JSON.stringify(spec), 'u.json'))).toContain(message);
  });
  test('malformed JSON', () => {
    expect(specErrorMessage(() => parseUserSpectrumJson('{', 'u.json'))).toContain('u.json: not valid JSON');
  });
  test('CSV with directives; errors name the CSV line', () => {
    const head = '# energyUnit: MeV\n# densityUnit: per_cm2_per_s_per_MeV\nE,flux\n';
    const s = parseUserSpectrumCsv(`${head}1,2\n2,2\n`, 'my.csv');
    expect(s.name).toBe('my');
    expectRelClose(totalFlux(s), 2, 1e-14);
    expect(specErrorMessage(() => parseUserSpectrumCsv(`${head}1,2\n0.5,2\n`, 'my.csv'))).toContain(
      "my.csv: line 5, field 'energy': energy 0.5 must be greater",
    );
    expect(specErrorMessage(() => parseUserSpectrumCsv(`${head}1,2\n2,x\n`, 'my.csv'))).toContain(
      `my.csv line 5: field 'density' = "x"`,
    );
    expect(specErrorMessage(() => parseUserSpectrumCsv('1,2\n2,2\n', 'my.csv'))).toContain(
      "directive 'energyUnit'",
    );
  });
  test('files: .json and .csv by extension; a missing file is an io_error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spectra-'));
    try {
      writeFileSync(
        join(dir, 's.json'),
        JSON.stringify({
          ...base,
          points: [
            [1, 1],
            [2, 1],
          ],
        }),
      );
      writeFileSync(
        join(dir, 's.csv'),
        '# energyUnit: keV\n# densityUnit: relative\n# fluxPerCm2PerS: 10\n1,1\n2,1\n',
      );
      expect(totalFlux(readUserSpectrum(join(dir, 's.json')))).toBe(1);
      expect(totalFlux(readUserSpectrum(join(dir, 's.csv')))).toBe(10);
      expect(() => readUserSpectrum(join(dir, 'none.json'))).toThrow(ToolkitError);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
