/**
 * Where the shared spectra tables are. The repository is cloned with `shared/` beside it, so the
 * default is `<package root>/../shared/data/spectra`; the package root is found from this file's URL
 * (works from src/data under tsx/vitest and from dist/data after the build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable that overrides the shared spectra directory. */
export const SPECTRA_DIR_ENV = 'COHERENCY_SPECTRA_DIR';

/** The package root: the nearest ancestor of this file holding the project's package.json. */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name"\s*:\s*"cevns-coherency"/.test(readFileSync(pkg, 'utf8'))) return dir;
    if (dirname(dir) === dir) return resolve(here, '..', '..'); // src/data or dist/data
  }
}

/**
 * Directory of the shared spectra tables: `override` if given, else $COHERENCY_SPECTRA_DIR if set,
 * else `<package root>/../shared/data/spectra`.
 */
export function defaultSpectraDir(override?: string): string {
  if (override !== undefined && override !== '') return resolve(override);
  const env = process.env[SPECTRA_DIR_ENV];
  if (env !== undefined && env !== '') return resolve(env);
  return resolve(packageRoot(), '..', 'shared', 'data', 'spectra');
}
