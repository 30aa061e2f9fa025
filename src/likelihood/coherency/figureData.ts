/**
 * What the figures of a template-dataset analysis draw (report/templateFigures.ts), computed here
 * because it takes fits:
 *
 * - the fitted model per sample and bin at the combined (one-α) best fit, beside the observed counts,
 *   per channel (the report projects the bins onto each observable);
 * - the α likelihood scan t(α) = 2[NLL(α, θ̂̂) − NLL(α̂, θ̂)] (the t̃ of testStatistics.ts) of the
 *   combined α, and of each band's α with the other bands profiled when there are several bands,
 *   with the critical values t_c(α) of the 68.27 % and 90 % intervals: the t at which the two-boundary
 *   asymptotic p-value (`pValueTildeT`, σ from the Asimov data at α) equals 1 − CL. The interval is
 *   {α : t(α) ≤ t_c(α)}, exactly what `analyze` prints — unlike the constant Δχ² levels 1 and 2.71,
 *   which hold only far from the bounds of α.
 */
import type { TemplateDataset } from '../../data/index.js';
import { pValueTildeT } from '../asymptotics.js';
import { WorkspaceLikelihood } from '../inference/workspaceLikelihood.js';
import { poiSigma, tildeT } from '../testStatistics.js';
import { templateModels, type TemplateModelOptions } from './templateModels.js';

export interface SampleBins {
  readonly name: string;
  /** A CEvNS sample (a band's excess or floor) or a background. */
  readonly signal: boolean;
  /** Expected events per bin of the channel at the combined best fit. */
  readonly fitted: readonly number[];
}

export interface ChannelFit {
  readonly name: string;
  readonly observed: readonly number[];
  readonly samples: readonly SampleBins[];
}

export interface AlphaScan {
  readonly alpha: readonly number[];
  /** t(α) of the combined α. */
  readonly combined: readonly number[];
  /** t(α_j) of each band (others profiled); empty with a single band. */
  readonly bands: readonly { readonly band: number; readonly t: readonly number[] }[];
  /** Critical values of the combined α's intervals at 68.27 % and 90 % CL. */
  readonly critical68: readonly number[];
  readonly critical90: readonly number[];
  readonly alphaHat: number;
}

export interface TemplateFigureData {
  readonly channels: readonly ChannelFit[];
  readonly scan: AlphaScan;
}

/** t with pValueTildeT(t) = 1 − cl (p falls with t): bisection on [0, 400] to 1e−9. */
function criticalValue(poi: number, sigma: number, cl: number): number {
  const target = 1 - cl;
  let lo = 0;
  let hi = 400;
  if (pValueTildeT(lo, poi, sigma) <= target) return 0;
  while (hi - lo > 1e-9) {
    const mid = 0.5 * (lo + hi);
    if (pValueTildeT(mid, poi, sigma) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export function templateFigureData(
  ds: TemplateDataset,
  options: { readonly scanPoints?: number } & TemplateModelOptions = {},
): TemplateFigureData {
  const models = templateModels(ds, options.fix === undefined ? {} : { fix: options.fix });
  const combined = new WorkspaceLikelihood(models.combined);
  const best = combined.fitUnconditional();
  const m = models.combined;
  const sampleNames = new Map<string, string[]>();
  for (const o of m.c.occurrences) {
    const list = sampleNames.get(o.channel) ?? [];
    list.push(o.sample);
    sampleNames.set(o.channel, list);
  }
  const channels: ChannelFit[] = m.c.channels.map((ch) => {
    const slice = (a: ArrayLike<number>) => Array.from({ length: ch.nBins }, (_, i) => a[ch.offset + i]!);
    return {
      name: ch.name,
      observed: slice(m.main),
      samples: (sampleNames.get(ch.name) ?? []).map((s) => ({
        name: s,
        signal: models.signalSamples.has(s),
        fitted: slice(m.expectedBinsOf(best.pars!, (c, x) => c === ch.name && x === s)),
      })),
    };
  });
  const n = Math.max(3, options.scanPoints ?? 51);
  const alpha = Array.from({ length: n }, (_, k) => k / (n - 1));
  const sigmas = alpha.map((a) => poiSigma(combined, a));
  const bands =
    ds.bands.length > 1
      ? ds.bands.map((_, j) => {
          const lik = new WorkspaceLikelihood(models.band(j));
          return { band: j, t: alpha.map((a) => tildeT(lik, a).t) };
        })
      : [];
  return {
    channels,
    scan: {
      alpha,
      combined: alpha.map((a) => tildeT(combined, a).t),
      bands,
      critical68: alpha.map((a, k) => criticalValue(a, sigmas[k]!, 0.6827)),
      critical90: alpha.map((a, k) => criticalValue(a, sigmas[k]!, 0.9)),
      alphaHat: best.poi,
    },
  };
}
