/**
 * The combined (all-bin) statistics of one toy, computed with the likelihood layer's own fitters:
 *
 * - shared-poi boundary statistic q = t̃(v) = 2·[NLL(v, θ̂̂) − NLL(p̂oi, θ̂)], p̂oi ∈ [0, 1]
 *   (likelihood/testStatistics.ts `tildeT` on the whole model);
 * - global statistic Λ = 2·[NLL(poi_i = v ∀i, θ̂̂) − NLL(p̂oi_1 … p̂oi_k, θ̂)]
 *   (likelihood/globalTests.ts `globalBoundaryTest`);
 * - the most significant local test, max_i Z_i² over informative bins, each bin alone with the same
 *   constraint terms: Z_i = `boundaryZ`(q_i, c_i) is the local significance of the two-boundary
 *   one-sided test (p_i = Φ(−Z_i)), c_i the bin's far branch point fixed from the observed data
 *   (likelihood `globalBoundaryTest` local tests). This is the statistic behind the "most significant
 *   bin" and its look-elsewhere correction: the bin with the largest Z_i is the one with the smallest
 *   local p-value. Z² (= q_i on the quadratic branch) keeps the scale of the other statistics, so the
 *   same tie and zero rules apply (stats.ts). Without branch points every c_i = ∞ and Z_i² = q_i.

 * The fits reuse one `CountingFitter` (exported by likelihood/ for this purpose) with each toy's counts
 * and global observables, without allocation.
 */
import { boundaryZ, CountingFitter, compileCounting, SingleBinKernel } from '../likelihood/index.js';
import type { CompiledCounting, CountingModel } from '../likelihood/index.js';

export class ModelFits {
  private readonly c: CompiledCounting;
  private readonly fitter: CountingFitter;
  private readonly kernels: readonly SingleBinKernel[];
  private readonly informative: readonly number[];
  /** The model's known-background values (the centres of the observed data). */
  private readonly nominalKnown: Float64Array;

  // Results of the last `evaluate`.
  shared = 0;
  global = 0;
  maxLocal = 0;
  poiHat = 0;

  constructor(model: CountingModel) {
    this.c = compileCounting(model);
    this.nominalKnown = Float64Array.from(this.c.bKnown);
    this.fitter = new CountingFitter(this.c);
    this.informative = model.bins.flatMap((b, i) => (b.signal1 !== b.signal0 ? [i] : []));
    this.kernels = this.informative.map((i) => new SingleBinKernel(model, i));
  }

  /** Indices of the bins that enter the local tests (in the order of `localFarBranch`). */
  get informativeBins(): readonly number[] {
    return this.informative;
  }

  /**
   * Fit counts n, m (per bin) with constraint centres (obsSig, obsBeam and, per bin, `obsKnown` of the
   * known backgrounds; default the model's) under poi = v; fills `shared`, `global`, `maxLocal`
   * (max_i Z_i², see the module comment; `localFarBranch[j]` is the far branch point of informative
   * bin j, +∞ when absent), `poiHat`. Returns false if a statistic is NaN (a failed toy).
   */
  evaluate(
    n: ArrayLike<number>,
    m: ArrayLike<number>,
    obsSig: number,
    obsBeam: number,
    v: number,
    obsKnown?: ArrayLike<number>,
    localFarBranch?: ArrayLike<number>,
  ): boolean {
    const c = this.c;
    const known = obsKnown ?? this.nominalKnown;
    for (let i = 0; i < c.k; i++) {
      c.n[i] = n[i] as number;
      c.m[i] = m[i] as number;
      c.bKnown[i] = known[i] as number;
    }
    c.obsSig = obsSig;
    c.obsBeam = obsBeam;
    const ft = this.fitter;
    const u = ft.unconditional();
    this.poiHat = ft.poi;
    const cond = ft.conditional(v);
    const per = ft.perBinFit();
    const d = cond - u;
    const g = cond - per;
    this.shared = d > 0 ? 2 * d : Number.isNaN(d) ? NaN : 0;
    this.global = g > 0 ? 2 * g : Number.isNaN(g) ? NaN : 0;
    let maxLocal = 0;
    for (let j = 0; j < this.informative.length; j++) {
      const bin = this.informative[j] as number;
      const k = this.kernels[j] as SingleBinKernel;
      k.obsSig = obsSig;
      k.obsBeam = obsBeam;
      k.obsKnown = known[bin] as number;
      const q = k.tildeT(n[bin] as number, m[bin] as number, v);
      const z = boundaryZ(q, localFarBranch === undefined ? Infinity : (localFarBranch[j] as number));
      if (Number.isNaN(z)) maxLocal = NaN;
      else if (z * z > maxLocal) maxLocal = z * z;
    }
    this.maxLocal = maxLocal;
    return !Number.isNaN(this.shared) && !Number.isNaN(this.global) && !Number.isNaN(maxLocal);
  }
}
