/**
 * A one-bin {@link PoiLikelihood} over given counts AND given global observables, backed by the
 * allocation-free {@link SingleBinKernel}. The public `countingLikelihood` fixes the constraint centres
 * at 1; a pseudo-experiment of a coverage study has its own (randomised) centres, and its asymptotic
 * test must use them. With this door the library's own `testPoi` (t̃, σ from the Asimov dataset,
 * two-boundary p-value) runs unchanged on pseudo-data: nothing of the asymptotics is re-implemented.
 *
 * The kernel is shared (it keeps no state between calls other than its results and the centres,
 * which every method sets first), so many of these objects cost one small allocation each.
 */
import { knownComponent, SingleBinKernel } from '../likelihood/index.js';
import type {
  CountingModel,
  FitDiagnostics,
  PerBinPoiFit,
  PoiFit,
  PoiLikelihood,
} from '../likelihood/index.js';

function fixedKind(spec: CountingModel['signalNorm']): boolean {
  return spec === undefined || spec.sigma === 0;
}

export class KernelLikelihood implements PoiLikelihood {
  readonly nBins = 1;
  readonly informativeBins: readonly number[];
  private uncond: PoiFit | undefined;
  /** The known background's value or constraint centre (default: the model's expected). */
  readonly obsKnown: number;

  /**
   * @param kernel  kernel of the bin (built from `model`, bin `bin`)
   * @param model   the model the kernel was built from (for the Asimov expectations)
   */
  constructor(
    private readonly kernel: SingleBinKernel,
    private readonly model: CountingModel,
    private readonly binIndex: number,
    readonly n: number,
    readonly m: number,
    readonly obsSig: number,
    readonly obsBeam: number,
    obsKnown?: number,
  ) {
    const b = model.bins[binIndex];
    this.obsKnown = obsKnown ?? (b === undefined ? 0 : knownComponent(b.background).expected);
    this.informativeBins = b !== undefined && b.signal1 !== b.signal0 ? [0] : [];
  }

  fitConditional(poi: number): PoiFit {
    const k = this.kernel;
    k.obsSig = this.obsSig;
    k.obsBeam = this.obsBeam;
    k.obsKnown = this.obsKnown;
    k.conditional(this.n, this.m, poi);
    return this.result(true);
  }

  fitUnconditional(): PoiFit {
    if (this.uncond) return this.uncond;
    const k = this.kernel;
    k.obsSig = this.obsSig;
    k.obsBeam = this.obsBeam;
    k.obsKnown = this.obsKnown;
    k.unconditional(this.n, this.m);
    this.uncond = this.result(false);
    return this.uncond;
  }

  fitPerBinPoi(): PerBinPoiFit {
    const u = this.fitUnconditional();
    return {
      poi: [u.poi],
      nll: u.nll,
      thetaSig: u.thetaSig,
      thetaBeam: u.thetaBeam,
      diagnostics: u.diagnostics,
    };
  }

  bin(i: number): PoiLikelihood {
    if (i !== 0) throw new RangeError(`KernelLikelihood has one bin; bin(${i}) requested`);
    return this;
  }

  /** Asimov data at poi (as `countingLikelihood`'s): expectations at θ̂̂(poi), centres moved to θ̂̂. */
  asimov(poi: number): PoiLikelihood {
    const fit = this.fitConditional(poi);
    const bin = this.model.bins[this.binIndex];
    if (bin === undefined) throw new RangeError(`no bin ${this.binIndex}`);
    const b = fit.background[0] as number;
    const k = fit.knownBackground[0] as number;
    const s = bin.signal0 + poi * (bin.signal1 - bin.signal0);
    const measured = bin.background.kind === 'measured';
    const nA = (measured ? b + k : k) + fit.thetaBeam * (bin.beamBackground ?? 0) + fit.thetaSig * s;
    const mA = bin.background.kind === 'measured' ? bin.background.tau * b : 0;
    const oS = fixedKind(this.model.signalNorm) ? this.obsSig : fit.thetaSig;
    const oB = fixedKind(this.model.beamNorm) ? this.obsBeam : fit.thetaBeam;
    // The known centre moves to k̂̂ (it equals the fixed value where the component is not constrained).
    return new KernelLikelihood(this.kernel, this.model, this.binIndex, nA, mA, oS, oB, k);
  }

  private result(poiFixed: boolean): PoiFit {
    const k = this.kernel;
    const infinite = !(k.nll < Infinity);
    const atLimit: string[] = [];
    if (!poiFixed && (k.poi === 0 || k.poi === 1)) atLimit.push('poi');
    const diagnostics: FitDiagnostics = {
      converged: k.converged && !infinite,
      iterations: k.iterations,
      reason: infinite ? 'infinite' : k.iterations === 0 ? 'closedForm' : 'tolerance',
      atLimit,
      poiIdentified: this.informativeBins.length > 0,
    };
    return {
      poi: k.poi,
      poiFixed,
      nll: k.nll,
      thetaSig: k.thetaSig,
      thetaBeam: k.thetaBeam,
      background: [k.background],
      knownBackground: [k.knownBackground],
      diagnostics,
    };
  }
}
