/**
 * Model specifications and fit results of the generic binned likelihood.
 *
 * Nothing here knows about neutrinos: the parameter of interest is called `poi`, bounded to [0, 1],
 * and every expectation is LINEAR in it. A later module maps a measured ξ(q²) dataset onto these
 * models (with poi = α).
 *
 * Counting model, per bin i (all expectations are event counts):
 *
 *   on-source   n_i ~ Poisson(μ_i),  μ_i = b_i + θ_beam·f_i + θ_sig·(s0_i + poi·(s1_i − s0_i))
 *   off-source  m_i ~ Poisson(τ_i·b_i)                    (or b_i a known constant)
 *   known       b_k,i with constraint (b_k,i − c_i)²/(2σ_i²), b_k,i ≥ 0 (a known background with a
 *               Gaussian uncertainty, alone or beside an off-source-measured b_i: then μ_i holds both)
 *   θ_sig, θ_beam: normalisations shared by all bins, each with a constraint term (mean 1, σ);
 *                  σ = 0 (or no constraint) fixes the normalisation at 1.
 *
 * Gaussian ("ξ ± σ") model, per bin i: x_i ~ N(x0_i + poi·(x1_i − x0_i), σ_i), σ_i possibly asymmetric.
 */

/**
 * Constraint on a normalisation θ with nominal value (global observable) θ0 = 1.
 * - `gaussian`:  −ln L_c = (θ − θ0)²/(2σ²),  θ ≥ 0.
 * - `lognormal`: −ln L_c = (ln θ − ln θ0)²/(2σ²), θ > 0; σ is the standard deviation of ln θ
 *   (≈ the relative uncertainty when small). This is a Gaussian auxiliary measurement of ln θ, so no
 *   Jacobian term is added.
 * σ = 0 means "fixed at θ0" for either kind (so does any σ < 1e-6, `FIXED_SIGMA_BELOW`).
 */
export type ConstraintSpec =
  | { readonly kind: 'gaussian'; readonly sigma: number }
  | { readonly kind: 'lognormal'; readonly sigma: number };

/**
 * A background component known from elsewhere (simulation, calibration, side-band): `expected` events
 * (≥ 0) in the bin with an absolute 1σ uncertainty `sigma` (events, ≥ 0), uncorrelated between bins.
 * - sigma = 0 or absent: the component is fixed at `expected`;
 * - sigma > 0: it is a nuisance b_k ≥ 0 of the bin with the constraint (b_k − expected)²/(2σ²), a
 *   Gaussian auxiliary measurement whose centre is a global observable (randomised in toys, moved to
 *   the fit for Asimov data), profiled per bin (knownBackground.ts).
 */
export interface KnownBackground {
  readonly expected: number;
  readonly sigma?: number;
}

/** How the steady-state background of a bin is known. */
export type BackgroundSpec =
  /**
   * Free b ≥ 0 measured off-source: nOff ~ Poisson(tau·b). tau = off/on exposure ratio (> 0).
   * `known`: a further background component of the on-source region, known from elsewhere.
   */
  | {
      readonly kind: 'measured';
      readonly nOff: number;
      readonly tau: number;
      readonly known?: KnownBackground;
    }
  /** b known from elsewhere (no off-source term): fixed, or Gaussian-constrained when sigma > 0. */
  | ({ readonly kind: 'known' } & KnownBackground);

export interface CountingBin {
  /** Observed on-source count n_i (≥ 0; need not be an integer, e.g. for Asimov data). */
  readonly nOn: number;
  /** Signal expectation at poi = 0 (s0_i ≥ 0). */
  readonly signal0: number;
  /** Signal expectation at poi = 1 (s1_i ≥ 0). */
  readonly signal1: number;
  /** Beam-related background expectation f_i ≥ 0 (scaled by θ_beam). Default 0. */
  readonly beamBackground?: number;
  readonly background: BackgroundSpec;
}

export interface CountingModel {
  readonly bins: readonly CountingBin[];
  /** Constraint of θ_sig; absent = fixed at 1. */
  readonly signalNorm?: ConstraintSpec;
  /** Constraint of θ_beam; absent = fixed at 1. */
  readonly beamNorm?: ConstraintSpec;
}

/** Asymmetric uncertainty: `lo` applies when the prediction is below the measurement, `hi` above. */
export interface AsymmetricSigma {
  readonly lo: number;
  readonly hi: number;
}

