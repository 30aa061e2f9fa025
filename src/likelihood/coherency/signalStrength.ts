/**
 * The collaboration-style fit of a template dataset: a free signal strength μ on the Standard-Model
 * (Helm) CEvNS shape (templateModels.signalStrength: band α's held at α_Helm), giving
 *
 * - μ̂ with its 68.27 % profile interval (every nuisance profiled): the measured rate relative to the
 *   SM prediction, so the prediction's normalisation uncertainty (flux, mass, …) is part of it;
 * - the fitted number of CEvNS events N̂ with ITS 68.27 % profile interval. N = μ·f(θ_norm)·s is what
 *   the data measure; a normalisation modifier on every signal sample and nothing else (e.g. the Ar
 *   release's `cevns_norm`) only relabels μ at fixed N, and its constraint alone holds it at nominal
 *   once N is the parameter. So the interval of N is the profile interval of μ with those modifiers
 *   held at nominal (shape systematics stay profiled), mapped to events. Mapping the μ interval with
 *   them profiled instead (as COHERENT's ±43 does not) would narrow N's interval by letting θ_norm
 *   cancel the move in μ;
 * - q0 of μ = 0: the significance of CEvNS against background only (θ_norm is inert at μ = 0);
 * - the fitted yield of every sample at the best fit, to set beside a collaboration's best-fit yields.
 */
import type { Workspace } from '../../data/workspace/index.js';
import { HistFactoryModel } from '../histfactory/index.js';
import { Minimizer } from '../minimize/index.js';
import { profileIntervals, q0Test } from '../inference/pyhfTests.js';
import { withFixed } from './modelVariants.js';
import type { TemplateModels } from './templateModels.js';

export interface SignalStrengthFit {
  /** Fitted CEvNS events (all channels) at the best fit, and its 68.27 % profile interval. */
  readonly fittedEvents: number;
  readonly fittedEventsLo: number;
  readonly fittedEventsHi: number;
  /** Normalisation modifiers of the signal alone, held at nominal for the interval of the events. */
  readonly eventsIntervalFixes: readonly string[];
  /** Signal strength μ̂ relative to the Standard-Model (Helm) prediction (every nuisance profiled). */
  readonly mu: number;
  readonly muLo: number;
  readonly muHi: number;
  /** Standard-Model prediction at nominal nuisances (Σ_j s_Helm,j). */
  readonly predictedEvents: number;
  /** CEvNS against background only: q0, p0 and Z = √q0 (asymptotic). */
  readonly q0: number;
  readonly p0: number;
  readonly z: number;
  /** Fitted events per sample at the best fit (all channels; the CEvNS samples together as 'cevns'). */
  readonly yields: readonly { readonly sample: string; readonly fitted: number }[];
  readonly converged: boolean;
}

/**
 * Normalisation modifiers (normsys, normfactor, lumi) carried by every signal sample and by no other
 * sample: degenerate with μ for the event count.
 */
export function signalOnlyNormalisations(ws: Workspace, signal: ReadonlySet<string>): string[] {
  const samples = ws.channels.flatMap((c) => c.samples);
  const norms = (s: (typeof samples)[number]) =>
    new Set(
      s.modifiers
        .filter((m) => m.type === 'normsys' || m.type === 'normfactor' || m.type === 'lumi')
        .map((m) => m.name),
    );
  const sig = samples.filter((s) => signal.has(s.name));
  if (sig.length === 0) return [];
  const onAll = [...norms(sig[0]!)].filter((n) => sig.every((s) => norms(s).has(n)));
  const onOthers = new Set(samples.filter((s) => !signal.has(s.name)).flatMap((s) => [...norms(s)]));
  return onAll.filter((n) => !onOthers.has(n));
}

/**
 * Scan points for the profile interval of μ: μ̂ + kσ (σ from the inverse Hessian at the best fit) for
 * k = 0, ±½ … ±3, ±4, ±5, inside the bounds. profileIntervals only brackets the t = 1 crossings on the
 * grid and refines them by Brent's method, so 17 points give the edges of a 101-point grid (to 1e−9)
 * whenever the profile is unimodal (one μ, a Poisson likelihood linear in it) and the crossings lie
 * within ±5σ (|Δμ| where t = 1 is ≈ σ; a 5σ miss would need a grossly non-parabolic profile).
 */
function muGrid(model: HistFactoryModel, pars: Float64Array): number[] {
  const c = model.c;
  const p = c.poi;
  const col = new Minimizer(model).inverseHessianColumn(pars, p);
  const muHat = pars[p]!;
  const sigma = col && col[p]! > 0 ? Math.sqrt(col[p]!) : Math.max(muHat, 0.05);
  const ks = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5].flatMap((k) => (k === 0 ? [0] : [-k, k]));
  const xs = ks.map((k) => Math.min(c.upper[p]!, Math.max(c.lower[p]!, muHat + k * sigma)));
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** μ̂ and its profile interval (threshold Δ2NLL = 1) in `model`, and the minimiser with its best fit. */
function muInterval(model: HistFactoryModel) {
  const mz = new Minimizer(model);
  const fit = mz.minimize();
  const iv = profileIntervals(model, [1], muGrid(model, fit.pars)).intervals[0]!;
  return { mz, fit, lo: iv.lo, hi: iv.hi };
}

export function signalStrengthFit(models: TemplateModels, alphaHelm: readonly number[]): SignalStrengthFit {
  const model = models.signalStrength(alphaHelm);
  const c = model.c;
  const isSignal = (_: string, s: string) => models.signalSamples.has(s);
  const events = (m: HistFactoryModel, pars: ArrayLike<number>) => m.expectedOf(pars, isSignal);
  const mu = muInterval(model);
  const fixes = signalOnlyNormalisations(models.workspace, models.signalSamples);
  const eventsModel = fixes.length > 0 ? new HistFactoryModel(withFixed(c, fixes)) : model;
  const ev = fixes.length > 0 ? muInterval(eventsModel) : mu;
  // Events at the edges of the event-count interval: refit with μ held there (other nuisances profiled).
  const at = (m: number) =>
    events(eventsModel, ev.mz.minimize({ fix: [[c.poi, m]], init: ev.fit.pars }).pars);
  const q0 = q0Test(model);
  const samples = [...new Set(c.occurrences.map((o) => o.sample))].filter(
    (s) => !models.signalSamples.has(s),
  );
  const yields = [
    { sample: 'cevns', fitted: events(model, mu.fit.pars) },
    ...samples.map((s) => ({ sample: s, fitted: model.expectedOf(mu.fit.pars, (_, x) => x === s) })),
  ];
  return {
    fittedEvents: events(model, mu.fit.pars),
    fittedEventsLo: at(ev.lo),
    fittedEventsHi: at(ev.hi),
    eventsIntervalFixes: fixes,
    mu: mu.fit.pars[c.poi]!,
    muLo: mu.lo,
    muHi: mu.hi,
    predictedEvents: events(model, Float64Array.from(c.init)),
    q0: q0.q0,
    p0: q0.p0,
    z: q0.z,
    yields,
    converged: mu.fit.converged && ev.fit.converged && q0.converged,
  };
}
