/**
 * Writing the CLI's output files: checked before any work starts, written only when the whole command
 * has succeeded, atomically, and cleaned up when writing fails.
 *
 * - `checkOutputDir` / `checkOutputFile` run right after option parsing: the path must be (or become) a
 *   directory / file on a writable disk file system; the kernel's pseudo file systems (/proc, /sys, …)
 *   are refused by their statfs type before anything is created (Node's recursive mkdir loops forever
 *   under /proc); output names already taken by directories are refused.
 * - Directories are created one level at a time (never `mkdir -p`), so the failure names the level.
 * - `OutputSet.commit` writes every file to a hidden temporary beside its target, then renames them all;
 *   if anything fails, the temporaries and the directories it created are removed and one SpecError
 *   ('io_error') names the path and the reason.
 */
import {
  accessSync,
  constants,
  mkdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
// Not data/index.js: this module is in every command's start-up path (issue 13).
import { describeFsError } from '../fsErrors.js';
import { SpecError } from '../errors.js';

/** statfs magic numbers of pseudo file systems (linux/magic.h) where output cannot go. */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x1cd1, 'devpts'],
  [0x6e736673, 'nsfs'],
  [0xcafe4a11, 'bpf'],
  [0x42494e4d, 'binfmt_misc'],
]);

function outError(flag: string, path: string, reason: string): SpecError {
  return new SpecError('io_error', `${flag} ${JSON.stringify(path)}: ${reason}`, [flag.replace(/^-+/, '')]);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor of an absolute path (or the path itself) and the missing levels below it. */
function nearestExisting(abs: string): { existing: string; stats: Stats; missing: string[] } {
  const missing: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    const st = statOrUndefined(p);
    if (st !== undefined) return { existing: p, stats: st, missing: missing.reverse() };
    if (dirname(p) === p) throw new Error(`no existing ancestor of ${abs}`); // the root always exists
    missing.push(p);
  }
}

/** Refuse a directory on a pseudo file system or one this process cannot write into. */
function checkWritableDir(dir: string, flag: string, shown: string): void {
  let type: number | undefined;
  try {
    type = Number(statfsSync(dir).type);
  } catch {
    type = undefined;
  }
  const pseudo = type === undefined ? undefined : PSEUDO_FILE_SYSTEMS.get(type);
  if (pseudo !== undefined) {
    throw outError(
      flag,
      shown,
      `${dir} is on the kernel's ${pseudo} pseudo file system, which cannot hold output files; expected a directory on a disk`,
    );
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw outError(flag, shown, `cannot write into ${dir} (${describeFsError(err)})`);
  }
}

/**
 * Check an output directory before any work: it exists as a directory or can be created under a
 * writable directory on a disk, and none of `names` (the files the command will write) is taken by a
 * directory. Creates nothing.
 */
export function checkOutputDir(
  path: string,
  flag = '--out',
  names: readonly string[] = [],
  shown = path,
): void {
  if (path.trim() === '') throw outError(flag, shown, 'empty path; expected a directory');
  const abs = resolve(path);
  const { existing, stats, missing } = nearestExisting(abs);
  if (!stats.isDirectory()) {
    throw outError(
      flag,
      shown,
      missing.length === 0
        ? 'exists and is not a directory; expected a directory'
        : `${existing} is a file, not a directory`,
    );
  }
  checkWritableDir(existing, flag, shown);
  if (missing.length > 0) return;
  for (const name of names) {
    if (statOrUndefined(join(abs, name))?.isDirectory()) {
      throw outError(flag, shown, `${name} exists there as a directory; expected a free name or a file`);
    }
  }
}

/** Check an output file path before any work: not a directory, its directory writable or creatable. */
export function checkOutputFile(path: string, flag = '--out'): void {
  if (path.trim() === '') throw outError(flag, path, 'empty path; expected a file name');
  const abs = resolve(path);
  const st = statOrUndefined(abs);
  if (st?.isDirectory()) throw outError(flag, path, 'is a directory; expected a file name');
  if (st !== undefined && !st.isFile()) throw outError(flag, path, 'exists and is not a regular file');
  checkOutputDir(dirname(abs), flag, [], path);
}

/** Create the missing levels of an absolute directory path one at a time; returns those created. */
function makeDirs(abs: string, flag: string, shown: string): string[] {
  const { stats, existing, missing } = nearestExisting(abs);
  if (!stats.isDirectory()) throw outError(flag, shown, `${existing} is a file, not a directory`);
  if (missing.length > 0) checkWritableDir(existing, flag, shown);
  const created: string[] = [];
  try {
    for (const dir of missing) {
      mkdirSync(dir);
      created.push(dir);
    }
  } catch (err) {
    removeDirs(created);
    throw outError(flag, shown, `cannot create ${missing[created.length] ?? abs} (${describeFsError(err)})`);
  }
  return created;
}

function removeDirs(created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty or gone: leave it
    }
  }
}

let tmpCounter = 0;
/** A hidden temporary name beside `path`, unique within this process. */
function tmpName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${tmpCounter++}`);
}

/** Write files atomically as a group: all temporaries first, then renames; clean up on failure. */
export function writeFilesAtomic(
  files: readonly { readonly path: string; readonly content: string | Uint8Array }[],
  flag = '--out',
  shown?: string,
): string[] {
  const label = (p: string) => shown ?? p;
  for (const f of files) {
    if (statOrUndefined(f.path)?.isDirectory()) {
      throw outError(flag, label(f.path), `${f.path} exists as a directory; expected a free name or a file`);
    }
  }
  const created: string[] = [];
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const dir of new Set(files.map((f) => dirname(resolve(f.path)))))
      created.push(...makeDirs(dir, flag, label(dir)));
    for (const f of files) {
      const tmp = tmpName(f.path);
      temps.push({ tmp, path: f.path });
      try {
        writeFileSync(tmp, f.content, { flag: 'wx' });
      } catch (err) {
        throw outError(flag, label(f.path), `cannot write ${f.path} (${describeFsError(err)})`);
      }
    }
    for (const t of temps) {
      try {
        renameSync(t.tmp, t.path);
      } catch (err) {
        throw outError(flag, label(t.path), `cannot write ${t.path} (${describeFsError(err)})`);
      }
    }
  } catch (err) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    removeDirs(created);
    throw err;
  }
  return files.map((f) => f.path);
}

/** Write one file atomically (temporary + rename), creating its directory level by level. */
export function writeFileAtomic(path: string, content: string | Uint8Array, flag = '--out'): void {
  writeFilesAtomic([{ path, content }], flag);
}
