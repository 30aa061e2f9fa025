/**
 * Drawing toy datasets of the counting model (likelihood/types.ts):
 *
 *   n_i ~ Poisson(μ_on,i),  m_i ~ Poisson(τ_i·b_i)  (measured backgrounds only),
 *   global observables of constrained normalisations about the generating θ:
 *     Gaussian  θ0 ~ N(θ, σ)          (may come out negative; the fits handle a negative centre),
 *     log-normal θ0 = θ·exp(σ·z), z ~ N(0, 1)   (ln θ0 ~ N(ln θ, σ), the constraint's own definition),
 *     fixed (σ = 0 or absent): 1, nothing drawn.
 *
 * This is the frequentist ("unconditional") ensemble of RooStats' ToyMCSampler and pyhf's
 * `ToyCalculator`: the auxiliary measurements are regenerated in every toy, with the nuisance
 * parameters at their conditional fit θ̂̂(poi) to the observed data (K. Cranmer, "Practical
 * statistics for the LHC", arXiv:1503.07622, §7; ATLAS+CMS, ATL-PHYS-PUB-2011-011, §2.1).
 *
 * Draw order per toy (fixed, part of the reproducibility contract): for each bin n then m (m only for
 * a measured background), then the signal global observable, then the beam one (constrained only).
 */
import type { ConstraintSpec, CountingModel, PoiFit } from '../likelihood/index.js';
import type { Rng } from './rng.js';
import type { BinGenerator, ModelGenerator } from './types.js';

const FIXED = 0;
const GAUSSIAN = 1;
const LOGNORMAL = 2;

function kindOf(spec: ConstraintSpec | undefined): number {
  if (spec === undefined || spec.sigma === 0) return FIXED;
  return spec.kind === 'gaussian' ? GAUSSIAN : LOGNORMAL;
}

/** One global observable about θ (see the module comment). */
function drawObservable(rng: Rng, kind: number, sigma: number, theta: number): number {
  if (kind === GAUSSIAN) return theta + sigma * rng.normal();
  if (kind === LOGNORMAL) return theta * Math.exp(sigma * rng.normal());
  return 1;
}

/** Expectation of the on-source count of bin `bin` at poi with the fitted nuisances. */
function muOnOf(model: CountingModel, bin: number, poi: number, fit: PoiFit, b: number): number {
  const x = model.bins[bin];
  if (x === undefined) return NaN;
  const s = x.signal0 + poi * (x.signal1 - x.signal0);
  return b + fit.thetaBeam * (x.beamBackground ?? 0) + fit.thetaSig * s;
}

function muOffOf(model: CountingModel, bin: number, b: number): number {
  const bg = model.bins[bin]?.background;
  return bg?.kind === 'measured' ? bg.tau * b : 0;
}

/**
 * The generator of bin `bin` at poi from a conditional fit of that bin alone (`fit.background[0]` is
 * its profiled b̂̂).
 */
export function binGenerator(model: CountingModel, bin: number, poi: number, fit: PoiFit): BinGenerator {
  const b = fit.background[0] ?? 0;
  return {
    muOn: muOnOf(model, bin, poi, fit, b),
    muOff: muOffOf(model, bin, b),
    thetaSig: fit.thetaSig,
    thetaBeam: fit.thetaBeam,
  };
}

/** The generator of the whole model at poi (every bin) from a conditional fit of the whole model. */
export function modelGenerator(model: CountingModel, poi: number, fit: PoiFit): ModelGenerator {
  const muOn: number[] = [];
  const muOff: number[] = [];
  model.bins.forEach((_, i) => {
    const b = fit.background[i] ?? 0;
    muOn.push(muOnOf(model, i, poi, fit, b));
    muOff.push(muOffOf(model, i, b));
  });
  return { muOn, muOff, thetaSig: fit.thetaSig, thetaBeam: fit.thetaBeam };
}

/** Draws single-bin toys; the last draw is left in the public fields (no allocation per toy). */
export class BinToyDrawer {
  n = 0;
  m = 0;
  obsSig = 1;
  obsBeam = 1;
  private readonly kindSig: number;
  private readonly sigmaSig: number;
  private readonly kindBeam: number;
  private readonly sigmaBeam: number;

  constructor(model: CountingModel) {
    this.kindSig = kindOf(model.signalNorm);
    this.sigmaSig = model.signalNorm?.sigma ?? 0;
    this.kindBeam = kindOf(model.beamNorm);
    this.sigmaBeam = model.beamNorm?.sigma ?? 0;
  }

  draw(rng: Rng, gen: BinGenerator): void {
    this.n = rng.poisson(gen.muOn);
    this.m = gen.muOff > 0 ? rng.poisson(gen.muOff) : 0;
    this.obsSig = drawObservable(rng, this.kindSig, this.sigmaSig, gen.thetaSig);
    this.obsBeam = drawObservable(rng, this.kindBeam, this.sigmaBeam, gen.thetaBeam);
  }
}

/** Draws whole-model toys into `n`, `m` (per bin) and the two global observables. */
export class ModelToyDrawer {
  readonly n: Float64Array;
  readonly m: Float64Array;
  obsSig = 1;
  obsBeam = 1;
  private readonly kindSig: number;
  private readonly sigmaSig: number;
  private readonly kindBeam: number;
  private readonly sigmaBeam: number;

  constructor(model: CountingModel) {
    this.n = new Float64Array(model.bins.length);
    this.m = new Float64Array(model.bins.length);
    this.kindSig = kindOf(model.signalNorm);
    this.sigmaSig = model.signalNorm?.sigma ?? 0;
    this.kindBeam = kindOf(model.beamNorm);
    this.sigmaBeam = model.beamNorm?.sigma ?? 0;
  }

  draw(rng: Rng, gen: ModelGenerator): void {
    const k = this.n.length;
    for (let i = 0; i < k; i++) {
      const muOff = gen.muOff[i] as number;
      this.n[i] = rng.poisson(gen.muOn[i] as number);
      this.m[i] = muOff > 0 ? rng.poisson(muOff) : 0;
    }
    this.obsSig = drawObservable(rng, this.kindSig, this.sigmaSig, gen.thetaSig);
    this.obsBeam = drawObservable(rng, this.kindBeam, this.sigmaBeam, gen.thetaBeam);
  }
}
