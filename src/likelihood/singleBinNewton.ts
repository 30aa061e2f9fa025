import {
  CONSTRAINT_FIXED,
  CONSTRAINT_GAUSSIAN,
  CONSTRAINT_LOGNORMAL,
  constraintKinds,
} from './constraints.js';
import { poissonDeviance } from './deviance.js';
import { BinBackground } from './knownBackground.js';

/**
 * Conditional fit of ONE counting bin over (θ_sig, θ_beam) for any constraint kinds (used by
 * SingleBinKernel for log-normal constraints, where the 1-D Gaussian reduction does not apply).
 *
 *   F(θ_s, θ_b) = P(a) + c_s(θ_s) + c_b(θ_b),   a = s·θ_s + f·θ_b,
 *   ∇F = (g·s + c_s′, g·f + c_b′),   ∇²F = h·(s, f)(s, f)ᵀ + diag(c_s″, c_b″),
 *
 * with P, g = P′ and h = P″ of the background-profiled bin (profileBackground.ts). Newton's method
 * on the free normalisations (those with a constraint and a non-zero coefficient): a variable at its
 * lower bound with the gradient pushing outwards is held there, a step that would cross a bound is
 * truncated along its direction, and the step is halved whenever F does not decrease. Where ∇²F is
 * not positive definite (a log-normal penalty is concave for θ > e·θ0) its eigenvalues are shifted
 * up first (modified Newton; J. Nocedal, S.J. Wright, "Numerical Optimization", 2nd ed., §3.4).
 * A local minimum is found; with very wide log-normal constraints (σ ≳ 1) F can have several.
 * Plain numbers only: no allocation per call.
 */
export class SingleBinNewton {
  private readonly measured: boolean;
  private readonly tau: number;
  private readonly sigmaKnown: number;
  private readonly f: number;
  private readonly kindSig: number;
  private readonly sigmaSig: number;
  private readonly kindBeam: number;
  private readonly sigmaBeam: number;

  // Results of the last solve.
  thetaSig = 1;
  thetaBeam = 1;
  background = 0;
  knownBackground = 0;
  nll = 0;
  gradA = 0;
  iterations = 0;
  converged = true;

  // Evaluation scratch.
  private fv = 0;
  private gS = 0;
  private gB = 0;
  private hSS = 0;
  private hSB = 0;
  private hBB = 0;
  private knownCentre = 0;
  private readonly bg = new BinBackground();

  constructor(
    measured: boolean,
    tau: number,
    sigmaKnown: number,
    f: number,
    kindSig: number,
    sigmaSig: number,
    kindBeam: number,
    sigmaBeam: number,
  ) {
    this.measured = measured;
    this.tau = tau;
    this.sigmaKnown = sigmaKnown;
    this.f = f;
    this.kindSig = kindSig;
    this.sigmaSig = sigmaSig;
    this.kindBeam = kindBeam;
    this.sigmaBeam = sigmaBeam;
  }

