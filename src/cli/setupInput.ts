/**
 * `--setup PRESET|FILE`, shared by `project` and `dataset build`: a preset's JSON, or a setup file read
 * as JSON, with the name used in messages and the directory its relative paths are resolved against.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
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
  let text: string;
  try {
    text = readFileSync(setup, 'utf8');
  } catch {
    throw new SpecError(
      'io_error',
      `--setup ${JSON.stringify(setup)}: not a preset (${PRESET_NAMES.join(', ')}) and no such file`,
      ['setup'],
    );
  }
  const source = basename(setup);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new SpecError('invalid_setup', `${source}: not valid JSON (${(e as Error).message})`, ['setup']);
  }
  return { raw, source, baseDir: dirname(resolve(setup)) };
}
