/**
 * The toy engine of the ξ ± σ model (likelihood/gaussianLikelihood.ts): x_i ~ N(p_i(α), σ_i),
 * p_i(α) = x0_i + α(x1_i − x0_i), α ∈ [0, 1], no nuisance parameters. The fits are the likelihood
 * layer's own (closed form for a fixed α, safeguarded Newton for the free fit), rebuilt on each
 * dataset.
 *
 * GENERATION at α_gen, per bin in order: with a symmetric σ, x = p + σ·z (z ~ N(0, 1)). With an
 * asymmetric {lo, hi} the likelihood uses σ_hi when the prediction lies above the measurement and σ_lo
 * below (R. Barlow, arXiv:physics/0406120, §2); as a density in x this is the split normal with those
 * widths on either side of p, continuous at p, so the side is drawn first (one uniform: below p with
 * probability σ_hi/(σ_lo + σ_hi)) and then the distance (x = p − σ_hi|z| or p + σ_lo|z|).
 */
import { SpecError } from '../errors.js';
import { gaussianLikelihood } from '../likelihood/index.js';
import type { GaussianBin, PoiFit, PoiLikelihood } from '../likelihood/index.js';
import type { DataSlot, ToyEngine } from './engine.js';
import { GAUSSIAN_POI } from './modelSpec.js';
import type { GaussianModelSpec } from './modelSpec.js';
import type { Rng } from './rng.js';

class GaussianEngine implements ToyEngine {
  readonly nPois = 1;
  readonly poiLower = [0];
  readonly poiUpper = [1];
  readonly nPars = 1;
  readonly parNames = [GAUSSIAN_POI];
  readonly init = [0.5];
  readonly fitCost: number;
  private readonly bins: readonly GaussianBin[];
  private readonly x: readonly Float64Array[];
  private lik: PoiLikelihood;
  private free: PoiFit | undefined;
  private fixedValue = NaN;

  constructor(spec: GaussianModelSpec) {
    this.bins = spec.model.bins;
    this.lik = gaussianLikelihood(spec.model); // validates the model once
    const k = this.bins.length;
    this.x = [Float64Array.from(this.bins, (b) => b.measured), new Float64Array(k), new Float64Array(k)];
    this.fitCost = 2 + k;
  }

  draw(rng: Rng, gen: ArrayLike<number>, slot: DataSlot): void {
    const alpha = gen[0]!;
    const x = this.x[slot]!;
    for (let i = 0; i < this.bins.length; i++) {
      const b = this.bins[i]!;
      const p = b.expected0 + alpha * (b.expected1 - b.expected0);
      if (typeof b.sigma === 'number') {
        x[i] = p + b.sigma * rng.normal();
      } else {
        const { lo, hi } = b.sigma;
        const below = rng.uniform() < hi / (lo + hi);
        const z = Math.abs(rng.normal());
        x[i] = below ? p - hi * z : p + lo * z;
      }
    }
  }

  load(slot: DataSlot, main: ArrayLike<number>): void {
    if (slot === 0) throw new RangeError('slot 0 holds the observed data');
    this.x[slot]!.set(main);
  }

  select(slot: DataSlot): void {
    const x = this.x[slot]!;
    // The likelihood copies the numbers it needs; the bins are rebuilt for each dataset.
    this.lik = gaussianLikelihood({ bins: this.bins.map((b, i) => ({ ...b, measured: x[i]! })) });
    this.free = undefined;
  }

  /** The Gaussian fits are closed-form: exact. */
  readonly lastEdm = 0;

  fitFree(): boolean {
    this.free = this.lik.fitUnconditional();
    return Number.isFinite(this.free.nll);
  }

  get freeNll(): number {
    return this.free?.nll ?? NaN;
  }

  freePoi(): number {
    return this.free?.poi ?? NaN;
  }

  freePars(): ArrayLike<number> {
    return [this.free?.poi ?? NaN];
  }

  fitFixed(values: ArrayLike<number>): number {
    this.fixedValue = values[0]!;
    return this.lik.fitConditional(this.fixedValue).nll;
  }

  fixedPars(): ArrayLike<number> {
    return [this.fixedValue];
  }

  likelihood(): PoiLikelihood {
    return this.lik;
  }

  asymptoticQtilde(): null {
    return null;
  }
}

export function buildGaussianEngine(spec: GaussianModelSpec, pois: readonly string[]): ToyEngine {
  if (pois.length !== 1 || pois[0] !== GAUSSIAN_POI) {
    throw new SpecError(
      'no_poi',
      `the ξ ± σ model has one parameter of interest, "${GAUSSIAN_POI}" (α); got ${pois.map((p) => `"${p}"`).join(', ')}`,
      ['poi'],
    );
  }
  return new GaussianEngine(spec);
}
