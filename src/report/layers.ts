/**
 * Translation of the project's chart layers (chartTypes.ts) into Vega-Lite layer specs that
 * share one x axis, one y axis and one colour scale (hence one merged legend).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisOptions, ChartFrame, Datum, Layer, LegendPosition } from './chartTypes.js';
import { DASHES, PALETTE } from './theme.js';

/** One item of a Vega-Lite `layer` array. */
export type VlLayerItem = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

type Key = string | number | boolean;

/** The colour scale shared by all layers of one chart. */
export interface ColourScale {
  readonly domain: Key[];
  readonly range: string[];
  /** Colour of layers with neither label nor series. */
  readonly plain: string;
  /**
   * Legend symbol of the merged legend (one for all entries, as Vega-Lite merges them): a
   * stroke if any coloured layer draws lines or error bars, else a dot, else a square (bands).
   */
  readonly symbol: 'stroke' | 'circle' | 'square';
}

/** Build the shared colour scale: labels and series values in order of first appearance. */
export function colourScale(
  layers: readonly Layer[],
  fixed: Readonly<Record<string, string>> = {},
): ColourScale {
  const domain: Key[] = [];
  const add = (k: Key) => {
    if (!domain.includes(k)) domain.push(k);
  };
  for (const layer of layers) {
    if (layer.label !== undefined) add(layer.label);
    const series = layer.series;
    if (series !== undefined) for (const row of layer.data) if (row[series] != null) add(row[series] as Key);
  }
  const taken = new Set(domain.map((k) => fixed[String(k)]).filter((c) => c !== undefined));
  const free = PALETTE.filter((c) => !taken.has(c));
  let next = 0;
  const pick = () => free[next++ % Math.max(1, free.length)] ?? '#333333';
  const range = domain.map((k) => fixed[String(k)] ?? pick());
  const coloured = layers.filter((l) => l.label !== undefined || l.series !== undefined);
  const has = (...kinds: Layer['kind'][]) => coloured.some((l) => kinds.includes(l.kind));
  const symbol = has('line', 'errorBars') ? 'stroke' : has('points') ? 'circle' : 'square';
  return { domain, range, plain: pick(), symbol };
}

function scaleOf(axis: AxisOptions) {
  const domain = axis.domain === undefined ? {} : { domain: [axis.domain[0], axis.domain[1]] };
  // A log scale has no zero; a linear one should not be forced to include it (ξ, α ∈ [0, 1]).
  return axis.scale === 'log'
    ? ({ type: 'log', ...domain } as const)
    : ({ type: 'linear', zero: false, ...domain } as const);
}

function position(axis: AxisOptions, field: string) {
  return {
    field,
    type: 'quantitative',
    title: axis.title,
    scale: scaleOf(axis),
    ...(axis.format === undefined ? {} : { axis: { format: axis.format } }),
  } as const;
}

function legendOf(position: LegendPosition, title: string | undefined, symbol: ColourScale['symbol']) {
  if (position === 'none') return null;
  // Opaque symbols: a band drawn at 25 % opacity would otherwise give a barely visible entry.
  return {
    title: title ?? null,
    orient: position,
    symbolType: symbol,
    symbolOpacity: 1,
    symbolStrokeWidth: 3,
  };
}

function colourOf(layer: Layer, colours: ColourScale, frame: ChartFrame) {
  const common = {
    type: 'nominal',
    scale: { domain: colours.domain, range: colours.range },
    legend: legendOf(frame.legend ?? 'right', frame.legendTitle, colours.symbol),
  } as const;
  if (layer.label !== undefined) return { color: { datum: layer.label, ...common } };
  if (layer.series !== undefined) return { color: { field: layer.series, ...common } };
  return {};
}

function values(data: readonly Datum[]) {
  return { values: data.map((row) => ({ ...row })) };
}

/** The Vega-Lite layer items drawing one project layer (error bars take two or three). */
export function toVegaLayers(layer: Layer, frame: ChartFrame, colours: ColourScale): VlLayerItem[] {
  const data = values(layer.data);
  const x = position(frame.x, frame.x.field);
  const y = (field: string | undefined) => position(frame.y, field ?? frame.y.field);
  const color = colourOf(layer, colours, frame);
  const plain = layer.label === undefined && layer.series === undefined ? { color: colours.plain } : {};
  switch (layer.kind) {
    case 'line': {
      const dash = layer.dash === undefined ? {} : { strokeDash: [...layer.dash] };
      const dashBy =
        layer.dashBy === undefined
          ? {}
          : {
              strokeDash: {
                field: layer.dashBy,
                type: 'nominal',
                scale: { range: DASHES.map((d) => [...d]) },
                legend: legendOf(frame.legend ?? 'right', undefined, 'stroke'),
              } as const,
            };
      const mark = {
        type: 'line',
        clip: true,
        interpolate: layer.interpolate ?? 'linear',
        ...(layer.points === true ? { point: true } : {}),
        ...dash,
        ...plain,
      } as const;
      return [{ data, mark, encoding: { x, y: y(layer.y), ...color, ...dashBy } }];
    }
    case 'band': {
      const mark = { type: 'area', clip: true, opacity: layer.opacity ?? 0.25, ...plain } as const;
      return [{ data, mark, encoding: { x, y: y(layer.yLow), y2: { field: layer.yHigh }, ...color } }];
    }
    case 'errorBars': {
      const items: VlLayerItem[] = [
        {
          data,
          mark: { type: 'rule', clip: true, ...plain },
          encoding: { x, y: y(layer.yLow), y2: { field: layer.yHigh }, ...color },
        },
        { data, mark: { type: 'point', clip: true, ...plain }, encoding: { x, y: y(layer.y), ...color } },
      ];
      if (layer.xLow !== undefined && layer.xHigh !== undefined) {
        const xBar = {
          x: position(frame.x, layer.xLow),
          x2: { field: layer.xHigh },
          y: y(layer.y),
          ...color,
        };
        items.push({ data, mark: { type: 'rule', clip: true, ...plain }, encoding: xBar });
      }
      return items;
    }
    case 'points': {
      const mark = { type: 'point', clip: true, shape: layer.shape ?? 'circle', ...plain } as const;
      return [{ data, mark, encoding: { x, y: y(layer.y), ...color } }];
    }
  }
}
