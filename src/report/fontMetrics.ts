/**
 * Text widths from the bundled DejaVu Sans faces, so that Vega lays figures out with the widths resvg
 * will draw. Without a canvas library Vega estimates every string as 0.8 em per character, about 45 %
 * too wide for DejaVu Sans: titles and legends then claim hundreds of pixels they do not use, which
 * left ~700 px of blank margin beside Fig. 5 and pushed the joint fit panels 4616 px apart.
 *
 * The widths come from a table generated from the font files (scripts/build-font-widths.ts →
 * fontWidthTable.ts; fontFace.ts reads the fonts) for the Unicode blocks the figures use, so this module
 * reads no file and also runs in a browser (web/). A character outside those blocks counts as the
 * face's average advance. Kerning is ignored (resvg applies DejaVu's pair kerning, a few per cent at
 * most on a label).
 *
 * Labels may carry sub- and superscript markup, `Γ_{NP}` and `10^{3}` (drawn as tspans by
 * plot.ts `applyScriptMarkup`): the markup characters take no width and scripts are measured at
 * `SCRIPT_SCALE` of the font size.
 */
import { FONT_WIDTHS, type WidthFace } from './fontWidthTable.js';

/** Font size of a sub- or superscript relative to its text (plot.ts uses the same factor). */
export const SCRIPT_SCALE = 0.7;

/** Advance of a code point in font units: from its block's table, else the face's average. */
function advanceOf(face: WidthFace, cp: number): number {
  for (const [start, widths] of face.blocks) {
    if (cp >= start && cp < start + widths.length) return widths[cp - start]!;
  }
  return face.average;
}

/**
 * Width in pixels of `text` in DejaVu Sans at `fontSize` px (bold if `bold`), honouring the
 * `_{…}` / `^{…}` script markup.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const face = bold ? FONT_WIDTHS.bold : FONT_WIDTHS.regular;
  let units = 0;
  let depth = 0; // inside a script group
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '_' || c === '^') && text[i + 1] === '{') {
      depth++;
      i++;
      continue;
    }
    if (c === '}' && depth > 0) {
      depth--;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    units += advanceOf(face, cp) * (depth > 0 ? SCRIPT_SCALE : 1);
  }
  return (units / FONT_WIDTHS.unitsPerEm) * fontSize;
}
