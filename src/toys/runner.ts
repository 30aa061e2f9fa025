/**
 * Running a job's units: in this thread (workers ≤ 1) or on a pool of worker threads (tinypool), for
 * the whole job or one shard, skipping units already finished (resume), stopping cleanly on an abort
 * signal. The returned tallies are ordered by unit index, never by completion time, and each tally is
 * a pure function of (job, unit) (chunks.ts) — so the result does not depend on the worker count.
 */
import Tinypool from 'tinypool';
import { SpecError } from '../errors.js';
import { jobUnits, runUnit, unitCosts } from './chunks.js';
import type { ToyJob, UnitTally } from './types.js';
import type { ToyWorkerData, UnitMessage } from './worker.js';

export interface ShardSpec {
  /** 1-based shard index k of `--shard k/n`. */
  readonly index: number;
  readonly count: number;
}

export interface RunProgress {
  readonly doneUnits: number;
  readonly totalUnits: number;
  /** Work done and total, in single-bin toy fits (chunks.ts `itemCost`). */
  readonly doneCost: number;
  readonly totalCost: number;
}

export interface RunOptions {
  /** Worker threads; ≤ 1 runs in this thread. Default 1. */
  readonly workers?: number;
  readonly shard?: ShardSpec;
  /** Units finished earlier (resume); those in range are not run again. */
  readonly completed?: readonly UnitTally[];
  /** Called after each newly computed unit (write its chunk file, advance a progress bar). */
  readonly onUnit?: (tally: UnitTally, progress: RunProgress) => void;
  /** Stop starting new units; units in flight finish and are reported. */
  readonly signal?: AbortSignal;
  /** Worker module (default: pool.ts `defaultWorkerUrl`). */
  readonly workerUrl?: URL;
}

export interface RunOutcome {
  /** Tallies of every finished unit of the range (resumed ones included), by unit index. */
  readonly units: readonly UnitTally[];
  readonly firstUnit: number;
  readonly endUnit: number;
  readonly totalUnits: number;
  /** True if the abort signal stopped the run before every unit of the range was done. */
  readonly aborted: boolean;
}

/** Unit range [first, end) of shard k of n: contiguous, balanced by unit count, covering all units. */
export function shardRange(totalUnits: number, shard: ShardSpec | undefined): { first: number; end: number } {
  if (shard === undefined) return { first: 0, end: totalUnits };
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new SpecError('invalid_input', `shard: expected k/n with 1 ≤ k ≤ n, got ${index}/${count}`, [
      'shard',
    ]);
  }
  return {
    first: Math.floor(((index - 1) * totalUnits) / count),
    end: Math.floor((index * totalUnits) / count),
  };
}

/** The worker module for the current build: dist/toys/worker.js, or the tsx bootstrap for sources. */
export function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./workerTs.mjs', here) : new URL('./worker.js', here);
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runToyJob(job: ToyJob, options: RunOptions = {}): Promise<RunOutcome> {
  const units = jobUnits(job);
  const costs = unitCosts(job, units);
  const { first, end } = shardRange(units.length, options.shard);
  const done = new Map<number, UnitTally>();
  for (const u of options.completed ?? []) if (u.unit >= first && u.unit < end) done.set(u.unit, u);
  const todo: number[] = [];
  for (let u = first; u < end; u++) if (!done.has(u)) todo.push(u);
  const totalCost = costs.slice(first, end).reduce((a, b) => a + b, 0);
  let doneCost = [...done.keys()].reduce((a, u) => a + (costs[u] ?? 0), 0);
  const finish = (tally: UnitTally): void => {
    done.set(tally.unit, tally);
    doneCost += costs[tally.unit] ?? 0;
    options.onUnit?.(tally, { doneUnits: done.size, totalUnits: end - first, doneCost, totalCost });
  };
  const aborted = (): boolean => options.signal?.aborted === true;
  // Never more threads than units left to run: idle threads cost memory and start-up time only.
  const workers = Math.max(1, Math.min(Math.floor(options.workers ?? 1), todo.length));

  if (workers === 1 || todo.length <= 1) {
    for (const u of todo) {
      if (aborted()) break;
      finish(runUnit(job, units, u));
      await nextTick(); // let signals and progress output through
    }
  } else {
    // Each thread gets the job once (without the summary it does not need); messages name units.
    const workerData: ToyWorkerData = { job: { ...job, summary: null } };
    const pool = new Tinypool({
      filename: (options.workerUrl ?? defaultWorkerUrl()).href,
      minThreads: workers,
      maxThreads: workers,
      isolateWorkers: false,
      workerData,
    });
    try {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < todo.length && !aborted()) {
          const u = todo[next++] as number;
          const message: UnitMessage = { unit: u };
          finish((await pool.run(message)) as UnitTally);
        }
      };
      await Promise.all(Array.from({ length: Math.min(workers, todo.length) }, lane));
    } finally {
      await pool.destroy();
    }
  }
  const tallies = [...done.values()].sort((a, b) => a.unit - b.unit);
  return {
    units: tallies,
    firstUnit: first,
    endUnit: end,
    totalUnits: units.length,
    aborted: done.size < end - first,
  };
}
