import { SpecError } from '../errors.js';
import { CONSTRAINT_FIXED } from './constraints.js';
import { compileCounting } from './compiled.js';
import type { CompiledCounting } from './compiled.js';
import { CountingFitter } from './countingFitter.js';
import { SingleBinKernel } from './singleBin.js';
import type {
  CountingBin,
  CountingModel,
  FitDiagnostics,
  PerBinPoiFit,
  PoiFit,
  PoiLikelihood,
} from './types.js';
import { validateCountingModel, validatePoi } from './validate.js';

/**
 * The counting model behind the generic {@link PoiLikelihood} door.
 *
 * One bin: the closed-form {@link SingleBinKernel}. Several bins: {@link CountingFitter} (closed-form
 * background profiling inside a projected-Newton fit of poi, θ_sig, θ_beam shared by all bins).
 */
export function countingLikelihood(model: CountingModel): PoiLikelihood {
  validateCountingModel(model);
  return new CountingLikelihood(model, 1, 1);
}

interface GlobalObservables {
  readonly sig: number;
  readonly beam: number;
}

class CountingLikelihood implements PoiLikelihood {
  readonly nBins: number;
  readonly informativeBins: readonly number[];
  private readonly model: CountingModel;
  private readonly obs: GlobalObservables;
  private readonly compiled: CompiledCounting;
  private readonly kernel: SingleBinKernel | undefined;
  private readonly fitter: CountingFitter | undefined;
  private uncond: PoiFit | undefined;

  constructor(model: CountingModel, obsSig: number, obsBeam: number) {
    this.model = model;
    this.obs = { sig: obsSig, beam: obsBeam };
    this.nBins = model.bins.length;
    this.informativeBins = model.bins.flatMap((b, i) => (b.signal1 !== b.signal0 ? [i] : []));
    this.compiled = compileCounting(model);
    this.compiled.obsSig = obsSig;
    this.compiled.obsBeam = obsBeam;
    if (this.nBins === 1) {
      this.kernel = new SingleBinKernel(model, 0);
      this.kernel.obsSig = obsSig;
      this.kernel.obsBeam = obsBeam;
    } else {
      this.fitter = new CountingFitter(this.compiled);
    }
  }

  fitConditional(poi: number): PoiFit {
    validatePoi(poi);
    if (this.kernel) {
      const kn = this.kernel;
      kn.conditional(kn.nOn, kn.nOff, poi);
      return this.fromKernel(true);
    }
    const ft = this.fitter as CountingFitter;
    ft.conditional(poi);
    return this.fromFitter(true);
  }

  fitUnconditional(): PoiFit {
    if (this.uncond) return this.uncond;
    if (this.kernel) {
      const kn = this.kernel;
      kn.unconditional(kn.nOn, kn.nOff);
      this.uncond = this.fromKernel(false);
    } else {
      (this.fitter as CountingFitter).unconditional();
      this.uncond = this.fromFitter(false);
    }
    return this.uncond;
  }

  fitPerBinPoi(): PerBinPoiFit {
    if (this.kernel) {
      // One bin: the per-bin alternative is the unconditional fit.
      const u = this.fitUnconditional();
      return {
        poi: [u.poi],
        nll: u.nll,
        thetaSig: u.thetaSig,
        thetaBeam: u.thetaBeam,
        diagnostics: u.diagnostics,
      };
    }
    const ft = this.fitter as CountingFitter;
    const nll = ft.perBinFit();
    const poi = Array.from(ft.perBinPoi());
    const atLimit: string[] = [];
    poi.forEach((p, i) => {
      if (this.informativeBins.includes(i) && (p === 0 || p === 1)) atLimit.push(`poi[${i}]`);
    });
    return {
      poi,
      nll,
      thetaSig: ft.thetaSig,
      thetaBeam: ft.thetaBeam,
      diagnostics: {
        converged: ft.converged,
        iterations: ft.iterations,
        reason: ft.reason,
        atLimit: [...atLimit, ...this.thetaLimits(ft.thetaSig, ft.thetaBeam)],
        poiIdentified: this.informativeBins.length > 0,
      },
    };
  }

  bin(i: number): PoiLikelihood {
    const bin = this.model.bins[i];
    if (bin === undefined) {
      throw new SpecError('bin_mismatch', `bins[${i}]: no such bin (model has ${this.nBins})`, ['bins', i]);
    }
    return new CountingLikelihood({ ...this.model, bins: [bin] }, this.obs.sig, this.obs.beam);
  }

