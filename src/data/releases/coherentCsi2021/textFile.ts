/**
 * The strict line parser of the CsI 2021 release's text files: `#` comment lines and blank lines are
 * skipped; every other line must hold exactly the expected number of whitespace-separated finite
 * numbers. Anything else (a truncated line, a stray word, a missing file) is a SpecError naming the
 * file and the line, which the CLI turns into exit code 2 and one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../../../errors.js';

/** One data line: its 1-based line number in the file and its numbers. */
export interface NumericLine {
  readonly line: number;
  readonly values: readonly number[];
}

/** Throw the release's input error for `file` (line optional). */
export function releaseError(file: string, line: number | undefined, message: string): never {
  const where = line === undefined ? file : `${file} line ${line}`;
  throw new SpecError('invalid_dataset', `coherent-csi-2021 ${where}: ${message}`, [
    file,
    ...(line === undefined ? [] : [line]),
  ]);
}

/** Read `file` of the release folder `dir` as text (a missing file is an io_error naming it). */
export function readReleaseText(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (e) {
    throw new SpecError(
      'io_error',
      `coherent-csi-2021: cannot read ${join(dir, file)}: ${(e as Error).message}`,
      [file],
    );
  }
}

/** The data lines of `text`, each with exactly `columns` finite numbers. */
export function numericLines(text: string, columns: number, file: string): NumericLine[] {
  const out: NumericLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    const fields = s.split(/\s+/);
    const values = fields.map(Number);
    const bad = fields.findIndex((f, k) => f === '' || !Number.isFinite(values[k]));
    if (bad >= 0) releaseError(file, i + 1, `"${fields[bad]}" is not a finite number`);
    if (values.length !== columns) {
      releaseError(file, i + 1, `${values.length} numbers; expected ${columns} columns`);
    }
    out.push({ line: i + 1, values });
  });
  return out;
}
