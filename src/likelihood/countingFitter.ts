import { BoundedNewton } from './boundedNewton.js';
import type { NewtonReason } from './boundedNewton.js';
import { CONSTRAINT_FIXED, constraintKindOf } from './constraints.js';
import type { CompiledCounting } from './compiled.js';
import { CountingObjective } from './countingObjective.js';

/**
 * Conditional, unconditional and per-bin-poi fits of the (multi-bin) counting model: the per-bin
 * backgrounds are profiled in closed form inside the objective, and (poi, θ_sig, θ_beam) — or
 * (poi_1 … poi_k, θ_sig, θ_beam) — are found by the projected Newton solver.
 *
 * Robustness: the unconditional fits first solve for poi with the normalisations held at their
 * nominal values (a convex problem: each Poisson term is convex in its expectation, which is linear
 * in poi), then release everything from there. Convergence is reported, never thrown.
 *
 * Work arrays are allocated once; results are left in the public fields (no objects per call).
 */
export class CountingFitter {
  readonly c: CompiledCounting;
  private readonly shared: CountingObjective;
  private readonly sharedSolver: BoundedNewton;
  private readonly xs: Float64Array;
  private readonly los: Float64Array;
  private readonly his: Float64Array;
  private perBin: CountingObjective | undefined;
  private perBinSolver: BoundedNewton | undefined;
  private xp: Float64Array | undefined;
  private lop: Float64Array | undefined;
  private hip: Float64Array | undefined;

  // Outcome of the last fit.
  nll = 0;
  poi = 0;
  thetaSig = 1;
  thetaBeam = 1;
  iterations = 0;
  converged = true;
  reason: NewtonReason = 'tolerance';

  constructor(c: CompiledCounting) {
    this.c = c;
    this.shared = new CountingObjective(c, 1, new Int32Array(c.k));
    this.sharedSolver = new BoundedNewton(3);
    this.xs = new Float64Array(3);
    this.los = new Float64Array(3);
    this.his = new Float64Array(3);
  }

  /** Profiled b_i of the last shared-poi fit. */
  get background(): Float64Array {
    return this.shared.bHat;
  }

  /** Known background component of each bin at the last shared-poi fit. */
  get knownBackground(): Float64Array {
    return this.shared.kHat;
  }

  /** g_i = ∂NLL/∂a_i of bin i at the last shared-poi fit (derivative of the profile in a). */
  get gradientPerBin(): Float64Array {
    return this.shared.gBin;
  }

  /** poi fixed; minimise over θ_sig, θ_beam (and the b_i in closed form). Returns the NLL. */
  conditional(poi: number): number {
    const { xs, los, his } = this;
    los[0] = poi;
    his[0] = poi;
    xs[0] = poi;
    this.setThetaBounds(los, his, xs, 1, true);
    return this.finishShared(
      this.sharedSolver.minimise(this.shared, xs, los, his),
      this.sharedSolver.iterations,
    );
  }

  /** poi free in [0, 1]; two stages (normalisations fixed, then free). Returns the NLL. */
  unconditional(): number {
    const { xs, los, his } = this;
    los[0] = 0;
    his[0] = 1;
    xs[0] = 0.5;
    this.setThetaBounds(los, his, xs, 1, true);
    this.lockThetas(los, his, xs, 1);
    this.sharedSolver.minimise(this.shared, xs, los, his);
    let its = this.sharedSolver.iterations;
    this.setThetaBounds(los, his, xs, 1, false);
    const f = this.sharedSolver.minimise(this.shared, xs, los, his);
    its += this.sharedSolver.iterations;
    return this.finishShared(f, its);
  }

  /**
   * Every bin its own poi_i ∈ [0, 1] (or all fixed at `fixedPoi`), θ shared. Results in
   * `perBinPoi()`; returns the NLL.
   */
  perBinFit(): number {
    const k = this.c.k;
    if (!this.perBin) {
      this.perBin = new CountingObjective(
        this.c,
        k,
        Int32Array.from({ length: k }, (_, i) => i),
      );
      this.perBinSolver = new BoundedNewton(k + 2);
      this.xp = new Float64Array(k + 2);
      this.lop = new Float64Array(k + 2);
      this.hip = new Float64Array(k + 2);
    }
    const x = this.xp as Float64Array;
    const lo = this.lop as Float64Array;
    const hi = this.hip as Float64Array;
    const solver = this.perBinSolver as BoundedNewton;
    for (let i = 0; i < k; i++) {
      lo[i] = 0;
      hi[i] = 1;
      x[i] = 0.5;
    }
    this.setThetaBounds(lo, hi, x, k, true);
    this.lockThetas(lo, hi, x, k);
    solver.minimise(this.perBin, x, lo, hi);
    let its = solver.iterations;
    this.setThetaBounds(lo, hi, x, k, false);
    const f = solver.minimise(this.perBin, x, lo, hi);
    its += solver.iterations;
    this.nll = f;
    this.thetaSig = x[k] as number;
    this.thetaBeam = x[k + 1] as number;
    this.iterations = its;
    this.converged = solver.converged;
    this.reason = solver.reason;
    return f;
  }

  /** poi_i of the last `perBinFit`. */
  perBinPoi(): Float64Array {
    return (this.xp ?? new Float64Array(0)).subarray(0, this.c.k);
  }

  private finishShared(f: number, iterations: number): number {
    const solver = this.sharedSolver;
    this.nll = f;
    this.poi = this.xs[0] as number;
    this.thetaSig = this.xs[1] as number;
    this.thetaBeam = this.xs[2] as number;
    this.iterations = iterations;
    this.converged = solver.converged;
    this.reason = solver.reason;
    return f;
  }

  /**
   * Bounds of θ_sig, θ_beam at positions j, j+1: fixed kinds lo = hi = 1; constrained kinds
   * [kind lower bound, ∞). With `start`, also set the starting values to the constraint centres.
   */
  private setThetaBounds(
    lo: Float64Array,
    hi: Float64Array,
    x: Float64Array,
    j: number,
    start: boolean,
  ): void {
    this.oneTheta(lo, hi, x, j, this.c.kindSig, this.c.obsSig, start);
    this.oneTheta(lo, hi, x, j + 1, this.c.kindBeam, this.c.obsBeam, start);
  }

  private oneTheta(
    lo: Float64Array,
    hi: Float64Array,
    x: Float64Array,
    j: number,
    code: number,
    obs: number,
    start: boolean,
  ): void {
    if (code === CONSTRAINT_FIXED) {
      lo[j] = 1;
      hi[j] = 1;
      x[j] = 1;
      return;
    }
    const lb = constraintKindOf(code)?.lowerBound ?? 0;
    lo[j] = lb;
    hi[j] = Infinity;
    // Start strictly inside the domain so every expectation with a positive term stays positive.
    if (start) x[j] = Math.max(obs, lb, 1e-3);
  }

  private lockThetas(lo: Float64Array, hi: Float64Array, x: Float64Array, j: number): void {
    lo[j] = x[j] as number;
    hi[j] = x[j] as number;
    lo[j + 1] = x[j + 1] as number;
    hi[j + 1] = x[j + 1] as number;
  }
}
