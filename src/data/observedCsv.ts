/**
 * Observed counts as CSV (the same content as the JSON form of observedCounts.ts), and reading either
 * form from a file. The CSV is one header line whose every column carries its unit in brackets, then
 * one line per bin; empty cells are absent values; `#` lines are comments, except `# key: value` lines
 * for the file-level fields (id, experiment, title, signalNormRelUncertainty,
 * beamBackgroundRelUncertainty):
 *
 *   # id: my-ge-run-1
 *   lo [keVee], hi [keVee], nOn [events], nOff [events], tau [1], knownBackground [events], knownBackgroundSigma [events]
 *   0.2, 0.3, 53, 150, 3, ,
 *   0.3, 0.4, 40, , , 31.5, 2
 *
 * Columns: lo, hi (an energy unit, the same for both), nOn, nOff, tau, knownBackground,
 * knownBackgroundSigma, beamBackground; lo, hi and nOn are required. A column without a unit, a unit
 * that does not fit the column, an unknown column or a cell that is not a number is one SpecError
 * naming the file, the line and the column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { SpecError } from '../errors.js';
import { OBSERVED_SCHEMA_VERSION, parseObservedCounts, type ObservedCounts } from './observedCounts.js';
import { ENERGY_UNITS, normaliseUnit } from './setupUnits.js';

/** Unit each column must carry ('energy': any detector energy unit, lo and hi alike). */
const COLUMN_UNITS = {
  lo: 'energy',
  hi: 'energy',
  nOn: 'events',
  nOff: 'events',
  tau: '1',
  knownBackground: 'events',
  knownBackgroundSigma: 'events',
  beamBackground: 'events',
} as const;
type Column = keyof typeof COLUMN_UNITS;

/** File-level fields accepted as `# key: value` comment lines, and whether they are numbers. */
const DIRECTIVES: Readonly<Record<string, 'string' | 'number'>> = {
  id: 'string',
  experiment: 'string',
  title: 'string',
  signalNormRelUncertainty: 'number',
  beamBackgroundRelUncertainty: 'number',
};

function fail(source: string, where: string, message: string, path: (string | number)[] = []): never {
  throw new SpecError('invalid_input', `${source}: ${where}: ${message}`, path);
}

function splitCells(line: string): string[] {
  return line.split(',').map((c) => c.trim());
}

interface Header {
  readonly columns: readonly Column[];
  readonly energyUnit: string;
}

function parseHeader(line: string, lineNo: number, source: string): Header {
  const columns: Column[] = [];
  let energyUnit: string | undefined;
  splitCells(line).forEach((cell, j) => {
    const where = `line ${lineNo}, column ${j + 1}`;
    const m = /^([A-Za-z]+)\s*(?:\[(.*)\])?$/.exec(cell);
    if (!m)
      fail(source, where, `"${cell}" is not a column header; expected name [unit], e.g. "nOn [events]"`);
    const name = m[1]!;
    if (!(name in COLUMN_UNITS)) {
      fail(
        source,
        where,
        `unknown column "${name}"; expected one of ${Object.keys(COLUMN_UNITS).join(', ')}`,
      );
    }
    const col = name as Column;
    if (columns.includes(col)) fail(source, where, `column "${col}" appears twice`);
    const want = COLUMN_UNITS[col];
    const unit = m[2]?.trim();
    if (unit === undefined || unit === '') {
      const example = want === 'energy' ? 'keVee' : want;
      fail(source, where, `"${cell}" has no unit (unit missing); expected ${col} [${example}]`);
    }
    if (want === 'energy') {
      if (ENERGY_UNITS[normaliseUnit(unit)] === undefined) {
        fail(
          source,
          where,
          `"${unit}" is not an energy unit; expected ${Object.keys(ENERGY_UNITS).join(' | ')}`,
        );
      }
      if (energyUnit !== undefined && normaliseUnit(unit) !== normaliseUnit(energyUnit)) {
        fail(
          source,
          where,
          `"${unit}" differs from the unit "${energyUnit}" of the other edge; expected the same`,
        );
      }
      energyUnit = unit;
    } else if (unit !== want) {
      fail(source, where, `unit "${unit}" of ${col}; expected ${col} [${want}]`);
    }
    columns.push(col);
  });
  for (const required of ['lo', 'hi', 'nOn'] as const) {
    if (!columns.includes(required)) fail(source, `line ${lineNo}`, `no column "${required}" in the header`);
  }
  return { columns, energyUnit: energyUnit as string };
}

/** Parse observed counts from CSV text. */
export function parseObservedCsv(text: string, source: string): ObservedCounts {
  const top: Record<string, unknown> = {};
  let header: Header | undefined;
  const bins: Record<string, unknown>[] = [];
  const binLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const d = /^#\s*([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(line);
      const kind = d ? DIRECTIVES[d[1]!] : undefined;
      if (d && kind !== undefined) top[d[1]!] = kind === 'number' ? Number(d[2]) : d[2];
      return;
    }
    if (header === undefined) {
      header = parseHeader(line, lineNo, source);
      return;
    }
    const cells = splitCells(line);
    if (cells.length !== header.columns.length) {
      fail(
        source,
        `line ${lineNo}`,
        `${cells.length} cells; expected ${header.columns.length} (one per header column)`,
      );
    }
    const row: Record<string, number> = {};
    header.columns.forEach((col, j) => {
      const cell = cells[j]!;
      if (cell === '') return;
      const v = Number(cell);
      if (!Number.isFinite(v)) fail(source, `line ${lineNo}, column ${col}`, `"${cell}" is not a number`);
      row[col] = v;
    });
    const { knownBackground, knownBackgroundSigma, ...rest } = row;
    const bin: Record<string, unknown> = { ...rest };
    if (knownBackground !== undefined || knownBackgroundSigma !== undefined) {
      if (knownBackground === undefined || knownBackgroundSigma === undefined) {
        const missing = knownBackground === undefined ? 'knownBackground' : 'knownBackgroundSigma';
        fail(
          source,
          `line ${lineNo}, column ${missing}`,
          'is empty; expected knownBackground and knownBackgroundSigma together',
        );
      }
      bin.knownBackground = { expected: knownBackground, sigma: knownBackgroundSigma };
    }
    bins.push(bin);
    binLines.push(lineNo);
  });
  if (header === undefined)
    fail(source, '(top level)', 'no header line; expected e.g. "lo [keVee], hi [keVee], nOn [events], …"');
  const raw = {
    $schemaVersion: OBSERVED_SCHEMA_VERSION,
    kind: 'observed-counts',
    ...top,
    energyUnit: header.energyUnit,
    bins,
  };
  return parseObservedCounts(raw, source, (i) => `line ${binLines[i] ?? '?'}`);
}

/**
 * Read observed counts from a file: `.csv` as CSV, anything else as JSON. A missing or unreadable
 * file is SpecError('io_error') naming it.
 */
export function readObservedFile(path: string): ObservedCounts {
  const name = basename(path);
  if (!existsSync(path))
    throw new SpecError('io_error', `observed counts ${path}: no such file`, ['observed']);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpecError('io_error', `observed counts ${path}: cannot read (${(e as Error).message})`, [
      'observed',
    ]);
  }
  if (extname(path).toLowerCase() === '.csv') return parseObservedCsv(text, name);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SpecError(
      'io_error',
      `${name}: not valid JSON (${(e as Error).message}); CSV files need the .csv extension`,
      ['observed'],
    );
  }
  return parseObservedCounts(raw, name);
}
