/**
 * Small additions to the specs of the report layer's `layeredChart` that it does not offer itself:
 * a second quantity on a right-hand axis (the paper's Figure 8), larger outlined markers, and log
 * axes labelled at powers of ten only. Each takes a spec and returns a new one (no mutation).
 */
import type { TopLevelSpec } from 'vega-lite';
import { decadesIn, POWER_OF_TEN_LABEL } from '../index.js';

/** Dash pattern of the α curves on a right-hand axis (and of their legend entry). */
export const ALPHA_DASH = [5, 3] as const;

/** A Vega-Lite spec seen as plain JSON, for the additions below. */
type Json = Record<string, unknown>;

/**
 * Add a second quantity on a right-hand linear axis (the paper's Figure 8 shows α beside dR/dT):
 * the chart's own layers keep the left y scale, the new line layer gets an independent one.
 * `rows` carry the chart's x field, `yField` and `seriesField`; lines are dashed and coloured by
 * series with the chart's colour scale (one merged legend).
 */
export function withRightAxisLines(
  spec: TopLevelSpec,
  opts: {
    readonly rows: readonly Record<string, number | string>[];
    readonly yField: string;
    readonly title: string;
    readonly seriesField: string;
    readonly domain: readonly [number, number];
  },
): TopLevelSpec {
  const { layer, ...rest } = spec as unknown as Json & { layer: Json[] };
  const first = layer[0] as { encoding: { x: Json; color?: Json } };
  const colour = first.encoding.color;
  const right: Json = {
    data: { values: opts.rows.map((r) => ({ ...r })) },
    mark: { type: 'line', clip: true, strokeDash: [...ALPHA_DASH], strokeWidth: 1.5 },
    encoding: {
      x: first.encoding.x,
      y: {
        field: opts.yField,
        type: 'quantitative',
        title: opts.title,
        scale: { type: 'linear', domain: [...opts.domain] },
        axis: { orient: 'right', grid: false },
      },
      // Same colour scale and legend settings as the chart, so Vega-Lite merges the two legends.
      ...(colour === undefined ? {} : { color: { ...colour, field: opts.seriesField } }),
    },
  };
  return {
    ...rest,
    layer: [{ layer }, right],
    resolve: { scale: { y: 'independent' } },
  } as unknown as TopLevelSpec;
}

/**
 * Larger markers with a white outline, so that end-point markers stand out on top of the curves
 * (the report layer's points are small and unoutlined). Applies to every point mark of the chart.
 */
export function withMarkerStyle(spec: TopLevelSpec, size = 90): TopLevelSpec {
  const restyle = (item: Json): Json => {
    if (Array.isArray(item.layer)) return { ...item, layer: (item.layer as Json[]).map(restyle) };
    const mark = item.mark as Json | undefined;
    if (mark?.type !== 'point') return item;
    return { ...item, mark: { ...mark, size, stroke: 'white', strokeWidth: 1, filled: true, opacity: 1 } };
  };
  return restyle(spec as unknown as Json) as unknown as TopLevelSpec;
}

export { decadesIn } from '../index.js';

/**
 * Label a log axis at powers of ten only, as 10⁻³ … 10⁴ (Vega's default labels 2, 3, 20, 30 … and
 * thousands separators crowd an axis spanning many decades). `channel` is the encoding to change on
 * every layer of a chart built by `layeredChart`.
 */
export function withDecadeTicks(
  spec: TopLevelSpec,
  channel: 'x' | 'y',
  range: readonly [number, number],
): TopLevelSpec {
  const values = decadesIn(range[0], range[1]);
  const s = spec as unknown as Json & { layer: Json[] };
  const layer = s.layer.map((item) => {
    const enc = item.encoding as Record<string, Json> | undefined;
    const ch = enc?.[channel];
    if (enc === undefined || ch === undefined || ch.type !== 'quantitative') return item;
    const axis = { ...((ch.axis as Json | undefined) ?? {}), values, labelExpr: POWER_OF_TEN_LABEL };
    return { ...item, encoding: { ...enc, [channel]: { ...ch, axis } } };
  });
  return { ...s, layer } as unknown as TopLevelSpec;
}
