/**
 * The setup format: presets validate; bad setups are rejected with ONE line naming the field
 * (negative mass, threshold above the kinematic end point, unknown target, missing unit, …);
 * units and quenching conversions.
 */
import { describe, expect, test } from 'vitest';
import {
  lindhardDefaultK,
  lindhardQuenching,
  loadSetup,
  parseExposure,
  recoilOfElectronEquivalent,
  electronEquivalentOf,
} from '../../src/data/setup.js';
import { SpecError } from '../../src/errors.js';
import { isotope, SECONDS_PER_YEAR } from '../../src/physics/index.js';
import { PRESET_NAMES, presetSetup, presetSetupJson } from '../../src/sensitivity/index.js';

const BASE = {
  $schemaVersion: '1.0.0',
  name: 'test',
  target: { name: 'Ge-nat' },
  mass: '1 kg',
  liveTime: '1 yr',
  source: { kind: 'reactor', flux: '1e13 cm-2 s-1' },
  threshold: '0.3 keVnr',
};

/** The SpecError thrown by loading `raw`, checked to be one line. */
function rejection(raw: unknown): SpecError {
  try {
    loadSetup(raw, 'bad.json');
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    const err = e as SpecError;
    expect(err.message).not.toMatch(/\n/);
    expect(err.message.startsWith('bad.json: ')).toBe(true);
    return err;
  }
  throw new Error('expected the setup to be rejected');
}

describe('presets', () => {
  test.each(PRESET_NAMES)('%s validates and resolves', (name) => {
    const s = presetSetup(name);
    expect(s.name).toBe(name);
    expect(s.binEdgesKeV.length).toBeGreaterThan(1);
    expect(s.exposureKgS).toBeGreaterThan(0);
  });

  test('a preset round-trips through JSON (what --json records)', () => {
    const json = JSON.parse(JSON.stringify(presetSetupJson('ge-reactor'))) as unknown;
    expect(loadSetup(json, 'copy.json').thresholdKeV).toBeCloseTo(0.2, 12);
  });
});

describe('bad setups name the field (one line, SpecError invalid_setup)', () => {
  test('negative mass', () => {
    const e = rejection({ ...BASE, mass: { value: -1, unit: 'kg' } });
    expect(e.code).toBe('invalid_setup');
    expect(e.path).toEqual(['mass', 'value']);
    expect(e.message).toMatch(/mass\.value: -1 kg is not positive; expected a mass > 0/);
  });

  test('threshold above the kinematic end point', () => {
    // Huber–Mueller to 10 MeV on Ge-70: T_max = 2E²/(M + 2E) = 3.07 keV_nr.
    const e = rejection({ ...BASE, threshold: '5 keVnr' });
    expect(e.path).toEqual(['threshold']);
    expect(e.message).toMatch(
      /threshold: 5 keVnr is above the kinematic end point T_max = 3\.07\d* keVnr of the 10\.00 MeV neutrinos on Ge-70/,
    );
  });

  test('threshold in keVee above the end point names the recoil energy too', () => {
    const e = rejection({ ...BASE, threshold: '1 keVee', quenching: { model: 'lindhard' } });
    expect(e.path).toEqual(['threshold']);
    expect(e.message).toMatch(/keVnr on Ge-70\) is above the kinematic end point/);
  });

  test('unknown target', () => {
    const e = rejection({ ...BASE, target: { name: 'Unobtainium' } });
    expect(e.path).toEqual(['target', 'name']);
    expect(e.message).toMatch(/unknown target "Unobtainium"; expected Ar, Ge, Xe/);
  });

  test('missing unit: a bare number', () => {
    const e = rejection({ ...BASE, mass: 1 });
    expect(e.path).toEqual(['mass']);
    expect(e.message).toMatch(/mass: 1 has no unit \(missing unit\)/);
  });

  test('missing unit: an object without "unit"', () => {
    const e = rejection({ ...BASE, liveTime: { value: 1 } });
    expect(e.path).toEqual(['liveTime', 'unit']);
    expect(e.message).toMatch(/liveTime\.unit: missing unit/);
  });

  test('missing unit: an energy without its scale (nr or ee)', () => {
    const e = rejection({ ...BASE, threshold: '300 eV' });
    expect(e.path).toEqual(['threshold']);
    expect(e.message).toMatch(/unknown unit "eV" for a threshold \(say which scale/);
  });

  test('missing field', () => {
    const { mass: _m, ...noMass } = BASE;
    const e = rejection(noMass);
    expect(e.path).toEqual(['mass']);
    expect(e.message).toMatch(/mass: is missing/);
  });

  test('keVee without a quenching model', () => {
    const e = rejection({ ...BASE, threshold: '200 eVee' });
    expect(e.path).toEqual(['quenching']);
  });

  test('unknown source kind, unknown field, bad fission fractions', () => {
    expect(rejection({ ...BASE, source: { kind: 'supernova' } }).path).toEqual(['source', 'kind']);
    expect(rejection({ ...BASE, colour: 'red' }).message).toMatch(/unknown field "colour"/);
    const ff = { U235: 0.5, U238: 0.1, Pu239: 0.1, Pu241: 0.1 };
    expect(rejection({ ...BASE, source: { ...BASE.source, fissionFractions: ff } }).path).toEqual([
      'source',
      'fissionFractions',
    ]);
  });

  test('reactor with both flux and power, and with power but no distance', () => {
    const both = { kind: 'reactor', flux: '1e13 cm-2 s-1', thermalPower: '2.9 GW', distance: '28 m' };
    expect(rejection({ ...BASE, source: both }).path).toEqual(['source', 'thermalPower']);
    expect(rejection({ ...BASE, source: { kind: 'reactor', thermalPower: '2.9 GW' } }).path).toEqual([
      'source',
      'distance',
    ]);
  });

  test('bins below the threshold; bins in another energy scale; background in another scale', () => {
    expect(rejection({ ...BASE, binning: { unit: 'keVnr', edges: [0.1, 1] } }).path).toEqual([
      'binning',
      'edges',
      0,
    ]);
    const q = { model: 'lindhard' };
    expect(rejection({ ...BASE, quenching: q, binning: { unit: 'keVee', bins: 3 } }).path).toEqual([
      'binning',
      'unit',
    ]);
    const bg = { kind: 'flat', rate: '1 counts/(keVee·kg·day)', uncertainty: { kind: 'known' } };
    expect(rejection({ ...BASE, quenching: q, background: bg }).path).toEqual(['background', 'rate']);
  });

  test('a wrong rate unit', () => {
    const bg = { kind: 'flat', rate: '1 counts/kg', uncertainty: { kind: 'known' } };
    expect(rejection({ ...BASE, background: bg }).message).toMatch(/unknown rate unit "counts\/kg"/);
  });
});

