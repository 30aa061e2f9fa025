/**
 * Regenerate fixtures/coherent-ar-2020.json (shipped as `coherent-ar-2020`), the COHERENT CENNS-10 Ar 2020 ("Analysis A") release
 * as a template dataset: energy × F90 × time templates, CEvNS split by true-q² band, the release's
 * systematic templates as histosys (src/data/releases/coherentAr2020). Source: Akimov et al. (COHERENT),
 * PRL 126, 012002 (2021), arXiv:2003.10630; release note arXiv:2006.12659; data record
 * doi:10.5281/zenodo.3903810 (licence not stated in the files). Default options
 * (AR_2020_FULL_DEFAULTS). Data directory: $COHERENCY_DATA_DIR, else <repo>/../shared/data.
 * Output is deterministic (numbers rounded to 10 significant digits, arrays of numbers on one line,
 * no timestamps). Run: npx tsx scripts/build-coherent-ar-2020.ts
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCoherentAr2020Full } from '../src/data/releases/coherentAr2020/index.js';
import { RELEASE_FOLDERS, repoRoot, resolveDataDir } from '../src/data/repoPaths.js';
import { stableJson } from '../src/data/stableJson.js';
import { AR_2020_FULL_FIXTURE } from '../src/data/releases/coherentAr2020/index.js';

const dir = join(resolveDataDir(process.env.COHERENCY_DATA_DIR), RELEASE_FOLDERS.coherentAr2020);
const { dataset } = buildCoherentAr2020Full(dir);
const path = join(repoRoot(), 'fixtures', AR_2020_FULL_FIXTURE);
// Temporary file + rename: a failure never leaves a half-written fixture.
writeFileSync(`${path}.tmp`, stableJson(dataset, { inlineNumberArrays: true }));
renameSync(`${path}.tmp`, path);
console.log(`${AR_2020_FULL_FIXTURE}: ${dataset.bands.length} bands`);
for (const note of dataset.provenance.notes ?? []) console.log(`  ${note}`);
