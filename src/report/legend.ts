/**
 * The charts' legend, drawn by the project rather than by Vega-Lite: Vega-Lite merges every layer into
 * one legend with a single symbol type, so markers appeared as lines, dashed lines as solid ones and
 * shaded bands not at all. Here each entry shows what its layers draw — a solid or dashed line, a
 * shaded band, a marker of the right shape, an error bar, or several of these on top of each other —
 * as marks placed in pixels inside the chart's own layer (value encodings, outside every scale).
 *
 * Placement `'auto'` (the default) tries the four inner corners and takes the first whose box (with a
 * margin) no data point, curve segment, band or error bar enters; if every corner is taken, the legend
 * goes outside, to the right of the plot. Pixel positions follow the axes' scales as Vega-Lite will
 * set them: the given domain, or the data extent made "nice" as d3 does (see niceLinear, niceLog).
 */
import type { AxisOptions, ChartFrame, Datum, Layer, LegendEntry, LegendPosition } from './chartTypes.js';
import { textWidth } from './fontMetrics.js';
import type { ColourScale, VlLayerItem } from './layers.js';
import { DASHES } from './theme.js';
import { numericFields } from './validate.js';

const FONT_SIZE = 11;
const ROW = 15;
const SYMBOL = 22;
const GAP = 6;
const PAD = 6;
const MARGIN = 8;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Entries of a chart's layers, merged by label in order of first appearance. */
export function legendEntries(layers: readonly Layer[], colours: ColourScale): LegendEntry[] {
  const byLabel = new Map<string, Mutable<LegendEntry>>();
  const colourOf = (label: string) => colours.range[colours.domain.indexOf(label)] ?? colours.plain;
  const entry = (label: string) => {
    let e = byLabel.get(label);
    if (e === undefined) {
      e = { label, colour: colourOf(label) };
      byLabel.set(label, e);
    }
    return e;
  };
  const dashKeys: string[] = [];
  for (const layer of layers) {
    if (layer.legend === false || layer.kind === 'text') continue;
    const labels =
      layer.label !== undefined
        ? [layer.label]
        : layer.series !== undefined
          ? [
              ...new Set(
                layer.data
                  .map((r) => r[layer.series!])
                  .filter((v) => v != null)
                  .map(String),
              ),
            ]
          : [];
    for (const label of labels) {
      const e = entry(label);
      if (layer.kind === 'line') e.line = { ...(layer.dash === undefined ? {} : { dash: layer.dash }) };
      else if (layer.kind === 'band') e.band = { opacity: layer.opacity ?? 0.25 };
      else if (layer.kind === 'errorBars') {
        if (layer.yLow !== layer.yHigh) e.errorBar = { width: layer.strokeWidth ?? 1.5 };
        else if (layer.xLow !== undefined) e.hBar = true;
        if (layer.points !== false) e.point = { shape: layer.shape ?? 'circle' };
      } else if (layer.kind === 'points') e.point = { shape: layer.shape ?? 'circle' };
    }
    if (layer.kind === 'line' && layer.dashBy !== undefined) {
      for (const r of layer.data) {
        const v = r[layer.dashBy];
        if (v != null && !dashKeys.includes(String(v))) dashKeys.push(String(v));
      }
    }
  }
  // A dash-by field (e.g. α solid, ξ dashed) gets grey entries with the dash patterns of layers.ts.
  const dashed: LegendEntry[] = dashKeys.map((k, i) => ({
    label: k,
    colour: '#666666',
    line: { dash: DASHES[i % DASHES.length]! },
  }));
  return [...byLabel.values(), ...dashed];
}

/** Size of the legend box in pixels. */
export function legendSize(entries: readonly LegendEntry[]): { width: number; height: number } {
  const label = Math.max(0, ...entries.map((e) => textWidth(e.label, FONT_SIZE)));
  return { width: 2 * PAD + SYMBOL + GAP + label, height: 2 * PAD + ROW * entries.length };
}

// ---------------------------------------------------------------------------------------------
// Placement.

/** d3's tickIncrement (d3-array, ISC licence), the step `nice` rounds a linear domain to. */
function tickIncrement(start: number, stop: number, count: number): number {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor;
}

/** d3 linear `scale.nice()` (count 10), as Vega applies to a data-driven quantitative domain. */
export function niceLinear(lo: number, hi: number): [number, number] {
  let start = lo;
  let stop = hi;
  let pre: number | undefined;
  for (let i = 0; i < 10; i++) {
    const step = tickIncrement(start, stop, 10);
    if (step === pre || !Number.isFinite(step) || step === 0) break;
    if (step > 0) {
      start = Math.floor(start / step) * step;
      stop = Math.ceil(stop / step) * step;
    } else {
      start = Math.ceil(start * step) / step;
      stop = Math.floor(stop * step) / step;
    }
    pre = step;
  }
  return [start, stop];
}

