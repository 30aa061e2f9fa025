/**
 * Worker-thread entry (tinypool): runs one unit of a toy job. Loaded as dist/toys/worker.js by the
 * built CLI, and through workerTs.mjs (tsx) when the sources run under vitest or tsx.
 * The job (without its summary) arrives once per thread as the pool's `workerData`; each message
 * names only a unit. The unit split is computed once per job.
 */
import Tinypool from 'tinypool';
import { jobUnits, runUnit } from './chunks.js';
import type { ChunkRef, ToyJob, UnitTally } from './types.js';

export interface UnitMessage {
  readonly unit: number;
}

export interface ToyWorkerData {
  readonly job: ToyJob;
}

let cached: { job: ToyJob; units: ChunkRef[][] } | undefined;

export default function runToyUnit(message: UnitMessage): UnitTally {
  if (cached === undefined) {
    const data = Tinypool.workerData as ToyWorkerData | undefined;
    if (data?.job === undefined) throw new Error('toy worker started without a job in workerData');
    cached = { job: data.job, units: jobUnits(data.job) };
  }
  return runUnit(cached.job, cached.units, message.unit);
}
