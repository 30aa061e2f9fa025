/**
 * The toys layer without Node (issue 13): the job hash comes from @noble/hashes instead of node:crypto
 * and must be the same SHA-256 (earlier result files and shard checks compare it); a run with several
 * workers can use any executor, and gives the same tallies as the in-thread run.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { jobUnits, planToys, runToyJob, runUnit, type ExecutorFactory } from '../../src/toys/index.js';
import { threeBins } from './models.js';

const job = planToys(threeBins, {
  seed: 11,
  nToys: 2_000,
  fcToys: 200,
  alphaStep: 0.25,
  combinedToys: 200,
  chunkToys: 500,
  chunkCombined: 100,
  source: { id: 'three-bins', hash: 'abc' },
});

describe('toys without Node built-ins', () => {
  test('job hash = node:crypto SHA-256 of the sealed job JSON', () => {
    const { hash, ...rest } = job;
    // sealJob hashes JSON.stringify of the job without its hash, in the same key order.
    expect(hash).toBe(createHash('sha256').update(JSON.stringify(rest)).digest('hex'));
  });

  test('a custom executor (what a browser passes) gives the in-thread tallies', async () => {
    const units = jobUnits(job);
    expect(units.length).toBeGreaterThan(2); // so that the parallel branch runs
    let lanes = 0;
    const inline: ExecutorFactory = (j, workers) => {
      lanes = workers;
      return { run: async (u) => runUnit(j, jobUnits(j), u), destroy: async () => {} };
    };
    const parallel = await runToyJob(job, { workers: 3, executor: inline });
    const serial = await runToyJob(job, { workers: 1 });
    expect(lanes).toBe(3);
    expect(parallel.units).toEqual(serial.units);
  });
});
