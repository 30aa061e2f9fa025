/**
 * The project's legend (legend.ts), text metrics (fontMetrics.ts), script markup and axis labels: what
 * the figures of issue 14 needed — markers shown as markers, dashed lines as dashed, bands as bands,
 * legends where no data are, no blank margins, Γ_{NP} with a subscript, log axes labelled 10ⁿ.
 */
import { describe, expect, test } from 'vitest';
import {
  applyScriptMarkup,
  bandLayer,
  errorBarLayer,
  layeredChart,
  lineLayer,
  pointLayer,
  POWER_OF_TEN_LABEL,
  textLayer,
  renderVegaLite,
  textWidth,
  wrapText,
  type Datum,
} from '../../src/report/index.js';
import { legendEntries, niceLinear, niceLog, placeLegend } from '../../src/report/legend.js';
import { colourScale } from '../../src/report/layers.js';

const x = { field: 'x', title: 'x', domain: [0, 10] as const };
const y = { field: 'y', title: 'y', domain: [0, 10] as const };
const line = (pts: [number, number][]): Datum[] => pts.map(([a, b]) => ({ x: a, y: b }));

describe('legend entries: each shows what its layers draw', () => {
  test('markers, dashed lines, bands and error bars keep their symbols; a shared label merges them', () => {
    const layers = [
      bandLayer({ data: [{ x: 1, y: 1, lo: 0, hi: 2 }], yLow: 'lo', yHigh: 'hi', label: 'fit' }),
      lineLayer({ data: line([[1, 1]]), label: 'fit' }),
      lineLayer({ data: line([[1, 1]]), label: 'reference', dash: [2, 3] }),
      pointLayer({ data: line([[1, 1]]), label: 'reference', shape: 'diamond' }),
      pointLayer({ data: line([[2, 2]]), label: 'Table II', shape: 'cross' }),
      errorBarLayer({
        data: [{ x: 1, y: 1, lo: 0, hi: 2 }],
        yLow: 'lo',
        yHigh: 'hi',
        label: 'data',
        strokeWidth: 3,
      }),
    ];
    const entries = legendEntries(layers, colourScale(layers));
    const by = Object.fromEntries(entries.map((e) => [e.label, e]));
    expect(by.fit).toMatchObject({ band: { opacity: 0.25 }, line: {} });
    expect(by.fit!.point).toBeUndefined();
    expect(by.reference).toMatchObject({ line: { dash: [2, 3] }, point: { shape: 'diamond' } });
    expect(by['Table II']).toMatchObject({ point: { shape: 'cross' } });
    expect(by['Table II']!.line).toBeUndefined(); // a marker is not shown as a line
    expect(by.data).toMatchObject({ errorBar: { width: 3 }, point: { shape: 'circle' } });
  });

  test('a dash-by field gives grey entries with the dash patterns of the lines', () => {
    const data = [
      { x: 1, y: 1, nucleus: 'Ar', q: 'α' },
      { x: 1, y: 2, nucleus: 'Ar', q: 'ξ' },
    ];
    const layers = [lineLayer({ data, series: 'nucleus', dashBy: 'q' })];
    const entries = legendEntries(layers, colourScale(layers));
    expect(entries.map((e) => e.label)).toEqual(['Ar', 'α', 'ξ']);
    expect(entries[1]!.line!.dash).toEqual([1, 0]);
    expect(entries[2]!.line!.dash).toEqual([6, 4]);
  });
});

describe('legend placement', () => {
  const size = { width: 100, height: 40 };
  const plot = { width: 400, height: 300 };
  test('auto: the first corner free of data (data in the top right → top left)', () => {
    const frame = {
      title: 't',
      x,
      y,
      layers: [
        lineLayer({
          data: line([
            [7, 7],
            [10, 10],
          ]),
        }),
      ],
    };
    expect(placeLegend('auto', size, frame, plot)).toEqual({ x: 8, y: 8 });
  });
  test('auto: a curve through every corner and the middles sends the legend outside (or below)', () => {
    // A zigzag through the top and bottom middles, plus horizontal lines near the top, middle and bottom.
    const zigzag = line([
      [0, 9],
      [10, 9],
      [10, 1],
      [0, 1],
      [0, 10],
      [2.5, 0],
      [5, 10],
      [7.5, 0],
      [10, 10],
      [10, 0],
      [0, 0],
      [0, 5],
      [10, 5],
    ]);
    const frame = { title: 't', x, y, layers: [lineLayer({ data: zigzag })] };
    expect(placeLegend('auto', size, frame, plot).x).toBeGreaterThan(plot.width);
    const below = placeLegend('auto', size, { ...frame, legendFallback: 'below' as const }, plot);
    expect(below.y).toBeGreaterThan(plot.height);
  });
  test('auto: between full-width reference lines (a p-value plot) rather than outside, clear of a label', () => {
    // 400 × 300 px plot, y ∈ [0, 10]: lines at y = 8, 6, 1.5 (60, 120, 255 px) rule out every corner and
    // middle; the 40 px legend fits only in 120–255 px. A "2σ" label (10 px font) centred on y = 5 (150 px)
    // at the right end spans ≈ 145–155 px: the right edge at mid-height (y = 130) would cover it.
    const level = (v: number) =>
      lineLayer({
        data: line([
          [0, v],
          [10, v],
        ]),
      });
    const corners = pointLayer({
      data: line([
        [0.5, 9],
        [9.5, 9],
        [0.5, 0.5],
        [9.5, 0.5],
      ]),
    });
    const label = textLayer({ data: [{ x: 10, y: 5, z: '2σ' }], text: 'z', align: 'right', dx: -3 });
    const frame = { title: 't', x, y, layers: [level(8), level(6), level(1.5), corners, label] };
    const at = placeLegend('auto', size, frame, plot);
    const [top, bottom] = [at.y, at.y + size.height];
    expect(at.x, 'inside').toBeLessThan(plot.width);
    expect(top > 120 && bottom < 255, JSON.stringify(at)).toBe(true);
    const clear = at.x + size.width < 400 - 3 - 14 || top > 155 || bottom < 145; // "2σ" ≈ 14 px wide
    expect(clear, `clear of the label: ${JSON.stringify(at)}`).toBe(true);
  });
  test('curves drawn on another axis (legendAvoid) are avoided too', () => {
    const frame = {
      title: 't',
      x,
      y,
      layers: [],
      legendAvoid: [
        line([
          [7, 7],
          [10, 10],
        ]),
      ],
    };
    expect(placeLegend('auto', size, frame, plot)).toEqual({ x: 8, y: 8 });
  });
  // d3's linear scale.nice() (count 10), which Vega applies to data-driven domains: step 0.1 for a span
  // of 0.9, 500 for 4955; log domains go out to whole decades.
  test('nice domains as Vega sets them', () => {
    expect(niceLinear(0.05, 0.95)).toEqual([0, 1]);
    expect(niceLinear(1342, 6297)).toEqual([1000, 6500]);
    expect(niceLog(0.23, 1.97)).toEqual([0.1, 10]);
  });
});

