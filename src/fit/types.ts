/**
 * Types of the fitting layer: parameters, the residual problem handed to the Levenberg–Marquardt
 * adapter, and the fit result that always says how far it can be trusted (STYLE.md P8; modelled on
 * iminuit's `FMin.is_valid`, `has_posdef_covar`, `has_parameters_at_limit`).
 *
 * Every fit here minimises a sum of squared residuals S(p) = Σ_i r_i(p)². For Gaussian data the
 * residuals are pre-whitened, r_i = (y_i − f_i)/σ_i, so S = χ². For Poisson counts they are signed
 * deviance residuals, r_i = sign(n_i − μ_i)·√(2[μ_i − n_i + n_i ln(n_i/μ_i)]), so S = −2 ln λ, the
 * Baker–Cousins likelihood χ² (S. Baker, R.D. Cousins, NIM 221 (1984) 437). In both cases
 * S = 2·NLL + const, one σ is ΔS = 1, and S_min is a goodness-of-fit statistic ~ χ²(ndf).
 */

/** A fit parameter. Bounds are inclusive; absent bounds are ±∞. */
export interface ParameterSpec {
  readonly name: string;
  readonly initial: number;
  readonly lower?: number;
  readonly upper?: number;
  /**
   * Typical size of the parameter (same unit), used to size finite-difference steps (≈ 6e-6 × it)
   * and the first step of profile scans when no covariance error is available.
   * Default: |initial|, or 1 when initial = 0.
   */
  readonly scale?: number;
  /**
   * Minimise in ln p (requires lower > 0): steps become relative, for scales spanning decades (Λ in
   * α = exp(−q²/Λ²)). Errors and intervals are still reported for p itself.
   */
  readonly logScale?: boolean;
  /** Held at `initial`, not fitted. */
  readonly fixed?: boolean;
  readonly unit?: string;
  readonly description?: string;
}

/**
 * A least-squares problem in residual form. `residuals` writes r(p) into `out` for the full parameter
 * vector p (fixed parameters included, in the order of `parameters`). Kernel policy (STYLE.md P7):
 * it may write NaN for an unphysical p; the minimiser reports that as a diagnostic.
 */
export interface ResidualProblem {
  readonly parameters: readonly ParameterSpec[];
  readonly nResiduals: number;
  residuals(p: Float64Array, out: Float64Array): void;
  /**
   * Parameters minimised analytically inside `residuals` (e.g. per-bin backgrounds profiled in closed
   * form); subtracted from the degrees of freedom. Default 0.
   */
  readonly nProfiled?: number;
  /** What S_min means: 'chi2' (Gaussian) or 'deviance' (Poisson likelihood ratio) or both. */
  readonly statistic?: FitStatistic;
}

export type FitStatistic = 'chi2' | 'deviance' | 'mixed';

/** Why the minimiser stopped. */
export type StopReason =
  /** The estimated distance to the minimum fell below the tolerance (converged). */
  | 'tolerance'
  /** The iteration budget ran out first. */
  | 'maxIterations'
  /** Many steps in a row rejected while the EDM stayed above tolerance. */
  | 'stalled'
  /** S or a residual became NaN (the model left its domain) and no valid step remained. */
  | 'nan'
  /** The wall-clock budget ran out. */
  | 'timeout';

export interface LmFitDiagnostics {
  /** True only when reason = 'tolerance' and S is finite. */
  readonly converged: boolean;
  /** Levenberg–Marquardt steps tried (accepted or rejected). */
  readonly iterations: number;
  readonly reason: StopReason;
  /** Estimated distance to the minimum, gᵀ(JᵀJ)⁻¹g in units of S (Minuit's EDM for ΔS = 1). */
  readonly edm: number;
  /** Free parameters sitting on (within 1e-9 relative of) a bound at the minimum. */
  readonly atLimit: readonly string[];
  /** JᵀJ at the minimum is positive-definite (so the covariance and errors exist). */
  readonly covariancePosDef: boolean;
  /**
   * Free parameters the data do not constrain: a zero column of the Jacobian, a direction of JᵀJ
   * with eigenvalue < 1e-10 of the largest (after scaling), or a 1σ error wider than the allowed range.
   */
  readonly unconstrained: readonly string[];
  /** Human-readable warnings, one line each; empty for a clean fit. */
  readonly messages: readonly string[];
}

/** The result of a fit (STYLE.md P8). */
export interface FitResult {
  /** Every parameter, fitted or fixed. */
  readonly values: Readonly<Record<string, number>>;
  /** 1σ errors √C_jj of the free parameters; absent when the covariance is not positive-definite. */
  readonly errors?: Readonly<Record<string, number>>;
  /** Row-major covariance (JᵀJ)⁻¹ of the free parameters, in the order of `order`. */
  readonly covariance?: Float64Array;
  /** Row-major correlation matrix, same order. */
  readonly correlation?: Float64Array;
  /** Free parameters, in the order of the covariance. */
  readonly order: readonly string[];
  /** Held parameters. */
  readonly fixed: readonly string[];
  /** S_min = Σ r² (χ² or the Baker–Cousins deviance). */
  readonly chi2: number;
  /** S_min/2: the negative log-likelihood relative to the saturated model. */
  readonly minNll: number;
  readonly statistic: FitStatistic;
  /** Residuals − free parameters − analytically profiled parameters. */
  readonly ndf: number;
  /** chi2/ndf (NaN when ndf ≤ 0). */
  readonly chi2PerNdf: number;
  /** P(χ²_ndf ≥ chi2), the asymptotic goodness-of-fit p-value; absent when ndf ≤ 0. */
  readonly pValue?: number;
  readonly nResiduals: number;
  readonly diagnostics: LmFitDiagnostics;
}

/** Options of the Levenberg–Marquardt adapter. Defaults in {@link LM_DEFAULTS}. */
export interface LmOptions {
  /** Total iteration budget. */
  readonly maxIterations?: number;
  /** Converged when EDM < this (units of S; Minuit's default is 2e-4 for ΔS = 1). */
  readonly edmTolerance?: number;
  /** Initial Marquardt damping λ of the scaled normal equations (JᵀJ has a unit diagonal there). */
  readonly damping?: number;
  /** Wall-clock budget [s]; absent = none. */
  readonly timeoutSeconds?: number;
}

/** A profile-likelihood (MINOS-like) interval of one parameter at ΔS = `delta`. */
export interface ProfileInterval {
  readonly name: string;
  readonly value: number;
  /** ΔS defining the interval (1 for 68.27 %). */
  readonly delta: number;
  /** Lower end, or the lower bound when the scan reached it first (`lowerOpen`). */
  readonly lower: number;
  readonly upper: number;
  /** value − lower and upper − value (≥ 0). */
  readonly errorLow: number;
  readonly errorHigh: number;
  /** ΔS stayed below `delta` all the way to the parameter's bound on that side. */
  readonly lowerOpen: boolean;
  readonly upperOpen: boolean;
  /** Every conditional fit converged and no lower minimum was found. */
  readonly valid: boolean;
  /** Conditional fits of the scan. */
  readonly fits: number;
  readonly messages: readonly string[];
  /** ΔS on a grid, when requested (for plots). */
  readonly curve?: readonly { readonly value: number; readonly deltaChi2: number }[];
}
