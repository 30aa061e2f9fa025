/**
 * Tables for the CLI: an aligned plain-text table for the terminal, CSV (RFC 4180) and
 * Markdown, all from one column description. Every function returns a string ending in a line
 * break; nothing here prints.
 *
 * Human formats (text, Markdown) use each column's `format`, or {@link formatDefault} for
 * numbers, and show missing values as `—`. CSV is machine output: numbers are written at full
 * precision (shortest round-trip form, ±∞ as `Infinity`/`-Infinity`), `format` is not applied,
 * and a missing value is an empty field. A NaN anywhere throws a ToolkitError whose path is
 * `[rowIndex, key]`.
 */
import { ToolkitError } from '../errors.js';
import { MISSING, assertNotNaN, formatDefault } from './format.js';

/** A value a table cell may hold; `null` and `undefined` mean "missing". */
export type Cell = number | string | boolean | null | undefined;

/**
 * One table row: any object (interfaces included). Columns without a `format` must hold
 * {@link Cell} values; a column holding anything else needs a `format`.
 */
export type Row = object;

/** Horizontal alignment of a column in human-readable output. */
export type Align = 'left' | 'right';

/** A column whose key is `K`; `format` receives that key's (non-missing) value. */
export interface ColumnOf<R extends Row, K extends keyof R & string> {
  /** The row property shown in this column. */
  readonly key: K;
  /** Header text, without the unit. */
  readonly header: string;
  /** Unit shown in brackets after the header, e.g. `1/(kg·yr)` → `rate [1/(kg·yr)]`. */
  readonly unit?: string;
  /** Default: right if every non-missing value is a number, otherwise left. */
  readonly align?: Align;
  /** Human-readable rendering of a non-missing value (not used for CSV). */
  readonly format?: (value: Exclude<R[K], null | undefined>, row: R) => string;
}

/** A column of a table of rows `R` (a union over the keys, so `format` is typed per key). */
export type Column<R extends Row> = { [K in keyof R & string]: ColumnOf<R, K> }[keyof R & string];

/** The output formats of {@link renderTable}. */
export type TableFormat = 'text' | 'csv' | 'markdown';

/** Header text with its unit, e.g. `rate [1/(kg·yr)]`. */
export function headerWithUnit(column: { readonly header: string; readonly unit?: string }): string {
  return column.unit === undefined || column.unit === ''
    ? column.header
    : `${column.header} [${column.unit}]`;
}

function checkColumns<R extends Row>(columns: readonly Column<R>[]): void {
  if (columns.length === 0) throw new ToolkitError('invalid_input', 'a table needs at least one column', []);
}

function isCell(value: unknown): value is Cell {
  const t = typeof value;
  return value === null || t === 'undefined' || t === 'number' || t === 'string' || t === 'boolean';
}

function cellOf<R extends Row>(row: R, column: Column<R>, rowIndex: number): unknown {
  const value: unknown = row[column.key];
  if (typeof value === 'number') assertNotNaN(value, [rowIndex, column.key]);
  return value;
}

function plainCell(value: unknown, path: readonly (string | number)[], hint: string): Cell {
  if (isCell(value)) return value;
  throw new ToolkitError('invalid_input', `cell ${path.join('.')} is a ${typeof value}: ${hint}`, path);
}

/** Human-readable text of one cell (single line). */
function humanCell<R extends Row>(row: R, column: Column<R>, rowIndex: number): string {
  const value = cellOf(row, column, rowIndex);
  if (value === null || value === undefined) return MISSING;
  let text: string;
  if (column.format !== undefined) {
    // The union `Column<R>` pairs each key with its own formatter; TS cannot follow that pairing.
    text = (column.format as (v: unknown, r: R) => string)(value, row);
  } else {
    const cell = plainCell(value, [rowIndex, column.key], 'give its column a format');
    text = typeof cell === 'number' ? formatDefault(cell) : String(cell);
  }
  return text.replace(/\r?\n|\r/g, ' ');
}

function alignOf<R extends Row>(column: Column<R>, rows: readonly R[]): Align {
  if (column.align !== undefined) return column.align;
  const present = rows.map((r) => r[column.key]).filter((v) => v !== null && v !== undefined);
  return present.length > 0 && present.every((v) => typeof v === 'number') ? 'right' : 'left';
}

/** Display width in code points (adequate for Latin, Greek, super/subscripts; not for CJK). */
function widthOf(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return align === 'right' ? fill + text : text + fill;
}

interface Grid {
  readonly headers: string[];
  readonly cells: string[][];
  readonly aligns: Align[];
  readonly widths: number[];
}