  asimov(poi: number): PoiLikelihood {
    const fit = this.fitConditional(poi);
    const c = this.compiled;
    const bins: CountingBin[] = this.model.bins.map((bin, i) => {
      const s = (c.s0[i] as number) + poi * (c.delta[i] as number);
      const b = fit.background[i] as number;
      const k = fit.knownBackground[i] as number;
      const bg = bin.background;
      // Summed in this order so that models without a known component keep their bits.
      const total = bg.kind === 'known' ? k : b + k;
      const nOn = total + fit.thetaBeam * (c.f[i] as number) + fit.thetaSig * s;
      // The known component's centre moves to its fit (unchanged where it is fixed: k = expected).
      if (bg.kind === 'known') return { ...bin, nOn, background: { ...bg, expected: k } };
      const known = bg.known === undefined ? {} : { known: { ...bg.known, expected: k } };
      return { ...bin, nOn, background: { ...bg, nOff: bg.tau * b, ...known } };
    });
    const obsSig = c.kindSig === CONSTRAINT_FIXED ? this.obs.sig : fit.thetaSig;
    const obsBeam = c.kindBeam === CONSTRAINT_FIXED ? this.obs.beam : fit.thetaBeam;
    return new CountingLikelihood({ ...this.model, bins }, obsSig, obsBeam);
  }

  private fromKernel(poiFixed: boolean): PoiFit {
    const kn = this.kernel as SingleBinKernel;
    const identified = this.informativeBins.length > 0;
    const infinite = !(kn.nll < Infinity);
    const bg = [kn.background];
    return this.makeFit(poiFixed, kn.poi, kn.nll, kn.thetaSig, kn.thetaBeam, bg, [kn.knownBackground], {
      converged: kn.converged && !infinite,
      iterations: kn.iterations,
      reason: infinite ? 'infinite' : kn.iterations === 0 ? 'closedForm' : 'tolerance',
      poiIdentified: identified,
    });
  }

  private fromFitter(poiFixed: boolean): PoiFit {
    const ft = this.fitter as CountingFitter;
    const bg = Array.from(ft.background);
    return this.makeFit(
      poiFixed,
      ft.poi,
      ft.nll,
      ft.thetaSig,
      ft.thetaBeam,
      bg,
      Array.from(ft.knownBackground),
      {
        converged: ft.converged,
        iterations: ft.iterations,
        reason: ft.reason,
        poiIdentified: this.informativeBins.length > 0,
      },
    );
  }

  /** Single-bin fast path of asimov(poi0) + conditional fits (types.ts), allocation-free per point. */
  asimovNlls(poi0: number, pois: readonly number[]): number[] {
    if (!this.kernel) {
      const asimov = this.asimov(poi0);
      return pois.map((p) => asimov.fitConditional(p).nll);
    }
    validatePoi(poi0);
    const kn = this.kernel;
    kn.conditional(kn.nOn, kn.nOff, poi0);
    const c = this.compiled;
    const b = kn.background;
    const nOnA =
      b +
      kn.thetaBeam * (c.f[0] as number) +
      kn.thetaSig * ((c.s0[0] as number) + poi0 * (c.delta[0] as number));
    const bg = this.model.bins[0]!.background;
    const nOffA = bg.kind === 'measured' ? bg.tau * b : 0;
    const scratch = (this.asimovKernel ??= new SingleBinKernel(this.model, 0));
    scratch.obsSig = c.kindSig === CONSTRAINT_FIXED ? this.obs.sig : kn.thetaSig;
    scratch.obsBeam = c.kindBeam === CONSTRAINT_FIXED ? this.obs.beam : kn.thetaBeam;
    return pois.map((p) => scratch.conditional(nOnA, nOffA, p));
  }

  private asimovKernel: SingleBinKernel | undefined;

  private makeFit(
    poiFixed: boolean,
    poi: number,
    nll: number,
    thetaSig: number,
    thetaBeam: number,
    background: number[],
    knownBackground: number[],
    d: Omit<FitDiagnostics, 'atLimit'>,
  ): PoiFit {
    const atLimit = this.thetaLimits(thetaSig, thetaBeam);
    if (!poiFixed && (poi === 0 || poi === 1)) atLimit.unshift('poi');
    return {
      poi,
      poiFixed,
      nll,
      thetaSig,
      thetaBeam,
      background,
      knownBackground,
      diagnostics: { ...d, atLimit },
    };
  }

  private thetaLimits(thetaSig: number, thetaBeam: number): string[] {
    const out: string[] = [];
    const c = this.compiled;
    if (c.kindSig !== CONSTRAINT_FIXED && thetaSig <= 1e-12) out.push('thetaSig');
    if (c.kindBeam !== CONSTRAINT_FIXED && thetaBeam <= 1e-12) out.push('thetaBeam');
    return out;
  }
}
