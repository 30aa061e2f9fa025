/**
 * The selected events of one science run (data/srN.csv, written by pandas: a header line
 * `,cs2,s2_shadow_s2_time_shadow_quantile,s1_bdt_score,s2_bdt_score`, then one line per event: its
 * index 0, 1, 2, … and the four observables) binned with the run's own binning (binning.ts).
 *
 * Errors name the file and line: a wrong header, a line with a missing or extra field, a value that is
 * not a finite number, an index out of sequence (a line lost from the middle of the file), an event
 * outside the binning.
 */
import { readFileSync } from 'node:fs';
import { SpecError } from '../../../errors.js';
import { binCount, binIndex, flatIndex, type RunBinning } from './binning.js';
import { XENONNT_OBSERVABLES } from './layout.js';

export interface RunEvents {
  /** The events' observables, in XENONNT_OBSERVABLES order. */
  readonly events: readonly (readonly number[])[];
  /** Observed counts per flat bin. */
  readonly counts: readonly number[];
}

function fail(path: string, line: number, message: string): never {
  throw new SpecError('invalid_dataset', `${path} line ${line}: ${message}`, [path, line]);
}

/** Read and bin the event list of a run. */
export function readRunEvents(path: string, binning: RunBinning): RunEvents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpecError('io_error', `cannot read ${path}: ${(e as Error).message}`, [path]);
  }
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  const names = XENONNT_OBSERVABLES.map((o) => o.name);
  const header = ['', ...names].join(',');
  if (lines[0]?.trim() !== header) {
    fail(path, 1, `header "${lines[0] ?? ''}"; expected "${header}"`);
  }
  const counts = new Array<number>(binCount(binning)).fill(0);
  const events: number[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]!.split(',').map((f) => f.trim());
    if (fields.length !== names.length + 1) {
      fail(
        path,
        i + 1,
        `${fields.length} fields; expected ${names.length + 1} (index and ${names.join(', ')})`,
      );
    }
    const values = fields.map((f) => (f === '' ? NaN : Number(f)));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      fail(
        path,
        i + 1,
        `${bad === 0 ? 'index' : names[bad - 1]} = "${fields[bad]}"; expected a finite number`,
      );
    }
    if (values[0] !== events.length) {
      fail(path, i + 1, `event index ${values[0]}; expected ${events.length} (indices run 0, 1, 2, …)`);
    }
    const x = values.slice(1);
    const idx = x.map((v, a) => {
      const b = binIndex(v, binning[a]!);
      if (b < 0) {
        const e = binning[a]!;
        fail(
          path,
          i + 1,
          `${names[a]} = ${v} is outside the binning [${e[0]}, ${e.at(-1)}]; expected an event inside the run's analysis space`,
        );
      }
      return b;
    });
    counts[flatIndex(idx, binning)]! += 1;
    events.push(x);
  }
  return { events, counts };
}
