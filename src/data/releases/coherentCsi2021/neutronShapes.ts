/**
 * Energy and arrival-time shapes of the beam-related (BRN) and neutrino-induced (NIN) neutrons
 * (README): `brnPE.txt`, `ninPE.txt` — 1-PE bins, centres 0.5 … 249.5, contents ≥ 0 (normalisation not
 * stated: shapes); `brnTrec.txt`, `ninTrec.txt` — 10-ns bins, centres −0.245 … 6.245 µs. The readers
 * check the grid (a file on another binning is an error naming the line) and that every entry is ≥ 0.
 *
 * A shape is kept as a piecewise-constant density on its bin edges, so it can be integrated exactly
 * over analysis bins that do not fall on its grid, and shifted or stretched in time (the BRN/NIN timing
 * systematics) by moving its edges.
 */
import { numericLines, readReleaseText, releaseError } from './textFile.js';

export const CSI_2021_SHAPE_FILES = {
  brnPe: 'brnPE.txt',
  brnTime: 'brnTrec.txt',
  ninPe: 'ninPE.txt',
  ninTime: 'ninTrec.txt',
} as const;

/** Release grids: 250 bins of 1 PE from 0; 650 bins of 0.01 µs from −0.25 µs. */
export const PE_SHAPE_GRID = { first: 0, width: 1, n: 250 } as const;
export const TIME_SHAPE_GRID = { first: -0.25, width: 0.01, n: 650 } as const;

/** A histogram shape: bin edges (length n + 1) and contents (length n, ≥ 0). */
export interface BinnedShape {
  readonly edges: Float64Array;
  readonly contents: Float64Array;
}

type Grid = { readonly first: number; readonly width: number; readonly n: number };

/** Parse a shape file: centre, content per line, on the grid `grid`. */
export function parseShape(text: string, file: string, grid: Grid): BinnedShape {
  const rows = numericLines(text, 2, file);
  if (rows.length !== grid.n) {
    releaseError(file, undefined, `${rows.length} bins; expected ${grid.n} (the release binning)`);
  }
  const contents = new Float64Array(grid.n);
  rows.forEach(({ line, values }, i) => {
    const [centre, content] = values as [number, number];
    const expected = grid.first + (i + 0.5) * grid.width;
    if (Math.abs(centre - expected) > 1e-6 * grid.width) {
      releaseError(
        file,
        line,
        `bin centre ${centre}; expected ${+expected.toFixed(6)} (bins of ${grid.width} from ${grid.first})`,
      );
    }
    if (!(content >= 0))
      releaseError(file, line, `content ${content} is negative; expected a shape entry ≥ 0`);
    contents[i] = content;
  });
  if (!contents.some((c) => c > 0)) releaseError(file, undefined, 'every entry is 0; expected a shape');
  const edges = Float64Array.from({ length: grid.n + 1 }, (_, i) => grid.first + i * grid.width);
  return { edges, contents };
}

export function readShape(dir: string, file: string, grid: Grid): BinnedShape {
  return parseShape(readReleaseText(dir, file), file, grid);
}

/** Content-weighted mean of the bin centres (the "mean" a timing shift or stretch refers to). */
export function shapeMean(s: BinnedShape): number {
  let w = 0;
  let m = 0;
  s.contents.forEach((c, i) => {
    w += c;
    m += c * 0.5 * (s.edges[i]! + s.edges[i + 1]!);
  });
  return m / w;
}

/**
 * The shape moved by `shift` and stretched by `scale` about its mean m: t ↦ m + scale·(t − m) + shift
 * (edges move, contents stay: the transformed density is again piecewise constant, same total).
 */
export function transformShape(s: BinnedShape, shift: number, scale: number): BinnedShape {
  const m = shapeMean(s);
  return { edges: s.edges.map((e) => m + scale * (e - m) + shift), contents: s.contents };
}

/**
 * ∫ over [lo, hi) of the shape's density times w(t), for a weight with a closed-form integral
 * W(a, b) = ∫_a^b w: Σ_i content_i · W(max(lo, e_i), min(hi, e_{i+1})) / (e_{i+1} − e_i).
 */
export function integrateShape(
  s: BinnedShape,
  lo: number,
  hi: number,
  weightIntegral: (a: number, b: number) => number,
): number {
  let sum = 0;
  for (let i = 0; i < s.contents.length; i++) {
    const a = Math.max(lo, s.edges[i]!);
    const b = Math.min(hi, s.edges[i + 1]!);
    if (b > a && s.contents[i]! > 0)
      sum += (s.contents[i]! * weightIntegral(a, b)) / (s.edges[i + 1]! - s.edges[i]!);
  }
  return sum;
}
