/**
 * The CENNS-10 Analysis A energy response as a RecoilResponse: a nuclear recoil of T [keV_nr] on argon
 * → probability per reconstructed-energy bin of the release (12 bins of 10 keVee, 0–120 keVee),
 * acceptance included:
 *
 *   E_ee(T) = QF(T)·T,  QF(T) = a + b·T                   (LArParametersAnlA.yaml, larQF)
 *   E_rec ~ Gauss(E_ee, σ),  σ = r·sqrt(E_ee[keVee])      (yaml energyResolution: σ/E = 0.58/sqrt(E))
 *   P_e(T) = Σ_{j ⊂ e} ε_j · [Φ((E_{j+1} − E_ee)/σ) − Φ((E_j − E_ee)/σ)]
 *
 * with j the 0.5-keVee bins of CENNS10AnlAEfficiency.txt (acceptance ε_j as a function of the
 * reconstructed energy; beyond the table's 40 keVee its last value). These are the ingredients the
 * collaboration lists for its CEvNS prediction (Akimov et al., PRL 126, 012002 (2021), and the release
 * note arXiv:2006.12659); the arrival-time and F90 shapes are not modelled here — the release's own
 * templates carry them. Reconstructed energies outside 0–120 keVee are lost (not in the release).
 * The Gaussian is cut at ±8σ (tail probability 1.2e-15).
 */
import { electronEquivalentKeV, gaussianBinProbabilities } from '../../detectorResponse.js';
import type { RecoilResponse } from '../../response/index.js';
import { AR_2020_AXES, AR_2020_EFFICIENCY_BIN_KEVEE } from './release.js';

export interface ArResponseInputs {
  /** QF(T) = a + b·T[keVnr]. */
  readonly qfA: number;
  readonly qfBPerKeV: number;
  /** σ = r·sqrt(E[keVee]) [sqrt(keVee)]. */
  readonly resolutionA: number;
  /** Acceptance per 0.5-keVee reconstructed-energy bin from 0 keVee (the release table). */
  readonly efficiency: readonly number[];
}

/** Gaussian cut-off in units of σ. */
const N_SIGMA = 8;

export function arEnergyResponse(p: ArResponseInputs): RecoilResponse {
  const E = AR_2020_AXES.energyKeVee;
  const w = AR_2020_EFFICIENCY_BIN_KEVEE;
  const eMaxKeVee = E.origin + E.n * E.width;
  const nFine = Math.round((eMaxKeVee - E.origin) / w);
  const fineEdges = Array.from({ length: nFine + 1 }, (_, j) => E.origin + j * w);
  const eff = Float64Array.from(
    { length: nFine },
    (_, j) => p.efficiency[Math.min(j, p.efficiency.length - 1)]!,
  );
  const coarse = Int32Array.from({ length: nFine }, (_, j) => Math.floor((j * w) / E.width));
  const qf = { kind: 'linear' as const, a: p.qfA, bPerKeV: p.qfBPerKeV };
  const prob = new Float64Array(nFine);
  return {
    nBins: E.n,
    row(tKeV: number, out: Float64Array): void {
      out.fill(0);
      const eKeVee = electronEquivalentKeV(qf, tKeV);
      if (!(eKeVee > 0)) return;
      const sigma = p.resolutionA * Math.sqrt(eKeVee);
      const j0 = Math.max(0, Math.floor((eKeVee - N_SIGMA * sigma - E.origin) / w));
      const j1 = Math.min(nFine, Math.ceil((eKeVee + N_SIGMA * sigma - E.origin) / w));
      if (j1 <= j0) return;
      gaussianBinProbabilities(eKeVee, sigma, fineEdges.slice(j0, j1 + 1), prob);
      for (let j = j0; j < j1; j++) out[coarse[j]!]! += eff[j]! * prob[j - j0]!;
    },
  };
}
