/**
 * The collaboration-style CEvNS count of a template dataset: a free signal strength μ (`mu_cevns`) on
 * every CEvNS sample with the band α's held at their Standard-Model (Helm) values, so that
 *
 *   N(μ, θ) = Σ_{CEvNS samples, all channels} λ_s(μ, θ)
 *
 * is the fitted number of CEvNS events, as COHERENT reports it (e.g. 306 ± 20 on CsI 2021, PRL 129,
 * 081801 (2022): the CEvNS normalisation free, the shape systematics profiled, the flux uncertainty
 * carried by the prediction, not by the count).
 *
 * The count is the parameter, the systematics act on the shape only, as in that fit:
 * - a pure signal normalisation — a normsys/normfactor/lumi carried, with identical data, by every
 *   CEvNS sample and by nothing else (the neutrino flux) — is exactly degenerate with μ: it cannot
 *   change N̂, it only widens the profile interval of μ. It is held at its nominal value (its
 *   constraint centre);
 * - each signal histosys is made shape-only: its lo/hi templates rescaled, per channel and sample, to
 *   the nominal total. pyhf's histosys interpolation (code0 and code4p) is linear in the per-bin
 *   deltas, so Σ_bins Δ(θ) = 0 for every θ and the sample's total never moves.
 * Then N = μ·N_SM exactly (N_SM = the Helm prediction at nominal nuisances), and the profile interval of
 * μ is the profile interval of N. The normalisation effects of quenching, efficiency and flux belong to
 * the prediction's uncertainty (COHERENT's "±42 (ex)" on the SM prediction), not to the fitted count;
 * the α fits (templateAnalysis.ts) keep them, since α is a statement about the absolute rate.
 *
 * Interval: {μ : 2[NLL(μ, θ̂̂) − NLL(μ̂, θ̂)] ≤ 1} (68.27 %, Wilks), each edge bracketed by stepping out from
 * μ̂ in units of the Hessian σ(μ̂) and refined by Brent's method to 1e−7 in μ; N at an edge is N of the
 * fit with μ held there. This replaces a 101-point scan over [0, 3μ̂] whose far points (μ ≫ μ̂, where the
 * background per bin is driven to 0) cost 80 % of the CsI 2021 analysis and carried no information.
 * Significance: q0 of μ against background only (CCGV Eq. 12, pyhf `q0`). The fitted yield of every
 * sample at the best fit is reported beside it, to set beside a collaboration's best-fit yields.
 */
import type { Sample, Workspace } from '../../data/workspace/index.js';
import type { HistFactoryModel } from '../histfactory/index.js';
import { q0Test } from '../inference/pyhfTests.js';
import { Minimizer, type MinimizeResult } from '../minimize/index.js';
import { brentRoot } from '../rootFind.js';

export interface SignalStrengthFit {
  /** Fitted CEvNS events (all channels) at the best fit, and at the edges of the 68.27 % μ interval. */
  readonly fittedEvents: number;
  readonly fittedEventsLo: number;
  readonly fittedEventsHi: number;
  /** Signal strength μ̂ relative to the Standard-Model (Helm) prediction at nominal normalisations. */
  readonly mu: number;
  readonly muLo: number;
  readonly muHi: number;
  /** Standard-Model prediction at nominal nuisances (Σ_j s_Helm,j). */
  readonly predictedEvents: number;
  /** Pure signal normalisations held at nominal (degenerate with μ; see the module comment). */
  readonly heldAtNominal: readonly string[];
  /** CEvNS against background only: q0, p0 and Z = √q0 (asymptotic). */
  readonly q0: number;
  readonly p0: number;
  readonly z: number;
  /** Fitted events per sample at the best fit (all channels; the CEvNS samples together as 'cevns'). */
  readonly yields: readonly { readonly sample: string; readonly fitted: number }[];
  readonly converged: boolean;
}

/** Δ(2 NLL) of the 68.27 % Wilks interval. */
const THRESHOLD_68 = 1;
/** Brent tolerance on an interval edge, in μ. */
const EDGE_TOLERANCE = 1e-7;
/** Most σ-steps taken outwards before an edge is declared at the bound. */
const MAX_STEPS = 40;

/**
 * Modifiers (normsys, normfactor, lumi) that every signal sample carries with the same data and no
 * other sample carries: normalisations exactly degenerate with a signal strength on the signal.
 */
