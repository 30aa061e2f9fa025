/**
 * `--setup PRESET|FILE`, shared by `project` and `dataset build`: a preset's JSON, or a setup file read
 * as JSON (size-limited, directories and special files refused — data/inputFiles.ts), with the name
 * used in messages and the directory its relative paths are resolved against.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { readInputJson } from '../data/index.js';
import { SpecError } from '../errors.js';
import { isPresetName, PRESET_NAMES, presetSetupJson } from '../sensitivity/index.js';

export interface SetupInput {
  readonly raw: Record<string, unknown>;
  /** "preset NAME" or the file's base name. */
  readonly source: string;
  readonly baseDir: string;
}

export function readSetupInput(setup: string): SetupInput {
  if (isPresetName(setup)) {
    return { raw: presetSetupJson(setup), source: `preset ${setup}`, baseDir: process.cwd() };
  }
  if (!existsSync(setup)) {
    throw new SpecError(
      'io_error',
      `--setup ${JSON.stringify(setup)}: not a preset (${PRESET_NAMES.join(', ')}) and no such file`,
      ['setup'],
    );
  }
  const json = readInputJson(setup, '--setup');
  const source = basename(setup);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new SpecError('invalid_setup', `${source}: expected a setup object (JSON {...})`, ['setup']);
  }
  return { raw: json as Record<string, unknown>, source, baseDir: dirname(resolve(setup)) };
}