/** d3 log `scale.nice()`: out to whole decades. */
export function niceLog(lo: number, hi: number): [number, number] {
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

type Pixel = (v: number) => number;

/** Value → pixel along an axis of `length` pixels (y: flipped), or undefined without data. */
function axisPixel(
  axis: AxisOptions,
  values: readonly number[],
  length: number,
  flip: boolean,
): Pixel | undefined {
  let lo: number;
  let hi: number;
  if (axis.domain !== undefined) [lo, hi] = axis.domain;
  else {
    const finite = values.filter((v) => Number.isFinite(v) && (axis.scale !== 'log' || v > 0));
    if (finite.length === 0) return undefined;
    lo = Math.min(...finite);
    hi = Math.max(...finite);
    if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
    [lo, hi] = axis.scale === 'log' ? niceLog(lo, hi) : niceLinear(lo, hi);
  }
  const f =
    axis.scale === 'log'
      ? (v: number) => (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
      : (v: number) => (v - lo) / (hi - lo);
  return (v) => (flip ? (1 - f(v)) * length : f(v) * length);
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Does the segment (ax, ay)–(bx, by) meet the box? (Sampled finely: segments are short in pixels.) */
function segmentHits(box: Box, ax: number, ay: number, bx: number, by: number): boolean {
  const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / 2));
  for (let i = 0; i <= n; i++) {
    const x = ax + ((bx - ax) * i) / n;
    const y = ay + ((by - ay) * i) / n;
    if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) return true;
  }
  return false;
}