export function pureSignalNormalisations(ws: Workspace, signal: ReadonlySet<string>): string[] {
  const kinds = new Set(['normsys', 'normfactor', 'lumi']);
  const seen = new Map<string, { data: string; onSignal: number; elsewhere: boolean }>();
  let nSignal = 0;
  for (const ch of ws.channels) {
    for (const s of ch.samples) {
      const isSignal = signal.has(s.name);
      if (isSignal) nSignal++;
      for (const m of s.modifiers) {
        const key = `${m.type}:${m.name}`;
        const e = seen.get(key) ?? { data: JSON.stringify(m.data), onSignal: 0, elsewhere: false };
        if (!isSignal || !kinds.has(m.type) || JSON.stringify(m.data) !== e.data) e.elsewhere = true;
        else e.onSignal++;
        seen.set(key, e);
      }
    }
  }
  const names: string[] = [];
  for (const [key, e] of seen) {
    if (!e.elsewhere && e.onSignal === nSignal && nSignal > 0) names.push(key.slice(key.indexOf(':') + 1));
  }
  return names;
}

/** A sample whose histosys templates are rescaled to the nominal total (see the module comment). */
export function shapeOnlyHistosys(s: Sample): Sample {
  const total = (a: readonly number[]) => a.reduce((t, x) => t + x, 0);
  const nominal = total(s.data);
  const scaled = (a: readonly number[]) => {
    const t = total(a);
    return t > 0 ? a.map((x) => (x * nominal) / t) : [...a];
  };
  return {
    ...s,
    modifiers: s.modifiers.map((m) =>
      m.type === 'histosys'
        ? { ...m, data: { lo_data: scaled(m.data.lo_data), hi_data: scaled(m.data.hi_data) } }
        : m,
    ),
  };
}

/** The sample with a normfactor `name` added. */
export function withSignalStrength(s: Sample, name: string): Sample {
  return { ...s, modifiers: [...s.modifiers, { name, type: 'normfactor', data: null }] };
}

/** Fit the signal-strength model (POI = μ) and its 68.27 % profile interval (see the module comment). */
export function fitSignalStrength(
  model: HistFactoryModel,
  signal: ReadonlySet<string>,
  heldAtNominal: readonly string[],
): SignalStrengthFit {
  const c = model.c;
  const poi = c.poi;
  const mz = new Minimizer(model);
  const free = mz.minimize();
  const events = (pars: ArrayLike<number>) => model.expectedOf(pars, (_, s) => signal.has(s));
  const muHat = free.pars[poi]!;
  const col = mz.inverseHessianColumn(free.pars, poi);
  const sigma = col && col[poi]! > 0 ? Math.sqrt(col[poi]!) : 0.1 * Math.max(muHat, 0.1);
  let converged = free.converged;

  const edge = (dir: -1 | 1): { mu: number; fit: MinimizeResult } => {
    const bound = dir < 0 ? c.lower[poi]! : c.upper[poi]!;
    let warm: Float64Array = free.pars;
    const fitAt = (mu: number) => {
      const r = mz.minimize({ fix: [[poi, mu]], init: warm });
      if (r.converged) warm = r.pars;
      else converged = false;
      return r;
    };
    const excess = (r: MinimizeResult) => 2 * (r.nll - free.nll) - THRESHOLD_68;
    let prevMu = muHat;
    let prevF = -THRESHOLD_68;
    for (let k = 1; k <= MAX_STEPS; k++) {
      const mu = dir < 0 ? Math.max(bound, muHat - k * sigma) : Math.min(bound, muHat + k * sigma);
      const r = fitAt(mu);
      const f = excess(r);
      if (f >= 0) {
        const root = brentRoot((m) => excess(fitAt(m)), prevMu, mu, prevF, f, EDGE_TOLERANCE);
        const at = Number.isNaN(root) ? mu : root;
        return { mu: at, fit: fitAt(at) };
      }
      if (mu === bound) return { mu, fit: r };
      prevMu = mu;
      prevF = f;
    }
    return { mu: prevMu, fit: fitAt(prevMu) };
  };
  const lo = muHat <= c.lower[poi]! ? { mu: muHat, fit: free } : edge(-1);
  const hi = edge(1);
  const q0 = q0Test(model);
  const background = [...new Set(c.occurrences.map((o) => o.sample))].filter((s) => !signal.has(s));
  const yields = [
    { sample: 'cevns', fitted: events(free.pars) },
    ...background.map((s) => ({ sample: s, fitted: model.expectedOf(free.pars, (_, x) => x === s) })),
  ];
  return {
    fittedEvents: events(free.pars),
    fittedEventsLo: events(lo.fit.pars),
    fittedEventsHi: events(hi.fit.pars),
    mu: muHat,
    muLo: lo.mu,
    muHi: hi.mu,
    predictedEvents: events(c.init),
    heldAtNominal,
    q0: q0.q0,
    p0: q0.p0,
    z: q0.z,
    yields,
    converged: converged && q0.converged,
  };
}
