/**
 * Forward folding of the solar CEvNS signal through one run's response, per nucleus and per true-q²
 * band (data/response foldSpectrumChecked):
 *
 *   s_jk,b = X · ∫_{T_jk,lo}^{T_jk,hi} dR_k/dT(T) · R_b(T) dT,     T_jk = q²_j / (2M_k) (exactly, T from q²)
 *
 * with X the run's exposure [t·yr], R_b the mono-template response (response.ts) and the integral cut
 * at the top of the mono grid (5 keV_nr), as the release's recipe does (above it only hep contributes,
 * reported by the builder). The Standard-Model (Helm) counts and the q²-weighted total (for the band's
 * mean q²) are folded alongside. Quadrature panels break at the grid energies, the band edges and the
 * spectra's end points; panels are doubled until successive results agree to `relTol`.
 */
import { SpecError } from '../../../errors.js';
import { MeVToKeV, recoilFromQ2, type Q2Convention } from '../../../physics/index.js';
import { foldSpectrumChecked } from '../../response/index.js';
import type { MonoTemplateResponse } from './response.js';
import type { NucleusRate } from './solarRates.js';

export interface Q2Band {
  readonly q2LoMeV2: number;
  readonly q2HiMeV2: number;
}

export interface FoldedNucleus {
  readonly label: string;
  /** The band's recoil range on this nucleus, q²/(2M) [keV_nr] (before the cut to the mono grid). */
  readonly tLoKeV: number;
  readonly tHiKeV: number;
  /** Events per bin at α = 1. */
  readonly coh: Float64Array;
  /** Events per bin with the Helm form factor (Standard Model); undefined when only α = 1 was folded. */
  readonly helm?: Float64Array;
  /** Σ_b ∫ q²·dR/dT·R_b dT · X [MeV²·events]: numerator of the mean q² (undefined likewise). */
  readonly q2Weighted?: number;
  /** Largest relative quadrature error estimate of the three folds. */
  readonly relError: number;
}

export interface FoldOptions {
  readonly exposureTonneYear: number;
  readonly q2Convention: Q2Convention;
  /** Upper end of the recoil integral [keV_nr] (the top of the mono grid). */
  readonly tMaxKeV: number;
  readonly relTol?: number;
  /** Fold only the α = 1 signal (for the yield variations). */
  readonly coherentOnly?: boolean;
}

/** The band's T range on a nucleus [keV_nr]. */
export function bandRecoilRangeKeV(
  band: Q2Band,
  massMeV: number,
  convention: Q2Convention,
): [number, number] {
  return [
    MeVToKeV(recoilFromQ2(band.q2LoMeV2, massMeV, convention)),
    MeVToKeV(recoilFromQ2(band.q2HiMeV2, massMeV, convention)),
  ];
}

function total(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

/** Fold one band for every nucleus through `response`. */
export function foldBand(
  response: MonoTemplateResponse,
  rates: readonly NucleusRate[],
  band: Q2Band,
  opts: FoldOptions,
): FoldedNucleus[] {
  const relTol = opts.relTol ?? 1e-9;
  const x = opts.exposureTonneYear;
  return rates.map((r) => {
    const [tLoKeV, tHiKeV] = bandRecoilRangeKeV(band, r.nucleus.massMeV, opts.q2Convention);
    const lo = Math.max(tLoKeV, response.energiesKeV[0]! / response.energyScale);
    const hi = Math.min(tHiKeV, opts.tMaxKeV);
    const breakpoints = [...response.breakpointsKeV, ...r.kinksKeV];
    const fold = (f: (tKeV: number) => number, what: string) => {
      // Between breakpoints the integrand is smooth: one 8-point Gauss–Legendre panel per interval
      // (≤ 0.1 keV_nr), checked against two.
      const out = foldSpectrumChecked(response, f, lo, hi, {
        breakpoints,
        relTol,
        panelsPerInterval: 1,
        maxDoublings: 8,
      });
      if (!out.converged) {
        throw new SpecError(
          'invalid_dataset',
          `XENONnT signal fold (${what}, ${r.nucleus.label}, q² ${band.q2LoMeV2}–${band.q2HiMeV2} MeV²) did not converge to ${relTol}`,
          [],
        );
      }
      return out;
    };
    const coh = fold((t) => x * r.dRdT(t), 'α = 1');
    if (opts.coherentOnly)
      return { label: r.nucleus.label, tLoKeV, tHiKeV, coh: coh.mu, relError: coh.relError };
    const helm = fold((t) => x * r.dRdT(t) * r.helmXi(t), 'Helm');
    const q2w = fold((t) => x * r.dRdT(t) * r.q2(t), 'q²-weighted');
    return {
      label: r.nucleus.label,
      tLoKeV,
      tHiKeV,
      coh: coh.mu,
      helm: helm.mu,
      q2Weighted: total(q2w.mu),
      relError: Math.max(coh.relError, helm.relError, q2w.relError),
    };
  });
}

/** Σ over nuclei of s_k·w_k per bin (w_k = 1 − d_k for the excess, d_k for the floor). */
export function weightedSum(
  folded: readonly FoldedNucleus[],
  rates: readonly NucleusRate[],
  weight: (d: number) => number,
  pick: (f: FoldedNucleus) => Float64Array = (f) => f.coh,
): Float64Array {
  const out = new Float64Array(pick(folded[0]!).length);
  folded.forEach((f, k) => {
    const w = weight(rates[k]!.decoherentXi);
    const a = pick(f);
    for (let b = 0; b < out.length; b++) out[b]! += w * a[b]!;
  });
  return out;
}
