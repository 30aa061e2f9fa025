/**
 * The reproducibility contract (src/toys/index.ts): same seed → bit-identical result JSON for 1 and 2
 * worker threads, for one run against merged shards, and for a resumed run; `merge` refuses shards of
 * another run, overlapping shards and (unless allowed) missing ones, with a message naming the problem.
 */
import { describe, expect, test } from 'vitest';
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
} from '../../src/toys/index.js';
import type { ShardFile, ToyJob, UnitTally } from '../../src/toys/index.js';
import { smallCounts, threeBins } from './models.js';

const options = {
  seed: 7,
  nToys: 3_000,
  fcToys: 300,
  alphaStep: 0.1,
  combinedToys: 300,
  chunkToys: 1_000,
  chunkCombined: 100,
};
const job = planToys(threeBins, { ...options, source: { id: 'three-bins', hash: 'abc' } });

async function single(j: ToyJob, workers = 1): Promise<string> {
  const run = await runToyJob(j, { workers });
  return resultJson(toysResult(j, run.units));
}

/** Run every shard k/n and return the shard files as they would be read back from disk. */
async function shardFiles(j: ToyJob, n: number): Promise<ShardFile[]> {
  const files: ShardFile[] = [];
  for (let k = 1; k <= n; k++) {
    const run = await runToyJob(j, { shard: { index: k, count: n } });
    const text = shardJson(makeShardFile(j, { index: k, count: n }, run.firstUnit, run.endUnit, run.units));
    files.push(JSON.parse(text) as ShardFile);
  }
  return files;
}

describe('bit-identical results', () => {
  test('the job has several units, and a chunk tally is a pure function of (job, chunk)', () => {
    const units = jobUnits(job);
    expect(units.length).toBeGreaterThan(3);
    // Every chunk of the job in order, then again in reverse order in a job read back from JSON (what
    // a worker or a shard sees): if any state carried over from earlier chunks in the same thread
    // (streams, fitters, caches), or the job object mattered beyond its JSON, the tallies would differ.
    const refs = units.flat();
    const forward = refs.map((ref) => runChunk(job, ref));
    const copy = JSON.parse(JSON.stringify(job)) as ToyJob;
    const backward = [...refs].reverse().map((ref) => runChunk(copy, ref));
    expect(backward.reverse()).toEqual(forward);
    // and the tallies are not all alike (each chunk draws its own toys)
    const combined = forward.filter((t) => job.tasks[t.task]!.kind === 'combined');
    expect(new Set(combined.map((t) => JSON.stringify(t.counts))).size).toBeGreaterThan(1);
  });

  test('1 worker (in-process) and 2 worker threads give the same bytes', async () => {
    const one = await single(job, 1);
    const two = await single(job, 2);
    expect(two).toBe(one);
    // and a different seed changes the toy numbers
    const other = planToys(threeBins, { ...options, seed: 8, source: { id: 'three-bins', hash: 'abc' } });
    expect(await single(other)).not.toBe(one);
  });

  test('merged shards (3 of them, read back from JSON) give the same bytes as one run', async () => {
    const one = await single(job);
    const merged = mergeShards(await shardFiles(job, 3), ['a.json', 'b.json', 'c.json']);
    expect(merged.missingUnits).toEqual([]);
    expect(resultJson(merged.result)).toBe(one);
  });

  test('a resumed run (units finished before an interruption are reused) gives the same bytes', async () => {
    const one = await single(job);
    const controller = new AbortController();
    const kept: UnitTally[] = [];
    const first = await runToyJob(job, {
      signal: controller.signal,
      onUnit: (u, progress) => {
        kept.push(JSON.parse(JSON.stringify(u)) as UnitTally); // as written to and read from a chunk file
        if (progress.doneUnits === 2) controller.abort();
      },
    });
    expect(first.aborted).toBe(true);
    expect(first.units.length).toBe(2);
    let recomputed = 0;
    const resumed = await runToyJob(job, { completed: kept, onUnit: () => recomputed++ });
    expect(recomputed).toBe(jobUnits(job).length - 2);
    expect(resultJson(toysResult(job, resumed.units))).toBe(one);
  });

  test('coverage jobs obey the same contract (2 workers vs shards)', async () => {
    const cov = planCoverage(smallCounts, {
      seed: 3,
      alphaStep: 0.5,
      nExperiments: 40,
      innerToys: 100,
      chunkExperiments: 10,
    });
    const a = await runToyJob(cov, { workers: 2 });
    const merged = mergeShards(await shardFiles(cov, 2));
    expect(resultJson(merged.result)).toBe(resultJson(toysOrCoverage(cov, a.units)));
  });
});

function toysOrCoverage(j: ToyJob, units: readonly UnitTally[]) {
  return mergeShards([
    JSON.parse(
      shardJson(makeShardFile(j, { index: 1, count: 1 }, 0, jobUnits(j).length, units)),
    ) as ShardFile,
  ]).result;
}

describe('merge refuses incompatible shards', () => {
  test('shards of a run with another seed', async () => {
    const [a] = await shardFiles(job, 2);
    const otherJob = planToys(threeBins, { ...options, seed: 99, source: { id: 'three-bins', hash: 'abc' } });
    const [, b] = await shardFiles(otherJob, 2);
    expect(() => mergeShards([a!, b!], ['s1.json', 's2.json'])).toThrow(
      /s2\.json belongs to a different run than s1\.json: seed 99 differs from 7/,
    );
  });

  test('shards of another dataset', async () => {
    const [a] = await shardFiles(job, 2);
    const otherJob = planToys(threeBins, { ...options, source: { id: 'three-bins', hash: 'def' } });
    const [, b] = await shardFiles(otherJob, 2);
    expect(() => mergeShards([a!, b!], ['s1.json', 's2.json'])).toThrow(
      /dataset three-bins \(hash def\) differs/,
    );
  });

  test('the same shard twice (overlap)', async () => {
    const [a, b] = await shardFiles(job, 2);
    expect(() => mergeShards([a!, b!, a!], ['s1.json', 's2.json', 's1-copy.json'])).toThrow(
      /s1-copy\.json and s1\.json overlap/,
    );
  });

  test('a missing shard, unless partial merges are allowed', async () => {
    const [a] = await shardFiles(job, 3);
    expect(() => mergeShards([a!], ['s1.json'])).toThrow(/units missing .*--allow-partial/);
    const partial = mergeShards([a!], ['s1.json'], { allowPartial: true });
    expect(partial.result.complete).toBe(false);
    expect(partial.result.missingUnits).toBeGreaterThan(0);
  });

  test('a file that is not a shard', () => {
    const bogus = { schema: 'something-else' } as unknown as ShardFile;
    expect(() => mergeShards([bogus], ['x.json'])).toThrow(/x\.json: not a shard file/);
  });
});
