import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, test } from 'vitest';
import { ToolkitError } from '../../src/errors.js';
import {
  bandChart,
  lineChart,
  panelGrid,
  renderVegaLite,
  type TopLevelSpec,
} from '../../src/report/index.js';

const OUT = fileURLToPath(new URL('../.output/report/', import.meta.url)); // git-ignored
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const rows = [1, 2, 5, 10, 20, 50, 100].flatMap((q2) => [
  { q2, xi: Math.exp(-q2 / 40), target: 'Ar' },
  { q2, xi: Math.exp(-q2 / 25), target: 'Xe' },
]);
const chart = lineChart({
  title: 'Suppression ξ(q²)',
  data: rows,
  series: 'target',
  x: { field: 'q2', title: 'q² [MeV²]', scale: 'log' },
  y: { field: 'xi', title: 'ξ = F²', scale: 'log' },
  width: 320,
  height: 200,
});

/** Width and height attributes of the root <svg>. */
function svgSize(svg: string): [number, number] {
  const m = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg);
  return [Number(m?.[1]), Number(m?.[2])];
}

beforeAll(() => mkdirSync(OUT, { recursive: true }));

describe('renderVegaLite', () => {
  test('SVG carries the title and axis titles; PNG is a PNG at twice the SVG size', async () => {
    const { svg, png, width, height, warnings } = await renderVegaLite(chart);
    writeFileSync(join(OUT, 'line.png'), png);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Suppression ξ(q²)');
    expect(svg).toContain('q² [MeV²]');
    expect(svg).toContain('ξ = F²');
    expect(svg).toContain('font-family="DejaVu Sans');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const [w, h] = svgSize(svg);
    expect(w).toBeGreaterThan(320); // plot area plus axes, legend, padding
    expect(h).toBeGreaterThan(200);
    expect([width, height]).toEqual([2 * w, 2 * h]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]); // IHDR
    expect(warnings).toEqual([]);
  });

  test('PNG text is drawn with the bundled font, not system fonts', async () => {
    const { svg, png } = await renderVegaLite(chart);
    const noFonts = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 2 },
      background: 'white',
      font: { loadSystemFonts: false, fontFiles: [] },
      logLevel: 'off',
    })
      .render()
      .asPng();
    // Same SVG, same rasteriser, no font at all: the only difference can be the text.
    expect(png.equals(noFonts)).toBe(false);
    expect(png.length).toBeGreaterThan(noFonts.length);
  });

  test('scale option; warnings are returned, not printed', async () => {
    const spec: TopLevelSpec = {
      data: { values: [{ x: 0, y: 1 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative', scale: { type: 'log', zero: true } } },
    };
    const { svg, width, warnings } = await renderVegaLite(spec, { scale: 1 });
    expect(width).toBe(svgSize(svg)[0]);
    expect(warnings.some((w) => w.includes('zero'))).toBe(true);
    await expect(renderVegaLite(spec, { scale: 0 })).rejects.toThrow(ToolkitError);
  });

  test('an invalid spec is a ToolkitError (invalid_spec)', async () => {
    const bad = { mark: 'no-such-mark', data: { values: [] } } as unknown as TopLevelSpec;
    await expect(renderVegaLite(bad)).rejects.toMatchObject({ code: 'invalid_spec' });
  });

  test('an α-intervals band chart in a 1×2 panel grid renders (written to test/.output/report/)', async () => {
    const band = [100, 400, 700, 1000].map((q2) => {
      const a = Math.exp(-q2 / 1500);
      return { q2, a, lo: a - 0.1, hi: Math.min(1, a + 0.1) };
    });
    const alpha = bandChart({
      title: '(b) α intervals',
      x: { field: 'q2', title: 'q² [MeV²]' },
      y: { field: 'a', title: 'α', domain: [0, 1.05] },
      bands: [{ data: band, yLow: 'lo', yHigh: 'hi', label: '68.27 % CL' }],
      lines: [{ data: band, label: 'best fit' }],
      errorBars: [
        { data: [{ q2: 500, a: 0.7, lo: 0.55, hi: 0.85 }], yLow: 'lo', yHigh: 'hi', label: 'data' },
      ],
      legend: 'top-right',
      width: 320,
      height: 200,
    });
    const grid = panelGrid({ title: 'Figure', panels: [{ ...chart, title: '(a) ξ(q²)' }, alpha] });
    const { svg, png, warnings } = await renderVegaLite(grid);
    writeFileSync(join(OUT, 'panels.png'), png);
    expect(svg).toContain('(b) α intervals');
    expect(svg).toContain('68.27 % CL');
    expect(warnings).toEqual([]);
  });
});
