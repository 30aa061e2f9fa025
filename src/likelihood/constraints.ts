import type { ConstraintSpec } from './types.js';

/**
 * Constraint terms for normalisation nuisance parameters θ (STYLE.md P6: kinds in a registry typed
 * with `satisfies`, so adding a kind to {@link ConstraintSpec} without an entry is a compile error).
 *
 * Each kind gives the penalty c(θ; θ0, σ) added to the NLL and its first two derivatives in θ.
 * θ0 is the global observable (nominal 1; moved for Asimov data or randomised in toys).
 */
export interface ConstraintKind {
  /** Smallest allowed θ (the penalty must be finite on [lowerBound, ∞)). */
  readonly lowerBound: number;
  penalty(theta: number, theta0: number, sigma: number): number;
  d1(theta: number, theta0: number, sigma: number): number;
  d2(theta: number, theta0: number, sigma: number): number;
}

/** Gaussian: c = (θ − θ0)²/(2σ²); θ ≥ 0 keeps every expectation non-negative. */
const gaussian: ConstraintKind = {
  lowerBound: 0,
  penalty: (t, t0, s) => ((t - t0) * (t - t0)) / (2 * s * s),
  d1: (t, t0, s) => (t - t0) / (s * s),
  d2: (_t, _t0, s) => 1 / (s * s),
};

/**
 * Log-normal: c = (ln θ − ln θ0)²/(2σ²), θ > 0. Not convex for θ > e·θ0 (c″ < 0 there); the
 * solvers handle that with damping.
 */
const lognormal: ConstraintKind = {
  lowerBound: 1e-12,
  penalty: (t, t0, s) => {
    const u = Math.log(t / t0);
    return (u * u) / (2 * s * s);
  },
  d1: (t, t0, s) => Math.log(t / t0) / (s * s * t),
  d2: (t, t0, s) => (1 - Math.log(t / t0)) / (s * s * t * t),
};

export const constraintKinds = { gaussian, lognormal } satisfies {
  [K in ConstraintSpec['kind']]: ConstraintKind;
};

/** Numeric codes used inside the hot loops (no string compares there). */
export const CONSTRAINT_FIXED = 0;
export const CONSTRAINT_GAUSSIAN = 1;
export const CONSTRAINT_LOGNORMAL = 2;

/**
 * Widths below this are treated as 0 (fixed normalisation): a normalisation known to 1 ppm is fixed
 * for any counting experiment, and σ² of smaller (denormal) widths would underflow.
 */
export const FIXED_SIGMA_BELOW = 1e-6;

/** 0 = fixed (absent or σ < FIXED_SIGMA_BELOW), 1 = gaussian, 2 = lognormal. */
export function constraintCode(spec: ConstraintSpec | undefined): number {
  if (spec === undefined || !(spec.sigma >= FIXED_SIGMA_BELOW)) return CONSTRAINT_FIXED;
  return spec.kind === 'gaussian' ? CONSTRAINT_GAUSSIAN : CONSTRAINT_LOGNORMAL;
}

/** The registry entry for a numeric code (undefined for fixed). */
export function constraintKindOf(code: number): ConstraintKind | undefined {
  if (code === CONSTRAINT_GAUSSIAN) return gaussian;
  if (code === CONSTRAINT_LOGNORMAL) return lognormal;
  return undefined;
}
