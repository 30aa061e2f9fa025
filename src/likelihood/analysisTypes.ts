/**
 * The result objects of `analyzeDataset` (coherencyAnalysis.ts): per-bin and combined estimates,
 * intervals in α and φ, p-values, each with how it was computed.
 */
import type { AnyDataset } from '../data/index.js';
import type { SystematicsTreatment } from './coherencyDataset.js';
import type { PoiInterval } from './intervals.js';
import type { IntervalMethodInfo, PValueMethod } from './methods.js';
import type { PhiInterval } from './phi.js';

export interface AnalysisOptions {
  readonly systematics?: SystematicsTreatment;
  /** Called after each bin and each combined step with (done, total) units of work. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly kind: PoiInterval['kind'];
  /** False when the accepted set had gaps: [lo, hi] is then its hull (shown with * in tables). */
  readonly connected: boolean;
  /** The same interval in φ = arccos α (degrees and radians). */
  readonly phi: PhiInterval;
  readonly method: IntervalMethodInfo;
}

/** A bin's edges in the dataset's observable (PE, keV_ee or keV_nr, as the dataset gives them). */
export interface ObservableEdges {
  readonly name: string;
  readonly unit: 'PE' | 'keVee' | 'keVnr';
  readonly lo: number;
  readonly hi: number;
}

/** An estimate of α: α̂ and φ̂, intervals, and the one-sided p-values of α = 1 and α = 0. */
export interface AlphaEstimate {
  /** Maximum-likelihood α within [0, 1]. */
  readonly alphaHat: number;
  /** φ̂ = arccos α̂ in degrees and radians. */
  readonly phiHat: { readonly deg: number; readonly rad: number };
  readonly alpha68: Interval;
  readonly alpha90: Interval;
  /** One-sided p-values of α = 1 and α = 0, each with its method. */
  readonly pAlpha1: number;
  readonly pAlpha0: number;
  readonly pAlpha1Method: PValueMethod;
  readonly pAlpha0Method: PValueMethod;
}

export interface BinAnalysis extends AlphaEstimate {
  readonly index: number;
  readonly q2LoMeV2: number;
  readonly q2HiMeV2: number;
  /** Signal-weighted mean q² of the bin (per-nucleus means weighted by s_coh), or the midpoint. */
  readonly q2CenterMeV2: number;
  /** Edges in the measured observable (counts datasets). */
  readonly observable?: ObservableEdges;
  /** Nominal recoil-energy edges [keV_nr], where the dataset gives them. */
  readonly tLoKeV?: number;
  readonly tHiKeV?: number;
  readonly nOn?: number;
  readonly nOff?: number;
  readonly tau?: number;
  /** The bin's background known from elsewhere (events, absolute 1σ), if it has one. */
  readonly knownBackground?: { readonly expected: number; readonly sigma: number };
  readonly beamBackground?: number;
  readonly sCoh?: number;
  /** Measured suppression and its 1σ (statistical ⊕ normalisation when systematics are profiled). */
  readonly xiHat: number;
  readonly xiSigma: number;
  /** Eq. 6 inverted at ξ̂ (may lie outside [0, 1]). */
  readonly alphaHatUnbounded: number;
  readonly zAlpha1: number;
  readonly zAlpha0: number;
  /** α expected from the Helm form factor (Eq. 9) in this bin, if the dataset carries it. */
  readonly alphaHelm?: number;
}

export interface GlobalTestSummary {
  readonly statistic: number;
  readonly dof: number;
  readonly pValue: number;
  readonly z: number;
  readonly pValueMethod: PValueMethod;
  readonly mostSignificantBin: number;
  readonly pLocal: number;
  readonly pLocalMethod: PValueMethod;
  readonly pGlobal: number;
  readonly zGlobal: number;
  readonly pGlobalMethod: PValueMethod;
}

export interface AnalysisResult {
  readonly dataset: {
    readonly id: string;
    readonly experiment: string;
    readonly title: string;
    readonly kind: AnyDataset['kind'];
  };
  readonly systematics: SystematicsTreatment;
  readonly bins: readonly BinAnalysis[];
  readonly combined: AlphaEstimate & {
    /** "α = 1 in every bin" against independent α_i ∈ [0, 1]. */
    readonly allBinsAlpha1: GlobalTestSummary;
    /** "α = 0 in every bin" against independent α_i ∈ [0, 1]. */
    readonly allBinsAlpha0: GlobalTestSummary;
  };
}
