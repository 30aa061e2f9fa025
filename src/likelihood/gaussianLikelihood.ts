import { SpecError } from '../errors.js';
import type { FitDiagnostics, GaussianModel, PerBinPoiFit, PoiFit, PoiLikelihood } from './types.js';
import { validateGaussianModel, validatePoi } from './validate.js';

/**
 * The "ξ ± σ" likelihood for data published only as a measured value per bin:
 *
 *   x_i ~ N(p_i(poi), σ_i),   p_i(poi) = x0_i + poi·(x1_i − x0_i),
 *   NLL(poi) = Σ_i (p_i − x_i)²/(2σ_i²)   (≥ 0; the ln σ√(2π) constants dropped).
 *
 * Asymmetric uncertainties follow the switching convention (R. Barlow, arXiv:physics/0406120, §2):
 * σ_i = σ_hi when the prediction is ABOVE the measurement (p_i > x_i), σ_lo when below. The NLL is then
 * a convex, piecewise-quadratic function of poi with a continuous derivative, so the bounded MLE is
 * found exactly by Newton steps on the piecewise-linear derivative, safeguarded by bisection.
 *
 * There are no nuisance parameters (the published σ is taken to contain the systematics).
 */
export function gaussianLikelihood(model: GaussianModel): PoiLikelihood {
  validateGaussianModel(model);
  return new GaussianLikelihood(model);
}

class GaussianLikelihood implements PoiLikelihood {
  readonly nBins: number;
  readonly informativeBins: readonly number[];
  private readonly model: GaussianModel;
  private readonly x: Float64Array;
  private readonly x0: Float64Array;
  private readonly delta: Float64Array;
  private readonly sLo: Float64Array;
  private readonly sHi: Float64Array;
  private uncond: PoiFit | undefined;

  constructor(model: GaussianModel) {
    this.model = model;
    const k = model.bins.length;
    this.nBins = k;
    this.x = Float64Array.from(model.bins, (b) => b.measured);
    this.x0 = Float64Array.from(model.bins, (b) => b.expected0);
    this.delta = Float64Array.from(model.bins, (b) => b.expected1 - b.expected0);
    this.sLo = Float64Array.from(model.bins, (b) => (typeof b.sigma === 'number' ? b.sigma : b.sigma.lo));
    this.sHi = Float64Array.from(model.bins, (b) => (typeof b.sigma === 'number' ? b.sigma : b.sigma.hi));
    this.informativeBins = model.bins.flatMap((b, i) => (b.expected1 !== b.expected0 ? [i] : []));
  }

  /** NLL with bin i at poi_i = poiOf(i). */
  private nll(poiOf: (i: number) => number): number {
    let sum = 0;
    for (let i = 0; i < this.nBins; i++) sum += this.term(i, poiOf(i));
    return sum;
  }

  private term(i: number, poi: number): number {
    const r = (this.x0[i] as number) + poi * (this.delta[i] as number) - (this.x[i] as number);
    const s = r > 0 ? (this.sHi[i] as number) : (this.sLo[i] as number);
    return (0.5 * r * r) / (s * s);
  }

  /** dNLL/dpoi and d²NLL/dpoi² at poi (shared poi). */
  private derivatives(poi: number): [number, number] {
    let d1 = 0;
    let d2 = 0;
    for (let i = 0; i < this.nBins; i++) {
      const dl = this.delta[i] as number;
      const r = (this.x0[i] as number) + poi * dl - (this.x[i] as number);
      const s = r > 0 ? (this.sHi[i] as number) : (this.sLo[i] as number);
      d1 += (dl * r) / (s * s);
      d2 += (dl * dl) / (s * s);
    }
    return [d1, d2];
  }

  fitConditional(poi: number): PoiFit {
    validatePoi(poi);
    return this.makeFit(
      poi,
      true,
      this.nll(() => poi),
      0,
      'closedForm',
    );
  }

  fitUnconditional(): PoiFit {
    if (this.uncond) return this.uncond;
    let lo = 0;
    let hi = 1;
    let poi: number;
    let its = 0;
    const [g0] = this.derivatives(0);
    const [g1] = this.derivatives(1);
    if (this.informativeBins.length === 0)
      poi = 0.5; // flat in poi (FitDiagnostics.poiIdentified)
    else if (g0 >= 0) poi = 0;
    else if (g1 <= 0) poi = 1;
    else {
      poi = 0.5;
      for (; its < 200; its++) {
        const [d1, d2] = this.derivatives(poi);
        if (d1 === 0) break;
        if (d1 > 0) hi = poi;
        else lo = poi;
        let next = poi - d1 / d2;
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        const step = Math.abs(next - poi);
        poi = next;
        if (step <= 1e-15 || hi - lo <= 1e-15) break;
      }
    }
    this.uncond = this.makeFit(
      poi,
      false,
      this.nll(() => poi),
      its,
      its === 0 ? 'closedForm' : 'tolerance',
    );
    return this.uncond;
  }

  fitPerBinPoi(): PerBinPoiFit {
    const poi = Array.from({ length: this.nBins }, (_, i) => {
      const dl = this.delta[i] as number;
      if (dl === 0) return 0.5;
      const p = ((this.x[i] as number) - (this.x0[i] as number)) / dl;
      return p < 0 ? 0 : p > 1 ? 1 : p;
    });
    const atLimit = this.informativeBins.filter((i) => poi[i] === 0 || poi[i] === 1).map((i) => `poi[${i}]`);
    return {
      poi,
      nll: this.nll((i) => poi[i] as number),
      thetaSig: 1,
      thetaBeam: 1,
      diagnostics: { converged: true, iterations: 0, reason: 'closedForm', atLimit, poiIdentified: true },
    };
  }

  bin(i: number): PoiLikelihood {
    const bin = this.model.bins[i];
    if (bin === undefined) {
      throw new SpecError('bin_mismatch', `bins[${i}]: no such bin (model has ${this.nBins})`, ['bins', i]);
    }
    return new GaussianLikelihood({ bins: [bin] });
  }

  asimov(poi: number): PoiLikelihood {
    validatePoi(poi);
    return new GaussianLikelihood({
      bins: this.model.bins.map((b) => ({ ...b, measured: b.expected0 + poi * (b.expected1 - b.expected0) })),
    });
  }

  private makeFit(
    poi: number,
    poiFixed: boolean,
    nll: number,
    iterations: number,
    reason: FitDiagnostics['reason'],
  ): PoiFit {
    const identified = this.informativeBins.length > 0;
    return {
      poi,
      poiFixed,
      nll,
      thetaSig: 1,
      thetaBeam: 1,
      background: [],
      knownBackground: [],
      diagnostics: {
        converged: true,
        iterations,
        reason,
        atLimit: !poiFixed && (poi === 0 || poi === 1) ? ['poi'] : [],
        poiIdentified: identified,
      },
    };
  }
}
