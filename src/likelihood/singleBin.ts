import { SpecError } from '../errors.js';
import { CONSTRAINT_FIXED, CONSTRAINT_LOGNORMAL, constraintCode } from './constraints.js';
import { poissonDeviance } from './deviance.js';
import { BinBackground, knownComponent } from './knownBackground.js';
import { GaussianNormPenalty } from './gaussianNormPenalty.js';
import { SingleBinNewton } from './singleBinNewton.js';
import type { CountingModel } from './types.js';
import { validateConstraint, validateCountingBin } from './validate.js';

/**
 * The single-bin counting model solved (almost) in closed form, for toy ensembles: every method takes
 * the counts as plain numbers and leaves its results in public fields; nothing is allocated.
 *
 *   n ~ Poisson(b + k + θ_b·f + θ_s·(s0 + poi·Δ)),  m ~ Poisson(τ·b)  (or no b),  θ ~ constraints,
 *   k the known background component: fixed, or Gaussian-constrained about its centre `obsKnown`.
 *
 * Write a = θ_b·f + θ_s·s with s = s0 + poi·Δ, and P(a) = min_{b,k} NLL (closed form, or a 1-D convex
 * Newton for an off-source b beside a constrained k: profileBackground.ts, knownBackground.ts;
 * P′ = g = 1 − n/μ, P″ = h; P stays convex in a, which the Gaussian reduction below needs).
 *
 * Conditional fit (poi fixed):
 * - No free normalisation: a is fixed, the fit is closed form.
 * - Gaussian normalisations: for a given a, the cheapest (θ_s, θ_b) with θ_s·s + θ_b·f = a has the
 *   penalty pen(a) = (a − a0)²/(2V), V = s²σ_s² + f²σ_b², in the interior (gaussianNormPenalty.ts,
 *   the familiar "add the systematic variances" result). The problem is then the 1-D CONVEX
 *   minimisation of φ(a) = P(a) + pen(a) on a ≥ a_min, solved by Newton's method safeguarded
 *   with bisection on the bracket [a_min, max(n, argmin pen)] (φ′ ≥ 0 at its upper end since
 *   g ≥ 0 for a ≥ n). Typically 3–6 iterations, one square root each.
 * - Log-normal normalisations: a 2-D projected Newton on (θ_s, θ_b) (singleBinNewton.ts), slower.
 *
 * Unconditional fit (poi ∈ [0, 1]): at an interior stationary point ∂NLL/∂poi = g·θ_s·Δ = 0 forces
 * g = 0, then ∂NLL/∂θ = 0 forces θ = θ0, so the only interior candidate is the unbounded MLE with the
 * normalisations at their centres,
 *
 *   poi* = (n − b̂0 − θ_b0·f − θ_s0·s0)/(θ_s0·Δ),   b̂0 = m/τ + k̂0,
 *
 * k̂0 the known component (its centre c, or max(c, 0) when constrained), where every term is saturated:
 * NLL = 0, or c²/(2σ²) when a toy's centre c < 0 puts k̂0 on its bound (the KKT conditions hold there).
 * With σ_sig = σ_beam = 0 and no known component this is the closed form (n − m/τ − f − s0)/Δ.
 * If poi* ∉ [0, 1] the profile has no interior stationary point, hence is monotone on [0, 1], and the
 * minimum is the endpoint nearer poi*: one conditional fit there, confirmed by the sign of the
 * profile slope dNLL/dpoi = g·θ̂_s·Δ (the other endpoint is fitted only if the sign disagrees).
 */
export class SingleBinKernel {
  /** Counts of the model this kernel was built from (the observed data). */
  readonly nOn: number;
  readonly nOff: number;
  private readonly tau: number;
  private readonly measured: boolean;
  private readonly sigmaKnown: number;
  private readonly f: number;
  private readonly s0: number;
  private readonly delta: number;
  private readonly kindSig: number;
  private readonly sigmaSig: number;
  private readonly kindBeam: number;
  private readonly sigmaBeam: number;
  private readonly newton: SingleBinNewton | undefined;

  /** Global observables (constraint centres); toys may randomise them. Nominal 1. */
  obsSig = 1;
  obsBeam = 1;
  /**
   * The known background component: its fixed value, or the centre of its Gaussian constraint (a
   * global observable toys randomise) when it has σ > 0. Nominal: the model's `expected` (0 if none).
   */
  obsKnown = 0;

