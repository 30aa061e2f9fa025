import { SpecError } from '../errors.js';
import { constraintKindOf } from './constraints.js';
import type { CompiledCounting } from './compiled.js';
import { compileCounting } from './compiled.js';
import { poissonDeviance } from './deviance.js';
import { validateCountingModel } from './validate.js';
import type { CountingModel } from './types.js';

/**
 * Negative log-likelihood of the counting model at explicit parameter values (nothing profiled):
 *
 *   NLL = Σ_i [ d(n_i, μ_i) + d(m_i, τ_i·b_i) ] + c_sig(θ_sig) + c_beam(θ_beam),
 *   μ_i = b_i + θ_beam·f_i + θ_sig·(s0_i + poi·(s1_i − s0_i)),
 *
 * with d the Poisson deviance term of deviance.ts (−ln L minus its saturated value, so NLL ≥ 0 and
 * NLL = 0 iff every expectation equals its observation and θ sits at its constraint centre). The
 * off-source term is absent for bins with a known background (b_i is then that value).
 */
export interface CountingParams {
  readonly poi: number;
  readonly thetaSig?: number;
  readonly thetaBeam?: number;
  /** b_i per bin; entries of bins with a known background are ignored. */
  readonly background: readonly number[];
}

/** Kernel form on a compiled model; `poiOfBin` lets every bin have its own poi (global test). */
export function compiledNll(
  c: CompiledCounting,
  poiOfBin: (i: number) => number,
  thetaSig: number,
  thetaBeam: number,
  background: (i: number) => number,
): number {
  let sum = constraintPenalty(c, thetaSig, thetaBeam);
  for (let i = 0; i < c.k; i++) {
    const measured = c.measured[i] === 1;
    const b = measured ? background(i) : (c.bKnown[i] as number);
    const a =
      thetaBeam * (c.f[i] as number) +
      thetaSig * ((c.s0[i] as number) + poiOfBin(i) * (c.delta[i] as number));
    sum += poissonDeviance(c.n[i] as number, a + b);
    if (measured) sum += poissonDeviance(c.m[i] as number, (c.tau[i] as number) * b);
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
  return compiledNll(
    c,
    () => params.poi,
    params.thetaSig ?? 1,
    params.thetaBeam ?? 1,
    (i) => params.background[i] as number,
  );
}
