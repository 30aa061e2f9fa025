/**
 * The shipped XENONnT ⁸B efficiency fixture: regenerated from the public release (skipped when
 * ../shared/data/xenonnt-8b is absent) it must equal the committed file to its 10 significant digits;
 * and its content is what the release says (efficiency = sum over the 81 bins of each mono template,
 * exposures, exposure-weighted mean).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveDataDir } from '../../src/data/index.js';
import {
  buildXenonnt8bEfficiency,
  loadXenonntEfficiency,
  xenonntEfficiencyPath,
  XENONNT_RUNS,
} from '../../src/data/setup.js';
import { roundNumbersDeep, stableJson } from '../../src/data/stableJson.js';
import { expectRelClose } from '../helpers.js';
import { noteSkippedShared, sharedTitle } from '../sharedData.js';

const releaseDir = join(resolveDataDir(process.env.COHERENCY_DATA_DIR), 'xenonnt-8b');

describe.skipIf(!existsSync(releaseDir))(sharedTitle('xenonnt-8b', 'regeneration from the release'), () => {
  test('buildXenonnt8bEfficiency reproduces fixtures/xenonnt-8b-efficiency.json byte for byte', async () => {
    const rebuilt = await buildXenonnt8bEfficiency(releaseDir);
    expect(stableJson(rebuilt)).toBe(readFileSync(xenonntEfficiencyPath(), 'utf8'));
    // And numerically (half a unit in the 10th digit), in case of a formatting change.
    const shipped = loadXenonntEfficiency();
    const r = roundNumbersDeep(rebuilt);
    r.exposureWeighted.forEach((v, i) => expectRelClose(v, shipped.exposureWeighted[i]!, 5e-10, 1e-300));
  });
});

describe('fixture content', () => {
  const fx = loadXenonntEfficiency();

  test('46 energies 0.5 … 5.0 keV_nr in steps of 0.1; release exposures', () => {
    expect(fx.energiesKeV).toHaveLength(46);
    fx.energiesKeV.forEach((e, i) => expect(e).toBeCloseTo(0.5 + 0.1 * i, 12));
    expect(fx.runs.sr0.exposureTonneYear).toBe(1.174398);
    expect(fx.runs.sr1.exposureTonneYear).toBe(2.342593);
    expect(fx.runs.sr2.exposureTonneYear).toBe(3.249665);
    expect(fx.provenance.dataRecordDoi).toBe('10.5281/zenodo.20576156');
  });

  test('efficiency rises from ~1e-4 at 0.5 keV_nr to ~0.1 at 5 keV_nr; exposure-weighted = weighted mean', () => {
    for (const r of XENONNT_RUNS) {
      const e = fx.runs[r].efficiency;
      expect(e[0]!).toBeLessThan(1e-3);
      expect(e.at(-1)!).toBeGreaterThan(0.1);
      expect(e.at(-1)!).toBeLessThan(0.2);
    }
    const total = XENONNT_RUNS.reduce((s, r) => s + fx.runs[r].exposureTonneYear, 0);
    fx.exposureWeighted.forEach((v, i) => {
      const mean =
        XENONNT_RUNS.reduce((s, r) => s + fx.runs[r].exposureTonneYear * fx.runs[r].efficiency[i]!, 0) /
        total;
      expectRelClose(v, mean, 1e-9, 1e-300);
    });
  });
});

noteSkippedShared('xenonnt-8b', 'XENONnT ⁸B efficiency regeneration');