  // Results of the last fit.
  poi = 0;
  thetaSig = 1;
  thetaBeam = 1;
  /** b of the bin's background spec (off-source b if measured, else the known one). */
  background = 0;
  /** The known component at the last fit (0 if there is none). */
  knownBackground = 0;
  nll = 0;
  /** g = ∂NLL/∂a at the last fit. */
  gradA = 0;
  iterations = 0;
  converged = true;
  /** p̂oi and NLL of the last unconditional fit (also set by `tildeT`). */
  poiHat = 0;
  nllUnconditional = 0;

  private readonly pen: GaussianNormPenalty;
  private readonly bg = new BinBackground();
  private d1 = 0;
  private d2 = 0;

  /** Build from bin `binIndex` of a counting model (validated; throws SpecError). */
  constructor(model: CountingModel, binIndex = 0) {
    const bin = model.bins[binIndex];
    if (bin === undefined) {
      throw new SpecError('bin_mismatch', `bins[${binIndex}]: no such bin (model has ${model.bins.length})`, [
        'bins',
        binIndex,
      ]);
    }
    validateCountingBin(bin, ['bins', binIndex]);
    validateConstraint(model.signalNorm, ['signalNorm']);
    validateConstraint(model.beamNorm, ['beamNorm']);
    this.nOn = bin.nOn;
    const bg = bin.background;
    this.measured = bg.kind === 'measured';
    this.nOff = bg.kind === 'measured' ? bg.nOff : 0;
    this.tau = bg.kind === 'measured' ? bg.tau : 1;
    const known = knownComponent(bin.background);
    this.obsKnown = known.expected;
    this.sigmaKnown = known.sigma;
    this.f = bin.beamBackground ?? 0;
    this.s0 = bin.signal0;
    this.delta = bin.signal1 - bin.signal0;
    this.kindSig = constraintCode(model.signalNorm);
    this.sigmaSig = model.signalNorm?.sigma ?? 0;
    this.kindBeam = constraintCode(model.beamNorm);
    this.sigmaBeam = model.beamNorm?.sigma ?? 0;
    this.pen = new GaussianNormPenalty(this.f, this.kindSig, this.sigmaSig, this.kindBeam, this.sigmaBeam);
    if (this.kindSig === CONSTRAINT_LOGNORMAL || this.kindBeam === CONSTRAINT_LOGNORMAL) {
      this.newton = new SingleBinNewton(
        this.measured,
        this.tau,
        this.sigmaKnown,
        this.f,
        this.kindSig,
        this.sigmaSig,
        this.kindBeam,
        this.sigmaBeam,
      );
    }
  }

  /** Conditional fit at `poi` (need not be in [0, 1] as long as the expectation stays ≥ 0). */
  conditional(n: number, m: number, poi: number): number {
    this.poi = poi;
    if (this.newton !== undefined) return this.conditionalGeneral(n, m, poi);
    const s = this.s0 + poi * this.delta;
    const pen = this.pen;
    pen.setup(s, n, this.obsSig, this.obsBeam);
    let a: number;
    let its = 0;
    if (pen.mode === 0) {
      a = pen.aMin;
      pen.evaluate(a);
    } else {
      let lo = pen.aMin;
      let hi = Math.max(n, pen.aPenMin, lo);
      a = pen.aPenMin;
      this.derivs(n, m, a);
      let d1 = this.d1;
      let d2 = this.d2;
      let done = false;
      if (d1 > 0) {
        if (a > lo) {
          this.derivs(n, m, lo);
          if (this.d1 >= 0) {
            a = lo;
            done = true;
          }
          hi = a;
        } else {
          done = true; // at the lower bound already, and φ increases from there
        }
      }
      while (!done && its < 200) {
        its++;
        if (d1 === 0) break;
        if (d1 > 0) hi = a;
        else lo = a;
        const newton = a - d1 / d2;
        if (Math.abs(newton - a) <= 1e-10 * a) {
          // Converged; the final tiny Newton step is kept (clipped into the bracket).
          a = newton < lo ? lo : newton > hi ? hi : newton;
          break;
        }
        // Outside the bracket (or NaN from an infinite derivative): bisect instead.
        const next = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
        a = next;
        if (hi - lo <= 1e-14 * hi) break;
        this.derivs(n, m, a);
        d1 = this.d1;
        d2 = this.d2;
      }
      pen.evaluate(a);
    }
    this.iterations = its;
    this.converged = its < 200;
    return this.finalize(n, m, a);
  }

