/**
 * The CsI[Na] 2021 detector response as RecoilResponse implementations (src/data/response):
 *
 *   T_nr → E_ee(T) = scintillation response (coefficients.ts; nominal or a ±1σ variant)
 *        → mean charge μ = LY·E_ee, LY = 13.35 PE/keV_ee; gamma photo-statistics of shape
 *          k = 1 + b·E_ee, b = 9.56 keV_ee⁻¹ (publication.ts)
 *        → P(PE bin p) = ∫_bin Gamma(x; μ, k)·ε(x) dx, ε the efficiency model (nominal or a variant)
 *        → × P(time bin t | flavour group) (timing.ts, arrival-time efficiency included).
 *
 * (The supplement writes the gamma density with mean 1/a = E_ee/0.0749 = 13.351·E_ee; we take the mean
 * from the PRL's light yield 13.35, a 0.01 % difference.)
 *
 * `csiPeResponse` is the energy part alone (nBins = PE bins); `csiPeTimeResponse` combines it with one
 * flavour group's time probabilities, row-major with time fastest (bin = p·nT + t), the layout of the
 * template channels. Rows of the PE part are memoised per T, because every flavour group, and the Helm
 * and q²-weighted folds, evaluate the response at the same quadrature nodes.
 */
import { gammaPeBinProbabilities } from '../../response/photoStatistics.js';
import { memoisedResponse, type RecoilResponse } from '../../response/index.js';
import {
  efficiencyAt,
  efficiencyZeroPe,
  electronEquivalentKeV,
  type EfficiencyModel,
  type ScintillationModel,
} from './coefficients.js';

export interface CsiResponseSettings {
  readonly scintillation: ScintillationModel;
  readonly efficiency: EfficiencyModel;
  readonly lightYieldPePerKeVee: number;
  /** Gamma shape k = 1 + bPerKeVee·E_ee. */
  readonly resolution: { readonly bPerKeVee: number };
  readonly peEdges: readonly number[];
}

/** The energy part: probability per PE bin of a recoil T [keV_nr], efficiency included. */
export function csiPeResponse(s: CsiResponseSettings): RecoilResponse {
  const nBins = s.peEdges.length - 1;
  const eff = (x: number) => efficiencyAt(s.efficiency, x);
  const zero = efficiencyZeroPe(s.efficiency);
  return memoisedResponse(nBins, (tKeV) => {
    const ee = tKeV > 0 ? electronEquivalentKeV(s.scintillation, tKeV) : 0;
    return gammaPeBinProbabilities(
      { meanPe: s.lightYieldPePerKeVee * ee, shape: 1 + s.resolution.bPerKeVee * ee },
      s.peEdges,
      eff,
      zero,
    );
  });
}

/** PE × time for one flavour group: row[p·nT + t] = P_pe[p]·P_time[t]. */
export function csiPeTimeResponse(pe: RecoilResponse, timeProbabilities: Float64Array): RecoilResponse {
  const nT = timeProbabilities.length;
  const buf = new Float64Array(pe.nBins);
  return {
    nBins: pe.nBins * nT,
    row(tKeV: number, out: Float64Array): void {
      pe.row(tKeV, buf);
      for (let p = 0; p < buf.length; p++) {
        for (let t = 0; t < nT; t++) out[p * nT + t] = buf[p]! * timeProbabilities[t]!;
      }
    },
  };
}

export { outerProduct } from '../common/index.js';
