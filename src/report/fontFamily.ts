/**
 * The font family of every chart, apart from the font files (fonts.ts), so that the theme and the chart
 * specs import nothing of Node and bundle for a browser (the explorer in web/ draws them with vega there).
 */

/** The font family every chart uses; must match the family name inside the files of `bundledFontFiles` (fonts.ts). */
export const FONT_FAMILY = 'DejaVu Sans';

/** CSS font-family list written into SVGs: DejaVu Sans first, then common fallbacks for viewers. */
export const FONT_FAMILY_CSS = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';
