/**
 * The split of the release's CEvNS template (Standard Model, in reconstructed energy × F90 × time) into
 * true-q² bands, per nucleus, with our forward folding (bandFold.ts) supplying only ratios within each
 * reconstructed-energy bin e:
 *
 *   H_e   = Σ_jk H_jke                     (our SM prediction in e, all bands and nuclei)
 *   f_jke = H_jke / H_e                    (the fraction of SM events in e with true q² in band j, on k)
 *   g_jke = C_jke / H_e                    (complete-coherency events in band j on k per SM event in e)
 *
 * so that the band-j, nucleus-k templates are, bin by bin (b in energy bin e(b)),
 *
 *   SM:     h_jk[b] = T[b] · f_jk,e(b)      with Σ_jk h_jk = T exactly (Σ_jk f_jke = 1);
 *   α = 1:  s_jk[b] = T[b] · g_jk,e(b)      (h_jk divided by the band's mean F² in e).
 *
 * T keeps the collaboration's normalisation (flux, efficiency, form factor) and its F90 × time shape in
 * every energy bin; our folding decides only how each energy bin's events divide among bands and how
 * much larger they would be at α = 1. The workspace's band samples are the α = 1 ones, split into the
 * coherent excess Σ_k s_jk(1 − d_k) (carrying α_j) and the decoherent floor Σ_k s_jk·d_k.
 */
import { SpecError } from '../../../errors.js';
import type { BandFold } from './bandFold.js';
import { AR_2020_BINS_PER_ENERGY } from './release.js';

/** Per-band factors per energy bin (arrays [j][k] of Float64Array(nE)). */
export interface BandFactors {
  readonly f: readonly (readonly Float64Array[])[];
  readonly g: readonly (readonly Float64Array[])[];
  /** H_e: our SM prediction per energy bin (all bands and nuclei). */
  readonly smPerEnergy: Float64Array;
}

/**
 * f and g from a fold. `templates` are the release templates the factors will multiply: an energy bin
 * where any of them is non-zero but our prediction vanishes cannot be split (SpecError naming the file).
 */
export function bandFactors(
  fold: BandFold,
  templates: readonly { readonly file: string; readonly values: Float64Array }[],
): BandFactors {
  const nE = fold.helm[0]![0]!.length;
  const smPerEnergy = new Float64Array(nE);
  for (const band of fold.helm) for (const h of band) h.forEach((v, e) => (smPerEnergy[e]! += v));
  for (const t of templates) {
    for (let e = 0; e < nE; e++) {
      if (smPerEnergy[e]! > 0) continue;
      const slice = t.values.subarray(e * AR_2020_BINS_PER_ENERGY, (e + 1) * AR_2020_BINS_PER_ENERGY);
      if (slice.some((v) => v > 0)) {
        throw new SpecError(
          'invalid_input',
          `${t.file}: CEvNS events in energy bin ${e} where the forward-folded prediction is zero; cannot split them by true q²`,
          [t.file],
        );
      }
    }
  }
  const ratio = (x: readonly (readonly Float64Array[])[]) =>
    x.map((band) => band.map((a) => a.map((v, e) => (smPerEnergy[e]! > 0 ? v / smPerEnergy[e]! : 0))));
  return { f: ratio(fold.helm), g: ratio(fold.coh), smPerEnergy };
}

/** Σ_k w_k · factor_jke for one band j: a factor per energy bin. */
export function combineNuclei(perNucleus: readonly Float64Array[], weights: readonly number[]): Float64Array {
  const out = new Float64Array(perNucleus[0]!.length);
  perNucleus.forEach((a, k) => a.forEach((v, e) => (out[e]! += weights[k]! * v)));
  return out;
}

/** template[b] · factor[e(b)]: a per-energy-bin factor applied to a 3D template. */
export function scaleByEnergy(template: Float64Array, factor: Float64Array): Float64Array {
  return template.map((v, b) => v * factor[Math.floor(b / AR_2020_BINS_PER_ENERGY)]!);
}

/** Σ over the bins of each energy slice: the energy projection of a 3D template. */
export function energyProjection(template: Float64Array): Float64Array {
  const out = new Float64Array(template.length / AR_2020_BINS_PER_ENERGY);
  template.forEach((v, b) => (out[Math.floor(b / AR_2020_BINS_PER_ENERGY)]! += v));
  return out;
}
