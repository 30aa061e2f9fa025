/**
 * Running a job's units: in this thread (workers ≤ 1) or on a pool of worker threads (tinypool), for
 * the whole job or one shard, skipping units already finished (resume), stopping cleanly on an abort
 * signal. The returned tallies are ordered by unit index, never by completion time, and each tally is
 * a pure function of (job, unit) (chunks.ts) — so the result does not depend on the worker count.
 *
 * This module imports nothing of Node, so the toys run in a browser too (in-thread, or on Web Workers
 * through `executor`). Node's thread pool lives in threadPool.ts and is loaded by URL, only when a run
 * asks for several workers without an executor — a computed `import()`, which bundlers leave alone.
 */
import { SpecError } from '../errors.js';
import { jobUnits, runUnit, unitCosts } from './chunks.js';
import type { ToyJob, UnitTally } from './types.js';

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
  /** Worker module of the default Node executor (default: threadPool.ts `defaultWorkerUrl`). */
  readonly workerUrl?: URL;
  /**
   * Runs units in parallel when `workers` > 1 (default: a pool of Node worker threads). Elsewhere
   * (a browser) pass one, e.g. over Web Workers that call `runUnit(job, jobUnits(job), unit)`.
   */
  readonly executor?: ExecutorFactory;
}

/** Parallel runner of a job's units; `run` resolves to the unit's tally (chunks.ts `runUnit`). */
export interface UnitExecutor {
  run(unit: number): Promise<UnitTally>;
  destroy(): Promise<void>;
}

/** Makes an executor with `workers` lanes for `job`. */
export type ExecutorFactory = (
  job: ToyJob,
  workers: number,
  workerUrl?: URL,
) => UnitExecutor | Promise<UnitExecutor>;

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

/** The default executor: Node worker threads (threadPool.ts), loaded on first use. */
const threadPool: ExecutorFactory = async (job, workers, workerUrl) => {
  const here = import.meta.url;
  const url = new URL(here.endsWith('.ts') ? './threadPool.ts' : './threadPool.js', here).href;
  const mod = (await import(/* @vite-ignore */ url)) as typeof import('./threadPool.js');
  return mod.threadPoolExecutor(job, workers, workerUrl);
};

/** Yield to the event loop (signals, progress output): setImmediate in Node, a zero timeout elsewhere. */
const nextTick = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

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
    const pool = await (options.executor ?? threadPool)(job, workers, options.workerUrl);
    try {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < todo.length && !aborted()) {
          const u = todo[next++] as number;
          finish(await pool.run(u));
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
