/**
 * Reading setup files: JSON → parseSetup (shape, units) → resolveSetup (physics cross-checks), with
 * relative paths inside the file resolved against its directory. Every failure is one SpecError naming
 * the file and the field (exit code 2 in the CLI).
 */
import { basename, dirname, resolve } from 'node:path';
import { readInputJson } from './inputFiles.js';
import { resolveSetup, type ResolvedSetup } from './setupResolve.js';
import { parseSetup } from './setupSchema.js';

export interface LoadSetupOptions {
  /** Shared spectra directory (solar shape 'tabulated'). */
  readonly spectraDir?: string;
}

/** Validate and resolve a setup object; `source` names it in messages, `baseDir` anchors relative paths. */
export function loadSetup(
  raw: unknown,
  source: string,
  opts: LoadSetupOptions & { readonly baseDir?: string } = {},
): ResolvedSetup {
  return resolveSetup(parseSetup(raw, source), { source, ...opts });
}

/** Read, validate and resolve a setup file (JSON). */
export function readSetupFile(path: string, opts: LoadSetupOptions = {}): ResolvedSetup {
  const name = basename(path);
  const raw = readInputJson(path, 'setup file');
  return loadSetup(raw, name, { ...opts, baseDir: dirname(resolve(path)) });
}
