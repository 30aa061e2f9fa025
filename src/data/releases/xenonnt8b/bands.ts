/**
 * True-q² band layouts of the XENONnT ⁸B signal (templateDataset.ts: contiguous bands, α per band).
 *
 * - `single` (default): ONE band from the smallest to the largest q² a detected recoil can have
 *   (T from the bottom to the top of the mono grid, 0.5–5 keV_nr, on the lightest and heaviest Xe
 *   isotope; rounded outward to whole MeV²) — one α for the whole solar q² range, as issue 11 asks.
 * - `edges`: the user's q² edges [MeV²] (increasing; each band must hold some expected signal).
 * - `quantiles`: n bands of equal expected Standard-Model signal (inner edges at the detected-signal
 *   q² quantiles i/n, rounded to whole MeV²; outer edges as `single`).
 */
import { SpecError } from '../../../errors.js';
import type { Q2Band } from './signalFold.js';
import type { Q2Distribution } from './q2Distribution.js';

export type BandLayout =
  | { readonly kind: 'single' }
  | { readonly kind: 'edges'; readonly q2MeV2: readonly number[] }
  | { readonly kind: 'quantiles'; readonly n: number };

function fail(message: string): never {
  throw new SpecError('invalid_input', `xenonnt-8b option bands: ${message}`, ['bands']);
}

/** The bands of a layout, given the detected-signal q² distribution. */
export function bandsFromLayout(layout: BandLayout, dist: Q2Distribution): Q2Band[] {
  const lo = Math.floor(dist.q2MinMeV2);
  const hi = Math.ceil(dist.q2MaxMeV2);
  let edges: number[];
  switch (layout.kind) {
    case 'single':
      edges = [lo, hi];
      break;
    case 'quantiles': {
      if (!(Number.isInteger(layout.n) && layout.n >= 1 && layout.n <= 20)) {
        fail(`quantiles n = ${layout.n}; expected an integer from 1 to 20`);
      }
      const inner = Array.from({ length: layout.n - 1 }, (_, i) =>
        Math.round(dist.quantile((i + 1) / layout.n)),
      );
      edges = [lo, ...inner, hi];
      break;
    }
    case 'edges':
      edges = [...layout.q2MeV2];
      if (edges.length < 2) fail(`${edges.length} edge(s); expected at least 2 q² edges [MeV²]`);
      edges.forEach((e, i) => {
        if (!(Number.isFinite(e) && e >= 0)) fail(`edge ${i} = ${e}; expected a finite q² ≥ 0 [MeV²]`);
        if (i > 0 && !(e > edges[i - 1]!))
          fail(`edge ${i} = ${e} is not above ${edges[i - 1]}; expected increasing edges`);
      });
      break;
  }
  const bands = edges.slice(1).map((q2HiMeV2, j) => ({ q2LoMeV2: edges[j]!, q2HiMeV2 }));
  bands.forEach((b, j) => {
    const inside = dist.cumulative(b.q2HiMeV2) - dist.cumulative(b.q2LoMeV2);
    if (!(inside > 1e-6 * dist.total)) {
      fail(
        `band ${j} (q² ${b.q2LoMeV2}–${b.q2HiMeV2} MeV²) holds no expected signal; expected bands within the detected range ${dist.q2MinMeV2.toFixed(0)}–${dist.q2MaxMeV2.toFixed(0)} MeV²`,
      );
    }
  });
  return bands;
}
