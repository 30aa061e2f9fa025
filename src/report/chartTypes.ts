/**
 * The vocabulary of the chart builders: data rows, axes, layers. Kept apart from vega-lite's
 * own (very general) types so that callers describe a physics figure, not a grammar.
 */

/** One data row of a chart: plain values keyed by field name; `null` leaves a gap. */
export type Datum = Readonly<Record<string, number | string | boolean | null>>;

/** Axis scale kind. */
export type ScaleKind = 'linear' | 'log';

/** One axis: which field it shows and how. */
export interface AxisOptions {
  /** Field of the data rows plotted on this axis (for y: the central value). */
  readonly field: string;
  /** Axis title including its unit, e.g. `q² [MeV²]` or `dR/dT [1/(keV·kg·day)]`. */
  readonly title: string;
  /** Default `'linear'`. On a log axis every plotted value must be > 0. */
  readonly scale?: ScaleKind;
  /** Fixed [min, max]; marks outside are clipped. Default: from the data. */
  readonly domain?: readonly [number, number];
  /** d3-format string for tick labels, e.g. `'.1e'` or `'~g'`. Default: Vega's choice. */
  readonly format?: string;
  /** Tick values (e.g. to keep a legend's headroom above 1 unlabelled). Default: Vega's choice. */
  readonly tickValues?: readonly number[];
}

/**
 * Where the legend goes: `'auto'` (default) the first inner corner free of data, else outside on the
 * right; a named corner; `'right'` outside; `'none'` hides it (legend.ts).
 */
export type LegendPosition =
  'auto' | 'right' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'none';

/** One legend entry: a label and the symbols drawn beside it (stacked when several; legend.ts). */
export interface LegendEntry {
  readonly label: string;
  readonly colour: string;
  readonly line?: { readonly dash?: readonly number[] };
  readonly band?: { readonly opacity: number };
  readonly point?: { readonly shape: string; readonly filled?: boolean };
  readonly errorBar?: boolean | { readonly width: number };
  /** A horizontal bar (bin width, spread) instead of a line segment. */
  readonly hBar?: boolean;
}

/** What every chart needs besides its layers. */
export interface ChartFrame {
  readonly title: string;
  readonly subtitle?: string;
  readonly x: AxisOptions;
  readonly y: AxisOptions;
  /** Plot-area size in CSS pixels; defaults in theme.ts. */
  readonly width?: number;
  readonly height?: number;
  /** Fixed colours for given labels or series values; the others take the palette in order. */
  readonly colors?: Readonly<Record<string, string>>;
  /** Legend title; default none (the labels speak for themselves). */
  readonly legendTitle?: string;
  /** Default `'auto'`. */
  readonly legend?: LegendPosition;
  /** Entries added after those of the layers (e.g. a quantity drawn on a second axis). */
  readonly legendExtra?: readonly LegendEntry[];
  /**
   * Polylines, in this chart's x and y values, that the automatic legend placement must avoid but that
   * are drawn elsewhere (e.g. curves on a second y axis, mapped onto this one). Rows hold x.field, y.field.
   */
  readonly legendAvoid?: readonly (readonly Datum[])[];
  /**
   * Where an `'auto'` legend goes when no place inside the plot is free: `'right'` (default) or
   * `'below'` the x axis (for charts with a second axis on the right).
   */
  readonly legendFallback?: 'right' | 'below';
}

/**
 * How a layer gets its colour: a constant `label` (one legend entry), a `series` field (one
 * entry per distinct value), or neither (first palette colour, no legend entry).
 */
export interface LayerColour {
  readonly data: readonly Datum[];
  /** Constant legend label of the whole layer, e.g. `'68.27 % CL'`. */
  readonly label?: string;
  /** Field whose values split the layer into coloured series, e.g. `'target'`. */
  readonly series?: string;
  /** `false`: no legend entry for this layer (default: an entry per label or series value). */
  readonly legend?: boolean;
}

/** Lines through the points, in data order per series. */
export interface LineLayer extends LayerColour {
  readonly kind: 'line';
  /** y field; default the chart's `y.field`. */
  readonly y?: string;
  /** Constant dash pattern, e.g. `[6, 4]`. */
  readonly dash?: readonly number[];
  /** Field whose values pick the dash pattern (a second legend). */
  readonly dashBy?: string;
  /** Also mark the data points. */
  readonly points?: boolean;
  readonly interpolate?: 'linear' | 'monotone' | 'step' | 'step-after';
}

/** A shaded band between two y fields (e.g. a confidence interval vs q²). */
export interface BandLayer extends LayerColour {
  readonly kind: 'band';
  readonly yLow: string;
  readonly yHigh: string;
  /** Fill opacity, default 0.25. */
  readonly opacity?: number;
}

/** Points with vertical error bars, optionally horizontal ones (bin widths). */
export interface ErrorBarLayer extends LayerColour {
  readonly kind: 'errorBars';
  /** Central-value field; default the chart's `y.field`. */
  readonly y?: string;
  readonly yLow: string;
  readonly yHigh: string;
  readonly xLow?: string;
  readonly xHigh?: string;
  /** Width of the bars in pixels (default 1.5); a wider bar for a narrower interval reads as nested. */
  readonly strokeWidth?: number;
  /** Draw the central points (default true), with this shape (default circle). */
  readonly points?: boolean;
  readonly shape?: PointLayer['shape'];
  /**
   * Horizontal shift of the whole layer in pixels (default 0): two methods side by side at the same x
   * stay visibly at the same x whatever the axis range (a shift in data units grows with few bins).
   */
  readonly dodgePx?: number;
}

/** Points alone. */
export interface PointLayer extends LayerColour {
  readonly kind: 'points';
  readonly y?: string;
  readonly shape?: 'circle' | 'square' | 'diamond' | 'triangle-up' | 'triangle-down' | 'cross';
}

/** Text at data positions (e.g. "3σ" beside a reference line); never in the legend. */
export interface TextLayer extends LayerColour {
  readonly kind: 'text';
  readonly y?: string;
  /** Field holding the text. */
  readonly text: string;
  readonly align?: 'left' | 'center' | 'right';
  /** Pixel offsets from the data position. */
  readonly dx?: number;
  readonly dy?: number;
  readonly fontSize?: number;
}

/** Any layer of a chart. */
export type Layer = LineLayer | BandLayer | ErrorBarLayer | PointLayer | TextLayer;

/** Layer options as the builder functions take them (without the `kind` tag). */
export type LayerOptions<L extends Layer> = Omit<L, 'kind'>;
