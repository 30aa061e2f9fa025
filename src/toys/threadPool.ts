/**
 * The Node executor of toy units: a tinypool of worker threads, each running worker.ts. Node-only
 * (worker_threads), so nothing browser-safe imports this module statically; runner.ts loads it by URL
 * when a run asks for more than one worker and brings no executor of its own.
 */
import Tinypool from 'tinypool';
import { defaultWorkerUrl, type UnitExecutor } from './runner.js';
import type { ToyJob, UnitTally } from './types.js';
import type { ToyWorkerData, UnitMessage } from './worker.js';

/** A pool of `workers` threads holding `job`; `run(unit)` computes one unit's tally in a thread. */
export function threadPoolExecutor(job: ToyJob, workers: number, workerUrl?: URL): UnitExecutor {
  // Each thread gets the job once (without the summary it does not need); messages name units.
  const workerData: ToyWorkerData = { job: { ...job, summary: null } };
  const pool = new Tinypool({
    filename: (workerUrl ?? defaultWorkerUrl()).href,
    minThreads: workers,
    maxThreads: workers,
    isolateWorkers: false,
    workerData,
  });
  return {
    run: async (unit) => {
      const message: UnitMessage = { unit };
      return (await pool.run(message)) as UnitTally;
    },
    destroy: () => pool.destroy(),
  };
}
