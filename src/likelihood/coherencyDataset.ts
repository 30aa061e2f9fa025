/**
 * The one module of likelihood/ that knows about neutrinos: it maps a binned ξ(q²) dataset onto the
 * generic models, with poi = α and the signal linear in α through Eq. 6 of Sharma et al. 2021:
 *
 *   counts:  s_i(α) = Σ_k s_coh,ik · ξ_k(α) = s1_i·α + s0_i·(1 − α),
 *            s1_i = Σ_k s_coh,ik (α = 1),   s0_i = Σ_k s_coh,ik · d_k (α = 0),   d_k = (ε²Z+N)/(εZ−N)²
 *            (per nucleus k for compounds such as CsI), with the steady-state background measured
 *            off-source (n_off ~ Poisson(τ b)) and/or known from elsewhere (k ~ N(expected, σ),
 *            fixed when σ = 0), and the beam background f_i;
 *   ξ ± σ:   x_i ~ N(ξ_i(α), σ_i),  ξ_i(α) = α + (1 − α)·d̄_i, d̄_i the Γ_coh-weighted mean of d_k.
 *
 * Systematics: 'profiled' (default) gives θ_sig and θ_beam Gaussian constraints with the dataset's
 * fractional uncertainties; 'none' fixes them at 1 (a statistics-only analysis).
 */
import { SpecError } from '../errors.js';
import type { CountsBin, CountsDataset, Dataset, XiDataset } from '../data/index.js';
import { countingLikelihood } from './countingLikelihood.js';
import { gaussianLikelihood } from './gaussianLikelihood.js';
import type { BackgroundSpec, CountingModel, GaussianModel, PoiLikelihood } from './types.js';

export type SystematicsTreatment = 'profiled' | 'none';

/** d_k of each nucleus of a dataset, by label. */
function decoherentXiByLabel(dataset: Dataset): Map<string, number> {
  return new Map(dataset.target.nuclei.map((n) => [n.label, n.decoherentXi]));
}

/**
 * The background of a counts-dataset bin for the counting model: the off-source measurement (nOff,
 * tau) as a `measured` background, with the bin's `knownBackground` as its known component; without
 * an off-source measurement the known background alone (fixed when sigma = 0, Gaussian-constrained
 * and profiled when sigma > 0). Datasets are validated to have one or the other (datasetChecks.ts).
 */
export function datasetBinBackground(bin: CountsBin): BackgroundSpec {
  const known = bin.knownBackground;
  if (bin.nOff !== undefined && bin.tau !== undefined) {
    return known === undefined
      ? { kind: 'measured', nOff: bin.nOff, tau: bin.tau }
      : { kind: 'measured', nOff: bin.nOff, tau: bin.tau, known: { ...known } };
  }
  if (known === undefined) {
    throw new SpecError('invalid_dataset', 'a counts bin has neither nOff/tau nor knownBackground', [
      'knownBackground',
    ]);
  }
  return known.sigma > 0
    ? { kind: 'known', expected: known.expected, sigma: known.sigma }
    : { kind: 'known', expected: known.expected };
}

/** The counting model of a counts dataset (signal linear in α). */
export function countsModel(
  dataset: CountsDataset,
  systematics: SystematicsTreatment = 'profiled',
): CountingModel {
  const d = decoherentXiByLabel(dataset);
  const bins = dataset.bins.map((bin, i) => {
    let s0 = 0;
    for (const n of bin.nuclei) {
      const dk = d.get(n.label);
      if (dk === undefined) {
        throw new SpecError(
          'invalid_dataset',
          `bins[${i}].nuclei: unknown nucleus ${n.label} (not in target.nuclei)`,
          ['bins', i, 'nuclei'],
        );
      }
      s0 += n.sCoh * dk;
    }
    return {
      nOn: bin.nOn,
      signal0: s0,
      signal1: bin.sCoh,
      beamBackground: bin.beamBackground,
      background: datasetBinBackground(bin),
    };
  });
  if (systematics === 'none') return { bins };
  return {
    bins,
    signalNorm: { kind: 'gaussian', sigma: dataset.signalNormRelUncertainty },
    beamNorm: { kind: 'gaussian', sigma: dataset.beamBackgroundRelUncertainty },
  };
}

/**
 * ξ of the whole target at α = 0: d̄ = Σ_k w_k d_k / Σ_k w_k with w_k = atoms_k·(εZ_k − N_k)² (each
 * nucleus weighted by its coherent Γ and abundance; used for ξ ± σ data, which carry no per-nucleus split).
 */
export function targetDecoherentXi(dataset: Dataset): number {
  let wSum = 0;
  let dSum = 0;
  for (const n of dataset.target.nuclei) {
    const w = n.atomsPerFormulaUnit * (dataset.epsilon * n.Z - n.N) ** 2;
    wSum += w;
    dSum += w * n.decoherentXi;
  }
  return dSum / wSum;
}

/** The Gaussian model of a ξ ± σ dataset. */
export function xiModel(dataset: XiDataset): GaussianModel {
  const dBar = targetDecoherentXi(dataset);
  return {
    bins: dataset.bins.map((b) => ({
      measured: b.xi,
      expected0: dBar,
      expected1: 1,
      sigma: b.sigma ?? { lo: b.sigmaLo!, hi: b.sigmaHi! },
    })),
  };
}

/** The likelihood of a dataset, poi = α ∈ [0, 1]. */
export function datasetLikelihood(
  dataset: Dataset,
  systematics: SystematicsTreatment = 'profiled',
): PoiLikelihood {
  return dataset.kind === 'counts'
    ? countingLikelihood(countsModel(dataset, systematics))
    : gaussianLikelihood(xiModel(dataset));
}
