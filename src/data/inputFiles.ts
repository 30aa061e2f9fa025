/**
 * Reading the user's input files and directories with one set of checks, so that every reader fails
 * the same way: one SpecError('io_error') naming the flag or argument, the path and what is wrong.
 *
 * What is refused before a byte is read: a path that does not exist, a directory where a file is
 * expected (and the reverse), anything that is not a regular file (a FIFO would block the command
 * forever, /dev/zero would fill the memory), and files larger than the caller's limit.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { SpecError } from '../errors.js';
import { describeFsError } from '../fsErrors.js';

export { describeFsError, isFsError } from '../fsErrors.js';

/** Largest input file read by default (datasets, setups, shard files, spectra): 256 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024;

function ioError(what: string, path: string, reason: string): SpecError {
  return new SpecError('io_error', `${what} ${JSON.stringify(path)}: ${reason}`, [what]);
}

function statOrThrow(path: string, what: string): Stats {
  if (path === '') throw ioError(what, path, 'empty path');
  try {
    return statSync(path);
  } catch (err) {
    throw ioError(what, path, describeFsError(err));
  }
}

/** A human size: 2.1 GB, 640 kB. */
function bytesText(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return `${Math.ceil(n / 1e3)} kB`;
}

/**
 * Read a regular text file (UTF-8). `what` names the input in messages (e.g. `dataset`, `--setup`).
 * Throws SpecError('io_error') for a missing path, a directory, a FIFO/device/socket, a file larger than
 * `maxBytes`, or a read error.
 */
export function readInputText(path: string, what: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): string {
  const st = statOrThrow(path, what);
  if (st.isDirectory()) throw ioError(what, path, 'is a directory; expected a file');
  if (!st.isFile()) {
    throw ioError(what, path, 'is not a regular file (a FIFO, device or socket); expected a file');
  }
  if (st.size > maxBytes) {
    throw ioError(what, path, `is ${bytesText(st.size)}; expected at most ${bytesText(maxBytes)}`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw ioError(what, path, describeFsError(err));
  }
  // Files of /proc report size 0 and may be longer than they said.
  if (text.length > maxBytes) throw ioError(what, path, `is longer than ${bytesText(maxBytes)}`);
  return text;
}

/** Read and parse a JSON file; an empty, truncated or otherwise invalid file names the JSON error. */
export function readInputJson(path: string, what: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): unknown {
  const text = readInputText(path, what, maxBytes);
  if (text.trim() === '') throw ioError(what, path, 'is empty; expected JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw ioError(what, path, `not valid JSON (${(err as Error).message})`);
  }
}

/** Throw unless `path` is an existing directory (e.g. `--spectra DIR`). */
export function requireInputDirectory(path: string, what: string): void {
  const st = statOrThrow(path, what);
  if (!st.isDirectory()) throw ioError(what, path, 'is not a directory; expected a directory');
}
