/**
 * The pyhf anchors (../shared/data/pyhf-anchors, README there): workspaces with pyhf 0.7.6's own
 * logpdf values, MLEs, hypothesis tests and profile intervals. Tests that read them are skipped, with
 * the reason printed, when the shared data directory is not beside the clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { noteSkippedShared, sharedPath, sharedTitle } from '../../sharedData.js';

export const ANCHOR_FOLDER = 'pyhf-anchors';
export const ANCHOR_DIR = sharedPath(ANCHOR_FOLDER);
export const ANCHORS_AVAILABLE = existsSync(join(ANCHOR_DIR, 'README.md'));

/**
 * `describe` that runs only when the anchors are present; otherwise it is skipped with the reason in its
 * title, plus a skipped test carrying the reason as its note (test/sharedData.ts), so every reporter
 * shows why.
 */
export function describeWithAnchors(title: string, fn: () => void): void {
  describe.skipIf(!ANCHORS_AVAILABLE)(sharedTitle(ANCHOR_FOLDER, title), fn);
  noteSkippedShared(ANCHOR_FOLDER, title);
}

export const ANCHOR_NAMES = ['onoff_4bin', 'template_3run', 'two_band', 'csi_like_full'] as const;

export function readAnchorWorkspace(name: string): unknown {
  return JSON.parse(readFileSync(join(ANCHOR_DIR, `${name}.workspace.json`), 'utf8'));
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function readAnchorResults(name: string): any {
  return JSON.parse(readFileSync(join(ANCHOR_DIR, `${name}.pyhf.json`), 'utf8'));
}