  /** Unconditional fit, poi ∈ [0, 1] (see the class comment). */
  unconditional(n: number, m: number): number {
    const delta = this.delta;
    if (delta === 0) {
      // The likelihood does not depend on poi: report the midpoint (FitDiagnostics.poiIdentified).
      const v = this.conditional(n, m, 0.5);
      return this.setUnconditional(v);
    }
    const cS = this.kindSig === CONSTRAINT_FIXED ? 1 : this.obsSig;
    const cB = this.kindBeam === CONSTRAINT_FIXED ? 1 : this.obsBeam;
    const regular = cS > 0 && cB >= 0;
    let e = 1;
    if (regular) {
      const c = this.obsKnown;
      const constrained = this.sigmaKnown > 0;
      const k0 = constrained && c < 0 ? 0 : c;
      const bOff0 = this.measured ? m / this.tau : 0;
      const poiStar = (n - bOff0 - k0 - cB * this.f - cS * this.s0) / (cS * delta);
      if (poiStar >= 0 && poiStar <= 1) {
        this.poi = poiStar;
        this.thetaSig = cS;
        this.thetaBeam = cB;
        this.background = this.measured ? bOff0 : k0;
        this.knownBackground = k0;
        const r = (k0 - c) / (constrained ? this.sigmaKnown : 1);
        const v = 0.5 * r * r;
        this.nll = v;
        this.gradA = 0;
        this.iterations = 0;
        this.converged = true;
        return this.setUnconditional(v);
      }
      e = poiStar > 1 ? 1 : 0;
    }
    const vE = this.conditional(n, m, e);
    const slope = this.gradA * this.thetaSig * delta;
    if (regular && (e === 1 ? slope <= 0 : slope >= 0)) return this.setUnconditional(vE);
    const { poi, thetaSig, thetaBeam, background, knownBackground, gradA, iterations } = this;
    const vO = this.conditional(n, m, 1 - e);
    if (vO <= vE) return this.setUnconditional(vO);
    this.poi = poi;
    this.thetaSig = thetaSig;
    this.thetaBeam = thetaBeam;
    this.background = background;
    this.knownBackground = knownBackground;
    this.gradA = gradA;
    this.iterations = iterations;
    this.nll = vE;
    return this.setUnconditional(vE);
  }

  /**
   * t̃(poi0) = −2 ln[L(poi0, θ̂̂)/L(p̂oi, θ̂)] with p̂oi ∈ [0, 1] (Cowan et al. 2011, Eq. 11 with the
   * upper bound added). q0 = tildeT(n, m, 0), q1 = tildeT(n, m, 1). p̂oi is left in `poiHat`.
   */
  tildeT(n: number, m: number, poi0: number): number {
    const u = this.unconditional(n, m);
    if (this.poiHat === poi0) return 0;
    const c = this.conditional(n, m, poi0);
    if (c === u) return 0;
    const t = 2 * (c - u);
    return t > 0 ? t : 0;
  }

  private setUnconditional(v: number): number {
    this.poiHat = this.poi;
    this.nllUnconditional = v;
    return v;
  }

  private conditionalGeneral(n: number, m: number, poi: number): number {
    const nt = this.newton as SingleBinNewton;
    const v = nt.solve(n, m, this.s0 + poi * this.delta, this.obsSig, this.obsBeam, this.obsKnown);
    this.thetaSig = nt.thetaSig;
    this.thetaBeam = nt.thetaBeam;
    this.background = nt.background;
    this.knownBackground = nt.knownBackground;
    this.gradA = nt.gradA;
    this.iterations = nt.iterations;
    this.converged = nt.converged;
    this.nll = v;
    return v;
  }

  /** φ′(a) and φ″(a) into d1, d2. */
  private derivs(n: number, m: number, a: number): void {
    const pen = this.pen;
    pen.evaluate(a);
    const mu = a + this.profile(n, m, a);
    const g = n === 0 ? 1 : 1 - n / mu;
    this.d1 = g + pen.p1;
    this.d2 = this.bg.curvature(n, mu, this.measured, m) + pen.p2;
  }

  /** Profiled total background (off-source + known) at a; the parts stay in `bg`. */
  private profile(n: number, m: number, a: number): number {
    return this.bg.profile(a, n, this.measured, m, this.tau, this.obsKnown, this.sigmaKnown);
  }

  /** NLL at a (penalty already evaluated at a); fills the result fields. */
  private finalize(n: number, m: number, a: number): number {
    const bg = this.bg;
    const mu = a + this.profile(n, m, a);
    const v = poissonDeviance(n, mu) + this.pen.pen + bg.aux;
    this.thetaSig = this.pen.thetaSig;
    this.thetaBeam = this.pen.thetaBeam;
    this.background = this.measured ? bg.bOff : bg.bKnown;
    this.knownBackground = bg.bKnown;
    this.gradA = n === 0 ? 1 : 1 - n / mu;
    this.nll = v;
    return v;
  }
}
