/**
 * Fonts for PNG rendering, shipped as an npm dependency so that text renders on machines with
 * no system fonts at all (CI containers): resvg is run with `loadSystemFonts: false` and only
 * these files. The package is `dejavu-fonts-ttf` (DejaVu Sans 2.37, Bitstream Vera derived,
 * free licence); DejaVu Sans covers Latin, Greek (α, ξ, ν, φ), super/subscripts (q², ⁸B), `·`
 * and `—`, which this project's labels need.
 */
import { createRequire } from 'node:module';

// The family names live in fontFamily.ts, which imports nothing of Node: the theme (and so every chart
// spec) needs them in a browser too (web/), where the font files are not used.
export { FONT_FAMILY, FONT_FAMILY_CSS } from './fontFamily.js';

const FACES = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf',
];

/**
 * Absolute paths of the bundled DejaVu Sans faces (regular, bold, oblique, bold oblique),
 * resolved through Node's module resolution so they work from `src/` and from `dist/`.
 * @example
 * bundledFontFiles()[0] // returns '/…/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'
 */
export function bundledFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return FACES.map((face) => require.resolve(`dejavu-fonts-ttf/ttf/${face}`));
}
