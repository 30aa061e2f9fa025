/**
 * The reproducibility contract (src/toys/index.ts) for general-engine jobs — a pyhf workspace with
 * FC grid, CLs limits and a 2-D region, and a workspace coverage study: the same bytes for 1 and 2
 * worker threads, for one run and merged shards, and for a resumed run; a chunk's tally does not
 * depend on what the thread ran before it (the engines are reused across chunks).
 */
import { expect, test } from 'vitest';
import { parseWorkspace } from '../../src/data/index.js';
import {
  jobUnits,
  makeShardFile,
  mergeShards,
  planCoverage,
  planToys,
  resultJson,
  runChunk,
  runToyJob,
  shardJson,
  toysResult,
  workspaceAnalyses,
} from '../../src/toys/index.js';
import type { ShardFile, ToyJob, UnitTally } from '../../src/toys/index.js';
import {
  ANCHORS_AVAILABLE,
  describeWithAnchors,
  readAnchorWorkspace,
} from '../likelihood/histfactory/anchorData.js';

async function shardFiles(j: ToyJob, n: number): Promise<ShardFile[]> {
  const files: ShardFile[] = [];
  for (let k = 1; k <= n; k++) {
    const run = await runToyJob(j, { shard: { index: k, count: n } });
    const text = shardJson(makeShardFile(j, { index: k, count: n }, run.firstUnit, run.endUnit, run.units));
    files.push(JSON.parse(text) as ShardFile);
  }
  return files;
}

describeWithAnchors('general-engine jobs: bit-identical results', () => {
  const twoBand = () => parseWorkspace(readAnchorWorkspace('two_band'), 'two_band');
  const job = ANCHORS_AVAILABLE
    ? planToys(null, {
        seed: 5,
        nToys: 120,
        fcToys: 60,
        alphaStep: 0.25,
        regionStep: 0.5,
        chunkFits: 40,
        limit: 'upper',
        clsMethod: true,
        analyses: [
          ...workspaceAnalyses(twoBand(), { measurement: 'alpha1_measurement' }),
          ...workspaceAnalyses(twoBand(), { pois: ['alpha0', 'alpha1'] }),
        ],
        source: { id: 'two_band', hash: 'x' },
      })
    : (undefined as unknown as ToyJob);

  test('a chunk is the same run first or after other chunks in the same thread', () => {
    const units = jobUnits(job);
    expect(units.length).toBeGreaterThanOrEqual(4);
    const ref = units[3]![0]!;
    const fresh = runChunk(JSON.parse(JSON.stringify(job)) as ToyJob, ref); // new engines
    runChunk(job, units[0]![0]!); // engines of `job` now carry the state of another task
    expect(runChunk(job, ref)).toEqual(fresh);
  });

  test('1 and 2 worker threads, merged shards and a resumed run give the same bytes', async () => {
    const one = resultJson(toysResult(job, (await runToyJob(job)).units));
    const two = resultJson(toysResult(job, (await runToyJob(job, { workers: 2 })).units));
    expect(two).toBe(one);
    expect(resultJson(mergeShards(await shardFiles(job, 3)).result)).toBe(one);
    const controller = new AbortController();
    const kept: UnitTally[] = [];
    await runToyJob(job, {
      signal: controller.signal,
      onUnit: (u, p) => {
        kept.push(JSON.parse(JSON.stringify(u)) as UnitTally);
        if (p.doneUnits === 3) controller.abort();
      },
    });
    const resumed = await runToyJob(job, { completed: kept });
    expect(resultJson(toysResult(job, resumed.units))).toBe(one);
    const r = toysResult(job, resumed.units);
    expect(r.analyses.map((a) => a.kind)).toEqual(['interval', 'region']);
  });

  test('a workspace coverage job: 2 workers = merged shards', async () => {
    const cov = planCoverage(null, {
      seed: 9,
      nExperiments: 12,
      innerToys: 20,
      chunkExperiments: 4,
      truths: [[0.5], [1]],
      limit: 'upper',
      analyses: workspaceAnalyses(parseWorkspace(readAnchorWorkspace('csi_like_full'), 'csi_like_full')),
    });
    const a = await runToyJob(cov, { workers: 2 });
    const merged = mergeShards(await shardFiles(cov, 2));
    const single = mergeShards([
      JSON.parse(
        shardJson(makeShardFile(cov, { index: 1, count: 1 }, 0, jobUnits(cov).length, a.units)),
      ) as ShardFile,
    ]);
    expect(resultJson(merged.result)).toBe(resultJson(single.result));
  });
});
