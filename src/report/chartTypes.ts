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
}

/** Where the legend goes; `'none'` hides it. Inset positions keep the plot area wide. */
export type LegendPosition = 'right' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'none';

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
  /** Default `'right'`. */
  readonly legend?: LegendPosition;
  /**
   * Legend symbol of every entry (one for the merged legend); default from the layers: a stroke if
   * any drawn line or error bar has a legend entry, else a dot, else a square. `'square'` suits
   * stacked histograms.
   */
  readonly legendSymbol?: 'stroke' | 'circle' | 'square';
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
  readonly interpolate?: 'linear' | 'monotone' | 'step';
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
}

/** Points alone. */
export interface PointLayer extends LayerColour {
  readonly kind: 'points';
  readonly y?: string;
  readonly shape?: 'circle' | 'square' | 'diamond' | 'triangle-up' | 'cross';
}

/** Any layer of a chart. */
export type Layer = LineLayer | BandLayer | ErrorBarLayer | PointLayer;

/** Layer options as the builder functions take them (without the `kind` tag). */
export type LayerOptions<L extends Layer> = Omit<L, 'kind'>;
