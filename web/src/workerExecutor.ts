/**
 * The toys' `executor` for a browser (toys/runner.ts `ExecutorFactory`): a pool of Web Workers
 * (toyWorker.ts), each holding the job and running one unit at a time. `runToyJob` drives it with one
 * lane per worker and orders the tallies by unit, so the result is the same as in Node.
 */
import type { ExecutorFactory, UnitExecutor, UnitTally } from './lib.js';
import type { FromWorker, ToWorker } from './toyWorker.js';

export const webWorkerExecutor: ExecutorFactory = (job, workers): UnitExecutor => {
  const pool = Array.from(
    { length: workers },
    () => new Worker(new URL('./toyWorker.ts', import.meta.url), { type: 'module', name: 'toys' }),
  );
  const send = (w: Worker, m: ToWorker) => w.postMessage(m);
  for (const w of pool) send(w, { type: 'job', job });
  const idle = [...pool];
  const waiting: ((w: Worker) => void)[] = [];
  const acquire = (): Promise<Worker> =>
    idle.length > 0 ? Promise.resolve(idle.pop()!) : new Promise((resolve) => waiting.push(resolve));
  const release = (w: Worker): void => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    async run(unit: number): Promise<UnitTally> {
      const w = await acquire();
      return new Promise<UnitTally>((resolve, reject) => {
        w.onmessage = (e: MessageEvent<FromWorker>) => {
          release(w);
          if (e.data.type === 'tally') resolve(e.data.tally);
          else reject(new Error(`toy unit ${unit}: ${e.data.message}`));
        };
        w.onerror = (e) => {
          release(w);
          reject(new Error(`toy unit ${unit}: ${e.message || 'the worker failed to start'}`));
        };
        send(w, { type: 'unit', unit });
      });
    },
    async destroy(): Promise<void> {
      for (const w of pool) w.terminate();
    },
  };
};
