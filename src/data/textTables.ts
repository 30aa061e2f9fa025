/**
 * Readers for the plain-text files of public data releases: numeric column tables (comma or
 * whitespace separated, with header and comment lines skipped) and the few numbers we need from
 * COHERENT's parameter YAML files (a tiny parser for their `key:` / `value:` layout; no YAML library).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../errors.js';

/** Read a file of a release directory as UTF-8 text; a missing file is an io_error naming it. */
export function readReleaseFile(dir: string, file: string): string {
  const path = join(dir, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpecError('io_error', `cannot read ${path}: ${(e as Error).message}`, [file]);
  }
}

/**
 * Rows of numbers from a text table. A line is a data row when every field (split on commas and/or
 * whitespace) parses as a finite number; other lines (headers, `#` comments, blank lines) are skipped.
 * Rows whose length differs from `columns` are an error naming the file and line.
 */
export function parseNumericRows(text: string, columns: number, source: string): number[][] {
  const rows: number[][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const fields = line
      .trim()
      .split(/[\s,]+/)
      .filter((f) => f !== '');
    if (fields.length === 0) return;
    const values = fields.map(Number);
    if (values.some((v) => !Number.isFinite(v))) return;
    if (values.length !== columns) {
      throw new SpecError(
        'invalid_input',
        `${source} line ${i + 1}: ${values.length} numbers; expected ${columns} columns`,
        [source, i + 1],
      );
    }
    rows.push(values);
  });
  return rows;
}

/** Numbers of one top-level YAML block: its scalar fields and its named `parameters` entries. */
export interface YamlBlock {
  readonly fields: Readonly<Record<string, number>>;
  readonly parameters: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * Parse the numeric fields of COHERENT's parameter files (`coherent_parameters.yaml`,
 * `LArParametersAnlA.yaml`): top-level keys at column 0, indented `key: number` fields, and a
 * `parameters:` list of `- name: x` items with numeric fields. Block scalars (`comment: |` and the
 * indented lines after a key with no value) are skipped; non-numeric fields are ignored.
 */
export function parseParameterYaml(text: string): Record<string, YamlBlock> {
  const out: Record<
    string,
    { fields: Record<string, number>; parameters: Record<string, Record<string, number>> }
  > = {};
  let block: (typeof out)[string] | undefined;
  let param: Record<string, number> | undefined;
  let paramsIndent = -1;
  let skipDeeperThan = -1;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    if (skipDeeperThan >= 0 && indent > skipDeeperThan) continue;
    skipDeeperThan = -1;
    const top = /^([A-Za-z0-9_]+):\s*$/.exec(raw);
    if (indent === 0 && top) {
      block = { fields: {}, parameters: {} };
      out[top[1]!] = block;
      param = undefined;
      paramsIndent = -1;
      continue;
    }
    if (!block) continue;
    const item = /^\s*-\s*name:\s*(\S+)\s*$/.exec(raw);
    if (item) {
      param = {};
      block.parameters[item[1]!] = param;
      continue;
    }
    const kv = /^\s*([A-Za-z0-9_]+):\s*(.*?)\s*$/.exec(raw);
    if (!kv) continue;
    const [, key, value] = kv as unknown as [string, string, string];
    if (indent <= paramsIndent) {
      param = undefined;
      paramsIndent = -1;
    }
    if (value === '' || value === '|' || value === '>') {
      if (key === 'parameters') paramsIndent = indent;
      else skipDeeperThan = indent;
      continue;
    }
    const num = Number(value);
    if (!Number.isFinite(num)) continue;
    (param ?? block.fields)[key] = num;
  }
  return out;
}

/** A required number from a parsed YAML file, with an error naming the key when absent. */
export function yamlNumber(
  yaml: Record<string, YamlBlock>,
  source: string,
  block: string,
  field: string,
  parameter?: string,
): number {
  const b = yaml[block];
  const v = parameter === undefined ? b?.fields[field] : b?.parameters[parameter]?.[field];
  if (v === undefined) {
    const where =
      parameter === undefined ? `${block}.${field}` : `${block}.parameters[${parameter}].${field}`;
    throw new SpecError('invalid_input', `${source}: ${where} not found or not a number`, [source, block]);
  }
  return v;
}
