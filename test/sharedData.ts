/**
 * Where the tests find the shared public data, and how data-dependent suites skip when it is absent.
 *
 * Location: $COHERENCY_DATA_DIR if set, else <repo>/../shared/data (src/data/repoPaths.ts). Pointing the
 * variable elsewhere (`COHERENCY_DATA_DIR=/nonexistent npm test`) runs the suite as a clone without
 * ../shared would: every suite below skips, with the reason in its title so that every reporter shows
 * it, and everything else runs on the shipped fixtures.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { resolveDataDir } from '../src/data/repoPaths.js';

export const SHARED_DATA_DIR = resolveDataDir(process.env.COHERENCY_DATA_DIR);

/** A path inside the shared data directory. */
export const sharedPath = (...parts: string[]): string => join(SHARED_DATA_DIR, ...parts);

/** True when the shared data folder (e.g. `spectra`, `coherent-csi-2017`) is present. */
export const haveShared = (folder: string): boolean => existsSync(sharedPath(folder));

/** Why a suite needing `folder` skips. */
export const sharedMissingReason = (folder: string): string =>
  `${sharedPath(folder)} not found (put ../shared beside the clone or set COHERENCY_DATA_DIR)`;

/**
 * When `folder` is missing, a skipped test carrying the reason as its skip note, which every vitest
 * reporter prints ("↓ title [reason]"), so the skip is seen even where skipped suites are only counted.
 */
export function noteSkippedShared(folder: string, title: string): void {
  if (!haveShared(folder))
    test(`${title}: needs the shared data`, (ctx) => ctx.skip(true, sharedMissingReason(folder)));
}

/** Suite title, with the reason appended when the folder is missing. */
export function sharedTitle(folder: string, title: string): string {
  return haveShared(folder) ? title : `${title} — SKIPPED: ${sharedMissingReason(folder)}`;
}

/** `describe` that runs only when the shared data folder exists, and says why it skipped otherwise. */
export function describeWithShared(folder: string, title: string, fn: () => void): void {
  describe.skipIf(!haveShared(folder))(sharedTitle(folder, title), fn);
  noteSkippedShared(folder, title);
}
