/**
 * Regenerate fixtures/spectra-derived.json (the solar ⁸B/hep tables and the all-sky atmospheric flux
 * that `table`, `figures` and setups use) from ../shared/data/spectra — see src/data/spectrumTables.ts
 * for what is derived and how. Spectra directory: $COHERENCY_DATA_DIR/spectra, else
 * <repo>/../shared/data/spectra. Deterministic: rerunning gives identical bytes (a test checks this).
 * Run: npx tsx scripts/build-spectra-fixture.ts
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, resolveDataDir } from '../src/data/repoPaths.js';
import { stableJson } from '../src/data/stableJson.js';
import { buildSpectraFixture, SPECTRA_FIXTURE_FILE } from '../src/data/spectrumTables.js';

const dir = join(resolveDataDir(process.env.COHERENCY_DATA_DIR), 'spectra');
const fixture = buildSpectraFixture(dir);
const path = join(repoRoot(), 'fixtures', SPECTRA_FIXTURE_FILE);
// Write to a temporary file and rename, so a failure never leaves a half-written fixture.
writeFileSync(`${path}.tmp`, stableJson(fixture));
renameSync(`${path}.tmp`, path);
console.log(
  `${SPECTRA_FIXTURE_FILE}: b8 ${fixture.b8.eMeV.length}, hep ${fixture.hep.eMeV.length}, atmospheric ${fixture.atmospheric.eMeV.length} energies (from ${dir})`,
);