function humanGrid<R extends Row>(columns: readonly Column<R>[], rows: readonly R[], minWidth: number): Grid {
  checkColumns(columns);
  const headers = columns.map((c) => headerWithUnit(c).replace(/\r?\n|\r/g, ' '));
  const cells = rows.map((row, i) => columns.map((c) => humanCell(row, c, i)));
  const aligns = columns.map((c) => alignOf(c, rows));
  const widths = headers.map((h, j) =>
    Math.max(minWidth, widthOf(h), ...cells.map((line) => widthOf(line[j] ?? ''))),
  );
  return { headers, cells, aligns, widths };
}

/**
 * An aligned plain-text table: header line, a rule of dashes, one line per row; columns are
 * separated by two spaces and numbers are right-aligned. Trailing spaces are trimmed.
 * @example
 * toTextTable([{ key: 'n', header: 'events' }, { key: 't', header: 'T', unit: 'keV' }],
 *             [{ n: 12, t: 'low' }, { n: 3, t: 'high' }])
 * // returns 'events  T [keV]\n------  -------\n    12  low\n     3  high\n'
 */
export function toTextTable<R extends Row>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const { headers, cells, aligns, widths } = humanGrid(columns, rows, 1);
  const line = (texts: readonly string[]) =>
    texts
      .map((t, j) => pad(t, widths[j] ?? 0, aligns[j] ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...cells.map(line)].join('\n') + '\n';
}

/**
 * A GitHub-flavoured Markdown table with alignment markers (`---:` for right-aligned
 * columns); `|` inside cells is escaped and columns are padded for readable source.
 * @example
 * toMarkdown([{ key: 'a', header: 'α' }], [{ a: 0.5 }])
 * // returns '|      α |\n| -----: |\n| 0.5000 |\n'
 */
export function toMarkdown<R extends Row>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const grid = humanGrid(columns, rows, 3);
  const headers = grid.headers.map(escape);
  const cells = grid.cells.map((line) => line.map(escape));
  const widths = grid.widths.map((w, j) =>
    Math.max(w, widthOf(headers[j] ?? ''), ...cells.map((line) => widthOf(line[j] ?? ''))),
  );
  const line = (texts: readonly string[]) =>
    `| ${texts.map((t, j) => pad(t, widths[j] ?? 0, grid.aligns[j] ?? 'left')).join(' | ')} |`;
  const marks = widths.map((w, j) => (grid.aligns[j] === 'right' ? '-'.repeat(w - 1) + ':' : '-'.repeat(w)));
  return [line(headers), `| ${marks.join(' | ')} |`, ...cells.map(line)].join('\n') + '\n';
}

/** Quote a CSV field if it contains a comma, a double quote, CR or LF (RFC 4180 §2.6–2.7). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(value: Cell): string {
  return value === null || value === undefined ? '' : csvField(String(value));
}

const CSV_HINT = 'CSV takes numbers, strings and booleans only; give it one column per number';

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Record separator. Default `\r\n`, as RFC 4180 §2.1 prescribes. */
  readonly lineEnding?: '\r\n' | '\n';
}

/**
 * CSV per RFC 4180: a header record (with units in brackets), then one record per row.
 * Numbers at full precision, `format` not applied, missing values empty (see module doc).
 * @example
 * toCsv([{ key: 'name', header: 'name' }, { key: 'r', header: 'rate', unit: '1/(kg·yr)' }],
 *       [{ name: 'Ge, natural', r: 0.125 }])
 * // returns 'name,rate [1/(kg·yr)]\r\n"Ge, natural",0.125\r\n'
 */
export function toCsv<R extends Row>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: CsvOptions = {},
): string {
  checkColumns(columns);
  const eol = options.lineEnding ?? '\r\n';
  const header = columns.map((c) => csvField(headerWithUnit(c))).join(',');
  const records = rows.map((row, i) =>
    columns.map((c) => csvCell(plainCell(cellOf(row, c, i), [i, c.key], CSV_HINT))).join(','),
  );
  return [header, ...records].join(eol) + eol;
}

/**
 * Render a table in one of the supported formats (for CLI flags such as `--csv`).
 * @example
 * renderTable('csv', columns, rows) // same as toCsv(columns, rows)
 */
export function renderTable<R extends Row>(
  format: TableFormat,
  columns: readonly Column<R>[],
  rows: readonly R[],
): string {
  switch (format) {
    case 'text':
      return toTextTable(columns, rows);
    case 'csv':
      return toCsv(columns, rows);
    case 'markdown':
      return toMarkdown(columns, rows);
  }
}
