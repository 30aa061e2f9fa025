import { SpecError } from '../errors.js';
import { constraintKindOf } from './constraints.js';
import type { CompiledCounting } from './compiled.js';
import { compileCounting } from './compiled.js';
import { gaussianDeviance, poissonDeviance } from './deviance.js';
import { validateCountingModel } from './validate.js';
import type { CountingModel } from './types.js';

/**
 * Negative log-likelihood of the counting model at explicit parameter values (nothing profiled):
 *
 *   NLL = Σ_i [ d(n_i, μ_i) + d(m_i, τ_i·b_i) + (k_i − c_i)²/(2σ_i²) ] + c_sig(θ_sig) + c_beam(θ_beam),
 *   μ_i = b_i + k_i + θ_beam·f_i + θ_sig·(s0_i + poi·(s1_i − s0_i)),
 *
 * with d the Poisson deviance term of deviance.ts (−ln L minus its saturated value, so NLL ≥ 0 and
 * NLL = 0 iff every expectation equals its observation and θ sits at its constraint centre). The
 * off-source term (and b_i) is absent for bins without an off-source measurement; k_i is the known
 * background component (fixed at c_i, or Gaussian-constrained about c_i with σ_i > 0; 0 where none).
 */
export interface CountingParams {
  readonly poi: number;
  readonly thetaSig?: number;
  readonly thetaBeam?: number;
  /**
   * b_i per bin: the off-source-measured b of a `measured` bin, the known b of a Gaussian-constrained
   * `known` bin; entries of bins whose background is fixed are ignored.
   */
  readonly background: readonly number[];
  /**
   * k_i of `measured` bins that also have a Gaussian-constrained known component (σ > 0); entries of
   * other bins are ignored. Default: each such component at its expected value.
   */
  readonly knownBackground?: readonly number[];
}

/** Kernel form on a compiled model; `poiOfBin` lets every bin have its own poi (global test). */
export function compiledNll(
  c: CompiledCounting,
  poiOfBin: (i: number) => number,
  thetaSig: number,
  thetaBeam: number,
  background: (i: number) => number,
  knownBackground: (i: number) => number,
): number {
  let sum = constraintPenalty(c, thetaSig, thetaBeam);
  for (let i = 0; i < c.k; i++) {
    const measured = c.measured[i] === 1;
    const sigma = c.sigmaKnown[i] as number;
    const centre = c.bKnown[i] as number;
    const k = sigma > 0 ? (measured ? knownBackground(i) : background(i)) : centre;
    const b = measured ? background(i) : 0;
    const a =
      thetaBeam * (c.f[i] as number) +
      thetaSig * ((c.s0[i] as number) + poiOfBin(i) * (c.delta[i] as number));
    sum += poissonDeviance(c.n[i] as number, a + b + k);
    if (measured) sum += poissonDeviance(c.m[i] as number, (c.tau[i] as number) * b);
    if (sigma > 0) sum += k >= 0 ? gaussianDeviance(centre, k, sigma) : NaN;
  }
  return sum;
}

/** Sum of the two constraint penalties (0 for fixed normalisations, which must then equal 1). */
export function constraintPenalty(c: CompiledCounting, thetaSig: number, thetaBeam: number): number {
  let pen = 0;
  const ks = constraintKindOf(c.kindSig);
  if (ks) pen += ks.penalty(thetaSig, c.obsSig, c.sigmaSig);
  else if (thetaSig !== 1) return NaN;
  const kb = constraintKindOf(c.kindBeam);
  if (kb) pen += kb.penalty(thetaBeam, c.obsBeam, c.sigmaBeam);
  else if (thetaBeam !== 1) return NaN;
  return pen;
}

/**
 * Public entry point: validates the model and the parameter vector, then evaluates the NLL.
 * Throws SpecError for a malformed model or a background vector of the wrong length.
 */
export function countingNll(model: CountingModel, params: CountingParams): number {
  validateCountingModel(model);
  if (params.background.length !== model.bins.length) {
    throw new SpecError(
      'bin_mismatch',
      `background: expected ${model.bins.length} values, got ${params.background.length}`,
      ['background'],
    );
  }
  const c = compileCounting(model);
  const known = params.knownBackground;
  if (known !== undefined && known.length !== model.bins.length) {
    throw new SpecError(
      'bin_mismatch',
      `knownBackground: expected ${model.bins.length} values, got ${known.length}`,
      ['knownBackground'],
    );
  }
  return compiledNll(
    c,
    () => params.poi,
    params.thetaSig ?? 1,
    params.thetaBeam ?? 1,
    (i) => params.background[i] as number,
    (i) => known?.[i] ?? (c.bKnown[i] as number),
  );
}
