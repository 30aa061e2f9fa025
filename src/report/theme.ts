/**
 * The project's chart theme: one font (bundled, see fonts.ts), one set of sizes, a
 * colour-blind-safe palette and a white background, so every figure looks alike.
 */
import type { Config } from 'vega-lite';
import { FONT_FAMILY_CSS } from './fontFamily.js';

/**
 * Categorical colours: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
 * without its yellow, which is unreadable on white. Distinguishable with common colour-vision
 * deficiencies.
 */
export const PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#000000', // black
];

/** Default plot-area size in CSS pixels (before the PNG scale factor). */
export const DEFAULT_SIZE = { width: 480, height: 300 } as const;

/** Dash patterns used, in order, when lines are told apart by dash as well as colour. */
export const DASHES: readonly (readonly number[])[] = [
  [1, 0],
  [6, 4],
  [2, 3],
  [8, 3, 2, 3],
];

/** Font sizes of chart titles and subtitles [px] (titles are bold). */
export const TITLE_FONT_SIZE = 15;
export const SUBTITLE_FONT_SIZE = 12;

/** Background colour of every chart and PNG. */
export const BACKGROUND = 'white';

/**
 * The project's Vega-Lite config. {@link renderVegaLite} applies it under any spec's own
 * `config`, and the chart builders embed it so exported specs look the same elsewhere.
 */
export function projectConfig(): Config {
  const text = { color: '#222222' };
  return {
    font: FONT_FAMILY_CSS,
    background: BACKGROUND,
    padding: 8,
    view: { stroke: '#333333', strokeWidth: 1 },
    title: {
      fontSize: TITLE_FONT_SIZE,
      fontWeight: 'bold',
      anchor: 'middle',
      subtitleFontSize: SUBTITLE_FONT_SIZE,
      ...text,
    },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      labelColor: text.color,
      titleColor: text.color,
      domainColor: '#333333',
      tickColor: '#333333',
      gridColor: '#e6e6e6',
      // End labels centred on their ticks: flushing them inward (labelFlush) made them collide with
      // their neighbours ("1,5501,600"), as Vega's overlap removal runs before the flush shift.
      labelFlush: false,
    },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 260 },
    header: { labelFontSize: 13, titleFontSize: 13, labelFontWeight: 'bold' },
    range: { category: [...PALETTE] },
    line: { strokeWidth: 2 },
    point: { filled: true, size: 45, opacity: 1 },
    area: { opacity: 0.25 },
    rule: { strokeWidth: 1.5 },
  };
}
