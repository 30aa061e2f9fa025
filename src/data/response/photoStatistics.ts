/**
 * Photo-statistics with an efficiency: the probability that a deposit whose reconstructed charge x
 * [PE] follows a gamma distribution of mean μ and shape k (COHERENT CsI 2021's resolution model,
 * releases/coherentCsi2021/publication.ts) is recorded in each bin [e_j, e_{j+1}):
 *
 *   P_j = ∫_{e_j}^{e_{j+1}} Gamma(x; k, θ = μ/k) · ε(x) dx,
 *   Gamma(x; k, θ) = x^{k−1} e^{−x/θ} / (Γ(k) θ^k)          (evaluated in log space with lnΓ).
 *
 * ε(x) varies across a bin (bins are several PE wide where ε rises), so it is integrated with the
 * density, not taken at the bin centre. Quadrature: composite 8-point Gauss–Legendre on panels of
 * width min(1 PE, sd/2) (sd = μ/√k, so each panel resolves the density), over the part of the bin where
 * ε > 0 (above `efficiencyZeroPe`, where a clipped efficiency has its kink) and the density is not
 * negligible (μ ± 40 sd); a panel starting at x = 0, where x^{k−1} is singular in its derivatives, is
 * split geometrically towards 0. Written here rather than through a library CDF because ε(x) multiplies the
 * density; with ε ≡ 1 it reproduces the regularised incomplete gamma function (a test checks this).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { GAUSS_LEGENDRE_8 } from '../../physics/index.js';

export interface GammaSmearing {
  /** Mean reconstructed charge μ [PE]. */
  readonly meanPe: number;
  /** Shape k ≥ 1 of the gamma distribution (variance μ²/k). */
  readonly shape: number;
}

/** Geometric panels on a panel starting at x = 0 (see gammaPeBinProbabilities). */
const GRADING = 48;

/** Largest number of panels per bin (guards against pathological inputs; ~160 suffice). */
const MAX_PANELS = 4000;

/**
 * P_j for every bin of `edges` (written into `out`). μ ≤ 0 gives all zeros (no light, no event);
 * `efficiencyZeroPe`: ε(x) = 0 for x below it (0 if ε > 0 everywhere).
 */
export function gammaPeBinProbabilities(
  s: GammaSmearing,
  edges: readonly number[],
  efficiency: (pe: number) => number,
  efficiencyZeroPe: number,
  out: Float64Array = new Float64Array(edges.length - 1),
): Float64Array {
  out.fill(0);
  if (!(s.meanPe > 0) || !(s.shape > 0)) return out;
  const k = s.shape;
  const theta = s.meanPe / k;
  const sd = s.meanPe / Math.sqrt(k);
  const logNorm = -gammaln(k) - k * Math.log(theta);
  const pdf = (x: number) => Math.exp(logNorm + (k - 1) * Math.log(x) - x / theta);
  const from = Math.max(0, efficiencyZeroPe, s.meanPe - 40 * sd);
  const to = s.meanPe + 40 * sd;
  const width = Math.min(1, 0.5 * sd);
  for (let j = 0; j + 1 < edges.length; j++) {
    const lo = Math.max(edges[j]!, from);
    const hi = Math.min(edges[j + 1]!, to);
    if (!(hi > lo)) continue;
    const n = Math.min(MAX_PANELS, Math.max(1, Math.ceil((hi - lo) / width)));
    const h = (hi - lo) / n;
    let sum = 0;
    const panel = (a: number, b: number) => {
      const half = 0.5 * (b - a);
      const mid = a + half;
      let s = 0;
      for (let q = 0; q < 8; q++) {
        const x = mid + half * GAUSS_LEGENDRE_8.x[q]!;
        s += GAUSS_LEGENDRE_8.w[q]! * pdf(x) * efficiency(x);
      }
      sum += half * s;
    };
    for (let p = 0; p < n; p++) {
      const a = lo + p * h;
      if (a === 0) {
        // x^{k−1} is not smooth at 0 for non-integer k: geometric panels [h/2^{i+1}, h/2^i] (hp-grading);
        // the omitted [0, h·2^{−GRADING}] holds a fraction ≲ 2^{−GRADING·k} of the panel's mass.
        for (let i = 0; i < GRADING; i++) panel(h * 2 ** -(i + 1), h * 2 ** -i);
      } else panel(a, a + h);
    }
    out[j] = sum;
  }
  return out;
}
