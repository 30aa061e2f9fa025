/**
 * Regenerate the project's dataset fixtures from the public data releases:
 *   fixtures/coherent-csi-2017.json   (src/data/coherentCsi2017.ts, default analysis choices)
 *   fixtures/coherent-ar-2020-1d.json (src/data/coherentAr2020.ts, default analysis choices: the 1-D
 *                                      counts view of the Ar 2020 release; the full release is
 *                                      fixtures/coherent-ar-2020.json, scripts/build-coherent-ar-2020.ts)
 * Data directory: $COHERENCY_DATA_DIR, else <repo>/../shared/data. Output is deterministic (no
 * timestamps, numbers rounded to 10 significant digits): rerunning gives identical bytes.
 * Run: npx tsx scripts/build-fixtures.ts
 */
import { writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { buildCoherentAr2020Dataset } from '../src/data/coherentAr2020.js';
import { buildCoherentCsi2017Dataset } from '../src/data/coherentCsi2017.js';
import { RELEASE_FOLDERS, repoRoot, resolveDataDir } from '../src/data/repoPaths.js';
import { stableJson } from '../src/data/stableJson.js';

const dataDir = resolveDataDir(process.env.COHERENCY_DATA_DIR);
const out = join(repoRoot(), 'fixtures');

const fixtures = [
  [
    'coherent-csi-2017.json',
    () => buildCoherentCsi2017Dataset(join(dataDir, RELEASE_FOLDERS.coherentCsi2017)),
  ],
  [
    'coherent-ar-2020-1d.json',
    () => buildCoherentAr2020Dataset(join(dataDir, RELEASE_FOLDERS.coherentAr2020)),
  ],
] as const;

for (const [file, build] of fixtures) {
  const ds = build();
  const path = join(out, file);
  // Write to a temporary file and rename, so a failure never leaves a half-written fixture.
  writeFileSync(`${path}.tmp`, stableJson(ds));
  renameSync(`${path}.tmp`, path);
  const check = ds.crossChecks?.[0];
  console.log(
    `${file}: ${ds.bins.length} bins; ${check ? `${check.name}: ${check.value.toFixed(1)} vs ${check.reference} (ratio ${check.ratio.toFixed(3)})` : ''}`,
  );
}