export interface GaussianBin {
  /** Measured value x_i. */
  readonly measured: number;
  /** Prediction at poi = 0. */
  readonly expected0: number;
  /** Prediction at poi = 1. */
  readonly expected1: number;
  /** σ_i > 0, or {lo, hi} (Barlow's switching convention, see `asymmetricGaussianDeviance`). */
  readonly sigma: number | AsymmetricSigma;
}

export interface GaussianModel {
  readonly bins: readonly GaussianBin[];
}

/** How far a fit result can be trusted (STYLE.md P8). */
export interface FitDiagnostics {
  readonly converged: boolean;
  readonly iterations: number;
  /**
   * - `closedForm`: solved exactly, no iteration.
   * - `tolerance`: iterative solver met its tolerance.
   * - `maxIterations` / `lineSearch`: stopped without meeting it (converged = false).
   * - `infinite`: the data are impossible under this hypothesis (NLL = +∞, e.g. n > 0 with μ = 0).
   */
  readonly reason: 'closedForm' | 'tolerance' | 'maxIterations' | 'lineSearch' | 'infinite';
  /** Parameters sitting on a bound at the minimum. */
  readonly atLimit: readonly string[];
  /** False when the likelihood does not depend on poi at all (then poi is reported as 0.5). */
  readonly poiIdentified: boolean;
}

/** Result of a conditional (poi fixed) or unconditional (poi free in [0, 1]) fit. */
export interface PoiFit {
  readonly poi: number;
  readonly poiFixed: boolean;
  /** Minimum of the NLL in the saturated ("deviance") form; ≥ 0, t = 2·ΔNLL. */
  readonly nll: number;
  /** Fitted θ_sig (1 where it is not a parameter). */
  readonly thetaSig: number;
  /** Fitted θ_beam (1 where it is not a parameter). */
  readonly thetaBeam: number;
  /**
   * Profiled per-bin steady-state backgrounds b_i (empty for the Gaussian model): the off-source-
   * measured b for a `measured` bin, the known b for a `known` one.
   */
  readonly background: readonly number[];
  /**
   * The known component of each bin's background at the fit (empty for the Gaussian model): its value
   * when fixed, the profiled b_k when Gaussian-constrained, 0 for a bin without one. For a `known` bin
   * it equals `background[i]`; for a `measured` bin with `known` it is the part besides b_i.
   */
  readonly knownBackground: readonly number[];
  readonly diagnostics: FitDiagnostics;
  /** All parameters at the fit (HistFactory models; in the model's parameter order). */
  readonly pars?: Float64Array;
}

/** Result of the fit in which every bin has its own poi_i ∈ [0, 1] (alternative of the global test). */
export interface PerBinPoiFit {
  readonly poi: readonly number[];
  readonly nll: number;
  readonly thetaSig: number;
  readonly thetaBeam: number;
  readonly diagnostics: FitDiagnostics;
}

/**
 * What the test statistics, asymptotics and intervals need from a model: the generic door through
 * which the counting and Gaussian models (and any future one) are used.
 */
export interface PoiLikelihood {
  readonly nBins: number;
  /** Indices of bins whose expectation depends on poi (s1 ≠ s0, resp. x1 ≠ x0). */
  readonly informativeBins: readonly number[];
  /** Minimise over the nuisances with poi fixed (0 ≤ poi ≤ 1, else SpecError). */
  fitConditional(poi: number): PoiFit;
  /** Minimise over poi ∈ [0, 1] and nuisances. Cached: the data do not change. */
  fitUnconditional(): PoiFit;
  /** Each bin its own poi_i ∈ [0, 1], shared nuisances common (alternative of the global test). */
  fitPerBinPoi(): PerBinPoiFit;
  /** The same model restricted to bin i (with the same constraint terms). */
  bin(i: number): PoiLikelihood;
  /**
   * The Asimov dataset at `poi` (Cowan et al. 2011, §5): observations replaced by their expectations
   * at poi with the nuisances at their conditional fit to the observed data θ̂̂(poi); the constraint
   * centres (global observables) are moved to θ̂̂ as well, so the Asimov NLL is exactly 0 at poi.
   */
  asimov(poi: number): PoiLikelihood;
  /**
   * Optional fast path of `asimov(poi0)` followed by conditional fits: the NLLs of the Asimov dataset
   * at poi0 fitted with poi fixed at each of `pois`. Implementations that can do this without building
   * a new likelihood (the single-bin kernels) provide it; `poiSigma` uses it when present.
   */
  asimovNlls?(poi0: number, pois: readonly number[]): number[];
}
