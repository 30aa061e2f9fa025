/**
 * The CsI[Na] 2017 CEvNS prediction in 1-PE bins [k, k+1), k = 0..49 (the release's 0–50 PE):
 *   c_kj = f(j + ½) · Σ_g f_g ∫ dT dN_k,g/dT · P_j(μ(T)),     μ(T) = LY · QF(T) · T,
 * with P_j the Poisson photostatistics of detectorResponse.poissonPeBinProbabilities, f the COHERENT
 * acceptance, f_g the time-window fraction of flavour group g, and dN/dT from darPiRecoilModel.ts.
 * Also the signal-normalisation uncertainty from the parameters' uncertainties (yaml), and the
 * optional straight-line QF fitted to the released QF measurements.
 */
import {
  applyEfficiencyAndTiming,
  darPiRecoilModel,
  foldDarPiModel,
  type DarGroup,
  type DarPiExposure,
} from './darPiRecoilModel.js';
import {
  csiAcceptance,
  meanPeAtEdge,
  poissonPeBinProbabilities,
  quenchingFactor,
  recoilForElectronEquivalent,
  type CsiAcceptanceParameters,
  type PeAssignment,
  type QuenchingModel,
} from './detectorResponse.js';
import { totalOver, type FineHistograms } from './binAssembly.js';
import type { CoherentCsi2017Parameters, QfPoint } from './coherentCsi2017Release.js';

/** Number of 1-PE bins of the release (0–50 PE). */
export const CSI_FINE_BINS = 50;

export interface CsiResponseChoice {
  readonly quenching: QuenchingModel;
  readonly lightYield: number;
  readonly acceptance: CoherentCsi2017Parameters['acceptance'];
  readonly peAssignment: PeAssignment;
}

export interface CsiSignalModel {
  /** Acceptance at the 1-PE bin centres k + ½. */
  readonly acceptance: Float64Array;
  /** Per-nucleus fine histograms for the given time-window fractions. */
  histograms(fractions: Readonly<Record<DarGroup, number>>): FineHistograms[];
  /** T [keV_nr] of an analysis-bin edge at `pe` through the mean response (detectorResponse.meanPeAtEdge). */
  recoilForPe(pe: number): number;
  /** Fractional uncertainties of Σ sCoh over [peLo, peHi) (see signalNormUncertainty). */
  signalNormUncertainty(
    fractions: Readonly<Record<DarGroup, number>>,
    peLo: number,
    peHi: number,
    p: CoherentCsi2017Parameters,
  ): { flux: number; qf: number; acceptance: number; lightYield: number; total: number };
}

const accValues = (a: CsiResponseChoice['acceptance']): CsiAcceptanceParameters => ({
  a: a.a.value,
  k: a.k.value,
  x0: a.x0.value,
});

function acceptanceArray(p: CsiAcceptanceParameters): Float64Array {
  return Float64Array.from({ length: CSI_FINE_BINS }, (_, j) => csiAcceptance(j + 0.5, p));
}

/** QF scaled by a constant factor (for the ±1σ variations). */
export function scaledQuenching(q: QuenchingModel, s: number): QuenchingModel {
  return q.kind === 'flat'
    ? { kind: 'flat', qf: q.qf * s }
    : { kind: 'linear', a: q.a * s, bPerKeV: q.bPerKeV * s };
}

/** Build the model: the recoil spectra once, the folds per response. */
export function csiSignalModel(exposure: DarPiExposure, choice: CsiResponseChoice): CsiSignalModel {
  const recoil = darPiRecoilModel(exposure);
  const fold = (q: QuenchingModel, ly: number) =>
    foldDarPiModel(
      recoil,
      (t) => poissonPeBinProbabilities(ly * quenchingFactor(q, t) * t, CSI_FINE_BINS, choice.peAssignment),
      CSI_FINE_BINS,
    );
  const nominal = fold(choice.quenching, choice.lightYield);
  const acceptance = acceptanceArray(accValues(choice.acceptance));
  return {
    acceptance,
    histograms: (fractions) => applyEfficiencyAndTiming(nominal, acceptance, fractions),
    recoilForPe: (pe) =>
      recoilForElectronEquivalent(
        choice.quenching,
        meanPeAtEdge(pe, choice.peAssignment) / choice.lightYield,
      ),
    signalNormUncertainty(fractions, peLo, peHi, p) {
      const total = (folded: typeof nominal, acc: Float64Array) =>
        totalOver(applyEfficiencyAndTiming(folded, acc, fractions), 'coh', peLo, peHi);
      const s0 = total(nominal, acceptance);
      // Mean absolute relative shift of the ±1σ variations.
      const effect = (up: number, down: number) => (Math.abs(up - s0) + Math.abs(down - s0)) / (2 * s0);
      const relQf = p.qfUncertainty / p.qf;
      const qf = effect(
        total(fold(scaledQuenching(choice.quenching, 1 + relQf), choice.lightYield), acceptance),
        total(fold(scaledQuenching(choice.quenching, 1 - relQf), choice.lightYield), acceptance),
      );
      const lightYield = effect(
        total(fold(choice.quenching, choice.lightYield + p.lightYieldUncertainty), acceptance),
        total(fold(choice.quenching, choice.lightYield - p.lightYieldUncertainty), acceptance),
      );
      const base = accValues(choice.acceptance);
      let acc2 = 0;
      for (const name of ['a', 'k', 'x0'] as const) {
        const e = choice.acceptance[name];
        const vary = (v: number) => total(nominal, acceptanceArray({ ...base, [name]: v }));
        acc2 += effect(vary(e.value + e.errHi), vary(e.value - e.errLo)) ** 2;
      }
      const flux = p.nuPerFlavourPerProtonUncertainty / p.nuPerFlavourPerProton;
      const accept = Math.sqrt(acc2);
      return { flux, qf, acceptance: accept, lightYield, total: Math.hypot(flux, qf, accept, lightYield) };
    },
  };
}

/**
 * Weighted least-squares line QF(T) = a + b·T through the released QF points with tMinKeV ≤ T ≤ tMaxKeV,
 * weights 1/σ² with σ the mean of the (hi, lo) QF errors. Horizontal errors are ignored (the files say
 * they are correlated with the vertical ones, which is not accounted for).
 */
export function fitLinearQf(points: readonly QfPoint[], tMinKeV: number, tMaxKeV: number): QuenchingModel {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    if (p.tKeV < tMinKeV || p.tKeV > tMaxKeV) continue;
    const s = 0.5 * (p.qfErrHi + p.qfErrLo);
    const w = 1 / (s * s);
    sw += w;
    sx += w * p.tKeV;
    sy += w * p.qf;
    sxx += w * p.tKeV * p.tKeV;
    sxy += w * p.tKeV * p.qf;
  }
  const det = sw * sxx - sx * sx;
  const b = (sw * sxy - sx * sy) / det;
  const a = (sy - b * sx) / sw;
  return { kind: 'linear', a, bPerKeV: b };
}
