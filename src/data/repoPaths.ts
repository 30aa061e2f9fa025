/**
 * Where the repository and the shared public-data directory are. The library does not read the
 * environment here: callers pass an override (scripts and tests pass $COHERENCY_DATA_DIR) and otherwise
 * get `<package root>/../shared/data` (DESIGN.md, "Data"). The package root is found by spectraDir.ts.
 */
import { join, resolve } from 'node:path';
import { packageRoot } from './spectraDir.js';

/** Repository (package) root. */
export function repoRoot(): string {
  return packageRoot();
}

/** Directory of the public data releases: `override` if given and non-empty, else `<repo>/../shared/data`. */
export function resolveDataDir(override?: string): string {
  return override !== undefined && override !== ''
    ? resolve(override)
    : join(repoRoot(), '..', 'shared', 'data');
}

/** Sub-folders of the data directory read by the dataset builders. */
export const RELEASE_FOLDERS = {
  coherentCsi2017: 'coherent-csi-2017',
  coherentAr2020: 'coherent-ar-2020',
  xenonnt8b: 'xenonnt-8b',
  coherentCsi2021: 'coherent-csi-2021',
} as const;
