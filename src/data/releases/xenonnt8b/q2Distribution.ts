/**
 * The distribution in true q² of the detected solar CEvNS signal, summed over runs and nuclei:
 *
 *   F(Q) = Σ_runs X_r Σ_k ∫_{T_lo}^{min(T_k(Q), T_max)} ε_r(T) · w_k(T) dT,   T_k(Q) = T from q² = Q on nucleus k
 *
 * with ε_r the run's detection efficiency (the mono templates summed over the 81 bins, linear in T
 * between grid energies), w_k = dR_k/dT·ξ_Helm (Standard Model, what the detector sees) or dR_k/dT
 * (α = 1). Its quantiles answer "which q² does the detected signal probe" (e.g. the central 90 %).
 *
 * Numerics: per nucleus, the cumulative integral is tabulated at the edges of sub-panels of at most
 * `maxPanelKeV` (8-point Gauss–Legendre on each, panels breaking at the grid energies and the spectra's
 * end points, where the integrand has kinks); between edges it is interpolated linearly (the integrand
 * is smooth there, so the error is O(h²) of one panel's content; h = 0.01 keV_nr by default).
 * Quantiles are found by bisection on Q to 1e-10 relative.
 */
import {
  GAUSS_LEGENDRE_8,
  keVToMeV,
  MeVToKeV,
  q2FromRecoil,
  recoilFromQ2,
  type Q2Convention,
} from '../../../physics/index.js';
import { segmentIndex, type MonoTemplateResponse } from './response.js';
import type { NucleusRate } from './solarRates.js';

export interface Q2Distribution {
  /** Total detected events (all runs, all nuclei). */
  readonly total: number;
  /** Smallest and largest q² with detected signal [MeV²]. */
  readonly q2MinMeV2: number;
  readonly q2MaxMeV2: number;
  /** Mean q² [MeV²]. */
  readonly meanMeV2: number;
  /** Detected events with true q² ≤ Q. */
  cumulative(q2MeV2: number): number;
  /** The q² below which a fraction p of the detected events lies. */
  quantile(p: number): number;
}

interface Table {
  readonly tKeV: Float64Array;
  readonly cum: Float64Array;
}

function cumulativeTable(f: (tKeV: number) => number, breaks: readonly number[], maxPanelKeV: number): Table {
  const t: number[] = [breaks[0]!];
  const c: number[] = [0];
  let acc = 0;
  for (let i = 1; i < breaks.length; i++) {
    const a = breaks[i - 1]!;
    const n = Math.max(1, Math.ceil((breaks[i]! - a) / maxPanelKeV));
    const h = (breaks[i]! - a) / n;
    for (let p = 0; p < n; p++) {
      const mid = a + (p + 0.5) * h;
      let s = 0;
      for (let k = 0; k < GAUSS_LEGENDRE_8.x.length; k++) {
        s += GAUSS_LEGENDRE_8.w[k]! * f(mid + 0.5 * h * GAUSS_LEGENDRE_8.x[k]!);
      }
      acc += 0.5 * h * s;
      t.push(a + (p + 1) * h);
      c.push(acc);
    }
  }
  return { tKeV: Float64Array.from(t), cum: Float64Array.from(c) };
}

function interpolate(table: Table, tKeV: number): number {
  const { tKeV: t, cum } = table;
  const n = t.length;
  if (!(tKeV > t[0]!)) return 0;
  if (tKeV >= t[n - 1]!) return cum[n - 1]!;
  const lo = segmentIndex(t, tKeV);
  const hi = lo + 1;
  const w = (tKeV - t[lo]!) / (t[hi]! - t[lo]!);
  return (1 - w) * cum[lo]! + w * cum[hi]!;
}

export interface Q2DistributionOptions {
  readonly q2Convention: Q2Convention;
  /** Upper end of the recoil integral [keV_nr] (top of the mono grid). */
  readonly tMaxKeV: number;
  /** 'helm': the Standard-Model signal (default); 'coherent': α = 1. */
  readonly weighting?: 'helm' | 'coherent';
  readonly maxPanelKeV?: number;
}

/** The detected-signal q² distribution for runs given as (response, exposure). */
export function detectedQ2Distribution(
  runs: readonly { readonly response: MonoTemplateResponse; readonly exposureTonneYear: number }[],
  rates: readonly NucleusRate[],
  opts: Q2DistributionOptions,
): Q2Distribution {
  const tLo = Math.min(...runs.map((r) => r.response.energiesKeV[0]!));
  const tHi = opts.tMaxKeV;
  const helm = (opts.weighting ?? 'helm') === 'helm';
  const scratch = runs.map((r) => new Float64Array(r.response.nBins));
  const memo = new Map<number, number>();
  const efficiency = (tKeV: number) => {
    let v = memo.get(tKeV);
    if (v === undefined) {
      v = runs.reduce((s, r, i) => s + r.exposureTonneYear * r.response.efficiency(tKeV, scratch[i]), 0);
      memo.set(tKeV, v);
    }
    return v;
  };
  const grid = runs.flatMap((r) => r.response.breakpointsKeV);
  const tables = rates.map((rate) => {
    const breaks = [...new Set([tLo, tHi, ...grid, ...rate.kinksKeV])]
      .filter((t) => t >= tLo && t <= tHi)
      .sort((a, b) => a - b);
    const w = (t: number) => efficiency(t) * rate.dRdT(t) * (helm ? rate.helmXi(t) : 1);
    return {
      rate,
      table: cumulativeTable(w, breaks, opts.maxPanelKeV ?? 0.01),
      q2Weighted: cumulativeTable((t) => w(t) * rate.q2(t), breaks, opts.maxPanelKeV ?? 0.01),
    };
  });
  const tOf = (rate: NucleusRate, q2: number) =>
    MeVToKeV(recoilFromQ2(q2, rate.nucleus.massMeV, opts.q2Convention));
  const q2Of = (rate: NucleusRate, t: number) =>
    q2FromRecoil(keVToMeV(t), rate.nucleus.massMeV, opts.q2Convention);
  const cumulative = (q2: number) => tables.reduce((s, x) => s + interpolate(x.table, tOf(x.rate, q2)), 0);
  const total = tables.reduce((s, x) => s + x.table.cum.at(-1)!, 0);
  const q2MinMeV2 = Math.min(...rates.map((r) => q2Of(r, tLo)));
  const q2MaxMeV2 = Math.max(...rates.map((r) => q2Of(r, tHi)));
  const meanMeV2 = tables.reduce((s, x) => s + x.q2Weighted.cum.at(-1)!, 0) / total;
  const quantile = (p: number) => {
    let lo = q2MinMeV2;
    let hi = q2MaxMeV2;
    const target = p * total;
    while (hi - lo > 1e-10 * hi) {
      const mid = 0.5 * (lo + hi);
      if (cumulative(mid) < target) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  return { total, q2MinMeV2, q2MaxMeV2, meanMeV2, cumulative, quantile };
}
