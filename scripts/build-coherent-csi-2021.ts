/**
 * Regenerate fixtures/coherent-csi-2021.json (a "template" dataset: pyhf workspace + true-q² bands) from
 * the COHERENT CsI[Na] 2021 release (Akimov et al., PRL 129, 081801 (2022), arXiv:2110.07730; no
 * data-record DOI established) with the default analysis choices of
 * src/data/releases/coherentCsi2021/options.ts. Data directory: $COHERENCY_DATA_DIR, else
 * <repo>/../shared/data. Deterministic (numbers rounded to 10 significant digits, no timestamps).
 * Run: npx tsx scripts/build-coherent-csi-2021.ts
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCoherentCsi2021Dataset } from '../src/data/releases/coherentCsi2021/index.js';
import { RELEASE_FOLDERS, repoRoot, resolveDataDir } from '../src/data/repoPaths.js';
import { stableJson } from '../src/data/stableJson.js';

const FILE = 'coherent-csi-2021.json';
const ds = buildCoherentCsi2021Dataset(
  join(resolveDataDir(process.env.COHERENCY_DATA_DIR), RELEASE_FOLDERS.coherentCsi2021),
);
const path = join(repoRoot(), 'fixtures', FILE);
// Temporary file + rename: a failure never leaves a half-written fixture.
writeFileSync(`${path}.tmp`, stableJson(ds));
renameSync(`${path}.tmp`, path);
const helm = ds.bands.reduce((s, b) => s + b.nuclei.reduce((t, n) => t + (n.sHelm ?? 0), 0), 0);
console.log(
  `${FILE}: ${ds.bands.length} bands; SM (Helm) prediction ${helm.toFixed(1)} CEvNS events; ` +
    ds.bands.map((b) => `${b.poi} ${b.nuclei.reduce((t, n) => t + (n.sHelm ?? 0), 0).toFixed(1)}`).join(', '),
);
