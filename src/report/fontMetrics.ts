/**
 * Text widths from the bundled DejaVu Sans faces, so that Vega lays figures out with the widths resvg
 * will draw. Without a canvas library Vega estimates every string as 0.8 em per character, about 45 %
 * too wide for DejaVu Sans: titles and legends then claim hundreds of pixels they do not use, which
 * left ~700 px of blank margin beside Fig. 5 and pushed the joint fit panels 4616 px apart.
 *
 * Why our own reader: only advance widths are needed (the `cmap`, `hmtx`, `hhea` and `head` tables of
 * a TrueType file, OpenType spec §5), which takes a few dozen lines; a font library (opentype.js,
 * fontkit) would add hundreds of kB for it. Kerning is ignored (resvg applies DejaVu's pair kerning,
 * a few per cent at most on a label).
 *
 * Labels may carry sub- and superscript markup, `Γ_{NP}` and `10^{3}` (drawn as tspans by
 * plot.ts `applyScriptMarkup`): the markup characters take no width and scripts are measured at
 * {@link SCRIPT_SCALE} of the font size.
 */
import { readFileSync } from 'node:fs';
import { bundledFontFiles } from './fonts.js';

/** Font size of a sub- or superscript relative to its text (plot.ts uses the same factor). */
export const SCRIPT_SCALE = 0.7;

interface Face {
  readonly unitsPerEm: number;
  readonly advance: (codePoint: number) => number;
}

function parseFace(buf: Buffer): Face {
  const numTables = buf.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font table ${tag} missing`);
    return offset;
  };
  const unitsPerEm = buf.readUInt16BE(table('head') + 18);
  const nMetrics = buf.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advanceOfGlyph = (g: number) => buf.readUInt16BE(hmtx + 4 * Math.min(g, nMetrics - 1));
  const glyphOf = cmapLookup(buf, table('cmap'));
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance: (cp) => {
      let w = cache.get(cp);
      if (w === undefined) {
        w = advanceOfGlyph(glyphOf(cp));
        cache.set(cp, w);
      }
      return w;
    },
  };
}

/** Code point → glyph index from the Windows Unicode subtable (format 12 if present, else format 4). */
function cmapLookup(buf: Buffer, cmap: number): (cp: number) => number {
  const n = buf.readUInt16BE(cmap + 2);
  let f4: number | undefined;
  let f12: number | undefined;
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const sub = cmap + buf.readUInt32BE(rec + 4);
    const format = buf.readUInt16BE(sub);
    if (platform === 3 && encoding === 10 && format === 12) f12 = sub;
    if (platform === 3 && encoding === 1 && format === 4) f4 = sub;
  }
  if (f12 !== undefined) {
    const groups = buf.readUInt32BE(f12 + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const at = f12 + 16 + 12 * g;
        const start = buf.readUInt32BE(at);
        if (cp >= start && cp <= buf.readUInt32BE(at + 4)) return buf.readUInt32BE(at + 8) + cp - start;
      }
      return 0;
    };
  }
  if (f4 === undefined) throw new Error('no Unicode cmap');
  const segX2 = buf.readUInt16BE(f4 + 6);
  const ends = f4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segX2; s += 2) {
      if (cp > buf.readUInt16BE(ends + s)) continue;
      const start = buf.readUInt16BE(starts + s);
      if (cp < start) return 0;
      const delta = buf.readInt16BE(deltas + s);
      const range = buf.readUInt16BE(ranges + s);
      if (range === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(ranges + s + range + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

let faces: { regular: Face; bold: Face } | undefined;

function loadFaces(): { regular: Face; bold: Face } {
  if (faces === undefined) {
    const [regular, bold] = bundledFontFiles();
    faces = { regular: parseFace(readFileSync(regular!)), bold: parseFace(readFileSync(bold!)) };
  }
  return faces;
}

/**
 * Width in pixels of `text` in DejaVu Sans at `fontSize` px (bold if `bold`), honouring the
 * `_{…}` / `^{…}` script markup.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const face = bold ? loadFaces().bold : loadFaces().regular;
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
    units += face.advance(cp) * (depth > 0 ? SCRIPT_SCALE : 1);
  }
  return (units / face.unitsPerEm) * fontSize;
}
