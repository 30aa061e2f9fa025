/**
 * The browser-safe width table (src/report/fontWidthTable.ts) is what scripts/build-font-widths.ts
 * generates from the bundled DejaVu Sans files, and textWidth measures with the fonts' own advances.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fontWidthSource, WIDTH_BLOCKS } from '../../scripts/build-font-widths.js';
import { repoRoot } from '../../src/data/index.js';
import { loadBundledFaces } from '../../src/report/fontFace.js';
import { textWidth } from '../../src/report/fontMetrics.js';

describe('font width table', () => {
  test('regenerating it from the bundled fonts reproduces the committed file', () => {
    expect(fontWidthSource()).toBe(
      readFileSync(join(repoRoot(), 'src', 'report', 'fontWidthTable.ts'), 'utf8'),
    );
  });

  test('textWidth equals the fonts’ advances for every tabulated character (exact: same integers)', () => {
    const { regular, bold } = loadBundledFaces();
    for (const [a, b] of WIDTH_BLOCKS) {
      for (let cp = a; cp < b; cp++) {
        const ch = String.fromCodePoint(cp);
        if (ch === '_' || ch === '^' || ch === '}') continue; // script markup characters
        expect(textWidth(ch, regular.unitsPerEm), `U+${cp.toString(16)}`).toBe(regular.advance(cp));
        expect(textWidth(ch, bold.unitsPerEm, true), `U+${cp.toString(16)} bold`).toBe(bold.advance(cp));
      }
    }
  });
});
