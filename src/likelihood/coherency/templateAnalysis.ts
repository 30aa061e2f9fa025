/**
 * `analyze` on a template dataset: α(q²) per true-q² band from a binned likelihood in detector
 * observables (templateModels.ts), with the same statistics as the binned ξ datasets
 * (coherencyAnalysis.ts): per band α̂, asymptotic 68.27 % / 90 % intervals (t̃ inversion,
 * two-boundary asymptotics), one-sided p-values of α = 1 and α = 0 with the other bands' α and every
 * nuisance profiled; one α for all bands; the global "α = 1 (0) in every band" tests.
 *
 * Per band also ξ̂ ± σ: the suppression measured in the band, ξ̂ = d̄_j + α̂_j^unb (1 − d̄_j) with the
 * unbounded α̂ (α_j free in [−5, 5]) and σ from the profiled inverse Hessian there; d̄_j = floor_j /
 * s_coh,j, the band's ξ at α = 0.
 *
 * And the collaboration-style numbers: the CEvNS count fitted with a free signal strength on the
 * Standard-Model (Helm) shape — band α's held at α_Helm,j = (s_Helm,j/s_coh,j − d̄_j)/(1 − d̄_j) — with its
 * profile-likelihood 68.27 % interval, and the significance of CEvNS against background only (q0 of
 * the signal strength), beside the published values the dataset carries (signalStrength.ts).
 */
import type { TemplateDataset } from '../../data/index.js';
import { poiIntervals } from '../intervals.js';
import { Minimizer } from '../minimize/index.js';
import { WorkspaceLikelihood } from '../inference/workspaceLikelihood.js';
import type { AnalysisResult, BinAnalysis } from '../analysisTypes.js';
import { alphaEstimate, combinedEstimate } from '../coherencyAnalysis.js';
import type { HistFactoryModel } from '../histfactory/index.js';
import { templateModels, type TemplateModelOptions, type TemplateModels } from './templateModels.js';
import { fitSignalStrength, type SignalStrengthFit } from './signalStrength.js';

export type { SignalStrengthFit } from './signalStrength.js';

/** Observed and expected events of one channel (summed over its bins). */
export interface ChannelCounts {
  readonly name: string;
  readonly observed: number;
  /** Expected events at the combined (one-α) best fit: total, CEvNS part, background part. */
  readonly fitted: number;
  readonly fittedSignal: number;
  readonly fittedBackground: number;
  /** Expected at nominal nuisances with every band at α_Helm (the Standard-Model prediction). */
  readonly nominalSignal: number;
  readonly nominalBackground: number;
}

export interface TemplateExtras {
  /** Nuisance parameters held at nominal (TemplateAnalysisOptions); empty: all profiled. */
  readonly fixed: readonly string[];
  readonly channels: readonly ChannelCounts[];
  readonly signal: SignalStrengthFit;
  readonly published: TemplateDataset['published'];
}

function bandSums(ds: TemplateDataset, j: number) {
  const b = ds.bands[j]!;
  const d = new Map(ds.target.nuclei.map((n) => [n.label, n.decoherentXi]));
  let sCoh = 0;
  let sHelm = 0;
  let floor = 0;
  let helmComplete = true;
  for (const n of b.nuclei) {
    sCoh += n.sCoh;
    floor += n.sCoh * d.get(n.label)!;
    if (n.sHelm === undefined) helmComplete = false;
    else sHelm += n.sHelm;
  }
  const dBar = sCoh > 0 ? floor / sCoh : 0;
  return { sCoh, sHelm: helmComplete ? sHelm : undefined, dBar };
}

/**
 * The Standard-Model α of each band: α_Helm,j = (s_Helm,j/s_coh,j − d̄_j)/(1 − d̄_j), the constant α
 * whose signal equals the Helm prediction in band j (1 where the band has no Helm number or signal).
 */
export function bandAlphaHelm(ds: TemplateDataset): number[] {
  return ds.bands.map((_, j) => alphaHelmOf(bandSums(ds, j)));
}

function alphaHelmOf(s: ReturnType<typeof bandSums>): number {
  return s.sHelm === undefined || s.sCoh === 0 ? 1 : (s.sHelm / s.sCoh - s.dBar) / (1 - s.dBar);
}

