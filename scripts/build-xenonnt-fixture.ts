/**
 * Regenerate the XENONnT ⁸B fixtures from the public release (XENON collaboration, "XENONnT solar
 * boron-8 neutrino and light dark matter searches", doi:10.5281/zenodo.20576156, CC-BY 4.0):
 *
 * - fixtures/xenonnt-8b.json: the template dataset (pyhf workspace with one channel per science run,
 *   α per true-q² band; src/data/releases/xenonnt8b);
 * - fixtures/xenonnt-8b-efficiency.json: the summed NR detection efficiency used by the xe-solar
 *   preset (src/data/xenonnt8bRelease.ts).
 *
 * Data directory: $COHERENCY_DATA_DIR, else <repo>/../shared/data; the release is its `xenonnt-8b`
 * folder. Output is deterministic (10 significant digits, no timestamps) and written through a
 * temporary file, so a failure never leaves a half-written fixture.
 *
 * Run: npx tsx scripts/build-xenonnt-fixture.ts [--options JSON] [--out FILE]
 *   --options: builder options (src/data/releases/xenonnt8b/options.ts), e.g.
 *              '{"runs":["sr0","sr1"]}' or '{"bands":{"kind":"quantiles","n":2}}';
 *   --out:     write the template dataset there instead (the efficiency fixture is then not rewritten).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, resolveDataDir, RELEASE_FOLDERS } from '../src/data/repoPaths.js';
import { buildXenonnt8bDataset, summarizeXenonnt8b } from '../src/data/releases/xenonnt8b/index.js';
import { PRL_133_191002 } from '../src/data/releases/xenonnt8b/constants.js';
import { stableJson } from '../src/data/stableJson.js';
import { buildXenonnt8bEfficiency } from '../src/data/xenonnt8bRelease.js';
import { XENONNT_EFFICIENCY_FILE } from '../src/data/xenonntEfficiency.js';
import { ToolkitError } from '../src/errors.js';

function write(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const { values } = parseArgs({ options: { options: { type: 'string' }, out: { type: 'string' } } });
const releaseDir = join(resolveDataDir(process.env.COHERENCY_DATA_DIR), RELEASE_FOLDERS.xenonnt8b);

try {
  const options: unknown = values.options === undefined ? {} : JSON.parse(values.options);
  const build = await buildXenonnt8bDataset(releaseDir, options);
  const out = values.out ?? join(repoRoot(), 'fixtures', 'xenonnt-8b.json');
  write(out, stableJson(build.dataset));
  if (values.out === undefined) {
    write(
      join(repoRoot(), 'fixtures', XENONNT_EFFICIENCY_FILE),
      stableJson(await buildXenonnt8bEfficiency(releaseDir)),
    );
  }
  const s = summarizeXenonnt8b(build);
  const f = (x: number, d = 2) => x.toFixed(d);
  console.log(
    `${out}: ${build.dataset.channels.length} channels, ${build.dataset.bands.length} band(s), yields: ${build.signal.yieldModel}`,
  );
  console.log(
    'run  t·yr      obs  AC      ER     RG     bkg ± norm     SM ⁸B+hep  α=1     recipe  yields −1σ/+1σ',
  );
  for (const r of s.runs) {
    const y = r.yieldShifts.map((v) => `${v.name} ${f(100 * v.lo, 1)}%/${f(100 * v.hi, 1)}%`).join(', ');
    console.log(
      `${r.run}  ${f(r.exposureTonneYear, 6)}  ${String(r.observed).padStart(3)}  ${f(r.background.ac, 3)}  ${f(r.background.er, 3)}  ${f(r.background.rg, 3)}  ${f(r.background.total)} ± ${f(r.backgroundSigma)}   ${f(r.smEvents, 3)}      ${f(r.cohEvents, 3)}   ${f(r.recipeSmEvents, 3)}   ${y}`,
    );
  }
  if (s.sr01Background) {
    const p = PRL_133_191002.expectedBackground;
    console.log(
      `SR0+SR1 background ${f(s.sr01Background.total)} ± ${f(s.sr01Background.sigma)} vs PRL 133, 191002: ${p.value} +${p.hi} −${p.lo}`,
    );
  }
  const q = s.q2;
  console.log(
    `detected SM signal in true q²: central 90 % ${f(q.p05MeV2, 1)}–${f(q.p95MeV2, 1)} MeV², median ${f(q.medianMeV2, 1)}, mean ${f(q.meanMeV2, 1)} (range ${f(q.minMeV2, 1)}–${f(q.maxMeV2, 1)})`,
  );
} catch (e) {
  if (e instanceof ToolkitError || e instanceof SyntaxError) {
    console.error(`build-xenonnt-fixture: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
