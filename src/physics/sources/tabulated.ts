/**
 * A continuum component from a table of (E, dΦ/dE) points, interpolated linearly (default) or
 * log-log, normalised by the exact integral of the interpolant. No I/O here: readers in src/data
 * parse files into arrays and call this.
 */
import type { ContinuumComponent } from './types.js';

export type Interpolation = 'linear' | 'loglog';

export interface TabulatedOptions {
  readonly label: string;
  readonly interpolation?: Interpolation;
  /** Total flux [cm⁻² s⁻¹]; default: the table's own integral (the table is then absolute). */
  readonly fluxPerCm2PerS?: number;
}

/** Exact integral of one interpolation segment. */
function segmentIntegral(x0: number, x1: number, y0: number, y1: number, interp: Interpolation): number {
  if (interp === 'linear' || y0 <= 0 || y1 <= 0) return 0.5 * (x1 - x0) * (y0 + y1);
  // y = y0 (x/x0)^k on [x0, x1]; ∫ = y0 x0 [(x1/x0)^(k+1) − 1]/(k+1), with the k = −1 limit.
  const k = Math.log(y1 / y0) / Math.log(x1 / x0);
  const r = x1 / x0;
  return Math.abs(k + 1) < 1e-12 ? y0 * x0 * Math.log(r) : (y0 * x0 * (Math.pow(r, k + 1) - 1)) / (k + 1);
}

/**
 * Build a continuum from strictly increasing energies [MeV] and non-negative densities
 * [cm⁻² s⁻¹ MeV⁻¹ or any unit if `fluxPerCm2PerS` is given]. Validation of the arrays is the
 * caller's job (src/data schemas); this assumes ≥ 2 points, increasing E, densities ≥ 0, E > 0 for loglog.
 */
export function tabulatedContinuum(
  eMeV: readonly number[],
  density: readonly number[],
  opts: TabulatedOptions,
): ContinuumComponent {
  const interp = opts.interpolation ?? 'linear';
  const n = eMeV.length;
  const xs = Float64Array.from(eMeV);
  const ys = Float64Array.from(density);
  let integral = 0;
  for (let i = 0; i + 1 < n; i++) integral += segmentIntegral(xs[i]!, xs[i + 1]!, ys[i]!, ys[i + 1]!, interp);
  const norm = 1 / integral;
  const pdf = (e: number): number => {
    if (!(e >= xs[0]!) || !(e <= xs[n - 1]!)) return 0;
    // binary search for the segment
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= e) lo = mid;
      else hi = mid;
    }
    const x0 = xs[lo]!;
    const x1 = xs[hi]!;
    const y0 = ys[lo]!;
    const y1 = ys[hi]!;
    if (interp === 'loglog' && y0 > 0 && y1 > 0)
      return norm * y0 * Math.pow(e / x0, Math.log(y1 / y0) / Math.log(x1 / x0));
    return norm * (y0 + ((y1 - y0) * (e - x0)) / (x1 - x0));
  };
  return {
    kind: 'continuum',
    label: opts.label,
    fluxPerCm2PerS: opts.fluxPerCm2PerS ?? integral,
    eMinMeV: xs[0]!,
    eMaxMeV: xs[n - 1]!,
    pdf,
    // Knots are kinks of the interpolant: quadrature panels (and the rate engine's moment panels) start
    // there, so that every panel integrand is smooth and Gauss rules converge at their nominal order.
    breakpointsMeV: Array.from(xs.subarray(1, n - 1)),
  };
}