describe('text metrics, wrapping and script markup', () => {
  // DejaVu Sans advance widths (from its hmtx table): '0' = 1303/2048 em = 0.6362 em.
  test('widths from the bundled font; scripts at 70 %, markup free', () => {
    expect(textWidth('0', 100)).toBeCloseTo((100 * 1303) / 2048, 6);
    expect(textWidth('x_{ab}', 10)).toBeCloseTo(textWidth('x', 10) + 0.7 * textWidth('ab', 10), 9);
    expect(textWidth('T', 12, true)).toBeGreaterThan(textWidth('T', 12));
  });
  test('wrapText keeps every line within the width (single long words excepted)', () => {
    const lines = wrapText(
      'per-bin asymptotic intervals, systematics profiled; points at the bin mean',
      200,
      12,
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(200);
    expect(lines.join(' ')).toBe(
      'per-bin asymptotic intervals, systematics profiled; points at the bin mean',
    );
  });
  test('Γ_{NP} becomes a subscript tspan in text nodes only, never inside attributes', () => {
    const svg = '<svg><text aria-label="Γ_{NP}">Γ_{NP} and 10^{3}</text></svg>';
    expect(applyScriptMarkup(svg)).toBe(
      '<svg><text aria-label="Γ_{NP}">Γ<tspan baseline-shift="sub" font-size="70%">NP</tspan> and 10<tspan baseline-shift="super" font-size="70%">3</tspan></text></svg>',
    );
  });
});

describe('rendered figures', () => {
  test('a long subtitle wraps instead of widening the canvas (no blank margins)', async () => {
    const chart = layeredChart({
      title: 'Fig. X',
      subtitle:
        'a subtitle long enough to be more than twice as wide as the plot area of this small chart, really',
      x,
      y,
      width: 300,
      height: 200,
      legend: 'none',
      layers: [
        lineLayer({
          data: line([
            [0, 0],
            [10, 10],
          ]),
        }),
      ],
    });
    const r = await renderVegaLite(chart);
    // plot 300 px + y axis (~30 px) + padding; the one-line subtitle alone would be ~620 px.
    expect(r.width / 2).toBeLessThan(420);
    expect(r.svg).not.toContain('_{');
  });

  test('log axes of ≥ 3 decades: ticks at the decades (labelled 10ⁿ) and 2…9 × 10ⁿ (unlabelled)', () => {
    const json = (domain: readonly [number, number]) =>
      JSON.parse(
        JSON.stringify(
          layeredChart({
            title: 't',
            x: { field: 'x', title: 'x', scale: 'log', domain },
            y,
            layers: [lineLayer({ data: line([[domain[0], 1]]) })],
          }),
        ),
      ).layer[0].encoding.x.axis;
    const short = json([0.1, 100]);
    expect(short.values).toContain(0.1);
    expect(short.values).toContain(20);
    // One label format for every log axis (issue 14: 0.001 … 100 in one panel beside 10ⁿ in the next).
    expect(short.labelExpr).toContain(POWER_OF_TEN_LABEL);
    expect(short.labelExpr).not.toContain('format(');
    const wide = json([1e-8, 10]);
    const decades = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
    expect(wide.values).toHaveLength(decades.length);
    wide.values.forEach((v: number, i: number) => expect(Math.abs(v / decades[i]! - 1)).toBeLessThan(1e-12));
    expect(wide.labelExpr).toContain('⁰¹²³⁴⁵⁶⁷⁸⁹');
  });
});
