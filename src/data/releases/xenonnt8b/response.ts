/**
 * The XENONnT nuclear-recoil response as a RecoilResponse (data/response): for a recoil of T keV_nr,
 * the probability per observable bin (efficiency included) is the mono-energetic template M(E) of the
 * release at E = k·T, linearly interpolated between the grid energies E_i (0.5, 0.6, …, 5.0 keV_nr) —
 * the interpolation the release README prescribes. Below the grid the response is 0; above it (only
 * reached when k > 1) it stays M(E_max).
 *
 * k is an energy-scale factor: k = 1 is the release's response. k ≠ 1 is this toolkit's stand-in for a
 * change of the light and charge yields when the release's t_Ly/t_Qy templates are absent — a recoil of
 * T then looks like one of k·T (signal.ts, yieldScale.ts).
 *
 * The release's own recipe, Σ_i dR/dT(E_i)·ΔE·M(E_i) with ΔE = 0.1 keV_nr, is `releaseRecipeTemplate`;
 * this toolkit integrates ∫ dR/dT(T)·M(T) dT with the linear interpolation instead (the recipe is its
 * Riemann sum), and reports the difference.
 */
import type { RecoilResponse } from '../../response/index.js';

/** Index i with xs[i] ≤ x < xs[i+1] (binary search), for xs[0] ≤ x < xs[n−1] increasing. */
export function segmentIndex(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

export class MonoTemplateResponse implements RecoilResponse {
  readonly nBins: number;

  /**
   * @param energiesKeV grid energies, strictly increasing
   * @param templates the template at each grid energy (same length, each nBins long)
   * @param energyScale k (default 1)
   */
  constructor(
    readonly energiesKeV: readonly number[],
    readonly templates: readonly Float64Array[],
    readonly energyScale = 1,
  ) {
    this.nBins = templates[0]!.length;
  }

  /** T values where the response has a kink (grid energies / k) [keV_nr]. */
  get breakpointsKeV(): number[] {
    return this.energiesKeV.map((e) => e / this.energyScale);
  }

  row(tKeV: number, out: Float64Array): void {
    const e = tKeV * this.energyScale;
    const grid = this.energiesKeV;
    const n = grid.length;
    if (!(e >= grid[0]!)) {
      out.fill(0);
      return;
    }
    if (e >= grid[n - 1]!) {
      out.set(this.templates[n - 1]!);
      return;
    }
    const lo = segmentIndex(grid, e);
    const hi = lo + 1;
    const w = (e - grid[lo]!) / (grid[hi]! - grid[lo]!);
    const a = this.templates[lo]!;
    const b = this.templates[hi]!;
    for (let i = 0; i < out.length; i++) out[i] = (1 - w) * a[i]! + w * b[i]!;
  }

  /** Detection efficiency at T (sum of the row). */
  efficiency(tKeV: number, scratch = new Float64Array(this.nBins)): number {
    this.row(tKeV, scratch);
    let s = 0;
    for (const v of scratch) s += v;
    return s;
  }
}

/**
 * The release README's recipe: template = Σ_i dR/dT(E_i)·ΔE·M(E_i), ΔE = 0.1 keV_nr (events per
 * t·yr per bin when dR/dT is per t·yr·keV).
 */
export function releaseRecipeTemplate(
  energiesKeV: readonly number[],
  templates: readonly Float64Array[],
  dRdT: (tKeV: number) => number,
  stepKeV = 0.1,
): Float64Array {
  const out = new Float64Array(templates[0]!.length);
  energiesKeV.forEach((e, i) => {
    const w = dRdT(e) * stepKeV;
    const t = templates[i]!;
    for (let b = 0; b < out.length; b++) out[b]! += w * t[b]!;
  });
  return out;
}