describe('target and source forms', () => {
  test('enriched isotopes, a compound, a tabulated source (inline), a user α(q²) table', () => {
    const enriched = loadSetup(
      { ...BASE, target: { element: 'Ge', isotopes: { '76': 0.88, '74': 0.12 } } },
      'a',
    );
    expect(enriched.nuclei.map((n) => n.label)).toEqual(['Ge-74', 'Ge-76']);
    expect(rejection({ ...BASE, target: { element: 'Ge', isotopes: { '76': 0.5 } } }).path).toEqual([
      'target',
      'isotopes',
    ]);
    expect(rejection({ ...BASE, target: { element: 'Ge', isotopes: { '99': 1 } } }).path).toEqual([
      'target',
      'isotopes',
      '99',
    ]);
    const csi = loadSetup({ ...BASE, target: { compound: { Cs: 1, I: 1 } } }, 'b');
    expect(csi.nuclei.map((n) => n.label)).toEqual(['Cs-133', 'I-127']);
    const spectrum = {
      $schemaVersion: '1.0.0',
      name: 'toy',
      energyUnit: 'MeV',
      densityUnit: 'relative',
      fluxPerCm2PerS: 1e12,
      points: [
        [1, 1],
        [8, 0],
      ],
    };
    const tab = loadSetup({ ...BASE, source: { kind: 'tabulated', spectrum } }, 'c');
    expect(tab.spectrum.components[0]!.fluxPerCm2PerS).toBe(1e12);
    const model = { kind: 'alphaTable', q2MeV2: [0, 400], alpha: [1, 0.8] };
    const m = loadSetup({ ...BASE, model }, 'd').model.gamma;
    expect(
      m.kind === 'alpha' && typeof m.alpha === 'function' ? m.alpha(200, csi.nuclei[0]!) : NaN,
    ).toBeCloseTo(0.9, 12);
  });
});

describe('units and quenching', () => {
  test('quantities: object and string forms agree; conversions to kg and s', () => {
    const a = loadSetup({ ...BASE, mass: '2 t', liveTime: { value: 30, unit: 'day' } }, 'a');
    expect(a.massKg).toBe(2000);
    expect(a.liveTimeS).toBe(30 * 86_400);
  });

  test('exposure strings', () => {
    expect(parseExposure('10 kg·yr')?.kgS).toBeCloseTo(10 * SECONDS_PER_YEAR, 6);
    expect(parseExposure('3 t yr')?.kgS).toBeCloseTo(3000 * SECONDS_PER_YEAR, 3);
    expect(parseExposure('365 kg*day')?.kgS).toBe(365 * 86_400);
    expect(parseExposure('10')).toBeUndefined();
    expect(parseExposure('-1 kg·yr')).toBeUndefined();
  });

  test("Lindhard's k = 0.133 Z^(2/3) A^(-1/2): 0.157 for Ge, 0.166 for Xe (the issue's values)", () => {
    expect(lindhardDefaultK({ Z: 32, A: 72.63 })).toBeCloseTo(0.157, 3);
    expect(lindhardDefaultK({ Z: 54, A: 131.29 })).toBeCloseTo(0.166, 3);
  });

  test('Lindhard QF on Ge: rises with T, ~0.2 at 1–2 keV_nr; the inverse round-trips', () => {
    const ge = isotope('Ge', 74)!;
    const q = { model: 'lindhard', k: 0.157 } as const;
    expect(lindhardQuenching(1, ge, 0.157)).toBeGreaterThan(0.15);
    expect(lindhardQuenching(1, ge, 0.157)).toBeLessThan(0.2);
    expect(lindhardQuenching(2, ge, 0.157)).toBeGreaterThan(lindhardQuenching(1, ge, 0.157));
    for (const t of [0.01, 0.5, 1.2, 5, 50]) {
      const e = electronEquivalentOf(q, t, ge);
      expect(Math.abs(recoilOfElectronEquivalent(q, e, ge) - t)).toBeLessThan(1e-12 * t);
    }
  });
});
