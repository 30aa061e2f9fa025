/**
 * Result types of the sensitivity projections (plain data: JSON-serialisable except `Float64Array`-free
 * by design, so `--json` prints them as they are).
 */

/** A recoil window with its q² and α (of the true model) ranges, over all nuclei of the target. */
export interface CoverageRange {
  readonly tKeVnr: readonly [number, number];
  readonly q2MeV2: readonly [number, number];
  /** [lowest, highest] α of the model in the window. */
  readonly alpha: readonly [number, number];
}

/** The α and q² ranges a setup covers (the paper's Eq. 10 and Fig. 7 for this detector). */
export interface SetupCoverage {
  /** T ∈ [0, T_max]: the paper's convention for Eq. 10 (no threshold). */
  readonly kinematic: CoverageRange | null;
  /** T ∈ [T_thr, T_max] (threshold through the mean response). */
  readonly aboveThreshold: CoverageRange | null;
  /** The T range of the central 90 % of the detected signal (5 %–95 % quantiles). */
  readonly detected90: CoverageRange | null;
  /** Threshold in keV_nr per nucleus (mean response). */
  readonly thresholdKeVnr: readonly number[];
  /** ⟨α⟩ at T_min = 0 weighted by the completely coherent rate (the paper's Table II/Fig. 4 definition). */
  readonly meanAlphaKinematic: number;
  /** ⟨α⟩ weighted by the detected completely coherent counts (threshold, efficiency, resolution). */
  readonly meanAlphaDetected: number | null;
}

export interface ExpectedBin {
  readonly index: number;
  /** Observed-energy edges [keV of the setup's observed scale]. */
  readonly loKeV: number;
  readonly hiKeV: number;
  /** Nominal recoil range through the mean response (null: above every end point). */
  readonly tKeVnr: readonly [number, number] | null;
  readonly q2MeV2: readonly [number, number] | null;
  /** The model's α at the ends of the nominal range. */
  readonly alphaModel: readonly [number, number] | null;
  readonly background: number;
  /** Signal counts at α = 0, α = 1 and for the setup's model. */
  readonly signal0: number;
  readonly signal1: number;
  readonly signalModel: number;
  /** (s_model − s0)/(s1 − s0): the α the bin's counts measure (Eq. 6 inverted). */
  readonly alphaEff: number | null;
  /** Signal-weighted mean q² of the model [MeV²]. */
  readonly q2MeanMeV2: number | null;
}

export interface ExpectedCounts {
  readonly exposureKgS: number;
  readonly bins: readonly ExpectedBin[];
  readonly totals: {
    readonly background: number;
    readonly signal0: number;
    readonly signal1: number;
    readonly signalModel: number;
  };
}

/** Median significance and its ±1σ, ±2σ bands. */
export interface ZBands {
  readonly m2: number;
  readonly m1: number;
  readonly median: number;
  readonly p1: number;
  readonly p2: number;
}

export interface ToyBands {
  readonly nToys: number;
  readonly failed: number;
  readonly seed: string;
  /** Quantiles of the toys' Z at Φ(−2), Φ(−1), ½, Φ(1), Φ(2). */
  readonly z: ZBands;
  /** 95 % CL interval of the toy median (order statistics), its Monte Carlo error. */
  readonly medianCi95: readonly [number, number];
  /** Median fitted α̂ of the toys. */
  readonly medianAlphaHat: number;
}

export interface HypothesisTest {
  /** Tested α. */
  readonly alpha: number;
  /**
   * 'exclude-1': q1 = t̃(1), one-sided (α = 1 vs α < 1); 'exclude-0': q0 = t̃(0) (α = 0 vs α > 0);
   * 'two-sided': t̃(α) with the two-boundary asymptotics (a user's α).
   */
  readonly kind: 'exclude-1' | 'exclude-0' | 'two-sided';
  /** Statistic on the Asimov dataset of the true model. */
  readonly qAsimov: number;
  /** Median expected p-value and significance (Asimov). */
  readonly pValue: number;
  readonly z: number;
  /** Asimov bands Z_A ± N (clipped at 0), the Wald approximation of CCGV 2011 §5. */
  readonly bands: ZBands;
  readonly toys?: ToyBands;
}

export interface AlphaInterval {
  readonly cl: number;
  readonly alphaHat: number;
  readonly lower: number;
  readonly upper: number;
  readonly kind: 'two-sided' | 'upper-limit' | 'lower-limit' | 'whole-range';
}

export interface BinSensitivity {
  readonly index: number;
  /** Expected α intervals of the bin alone (Asimov dataset of the true model). */
  readonly interval68: AlphaInterval | null;
}

export interface ExposureScanPoint {
  readonly exposureKgS: number;
  /** Median expected Z for excluding α = 1 and α = 0 (Asimov). */
  readonly zAlpha1: number;
  readonly zAlpha0: number;
}

export interface ExposureCrossing {
  /** Exposure [kg·s] for a median Z of 3 and 5, null if not reached below `searchMaxKgS`. */
  readonly z3KgS: number | null;
  readonly z5KgS: number | null;
  /** Z at the largest exposure searched (the systematics limit when the crossing is not reached). */
  readonly zAtSearchMax: number;
}

export interface ExposureScan {
  readonly points: readonly ExposureScanPoint[];
  readonly alpha1: ExposureCrossing;
  readonly alpha0: ExposureCrossing;
  readonly searchMaxKgS: number;
}
