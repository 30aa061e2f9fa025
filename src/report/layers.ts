/**
 * Translation of the project's chart layers (chartTypes.ts) into Vega-Lite layer specs that
 * share one x axis, one y axis and one colour scale (hence one merged legend).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisOptions, ChartFrame, Datum, Layer } from './chartTypes.js';
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

/** Powers of ten in [lo, hi]. */
export function decadesIn(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++)
    out.push(10 ** k);
  return out;
}

/**
 * Vega expression labelling a power of ten as 10ⁿ with Unicode superscripts (10⁻³, 10⁰, 10⁴), as in
 * print, instead of Vega's 1e+0 or 1,000.
 */
export const POWER_OF_TEN_LABEL = (() => {
  const e = 'round(log(datum.value) / LN10)';
  const a = `abs(${e})`;
  const digit = (d: string) => `substring('⁰¹²³⁴⁵⁶⁷⁸⁹', ${d}, ${d} + 1)`;
  return `'10' + (${e} < 0 ? '⁻' : '') + (${a} >= 10 ? ${digit(`floor(${a} / 10)`)} : '') + ${digit(`${a} % 10`)}`;
})();

/** 1…9 × 10ⁿ inside [lo, hi]: the ticks of a log axis of a few decades. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (let m = 1; m <= 9; m++) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/**
 * Axis properties. On a log axis with a fixed domain of at least three decades: labels at the decades
 * only, always as 10ⁿ (never Vega's 1e+0, and never 0.1 … 100 on one panel beside 10ⁿ on the next),
 * with unlabelled ticks and grid lines at 2…9 × 10ⁿ when the axis spans at most six decades.
 */
function axisProps(axis: AxisOptions) {
  const props: Record<string, unknown> = {};
  if (axis.format !== undefined) props.format = axis.format;
  if (axis.tickValues !== undefined) props.values = [...axis.tickValues];
  else if (axis.scale === 'log' && axis.domain !== undefined && axis.format === undefined) {
    const [lo, hi] = axis.domain;
    const decades = decadesIn(lo, hi);
    if (decades.length >= 3) {
      const label = POWER_OF_TEN_LABEL;
      const minor = decades.length <= 7;
      const isDecade = 'abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6';
      props.values = minor ? logTicks(lo, hi) : decades;
      props.labelExpr = minor ? `${isDecade} ? ${label} : ''` : label;
      if (minor) {
        // Minor ticks shorter and their grid lines fainter than the decades'.
        props.tickSize = { condition: { test: isDecade, value: 5 }, value: 3 };
        props.gridOpacity = { condition: { test: isDecade, value: 1 }, value: 0.4 };
      }
    }
  }
  return Object.keys(props).length === 0 ? {} : { axis: props };
}

function position(axis: AxisOptions, field: string) {
  return {
    field,
    type: 'quantitative',
    title: axis.title,
    scale: scaleOf(axis),
    ...axisProps(axis),
  } as const;
}

function colourOf(layer: Layer, colours: ColourScale) {
  // Vega-Lite's merged legend is off: legend.ts draws one with a symbol per entry.
  const common = {
    type: 'nominal',
    scale: { domain: colours.domain, range: colours.range },
    legend: null,
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
  const color = colourOf(layer, colours);
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
                legend: null,
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
      const width = { strokeWidth: layer.strokeWidth ?? 1.5 };
      const dodge = layer.dodgePx === undefined || layer.dodgePx === 0 ? {} : { xOffset: layer.dodgePx };
      const items: VlLayerItem[] = [];
      if (layer.yLow !== layer.yHigh) {
        items.push({
          data,
          mark: { type: 'rule', clip: true, ...width, ...dodge, ...plain },
          encoding: { x, y: y(layer.yLow), y2: { field: layer.yHigh }, ...color },
        });
      }
      if (layer.points !== false) {
        items.push({
          data,
          mark: { type: 'point', clip: true, shape: layer.shape ?? 'circle', ...dodge, ...plain },
          encoding: { x, y: y(layer.y), ...color },
        });
      }
      if (layer.xLow !== undefined && layer.xHigh !== undefined) {
        const xBar = {
          x: position(frame.x, layer.xLow),
          x2: { field: layer.xHigh },
          y: y(layer.y),
          ...color,
        };
        items.push({ data, mark: { type: 'rule', clip: true, ...width, ...plain }, encoding: xBar });
      }
      return items;
    }
    case 'text': {
      const mark = {
        type: 'text',
        clip: true,
        align: layer.align ?? 'left',
        baseline: 'middle',
        dx: layer.dx ?? 0,
        dy: layer.dy ?? 0,
        fontSize: layer.fontSize ?? 10,
        ...plain,
      } as const;
      return [{ data, mark, encoding: { x, y: y(layer.y), text: { field: layer.text }, ...color } }];
    }
    case 'points': {
      const mark = { type: 'point', clip: true, shape: layer.shape ?? 'circle', ...plain } as const;
      return [{ data, mark, encoding: { x, y: y(layer.y), ...color } }];
    }
  }
}
