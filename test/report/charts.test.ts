import { describe, expect, test } from 'vitest';
import { ToolkitError } from '../../src/errors.js';
import {
  PALETTE,
  bandChart,
  bandLayer,
  errorBarLayer,
  layeredChart,
  lineChart,
  lineLayer,
  panelGrid,
  type Datum,
} from '../../src/report/index.js';

const q2 = { field: 'q2', title: 'q² [MeV²]', scale: 'log' } as const;
const alpha = { field: 'alpha', title: 'α' } as const;
const curve: Datum[] = [
  { q2: 100, alpha: 0.9, lo: 0.8, hi: 1, model: 'Helm' },
  { q2: 1000, alpha: 0.5, lo: 0.4, hi: 0.6, model: 'Helm' },
  { q2: 100, alpha: 0.95, lo: 0.9, hi: 1, model: 'Klein–Nystrand' },
  { q2: 1000, alpha: 0.6, lo: 0.5, hi: 0.7, model: 'Klein–Nystrand' },
];

/** The (untyped) JSON of a spec, to look inside without walking vega-lite's unions. */
const json = (spec: unknown) => JSON.parse(JSON.stringify(spec)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('lineChart', () => {
  test('log axis, axis titles with units, one colour per series, dash by field', () => {
    const spec = json(
      lineChart({ title: 'α(q²)', data: curve, x: q2, y: alpha, series: 'model', strokeDash: 'model' }),
    );
    const [layer] = spec.layer;
    expect(spec.title).toEqual({ text: 'α(q²)' });
    expect(layer.mark.type).toBe('line');
    expect(layer.encoding.x).toMatchObject({ field: 'q2', title: 'q² [MeV²]', scale: { type: 'log' } });
    expect(layer.encoding.y).toMatchObject({
      field: 'alpha',
      title: 'α',
      scale: { type: 'linear', zero: false },
    });
    expect(layer.encoding.color.scale).toEqual({
      domain: ['Helm', 'Klein–Nystrand'],
      range: PALETTE.slice(0, 2),
    });
    expect(layer.encoding.strokeDash.field).toBe('model');
    expect(spec.config.font).toMatch(/^DejaVu Sans/);
  });

  test.for([
    ['NaN', { q2: 10, alpha: NaN }, ['layers', 0, 'data', 1, 'alpha']],
    ['zero on a log axis', { q2: 0, alpha: 0.5 }, ['layers', 0, 'data', 1, 'q2']],
    ['a missing field', { q2: 10 }, ['layers', 0, 'data', 1, 'alpha']],
  ] as const)('refuses %s with a ToolkitError naming the cell', ([, bad, path]) => {
    const data: Datum[] = [{ q2: 1, alpha: 1 }, bad];
    const build = () => lineChart({ title: 't', data, x: q2, y: alpha });
    expect(build).toThrow(ToolkitError);
    expect(() => build()).toThrow(expect.objectContaining({ code: 'invalid_input', path }));
  });

  test('null leaves a gap and is accepted; a bad domain is refused', () => {
    expect(() => lineChart({ title: 't', data: [{ q2: 1, alpha: null }], x: q2, y: alpha })).not.toThrow();
    const x = { ...q2, domain: [0, 10] as const };
    expect(() => lineChart({ title: 't', data: curve, x, y: alpha })).toThrow(/log axis needs min > 0/);
  });
});

describe('layeredChart and bandChart', () => {
  test('fixed colours win and the others skip them; label and series together are refused', () => {
    const spec = json(
      layeredChart({
        title: 't',
        x: q2,
        y: alpha,
        colors: { '90 % CL': PALETTE[0] ?? '' },
        layers: [
          bandLayer({ data: curve, yLow: 'lo', yHigh: 'hi', label: '90 % CL' }),
          lineLayer({ data: curve, label: 'fit' }),
        ],
      }),
    );
    expect(spec.layer[0].encoding.color.scale).toEqual({
      domain: ['90 % CL', 'fit'],
      range: [PALETTE[0], PALETTE[1]],
    });
    expect(spec.layer[0].encoding.color.datum).toBe('90 % CL');
    const both = lineLayer({ data: curve, label: 'x', series: 'model' });
    expect(() => layeredChart({ title: 't', x: q2, y: alpha, layers: [both] })).toThrow(
      /either label or series/,
    );
  });

  test('bands below lines below error bars; bin-width bars are a third rule', () => {
    const spec = json(
      bandChart({
        title: 'α intervals',
        subtitle: 'COHERENT CsI',
        x: q2,
        y: alpha,
        legend: 'top-right',
        bands: [{ data: curve, yLow: 'lo', yHigh: 'hi', label: '68.27 % CL' }],
        lines: [{ data: curve, series: 'model', dash: [6, 4] }],
        errorBars: [
          {
            data: [{ q2: 300, alpha: 0.7, lo: 0.6, hi: 0.8, a: 200, b: 400 }],
            yLow: 'lo',
            yHigh: 'hi',
            xLow: 'a',
            xHigh: 'b',
          },
        ],
      }),
    );
    expect(spec.title).toEqual({ text: 'α intervals', subtitle: 'COHERENT CsI' });
    expect(spec.layer.slice(0, 5).map((l: { mark: { type: string } }) => l.mark.type)).toEqual([
      'area',
      'line',
      'rule',
      'point',
      'rule',
    ]);
    expect(spec.layer[0].encoding.y2).toEqual({ field: 'hi' });
    expect(spec.layer[1].mark.strokeDash).toEqual([6, 4]);
    // Vega-Lite's merged legend is off; legend.ts draws one (box, then a symbol and a text per entry).
    for (const item of spec.layer.slice(0, 2)) expect(item.encoding.color.legend).toBeNull();
    const legend = spec.layer.slice(5);
    expect(legend[0].mark.type).toBe('rect');
    const texts = legend.filter((l: { mark: { type: string } }) => l.mark.type === 'text');
    expect(texts.map((t: { encoding: { text: { value: string } } }) => t.encoding.text.value)).toEqual([
      '68.27 % CL',
      'Helm',
      'Klein–Nystrand',
    ]);
    // The dashed series are drawn dashed in the legend too.
    const dashed = legend.filter(
      (l: { mark: { type: string; strokeDash?: number[] } }) => l.mark.type === 'rule' && l.mark.strokeDash,
    );
    expect(dashed.map((l: { mark: { strokeDash: number[] } }) => l.mark.strokeDash)).toEqual([
      [6, 4],
      [6, 4],
    ]);
    expect(spec.layer[3].mark.color).toBeDefined(); // unlabelled error bars: a constant colour, no legend entry
  });
});

describe('error-bar dodge and axis end labels', () => {
  test('dodgePx shifts the bars and points of a layer by pixels, not the data; end labels are not flushed', () => {
    const row = [{ q2: 300, alpha: 0.7, lo: 0.6, hi: 0.8 }];
    const spec = json(
      layeredChart({
        title: 't',
        x: q2,
        y: alpha,
        legend: 'none',
        layers: [
          errorBarLayer({ data: row, yLow: 'lo', yHigh: 'hi', label: 'a', dodgePx: -4 }),
          errorBarLayer({ data: row, yLow: 'lo', yHigh: 'hi', label: 'b' }),
        ],
      }),
    );
    expect(spec.layer.map((l: { mark: { xOffset?: number } }) => l.mark.xOffset)).toEqual([
      -4,
      -4,
      undefined,
      undefined,
    ]);
    for (const l of spec.layer) expect(l.data.values[0].q2).toBe(300);
    // Flushed end labels were shifted inward after Vega's overlap removal and collided ("1,5501,600").
    expect(spec.config.axis.labelFlush).toBe(false);
  });
});

describe('panelGrid', () => {
  test('panels become concat items without their own $schema or config', () => {
    const panel = lineChart({ title: '(a) DAR-π', data: curve, x: q2, y: alpha });
    const spec = json(panelGrid({ title: 'Figure 3', panels: [panel, panel, panel], columns: 2 }));
    expect(spec.columns).toBe(2);
    expect(spec.concat).toHaveLength(3);
    expect(spec.concat[0].$schema).toBeUndefined();
    expect(spec.concat[0].config).toBeUndefined();
    expect(spec.concat[0].title).toEqual({ text: '(a) DAR-π' });
    expect(() => panelGrid({ panels: [] })).toThrow(ToolkitError);
  });
});