/** Whether any mark of the chart's layers enters the box (pixel coordinates of the plot area). */
function overlaps(box: Box, layers: readonly Layer[], frame: ChartFrame, px: Pixel, py: Pixel): boolean {
  const num = (r: Datum, f: string | undefined) => (f === undefined ? NaN : Number(r[f]));
  for (const layer of layers) {
    const yField = layer.kind === 'band' ? undefined : (layer.y ?? frame.y.field);
    const groups = new Map<unknown, Datum[]>();
    for (const r of layer.data) {
      const key = layer.series === undefined ? '' : r[layer.series];
      const dashKey = layer.kind === 'line' && layer.dashBy !== undefined ? r[layer.dashBy] : '';
      const k = `${String(key)}|${String(dashKey)}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const rows of groups.values()) {
      let prev: [number, number] | undefined;
      for (const r of rows) {
        const x = px(num(r, frame.x.field));
        if (layer.kind === 'band') {
          const lo = py(num(r, layer.yLow));
          const hi = py(num(r, layer.yHigh));
          if (segmentHits(box, x, lo, x, hi)) return true;
          continue;
        }
        const y = py(num(r, yField));
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          prev = undefined;
          continue;
        }
        if (layer.kind === 'text') {
          // The label's own box (reference-line labels such as "2σ" sit where a legend would go).
          const size = layer.fontSize ?? 10;
          const w = textWidth(String(r[layer.text] ?? ''), size);
          const ax = x + (layer.dx ?? 0);
          const ay = y + (layer.dy ?? 0);
          const x0 = layer.align === 'right' ? ax - w : layer.align === 'center' ? ax - w / 2 : ax;
          const label = { x0, y0: ay - size / 2, x1: x0 + w, y1: ay + size / 2 };
          if (label.x0 < box.x1 && label.x1 > box.x0 && label.y0 < box.y1 && label.y1 > box.y0) return true;
          continue;
        }
        if (layer.kind === 'line') {
          if (prev !== undefined ? segmentHits(box, prev[0], prev[1], x, y) : segmentHits(box, x, y, x, y))
            return true;
          prev = [x, y];
          continue;
        }
        const r5 = 5; // marker radius
        if (segmentHits({ x0: box.x0 - r5, y0: box.y0 - r5, x1: box.x1 + r5, y1: box.y1 + r5 }, x, y, x, y))
          return true;
        if (layer.kind === 'errorBars') {
          if (segmentHits(box, x, py(num(r, layer.yLow)), x, py(num(r, layer.yHigh)))) return true;
          if (layer.xLow !== undefined && layer.xHigh !== undefined) {
            if (segmentHits(box, px(num(r, layer.xLow)), y, px(num(r, layer.xHigh)), y)) return true;
          }
        }
      }
    }
  }
  return false;
}

/** Top-left corner of the legend box in plot pixels (x beyond `width` means outside, to the right). */
export function placeLegend(
  position: LegendPosition,
  size: { width: number; height: number },
  frame: ChartFrame & { readonly layers: readonly Layer[] },
  plot: { width: number; height: number },
): { x: number; y: number } {
  const corners: Record<'top-left' | 'top-right' | 'bottom-left' | 'bottom-right', { x: number; y: number }> =
    {
      'top-left': { x: MARGIN, y: MARGIN },
      'top-right': { x: plot.width - MARGIN - size.width, y: MARGIN },
      'bottom-left': { x: MARGIN, y: plot.height - MARGIN - size.height },
      'bottom-right': { x: plot.width - MARGIN - size.width, y: plot.height - MARGIN - size.height },
    };
  const outside = { x: plot.width + 14, y: 0 };
  // Below the x axis: under its tick labels and title (≈ 42 px).
  const below = { x: 0, y: plot.height + 42 };
  if (position === 'right') return outside;
  if (position !== 'auto' && position !== 'none') return corners[position];
  const fallback = frame.legendFallback === 'below' ? below : outside;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const layer of frame.layers) {
    for (const [field, axis] of numericFields(layer, frame)) {
      for (const r of layer.data) (axis === frame.x ? xs : ys).push(Number(r[field]));
    }
  }
  const px = axisPixel(frame.x, xs, plot.width, false);
  const py = axisPixel(frame.y, ys, plot.height, true);
  if (px === undefined || py === undefined) return corners['top-right'];
  if (size.width > plot.width - 2 * MARGIN || size.height > plot.height - 2 * MARGIN) return fallback;
  const avoid: Layer[] = (frame.legendAvoid ?? []).map((data) => ({ kind: 'line', data }));
  const midY = (plot.height - size.height) / 2;
  const midX = (plot.width - size.width) / 2;
  const candidates = [
    corners['top-right'],
    corners['top-left'],
    corners['bottom-right'],
    corners['bottom-left'],
    { x: corners['top-right'].x, y: midY },
    { x: MARGIN, y: midY },
    { x: midX, y: MARGIN },
    { x: midX, y: corners['bottom-left'].y },
  ];
  // Then any height along the right, then the left edge, in 5 px steps (e.g. between the 1σ and 2σ lines
  // of a p-value plot, which rule out every corner): a legend outside widens the canvas by its width.
  for (const edgeX of [corners['top-right'].x, MARGIN]) {
    for (let y = MARGIN; y <= plot.height - MARGIN - size.height; y += 5) candidates.push({ x: edgeX, y });
  }
  for (const c of candidates) {
    const box = { x0: c.x - 4, y0: c.y - 4, x1: c.x + size.width + 4, y1: c.y + size.height + 4 };
    if (!overlaps(box, [...frame.layers, ...avoid], frame, px, py)) return c;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Drawing.

const ONE = { values: [{}] };

/** The Vega-Lite layer items drawing the legend with its top-left corner at (x, y) plot pixels. */
export function legendLayers(
  entries: readonly LegendEntry[],
  at: { x: number; y: number },
  inside: boolean,
): VlLayerItem[] {
  const size = legendSize(entries);
  const items: VlLayerItem[] = [];
  if (inside) {
    items.push({
      data: ONE,
      mark: { type: 'rect', fill: 'white', fillOpacity: 0.85, stroke: '#bbbbbb', strokeWidth: 0.8 },
      encoding: {
        x: { value: at.x },
        x2: { value: at.x + size.width },
        y: { value: at.y },
        y2: { value: at.y + size.height },
      },
    });
  }
  entries.forEach((e, i) => {
    const yc = at.y + PAD + ROW * i + ROW / 2;
    const x0 = at.x + PAD;
    const xc = x0 + SYMBOL / 2;
    if (e.band) {
      items.push({
        data: ONE,
        mark: {
          type: 'rect',
          fill: e.colour,
          fillOpacity: Math.min(1, e.band.opacity * 1.6),
          strokeWidth: 0,
        },
        encoding: {
          x: { value: x0 },
          x2: { value: x0 + SYMBOL },
          y: { value: yc - 5 },
          y2: { value: yc + 5 },
        },
      });
    }
    if (e.line) {
      items.push({
        data: ONE,
        mark: {
          type: 'rule',
          color: e.colour,
          strokeWidth: 2,
          ...(e.line.dash ? { strokeDash: [...e.line.dash] } : {}),
        },
        encoding: { x: { value: x0 }, x2: { value: x0 + SYMBOL }, y: { value: yc } },
      });
    }
    if (e.hBar) {
      items.push({
        data: ONE,
        mark: { type: 'rule', color: e.colour, strokeWidth: 1.5 },
        encoding: { x: { value: x0 + 2 }, x2: { value: x0 + SYMBOL - 2 }, y: { value: yc } },
      });
    }
    if (e.errorBar) {
      const width = typeof e.errorBar === 'object' ? e.errorBar.width : 1.5;
      items.push({
        data: ONE,
        mark: { type: 'rule', color: e.colour, strokeWidth: width },
        encoding: { x: { value: xc }, y: { value: yc - 6 }, y2: { value: yc + 6 } },
      });
    }
    if (e.point) {
      const shape = e.point?.shape ?? 'circle';
      items.push({
        data: ONE,
        mark: { type: 'point', filled: true, color: e.colour, shape, size: 45, opacity: 1 },
        encoding: { x: { value: xc }, y: { value: yc } },
      });
    }
    items.push({
      data: ONE,
      mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: FONT_SIZE, color: '#222222' },
      encoding: { x: { value: x0 + SYMBOL + GAP }, y: { value: yc }, text: { value: e.label } },
    });
  });
  return items;
}
