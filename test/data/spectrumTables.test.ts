import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  buildSpectraFixture,
  loadPaperSpectra,
  packageRoot,
  shippedSpectrumTables,
  SPECTRA_DIR_ENV,
  SPECTRA_FIXTURE_FILE,
  spectrumTables,
} from '../../src/data/index.js';
import { stableJson } from '../../src/data/stableJson.js';
import { totalFlux } from '../../src/physics/index.js';
import { describeWithShared, sharedPath } from '../sharedData.js';

const fixturePath = join(packageRoot(), 'fixtures', SPECTRA_FIXTURE_FILE);

describeWithShared('spectra', 'fixtures/spectra-derived.json from ../shared/data/spectra', () => {
  test('scripts/build-spectra-fixture.ts regenerates the shipped fixture byte for byte', () => {
    expect(stableJson(buildSpectraFixture(sharedPath('spectra')))).toBe(readFileSync(fixturePath, 'utf8'));
  });

  test('Table II from the fixture equals Table II from the original tables (10-digit rounding: 1e-9)', () => {
    const fromFixture = loadPaperSpectra();
    const fromTables = loadPaperSpectra({ spectraDir: sharedPath('spectra') });
    for (const k of ['solar', 'atmospheric'] as const) {
      const a = totalFlux(fromFixture[k]);
      const b = totalFlux(fromTables[k]);
      expect(Math.abs(a - b) / b).toBeLessThan(1e-9);
    }
  });
});

describe('the shipped spectra fixture (no ../shared needed)', () => {
  afterEach(() => vi.unstubAllEnvs());

  test('is the default; the README integrals hold: ⁸B 5.58e6, hep 8.04e3, atmospheric 7.86 cm⁻² s⁻¹', () => {
    vi.stubEnv(SPECTRA_DIR_ENV, '');
    const t = spectrumTables();
    expect(t.origin).toMatch(/shipped fixture/);
    // ../shared/data/spectra/README.md, quoted to 3 digits: tolerance half a unit of the last digit.
    const trapezoid = (x: readonly number[], y: readonly number[]) =>
      x.slice(1).reduce((s, xi, i) => s + 0.5 * (xi - x[i]!) * (y[i + 1]! + y[i]!), 0);
    expect(Math.abs(trapezoid(t.b8.eMeV, t.b8.density) - 5.58e6)).toBeLessThan(0.005e6);
    expect(Math.abs(trapezoid(t.hep.eMeV, t.hep.density) - 8.04e3)).toBeLessThan(0.005e3);
    expect(Math.abs(totalFlux(loadPaperSpectra().atmospheric) - 7.86)).toBeLessThan(0.005);
    expect(shippedSpectrumTables().atmospheric.eMeV[0]).toBe(10);
  });

  test('a missing --spectra directory names the file it could not read', () => {
    expect(() => spectrumTables('/nonexistent-spectra')).toThrow(
      /spectrum file "\/nonexistent-spectra\/b8\.csv": no such file or directory/,
    );
  });
});
