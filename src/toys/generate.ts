/**
 * Drawing toy datasets of the counting model (likelihood/types.ts):
 *
 *   n_i ~ Poisson(μ_on,i),  m_i ~ Poisson(τ_i·b_i)  (measured backgrounds only),
 *   the centre of a Gaussian-constrained known background  c_i ~ N(k_i, σ_i)  (σ_i > 0 only; may come
 *   out negative, which the fits handle: the constraint is then (k − c)²/(2σ²) with k ≥ 0),
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
 * a measured background) then the known-background centre (σ > 0 only), then the signal global
 * observable, then the beam one (constrained only). Models without a constrained known background
 * draw exactly what they drew before that component existed.
 */
import { knownComponent } from '../likelihood/index.js';
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

/**
 * Expectation of the on-source count of bin `bin` at poi with the fitted nuisances: b the fitted
 * background of the bin's spec (off-source b, or the known one), k its known component.
 */
function muOnOf(model: CountingModel, bin: number, poi: number, fit: PoiFit, b: number, k: number): number {
  const x = model.bins[bin];
  if (x === undefined) return NaN;
  const s = x.signal0 + poi * (x.signal1 - x.signal0);
  const bg = x.background.kind === 'measured' ? b + k : k;
  return bg + fit.thetaBeam * (x.beamBackground ?? 0) + fit.thetaSig * s;
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
  const k = fit.knownBackground[0] ?? 0;
  const constrained = model.bins[bin] !== undefined && knownComponent(model.bins[bin].background).sigma > 0;
  return {
    muOn: muOnOf(model, bin, poi, fit, b, k),
    muOff: muOffOf(model, bin, b),
    thetaSig: fit.thetaSig,
    thetaBeam: fit.thetaBeam,
    // Only where it is drawn, so that jobs of other models serialise (and hash) as before.
    ...(constrained ? { knownBackground: k } : {}),
  };
}

/** The generator of the whole model at poi (every bin) from a conditional fit of the whole model. */
export function modelGenerator(model: CountingModel, poi: number, fit: PoiFit): ModelGenerator {
  const muOn: number[] = [];
  const muOff: number[] = [];
  const known: number[] = [];
  model.bins.forEach((_, i) => {
    const b = fit.background[i] ?? 0;
    const k = fit.knownBackground[i] ?? 0;
    muOn.push(muOnOf(model, i, poi, fit, b, k));
    muOff.push(muOffOf(model, i, b));
    known.push(k);
  });
  const constrained = model.bins.some((x) => knownComponent(x.background).sigma > 0);
  return {
    muOn,
    muOff,
    thetaSig: fit.thetaSig,
    thetaBeam: fit.thetaBeam,
    ...(constrained ? { knownBackground: known } : {}),
  };
}

/** Draws single-bin toys of bin `bin`; the last draw is left in the public fields (no allocation per toy). */
export class BinToyDrawer {
  n = 0;
  m = 0;
  obsSig = 1;
  obsBeam = 1;
  /** The known background's centre (its fixed value where σ = 0, never drawn there). */
  obsKnown: number;
  private readonly sigmaKnown: number;
  private readonly kindSig: number;
  private readonly sigmaSig: number;
  private readonly kindBeam: number;
  private readonly sigmaBeam: number;

  constructor(model: CountingModel, bin: number) {
    const x = model.bins[bin];
    const known = x === undefined ? { expected: 0, sigma: 0 } : knownComponent(x.background);
    this.obsKnown = known.expected;
    this.sigmaKnown = known.sigma;
    this.kindSig = kindOf(model.signalNorm);
    this.sigmaSig = model.signalNorm?.sigma ?? 0;
    this.kindBeam = kindOf(model.beamNorm);
    this.sigmaBeam = model.beamNorm?.sigma ?? 0;
  }

  draw(rng: Rng, gen: BinGenerator): void {
    this.n = rng.poisson(gen.muOn);
    this.m = gen.muOff > 0 ? rng.poisson(gen.muOff) : 0;
    if (this.sigmaKnown > 0) {
      this.obsKnown = (gen.knownBackground ?? NaN) + this.sigmaKnown * rng.normal();
    }
    this.obsSig = drawObservable(rng, this.kindSig, this.sigmaSig, gen.thetaSig);
    this.obsBeam = drawObservable(rng, this.kindBeam, this.sigmaBeam, gen.thetaBeam);
  }
}

/**
 * Draws whole-model toys into `n`, `m`, `obsKnown` (per bin) and the two global observables. A
 * generator without `knownBackground` (e.g. the nominal model of a projection) draws the known
 * centres about the model's expected values.
 */
export class ModelToyDrawer {
  readonly n: Float64Array;
  readonly m: Float64Array;
  /** Known-background centres (fixed values where σ = 0, never drawn there). */
  readonly obsKnown: Float64Array;
  obsSig = 1;
  obsBeam = 1;
  private readonly expectedKnown: Float64Array;
  private readonly sigmaKnown: Float64Array;
  private readonly kindSig: number;
  private readonly sigmaSig: number;
  private readonly kindBeam: number;
  private readonly sigmaBeam: number;

  constructor(model: CountingModel) {
    this.n = new Float64Array(model.bins.length);
    this.m = new Float64Array(model.bins.length);
    const known = model.bins.map((x) => knownComponent(x.background));
    this.expectedKnown = Float64Array.from(known, (x) => x.expected);
    this.obsKnown = Float64Array.from(known, (x) => x.expected);
    this.sigmaKnown = Float64Array.from(known, (x) => x.sigma);
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
      const sigma = this.sigmaKnown[i] as number;
      if (sigma > 0) {
        const centre = gen.knownBackground?.[i] ?? (this.expectedKnown[i] as number);
        this.obsKnown[i] = centre + sigma * rng.normal();
      }
    }
    this.obsSig = drawObservable(rng, this.kindSig, this.sigmaSig, gen.thetaSig);
    this.obsBeam = drawObservable(rng, this.kindBeam, this.sigmaBeam, gen.thetaBeam);
  }
}
