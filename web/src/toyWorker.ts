/**
 * A Web Worker that runs units of a toy job: it receives the job once, then unit indices, and answers
 * each with the unit's tally (toys/chunks.ts `runUnit`). Each tally is a pure function of (job, unit),
 * so the result does not depend on how many workers run or in which order (the library's contract).
 */
import { jobUnits, runUnit, type ToyJob, type UnitTally } from '../../src/toys/index.js';

export type ToWorker =
  { readonly type: 'job'; readonly job: ToyJob } | { readonly type: 'unit'; readonly unit: number };
export type FromWorker =
  | { readonly type: 'tally'; readonly unit: number; readonly tally: UnitTally }
  | { readonly type: 'error'; readonly unit: number; readonly message: string };

// A dedicated worker's global scope, typed by what is used here (the page's tsconfig has the DOM lib).
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
};

let job: ToyJob | undefined;
let units: ReturnType<typeof jobUnits> = [];

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'job') {
    job = m.job;
    units = jobUnits(m.job);
    return;
  }
  try {
    if (job === undefined) throw new Error('toy worker: a unit arrived before its job');
    scope.postMessage({ type: 'tally', unit: m.unit, tally: runUnit(job, units, m.unit) });
  } catch (err) {
    scope.postMessage({
      type: 'error',
      unit: m.unit,
      message: err instanceof Error ? err.message : String(err),
    });
  }
};
