/**
 * Advance widths from a TrueType file (the `cmap`, `hmtx`, `hhea` and `head` tables, OpenType spec §5),
 * for the bundled DejaVu Sans faces. Node only (reads the font files): used by
 * scripts/build-font-widths.ts to generate the browser-safe width table that fontMetrics.ts uses, and by
 * the test that checks the table against the fonts.
 *
 * Why our own reader: only advance widths are needed, which takes a few dozen lines; a font library
 * (opentype.js, fontkit) would add hundreds of kB for it.
 */
import { readFileSync } from 'node:fs';
import { bundledFontFiles } from './fonts.js';

export interface Face {
  readonly unitsPerEm: number;
  readonly advance: (codePoint: number) => number;
}

export function parseFace(buf: Buffer): Face {
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

/** The bundled DejaVu Sans faces (regular, bold), parsed from the font files. */
export function loadBundledFaces(): { regular: Face; bold: Face } {
  const [regular, bold] = bundledFontFiles();
  return { regular: parseFace(readFileSync(regular!)), bold: parseFace(readFileSync(bold!)) };
}