/** Observed and expected events per channel at the combined best fit and at the SM prediction. */
function channelCounts(
  models: TemplateModels,
  bestPars: ArrayLike<number>,
  alphaHelm: readonly number[],
): ChannelCounts[] {
  const m = models.combined;
  const nominal = Float64Array.from(models.perBand.c.init);
  models.bandPois.forEach((p, j) => (nominal[p] = alphaHelm[j]!));
  const sig = models.signalSamples;
  return m.c.channels.map((ch) => {
    let observed = 0;
    for (let b = ch.offset; b < ch.offset + ch.nBins; b++) observed += m.main[b]!;
    const part = (model: HistFactoryModel, pars: ArrayLike<number>, signal: boolean) =>
      model.expectedOf(pars, (c, s) => c === ch.name && sig.has(s) === signal);
    const fittedSignal = part(m, bestPars, true);
    const fittedBackground = part(m, bestPars, false);
    return {
      name: ch.name,
      observed,
      fitted: fittedSignal + fittedBackground,
      fittedSignal,
      fittedBackground,
      nominalSignal: part(models.perBand, nominal, true),
      nominalBackground: part(models.perBand, nominal, false),
    };
  });
}

export type TemplateAnalysisOptions = TemplateModelOptions;

/**
 * Run the full asymptotic analysis of a template dataset; `fix` holds nuisance parameters at nominal
 * ('constrained': all systematics off, the statistics-only analysis).
 */
export function analyzeTemplateDataset(
  ds: TemplateDataset,
  options: TemplateAnalysisOptions = {},
): AnalysisResult & { readonly template: TemplateExtras } {
  const models = templateModels(ds, options);
  const K = ds.bands.length;
  const sums = ds.bands.map((_, j) => bandSums(ds, j));
  const bandLik = Array.from({ length: K }, (_, j) => new WorkspaceLikelihood(models.band(j)));
  const informative = bandLik.flatMap((l, j) => (l.fitUnconditional().diagnostics.poiIdentified ? [j] : []));
  const combined = new WorkspaceLikelihood(models.combined, {
    perBin: { model: models.perBand, pois: models.bandPois },
    nBins: K,
    informativeBins: informative,
    bin: (j) => bandLik[j]!,
  });
  const alphaHelm = sums.map(alphaHelmOf);

  const bandIntervals = bandLik.map((l) => poiIntervals(l, [0.6827, 0.9]));
  const bins: BinAnalysis[] = ds.bands.map((band, j) => {
    const s = sums[j]!;
    const estimate = alphaEstimate(bandLik[j]!, bandIntervals[j]!);
    // Unbounded α̂ and its σ → ξ̂ ± σ.
    const unb = models.bandUnbounded(j);
    const mz = new Minimizer(unb);
    const fit = mz.minimize();
    const col = mz.inverseHessianColumn(fit.pars, unb.c.poi);
    const alphaUnb = fit.pars[unb.c.poi]!;
    const sigmaAlpha = col && col[unb.c.poi]! > 0 ? Math.sqrt(col[unb.c.poi]!) : NaN;
    const first = band.nuclei[0]!;
    return {
      index: j,
      q2LoMeV2: band.q2LoMeV2,
      q2HiMeV2: band.q2HiMeV2,
      q2CenterMeV2: band.q2MeanMeV2,
      tLoKeV: first.tLoKeV,
      tHiKeV: first.tHiKeV,
      sCoh: s.sCoh,
      xiHat: s.dBar + alphaUnb * (1 - s.dBar),
      xiSigma: sigmaAlpha * (1 - s.dBar),
      alphaHatUnbounded: alphaUnb,
      ...estimate,
      ...(s.sHelm === undefined ? {} : { alphaHelm: alphaHelm[j]! }),
    };
  });

  // With one band the combined model IS band 0's (its α renamed): reuse its intervals.
  const combinedIntervals = K === 1 ? bandIntervals[0]! : poiIntervals(combined, [0.6827, 0.9]);
  const combinedResult = combinedEstimate(combined, combinedIntervals);
  const channels = channelCounts(models, combined.fitUnconditional().pars!, alphaHelm);
  return {
    dataset: { id: ds.id, experiment: ds.experiment, title: ds.title, kind: ds.kind },
    systematics: options.fix === 'constrained' ? 'none' : 'profiled',
    bins,
    combined: combinedResult,
    template: {
      fixed: models.fixed,
      channels,
      signal: fitSignalStrength(
        models.signalStrength(alphaHelm),
        models.signalSamples,
        models.heldInSignalStrength,
      ),
      published: ds.published,
    },
  };
}
