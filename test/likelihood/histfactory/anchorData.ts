/**
 * The pyhf anchors (../shared/data/pyhf-anchors, README there): workspaces with pyhf 0.7.6's own
 * logpdf values, MLEs, hypothesis tests and profile intervals. Tests that read them are skipped, with
 * the reason printed, when the shared data directory is not beside the clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../../../src/data/index.js';

export const ANCHOR_DIR = join(resolveDataDir(process.env.COHERENCY_DATA_DIR), 'pyhf-anchors');
export const ANCHORS_AVAILABLE = existsSync(join(ANCHOR_DIR, 'README.md'));
if (!ANCHORS_AVAILABLE) {
  console.warn(`[skip] pyhf anchor tests: ${ANCHOR_DIR} not found (../shared/data beside the clone)`);
}

export const ANCHOR_NAMES = ['onoff_4bin', 'template_3run', 'two_band', 'csi_like_full'] as const;

export function readAnchorWorkspace(name: string): unknown {
  return JSON.parse(readFileSync(join(ANCHOR_DIR, `${name}.workspace.json`), 'utf8'));
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function readAnchorResults(name: string): any {
  return JSON.parse(readFileSync(join(ANCHOR_DIR, `${name}.pyhf.json`), 'utf8'));
}
