/**
 * The split of the release's CEvNS template (Standard Model, in reconstructed energy × F90 × time) into
 * true-q² bands, per nucleus, with our forward folding (bandFold.ts) supplying only ratios within each
 * cell c = (energy bin e, time bin t). The prompt ν_μ (29.8 MeV line) and the delayed ν_e, ν̄_μ reach
 * different recoil energies — on Ar-40 the line ends at q² ≈ 3.5×10³ MeV² — and arrive at different
 * times, so the band content of an energy bin depends on the time bin. With w^g_t the probability that a
 * neutrino of flavour group g arrives in time bin t (physics/sources/darPiTiming, the release's POT
 * trace) and H^g_jke, C^g_jke our SM and α = 1 folds:
 *
 *   D_c   = Σ_g w^g_t Σ_jk H^g_jke          (our SM prediction in cell c)
 *   f_jkc = Σ_g w^g_t H^g_jke / D_c         (the fraction of SM events in c with true q² in band j, on k)
 *   g_jkc = Σ_g w^g_t C^g_jke / D_c         (complete-coherency events in band j on k per SM event in c)
 *
 * and the band-j, nucleus-k templates are, bin by bin (b in cell c(b), any F90),
 *
 *   SM:     h_jk[b] = T[b] · f_jk,c(b)      with Σ_jk h_jk = T exactly (Σ_jk f_jkc = 1);
 *   α = 1:  s_jk[b] = T[b] · g_jk,c(b)      (h_jk divided by the band's mean F² in c).
 *
 * T keeps the collaboration's normalisation (flux, efficiency, form factor) and its F90 shape in every
 * cell; our folding decides only how each cell's events divide among bands and how much larger they
 * would be at α = 1. The workspace's band samples are the α = 1 ones, split into the coherent excess
 * Σ_k s_jk(1 − d_k) (carrying α_j) and the decoherent floor Σ_k s_jk·d_k.
 */
import { SpecError } from '../../../errors.js';
import { FLAVOUR_GROUPS, type BandFold, type FlavourGroup, type PerBandNucleus } from './bandFold.js';
import { AR_2020_AXES, AR_2020_BINS_PER_ENERGY } from './release.js';

const N_T = AR_2020_AXES.timeUs.n;

/** Cell (energy bin, time bin) of flat bin b of the release grid: e·nT + t. */
export function cellOf(b: number): number {
  return Math.floor(b / AR_2020_BINS_PER_ENERGY) * N_T + (b % N_T);
}

/** Per-band factors per cell (arrays [j][k] of Float64Array(nE·nT)). */
export interface BandFactors {
  readonly f: PerBandNucleus;
  readonly g: PerBandNucleus;
  /** D_c: our SM prediction per cell, in events (all bands and nuclei). */
  readonly smPerCell: Float64Array;
}

/**
 * f and g from a fold and the arrival-time probabilities per group. `templates` are the release
 * templates the factors will multiply: a cell where any of them is non-zero but our prediction vanishes
 * cannot be split (SpecError naming the file).
 */
export function bandFactors(
  fold: BandFold,
  timeWeights: Readonly<Record<FlavourGroup, Float64Array>>,
  templates: readonly { readonly file: string; readonly values: Float64Array }[],
): BandFactors {
  const helm0 = fold.groups.prompt.helm;
  const nE = helm0[0]![0]!.length;
  const combine = (pick: (g: FlavourGroup) => Float64Array): Float64Array => {
    const out = new Float64Array(nE * N_T);
    for (const g of FLAVOUR_GROUPS) {
      const a = pick(g);
      for (let e = 0; e < nE; e++)
        for (let t = 0; t < N_T; t++) out[e * N_T + t]! += timeWeights[g][t]! * a[e]!;
    }
    return out;
  };
  const smPerCell = new Float64Array(nE * N_T);
  helm0.forEach((band, j) =>
    band.forEach((_, k) =>
      combine((g) => fold.groups[g].helm[j]![k]!).forEach((v, c) => (smPerCell[c]! += v)),
    ),
  );
  for (const tpl of templates) {
    tpl.values.forEach((v, b) => {
      if (v > 0 && !(smPerCell[cellOf(b)]! > 0)) {
        throw new SpecError(
          'invalid_input',
          `${tpl.file}: CEvNS events in energy bin ${Math.floor(b / AR_2020_BINS_PER_ENERGY)}, time bin ${b % N_T} where the forward-folded prediction is zero; cannot split them by true q²`,
          [tpl.file],
        );
      }
    });
  }
  const ratio = (which: 'helm' | 'coh'): PerBandNucleus =>
    helm0.map((band, j) =>
      band.map((_, k) =>
        combine((g) => fold.groups[g][which][j]![k]!).map((v, c) =>
          smPerCell[c]! > 0 ? v / smPerCell[c]! : 0,
        ),
      ),
    );
  return { f: ratio('helm'), g: ratio('coh'), smPerCell };
}

/** Σ_k w_k · factor_jkc for one band j: a factor per cell. */
export function combineNuclei(perNucleus: readonly Float64Array[], weights: readonly number[]): Float64Array {
  const out = new Float64Array(perNucleus[0]!.length);
  perNucleus.forEach((a, k) => a.forEach((v, c) => (out[c]! += weights[k]! * v)));
  return out;
}

/** template[b] · factor[c(b)]: a per-cell factor applied to a 3D template. */
export function scaleByCell(template: Float64Array, factor: Float64Array): Float64Array {
  return template.map((v, b) => v * factor[cellOf(b)]!);
}

/** Σ over the bins of each energy slice: the energy projection of a 3D template. */
export function energyProjection(template: Float64Array): Float64Array {
  const out = new Float64Array(template.length / AR_2020_BINS_PER_ENERGY);
  template.forEach((v, b) => (out[Math.floor(b / AR_2020_BINS_PER_ENERGY)]! += v));
  return out;
}

/** Σ over the bins of each cell (energy × time; F90 summed). */
export function cellProjection(template: Float64Array): Float64Array {
  const out = new Float64Array((template.length / AR_2020_BINS_PER_ENERGY) * N_T);
  template.forEach((v, b) => (out[cellOf(b)]! += v));
  return out;
}
