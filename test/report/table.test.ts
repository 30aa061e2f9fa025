import { describe, expect, test } from 'vitest';
import { ToolkitError } from '../../src/errors.js';
import {
  csvField,
  numberFormatter,
  renderTable,
  toCsv,
  toMarkdown,
  toTextTable,
  type Column,
} from '../../src/report/index.js';

interface Rate {
  readonly target: string;
  readonly events: number;
  readonly rate: number | null;
  readonly note?: string | null;
}

const columns: Column<Rate>[] = [
  { key: 'target', header: 'target' },
  { key: 'events', header: 'events' },
  { key: 'rate', header: 'rate', unit: '1/(kg·yr)', format: numberFormatter({ digits: 3 }) },
  { key: 'note', header: 'note' },
];
const rows: Rate[] = [
  { target: 'Ar', events: 134, rate: 0.04512, note: 'ok' },
  { target: 'CsI', events: 7, rate: 12.5, note: null },
  { target: 'Ge, natural', events: 0, rate: null },
];

describe('toTextTable', () => {
  test('header with unit, rule, numbers right-aligned, text left-aligned, missing as —', () => {
    expect(toTextTable(columns, rows)).toBe(
      [
        'target       events  rate [1/(kg·yr)]  note',
        '-----------  ------  ----------------  ----',
        'Ar              134            0.0451  ok',
        'CsI               7              12.5  —',
        'Ge, natural       0                 —  —',
        '',
      ].join('\n'),
    );
  });

  test('explicit align overrides the default; newlines in cells become spaces; no rows → header only', () => {
    const cols: Column<{ a: string; b: number }>[] = [
      { key: 'a', header: 'name', align: 'right' },
      { key: 'b', header: 'n', align: 'left' },
    ];
    expect(toTextTable(cols, [{ a: 'x\ny', b: 5 }])).toBe('name  n\n----  -\n x y  5\n');
    expect(toTextTable(cols, [])).toBe('name  n\n----  -\n');
  });

  test('a NaN cell throws a ToolkitError whose path is [row, key]', () => {
    const bad: Rate[] = [...rows, { target: 'Xe', events: 1, rate: NaN }];
    expect(() => toTextTable(columns, bad)).toThrow(ToolkitError);
    try {
      toTextTable(columns, bad);
    } catch (err) {
      expect((err as ToolkitError).code).toBe('invalid_input');
      expect((err as ToolkitError).path).toEqual([3, 'rate']);
    }
  });

  test('no columns is an error', () => {
    expect(() => toTextTable([], rows)).toThrow(/at least one column/);
  });
});

describe('toCsv (RFC 4180)', () => {
  test('quotes fields with commas, quotes and line breaks; units in brackets; CRLF', () => {
    const cols: Column<{ name: string; value: number | null }>[] = [
      { key: 'name', header: 'name, "quoted"' },
      { key: 'value', header: 'ξ', unit: '1', format: () => 'ignored in CSV' },
    ];
    const csv = toCsv(cols, [
      { name: 'Ge, natural', value: 0.1 + 0.2 },
      { name: 'say "hi"', value: null },
      { name: 'two\nlines', value: -Infinity },
    ]);
    expect(csv).toBe(
      '"name, ""quoted""",ξ [1]\r\n' +
        '"Ge, natural",0.30000000000000004\r\n' +
        '"say ""hi""",\r\n' +
        '"two\nlines",-Infinity\r\n',
    );
  });

  test('full-precision numbers, missing as empty fields, LF on request', () => {
    expect(toCsv(columns, rows, { lineEnding: '\n' })).toBe(
      'target,events,rate [1/(kg·yr)],note\nAr,134,0.04512,ok\nCsI,7,12.5,\n"Ge, natural",0,,\n',
    );
  });

  test('csvField leaves plain text alone', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });

  test('NaN throws here too', () => {
    expect(() => toCsv(columns, [{ target: 'Xe', events: NaN, rate: 1 }])).toThrow(/NaN .* at 0\.events/);
  });
});

describe('toMarkdown', () => {
  test('alignment markers, escaped pipes, padded columns (headers aligned like their column)', () => {
    const cols: Column<{ a: string; x: number }>[] = [
      { key: 'a', header: 'case' },
      { key: 'x', header: 'α', unit: '1' },
    ];
    expect(
      toMarkdown(cols, [
        { a: 'a|b', x: 0.5 },
        { a: 'c', x: 1 },
      ]),
    ).toBe(
      ['| case |  α [1] |', '| ---- | -----: |', '| a\\|b | 0.5000 |', '| c    |      1 |', ''].join('\n'),
    );
  });

  test('the same table as text, Markdown and CSV through renderTable', () => {
    expect(renderTable('text', columns, rows)).toBe(toTextTable(columns, rows));
    expect(renderTable('markdown', columns, rows)).toBe(toMarkdown(columns, rows));
    expect(renderTable('csv', columns, rows)).toBe(toCsv(columns, rows));
  });
});

describe('column typing and non-plain cells', () => {
  test('the doc examples hold, with R inferred from inline rows', () => {
    expect(
      toTextTable(
        [
          { key: 'n', header: 'events' },
          { key: 't', header: 'T', unit: 'keV' },
        ],
        [
          { n: 12, t: 'low' },
          { n: 3, t: 'high' },
        ],
      ),
    ).toBe('events  T [keV]\n------  -------\n    12  low\n     3  high\n');
    expect(toMarkdown([{ key: 'a', header: 'α' }], [{ a: 0.5 }])).toBe(
      '|      α |\n| -----: |\n| 0.5000 |\n',
    );
    const csv = toCsv(
      [
        { key: 'name', header: 'name' },
        { key: 'r', header: 'rate', unit: '1/(kg·yr)' },
      ],
      [{ name: 'Ge, natural', r: 0.125 }],
    );
    expect(csv).toBe('name,rate [1/(kg·yr)]\r\n"Ge, natural",0.125\r\n');
  });

  test('format is typed per key; an unknown key does not compile', () => {
    interface Fit {
      readonly interval: readonly [number, number];
      readonly converged: boolean;
    }
    const cols: Column<Fit>[] = [
      { key: 'interval', header: 'α 90 % CL', format: ([lo, hi]) => `[${lo.toFixed(2)}, ${hi.toFixed(2)}]` },
      { key: 'converged', header: 'ok' },
      // @ts-expect-error 'alpha' is not a key of Fit
      { key: 'alpha', header: 'α' },
    ];
    const fits: Fit[] = [{ interval: [0.25, 1], converged: true }];
    expect(toTextTable(cols.slice(0, 2), fits)).toBe(
      'α 90 % CL     ok\n------------  ----\n[0.25, 1.00]  true\n',
    );
    // An object cell is refused, never printed as [object Object]: without a format in text, and
    // always in CSV (machine output takes one column per number).
    const bare: Column<Fit>[] = [{ key: 'interval', header: 'α' }];
    expect(() => toTextTable(bare, fits)).toThrow(/0\.interval is a object: give its column a format/);
    expect(() => toCsv(cols.slice(0, 2), fits)).toThrow(/cell 0\.interval is a object: CSV takes numbers/);
  });
});