  /**
   * Minimise over the normalisations for on-source counts n, off-source m, signal expectation s, the
   * normalisations' constraint centres and the known background's value (or constraint centre).
   */
  solve(n: number, m: number, s: number, obsSig: number, obsBeam: number, knownCentre: number): number {
    this.knownCentre = knownCentre;
    const f = this.f;
    const freeS = this.kindSig !== CONSTRAINT_FIXED && s * this.sigmaSig > 1e-100;
    const freeB = this.kindBeam !== CONSTRAINT_FIXED && f * this.sigmaBeam > 1e-100;
    const lbS = lowerBound(this.kindSig);
    const lbB = lowerBound(this.kindBeam);
    const cS = this.kindSig === CONSTRAINT_FIXED ? 1 : obsSig;
    const cB = this.kindBeam === CONSTRAINT_FIXED ? 1 : obsBeam;
    let xS = cS > lbS ? cS : Math.max(lbS, 1e-3);
    let xB = cB > lbB ? cB : Math.max(lbB, 1e-3);
    if (!freeS && this.kindSig !== CONSTRAINT_FIXED) xS = Math.max(cS, lbS);
    if (!freeB && this.kindBeam !== CONSTRAINT_FIXED) xB = Math.max(cB, lbB);
    let pS = xS;
    let pB = xB;
    let fPrev = Infinity;
    let backtracks = 0;
    let it = 0;
    let ok = true;
    for (; it < 200; it++) {
      this.evaluate(n, m, s, xS, xB, cS, cB);
      const fv = this.fv;
      if (it > 0 && !(fv <= fPrev + 1e-14 * (1 + Math.abs(fPrev)))) {
        // F went up: halve the step back towards the last accepted point.
        if (++backtracks > 60) {
          xS = pS;
          xB = pB;
          this.evaluate(n, m, s, xS, xB, cS, cB);
          ok = false;
          break;
        }
        xS = pS + 0.5 * (xS - pS);
        xB = pB + 0.5 * (xB - pB);
        continue;
      }
      backtracks = 0;
      pS = xS;
      pB = xB;
      fPrev = fv;
      const gS = this.gS;
      const gB = this.gB;
      let useS = freeS && !(xS <= lbS && gS > 0);
      let useB = freeB && !(xB <= lbB && gB > 0);
      let dS = 0;
      let dB = 0;
      if (useS && useB) {
        // Newton step with the Hessian shifted to be positive definite where it is not.
        let a = this.hSS;
        let c = this.hBB;
        const b = this.hSB;
        const half = 0.5 * (a - c);
        const lamMin = 0.5 * (a + c) - Math.sqrt(half * half + b * b);
        const floor = 1e-8 * (Math.abs(a) + Math.abs(c)) + 1e-300;
        if (lamMin < floor) {
          const shift = floor - lamMin;
          a += shift;
          c += shift;
        }
        const det = a * c - b * b;
        dS = -(c * gS - b * gB) / det;
        dB = -(a * gB - b * gS) / det;
        // A variable sitting on its bound that the joint step would push further out is held there,
        // and the other one takes a 1-D Newton step instead.
        if (xS <= lbS && dS < 0) {
          useS = false;
          dS = 0;
          dB = -gB / positiveCurvature(this.hBB);
        } else if (xB <= lbB && dB < 0) {
          useB = false;
          dB = 0;
          dS = -gS / positiveCurvature(this.hSS);
        }
      } else if (useS) {
        dS = -gS / positiveCurvature(this.hSS);
      } else if (useB) {
        dB = -gB / positiveCurvature(this.hBB);
      }
      // Truncate the step at the lower bounds along its direction (keeps it a descent direction).
      let step = 1;
      let hitS = false;
      let hitB = false;
      if (dS < 0 && xS + dS < lbS) {
        step = (lbS - xS) / dS;
        hitS = true;
      }
      if (dB < 0 && xB + dB < lbB) {
        const sb = (lbB - xB) / dB;
        if (sb <= step) {
          hitS = hitS && sb === step;
          step = sb;
          hitB = true;
        }
      }
      const nS = hitS ? lbS : Math.max(lbS, xS + step * dS);
      const nB = hitB ? lbB : Math.max(lbB, xB + step * dB);
      // Relative step tolerance: log-normal θ can legitimately be ≪ 1.
      if (Math.abs(nS - xS) <= 1e-10 * xS && Math.abs(nB - xB) <= 1e-10 * xB) break;
      xS = nS;
      xB = nB;
    }
    this.thetaSig = xS;
    this.thetaBeam = xB;
    this.iterations = it + 1;
    this.converged = ok && it < 200;
    this.nll = this.fv;
    return this.fv;
  }

  /** F, ∇F, ∇²F at (θ_s, θ_b) into the scratch fields; background and gradA too. */
  private evaluate(n: number, m: number, s: number, tS: number, tB: number, cS: number, cB: number): void {
    const f = this.f;
    const a = s * tS + f * tB;
    const bg = this.bg;
    const mu = a + bg.profile(a, n, this.measured, m, this.tau, this.knownCentre, this.sigmaKnown);
    const v0 = poissonDeviance(n, mu) + bg.aux;
    const g = n === 0 ? 1 : 1 - n / mu;
    const h = bg.curvature(n, mu, this.measured, m);
    this.background = this.measured ? bg.bOff : bg.bKnown;
    this.knownBackground = bg.bKnown;
    this.gradA = g;
    this.gS = g * s;
    this.gB = g * f;
    this.hSS = h * s * s;
    this.hSB = h * s * f;
    this.hBB = h * f * f;
    let v = v0;
    v += this.addPenalty(this.kindSig, tS, cS, this.sigmaSig, true);
    v += this.addPenalty(this.kindBeam, tB, cB, this.sigmaBeam, false);
    this.fv = v;
  }

  private addPenalty(kind: number, t: number, c: number, sigma: number, sig: boolean): number {
    if (kind === CONSTRAINT_FIXED) return 0;
    const ss = sigma * sigma;
    let d1: number;
    let d2: number;
    let pen: number;
    if (kind === CONSTRAINT_GAUSSIAN) {
      const r = t - c;
      pen = (r * r) / (2 * ss);
      d1 = r / ss;
      d2 = 1 / ss;
    } else {
      const u = Math.log(t / c);
      pen = (u * u) / (2 * ss);
      d1 = u / (ss * t);
      d2 = (1 - u) / (ss * t * t);
    }
    if (sig) {
      this.gS += d1;
      this.hSS += d2;
    } else {
      this.gB += d1;
      this.hBB += d2;
    }
    return pen;
  }
}

/** A curvature usable as a Newton denominator: |h| with a floor (negative curvature → downhill step). */
function positiveCurvature(h: number): number {
  const a = Math.abs(h);
  return a > 1e-300 ? a : 1e-300;
}

function lowerBound(kind: number): number {
  if (kind === CONSTRAINT_LOGNORMAL) return constraintKinds.lognormal.lowerBound;
  if (kind === CONSTRAINT_GAUSSIAN) return constraintKinds.gaussian.lowerBound;
  return 1;
}
