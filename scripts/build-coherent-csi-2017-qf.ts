/**
 * Regenerate fixtures/coherent-csi-2017-qf.json: the COHERENT CsI[Na] 2017 release (Akimov et al.,
 * Science 357, 1123 (2017), arXiv:1708.01294; data record doi:10.5281/zenodo.1228631, release note
 * arXiv:1804.09459) as a "template" dataset with the quenching factor as a shape systematic (histosys
 * from the response at QF ± 1σ), with the default analysis choices of
 * src/data/releases/coherentCsi2017/options.ts (those of today's counts dataset). Data directory:
 * $COHERENCY_DATA_DIR, else <repo>/../shared/data. Deterministic (10 significant digits, no timestamps).
 * Run: npx tsx scripts/build-coherent-csi-2017-qf.ts
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCoherentCsi2017QfDataset } from '../src/data/releases/coherentCsi2017/index.js';
import { RELEASE_FOLDERS, repoRoot, resolveDataDir } from '../src/data/repoPaths.js';
import { stableJson } from '../src/data/stableJson.js';

const FILE = 'coherent-csi-2017-qf.json';
const ds = buildCoherentCsi2017QfDataset(
  join(resolveDataDir(process.env.COHERENCY_DATA_DIR), RELEASE_FOLDERS.coherentCsi2017),
);
const path = join(repoRoot(), 'fixtures', FILE);
// Temporary file + rename: a failure never leaves a half-written fixture.
writeFileSync(`${path}.tmp`, stableJson(ds));
renameSync(`${path}.tmp`, path);
const helm = (b: (typeof ds.bands)[number]) => b.nuclei.reduce((t, n) => t + (n.sHelm ?? 0), 0);
console.log(
  `${FILE}: ${ds.bands.length} bands; SM (Helm) prediction ${ds.bands.reduce((s, b) => s + helm(b), 0).toFixed(1)} CEvNS events; ` +
    ds.bands.map((b) => `${b.poi} ${helm(b).toFixed(1)}`).join(', '),
);
