/**
 * Regenerate fixtures/xenonnt-8b-efficiency.json from the XENONnT ⁸B data release
 * (doi:10.5281/zenodo.20576156, CC-BY 4.0; src/data/xenonnt8bRelease.ts explains what is derived).
 * Data directory: $COHERENCY_DATA_DIR, else <repo>/../shared/data; the release is its `xenonnt-8b`
 * folder. Output is deterministic (numbers rounded to 10 significant digits, no timestamps).
 * Run: npx tsx scripts/build-xenonnt-fixture.ts
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, resolveDataDir } from '../src/data/repoPaths.js';
import { stableJson } from '../src/data/stableJson.js';
import { buildXenonnt8bEfficiency } from '../src/data/xenonnt8bRelease.js';
import { XENONNT_EFFICIENCY_FILE, XENONNT_RUNS } from '../src/data/xenonntEfficiency.js';

const releaseDir = join(resolveDataDir(process.env.COHERENCY_DATA_DIR), 'xenonnt-8b');
const fixture = await buildXenonnt8bEfficiency(releaseDir);
const path = join(repoRoot(), 'fixtures', XENONNT_EFFICIENCY_FILE);
// Temporary file + rename: a failure never leaves a half-written fixture.
writeFileSync(`${path}.tmp`, stableJson(fixture));
renameSync(`${path}.tmp`, path);
const at = (e: number) => fixture.energiesKeV.findIndex((x) => Math.abs(x - e) < 1e-9);
console.log(
  `${XENONNT_EFFICIENCY_FILE}: ${fixture.energiesKeV.length} energies ${fixture.energiesKeV[0]}–${fixture.energiesKeV.at(-1)} keV_nr; ` +
    XENONNT_RUNS.map(
      (r) =>
        `${r} ε(1, 2, 5 keV_nr) = ${[1, 2, 5].map((e) => fixture.runs[r].efficiency[at(e)]!.toFixed(4)).join(', ')}`,
    ).join('; '),
);
