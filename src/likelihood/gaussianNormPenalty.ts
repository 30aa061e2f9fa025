import { CONSTRAINT_GAUSSIAN } from './constraints.js';

/**
 * The cheapest Gaussian constraint penalty for a given total "other" expectation a of one bin.
 *
 * In a single bin the data see the normalisations only through a = θ_s·s + θ_b·f. For a given a the
 * penalty c_s + c_b = (θ_s − θ_s0)²/(2σ_s²) + (θ_b − θ_b0)²/(2σ_b²) is minimised on the line
 * θ_s·s + θ_b·f = a (a Lagrange multiplier λ):
 *
 *   θ_s = θ_s0 + λ·s·σ_s²,  θ_b = θ_b0 + λ·f·σ_b²,  λ = (a − a0)/V,
 *   a0 = s·θ_s0 + f·θ_b0,  V = s²σ_s² + f²σ_b²,  pen(a) = (a − a0)²/(2V),
 *
 * i.e. the normalisation uncertainties add in quadrature as absolute uncertainties on a. The bounds
 * θ ≥ 0 clip it: if θ_s would be negative, θ_s = 0 and θ_b = a/f (and symmetrically). pen(a) is convex
 * and C¹ in a. With only one free normalisation (the other fixed, or with a zero coefficient) a is
 * affine in it and pen is the plain quadratic in that θ.
 *
 * `setup` fixes s, the centres and which normalisations are free; `evaluate(a)` sets pen, its
 * derivatives p1 = pen′(a), p2 = pen″(a) and the corresponding θ. Plain numbers, no allocation.
 */
export class GaussianNormPenalty {
  private readonly f: number;
  private readonly gS: boolean;
  private readonly gB: boolean;
  private readonly ssS: number;
  private readonly ssB: number;
  private readonly sigmaSig: number;
  private readonly sigmaBeam: number;

  /** 0: nothing free (a fixed), 1: θ_s free, 2: θ_b free, 3: both. */
  mode = 0;
  /** Smallest feasible a (θ ≥ 0). */
  aMin = 0;
  /** Where pen is minimal (pen′ ≥ 0 above it). */
  aPenMin = 0;
  // Results of evaluate().
  pen = 0;
  p1 = 0;
  p2 = 0;
  thetaSig = 1;
  thetaBeam = 1;

  private s = 0;
  private cS = 1;
  private cB = 1;
  private thSfix = 1;
  private thBfix = 1;
  private penFix = 0;
  private a0 = 0;
  private vTot = 0;

  constructor(f: number, kindSig: number, sigmaSig: number, kindBeam: number, sigmaBeam: number) {
    this.f = f;
    this.gS = kindSig === CONSTRAINT_GAUSSIAN;
    this.gB = kindBeam === CONSTRAINT_GAUSSIAN;
    this.sigmaSig = sigmaSig;
    this.sigmaBeam = sigmaBeam;
    this.ssS = sigmaSig * sigmaSig;
    this.ssB = sigmaBeam * sigmaBeam;
  }

  /** Prepare for signal expectation s (at θ_s = 1), on-source count n and the constraint centres. */
  setup(s: number, n: number, obsSig: number, obsBeam: number): void {
    const f = this.f;
    const { gS, gB, ssS, ssB } = this;
    const cS = gS ? obsSig : 1;
    const cB = gB ? obsBeam : 1;
    this.s = s;
    this.cS = cS;
    this.cB = cB;
    // A θ that is not free sits at its centre, or at 0 if the centre is negative (toys).
    this.thSfix = gS && cS < 0 ? 0 : cS;
    this.thBfix = gB && cB < 0 ? 0 : cB;
    const penS0 = gS ? ((this.thSfix - cS) * (this.thSfix - cS)) / (2 * ssS) : 0;
    const penB0 = gB ? ((this.thBfix - cB) * (this.thBfix - cB)) / (2 * ssB) : 0;
    // A normalisation whose freedom coefficient·σ is below 1e-9 of the bin's scale cannot be
    // resolved in a (a − a0 is known only to ~1e-16·a) and cannot matter (freeing it changes the NLL
    // by at most ½(coefficient·σ)² ≲ 5e-19·scale²): it stays at its centre.
    const scale = 1 + n + s * Math.abs(cS) + f * Math.abs(cB);
    const freeS = gS && s * this.sigmaSig > 1e-9 * scale;
    const freeB = gB && f * this.sigmaBeam > 1e-9 * scale;
    if (freeS && freeB) {
      this.mode = 3;
      this.aMin = 0;
      this.a0 = s * cS + f * cB;
      this.vTot = s * s * ssS + f * f * ssB;
      this.aPenMin = s * this.thSfix + f * this.thBfix;
      this.penFix = 0;
    } else if (freeS) {
      this.mode = 1;
      this.aMin = f * this.thBfix;
      this.aPenMin = this.aMin + s * this.thSfix;
      this.penFix = penB0;
    } else if (freeB) {
      this.mode = 2;
      this.aMin = s * this.thSfix;
      this.aPenMin = this.aMin + f * this.thBfix;
      this.penFix = penS0;
    } else {
      this.mode = 0;
      this.aMin = s * this.thSfix + f * this.thBfix;
      this.aPenMin = this.aMin;
      this.penFix = penS0 + penB0;
    }
  }

  /** pen(a), pen′(a), pen″(a) and the θ that realise them. */
  evaluate(a: number): void {
    const { s, f, ssS, ssB } = this;
    switch (this.mode) {
      case 1:
        this.single(a, this.aMin, s, this.cS, ssS, this.penFix, true);
        return;
      case 2:
        this.single(a, this.aMin, f, this.cB, ssB, this.penFix, false);
        return;
      case 3: {
        const lambda = (a - this.a0) / this.vTot;
        const tS = this.cS + lambda * s * ssS;
        const tB = this.cB + lambda * f * ssB;
        if (tS < 0) {
          // θ_s clipped at 0: θ_b = a/f carries everything
          this.single(a, 0, f, this.cB, ssB, (this.cS * this.cS) / (2 * ssS), false);
          this.thetaSig = 0;
        } else if (tB < 0) {
          this.single(a, 0, s, this.cS, ssS, (this.cB * this.cB) / (2 * ssB), true);
          this.thetaBeam = 0;
        } else {
          this.thetaSig = tS;
          this.thetaBeam = tB;
          this.pen = 0.5 * lambda * lambda * this.vTot;
          this.p1 = lambda;
          this.p2 = 1 / this.vTot;
        }
        return;
      }
      default:
        this.thetaSig = this.thSfix;
        this.thetaBeam = this.thBfix;
        this.pen = this.penFix;
        this.p1 = 0;
        this.p2 = 0;
    }
  }

  /** One free θ with coefficient `coef`: θ = (a − offset)/coef, penalty (θ − c)²/(2σ²) + constant. */
  private single(
    a: number,
    offset: number,
    coef: number,
    c: number,
    ss: number,
    constant: number,
    isSig: boolean,
  ): void {
    const t = (a - offset) / coef;
    const r = t - c;
    this.pen = (r * r) / (2 * ss) + constant;
    this.p1 = r / (coef * ss);
    this.p2 = 1 / (coef * coef * ss);
    if (isSig) {
      this.thetaSig = t;
      this.thetaBeam = this.thBfix;
    } else {
      this.thetaSig = this.thSfix;
      this.thetaBeam = t;
    }
  }
}
