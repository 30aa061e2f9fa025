/**
 * CEvNS templates at a DAR-π source (the COHERENT CsI releases), per true-q² band j and nucleus k:
 *
 *   s_jk[p, t] = Σ_g P_time,g[t] · ∫_{T_lo,jk}^{T_hi,jk} dN_{k,g}/dT(T) · P_pe(T)[p] dT
 *
 * with g the prompt (ν_μ) and delayed (ν_e + ν̄_μ) flavour groups of the DAR-π fluence
 * N_POT·r_ν/(4πL²) (darPiRecoilModel.darPiFluenceGroups), dN/dT at complete coherency (α = 1)
 * (recoilSpectra.recoilDensityPerKeV), P_pe the release's energy response (a RecoilResponse) and
 * P_time,g the group's arrival-time probabilities in the analysis time bins (a single bin holding the
 * window fraction for a time-integrated analysis). A band's recoil range on nucleus k is
 * T = q²→T with q² = 2M_kT + T² (physics/kinematics, the project's exact convention), capped at the
 * kinematic end point. Each ∫ dT is foldSpectrumChecked (2 panels per interval, doubled until relTol) with the ν_μ line's
 * end point T_max(29.8 MeV) as a breakpoint; the largest relative error estimate is returned.
 *
 * Per nucleus the Standard-Model (Helm) and q²-weighted folds of the nominal response are returned as
 * well (band metadata: sHelm, ⟨q²⟩).
 */
import {
  DAR_PI_PROMPT_LINE_MEV,
  MICHEL_END_POINT_MEV,
  MeVToKeV,
  PAPER_HELM_MODEL,
  keVToMeV,
  maxRecoilEnergy,
  q2FromRecoil,
  recoilFromQ2,
  xiOf,
} from '../../../physics/index.js';
import { darPiFluenceGroups, type DarGroup, type DarPiExposure } from '../../darPiRecoilModel.js';
import { recoilDensityPerKeV } from '../../recoilSpectra.js';
import { foldSpectrumChecked } from '../../response/fold.js';
import type { RecoilResponse } from '../../response/types.js';

/** outer(a, b) row-major, b fastest (PE × time templates, time fastest). */
export function outerProduct(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length * b.length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i * b.length + j] = a[i]! * b[j]!;
  return out;
}

/** The exposure of a DAR-π detector (darPiRecoilModel.ts; its tabulation grid is not used here). */
export type SignalExposure = Omit<DarPiExposure, 'panelKeV'>;

/** Per nucleus of one band: templates (PE × time, flattened) under each named response. */
export interface BandNucleusTemplates {
  readonly label: string;
  readonly massMeV: number;
  readonly tLoKeV: number;
  readonly tHiKeV: number;
  /** α = 1 counts per bin, keyed by response name ('nominal', variants…). */
  readonly coherent: Readonly<Record<string, Float64Array>>;
  /** Helm (SM) counts per bin, nominal response. */
  readonly helm: Float64Array;
  /** Σ over bins of q²·(α = 1 counts) [MeV²·events], nominal response. */
  readonly q2Weighted: number;
}

export interface SignalTemplates {
  readonly bands: readonly (readonly BandNucleusTemplates[])[];
  /** Largest relative error estimate of any fold (foldSpectrumChecked). */
  readonly maxRelQuadratureError: number;
}

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};

/**
 * Templates for every band of `bandEdgesQ2MeV2` (contiguous) and nucleus, under each PE response of
 * `responses` (must contain 'nominal'), with the groups' time probabilities `time`.
 */
export function cevnsBandTemplates(
  x: SignalExposure,
  bandEdgesQ2MeV2: readonly number[],
  responses: Readonly<Record<string, RecoilResponse>>,
  time: Readonly<Record<DarGroup, Float64Array>>,
  relTol = 1e-7,
): SignalTemplates {
  const groups = darPiFluenceGroups(x);
  let maxErr = 0;
  const fold = (r: RecoilResponse, f: (t: number) => number, lo: number, hi: number, bp: number[]) => {
    const res = foldSpectrumChecked(r, f, lo, hi, { breakpoints: bp, relTol, panelsPerInterval: 2 });
    maxErr = Math.max(maxErr, res.converged ? res.relError : Infinity);
    return res.mu;
  };
  const bands = bandEdgesQ2MeV2.slice(1).map((q2Hi, j) => {
    const q2Lo = bandEdgesQ2MeV2[j]!;
    return x.target.components.map((component) => {
      const { nucleus } = component;
      const m = nucleus.massMeV;
      const tEnd = MeVToKeV(maxRecoilEnergy(MICHEL_END_POINT_MEV, m));
      const tLoKeV = Math.min(tEnd, MeVToKeV(recoilFromQ2(q2Lo, m)));
      const tHiKeV = Math.min(tEnd, MeVToKeV(recoilFromQ2(q2Hi, m)));
      const bp = [MeVToKeV(maxRecoilEnergy(DAR_PI_PROMPT_LINE_MEV, m))];
      const q2 = (tKeV: number) => q2FromRecoil(keVToMeV(tKeV), m);
      const helmXi = (tKeV: number) => xiOf(PAPER_HELM_MODEL, q2(tKeV), nucleus, x.epsilon);
      const coherent: Record<string, Float64Array> = {};
      let helm: Float64Array | undefined;
      let q2Weighted = 0;
      for (const [name, r] of Object.entries(responses)) {
        let total: Float64Array | undefined;
        for (const g of groups) {
          const dNdT = recoilDensityPerKeV(x.target, component, x.massKg, g, { epsilon: x.epsilon });
          const pe = fold(r, dNdT, tLoKeV, tHiKeV, bp);
          const t = outerProduct(pe, time[g.label]);
          total = total ? total.map((v, i) => v + t[i]!) : t;
          if (name === 'nominal') {
            const h = outerProduct(
              fold(r, (tk) => dNdT(tk) * helmXi(tk), tLoKeV, tHiKeV, bp),
              time[g.label],
            );
            helm = helm ? helm.map((v, i) => v + h[i]!) : h;
            const qw = fold(r, (tk) => dNdT(tk) * q2(tk), tLoKeV, tHiKeV, bp);
            q2Weighted += sum(qw) * sum(time[g.label]);
          }
        }
        coherent[name] = total!;
      }
      if (!helm) throw new Error('cevnsBandTemplates: responses must contain "nominal"');
      return { label: nucleus.label, massMeV: m, tLoKeV, tHiKeV, coherent, helm, q2Weighted };
    });
  });
  return { bands, maxRelQuadratureError: maxErr };
}
