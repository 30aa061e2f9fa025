/**
 * The HistFactory likelihood of a compiled workspace: expected counts, pyhf's logpdf, and the
 * negative log-likelihood with its analytic gradient and (structured) Hessian for the minimiser.
 *
 * pyhf's logpdf (`pyhf.pdf.Model.logpdf`, numpy backend):
 *
 *   ln L = Σ_b [n_b ln λ_b − λ_b − ln Γ(n_b + 1)]                         (main, xlogy(0, ·) = 0)
 *        + Σ_normal [−½((a − θ)/σ)² − ln σ − ½ ln 2π]                      (normsys, histosys, lumi, staterror)
 *        + Σ_poisson [a ln(γτ) − γτ − ln Γ(a + 1)]                         (shapesys; a = τ nominally)
 *
 * The minimiser uses the same function without its data-only constants, in the saturated form
 *
 *   NLL = Σ_b [λ_b − n_b + n_b ln(n_b/λ_b)] + Σ_normal ½((a − θ)/σ)² + Σ_poisson [γτ − a + a ln(a/(γτ))]
 *
 * (each term ≥ 0, 0 when λ = n; no cancellation between large numbers at large counts), so
 * ln L = −NLL − C(data) with C = Σ_b [n − n ln n + ln Γ(n + 1)] + Σ_normal [ln σ + ½ ln 2π]
 * + Σ_poisson [a − a ln a + ln Γ(a + 1)]. twice_nll (pyhf) = −2 ln L.
 *
 * Gradient and Hessian: with w_b = 1 − n_b/λ_b and c_b = n_b/λ_b²,
 *   ∂NLL/∂θ_i = Σ_b w_b ∂_iλ_b,   ∂²NLL/∂θ_i∂θ_j = Σ_b [c_b ∂_iλ_b ∂_jλ_b + w_b ∂_ijλ_b]
 * plus the constraint terms; ∂λ and ∂²λ follow from the product rule over each occurrence's factors
 * (compile.ts), accumulated per bin over the bin's fixed parameter pattern.
 *
 * Domain: λ_b ≤ 0 with n_b > 0 makes the NLL +∞ (pyhf: ln L = −∞ or NaN there); the minimiser treats
 * that as "outside" and steps back. An EMPTY bin (n_b = 0) contributes λ_b whatever its sign, as in
 * pyhf (xlogy(0, λ) = 0, so ln Pois(0 | λ) = −λ): histosys extrapolation can take a bin's λ slightly
 * below 0 where the backgrounds vanish, and treating that as +∞ made Newton's steps collapse
 * (measured: CsI 2021 toys with an empty bin at λ = −1e−4 stalled at EDM ≈ 28 for 200 iterations).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { dot } from '../dot.js';
import type { CompiledModel, Occurrence } from './compile.js';
import { histosysCoefficients, normsysCode1, normsysCode4 } from './interpolation.js';
import { derivativeTablesOf } from './derivativeTables.js';
import type { DerivativeTables } from './derivativeTables.js';
import { profilePerBinSweep } from './perBinProfile.js';

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** pyhf's logpdf split as pyhf reports it. */
export interface LogPdf {
  readonly total: number;
  readonly main: number;
  readonly constraint: number;
}

export class HistFactoryModel {
  readonly c: CompiledModel;
  /** Main data (pyhf order) and auxiliary data of the current dataset. */
  readonly main: Float64Array;
  readonly aux: Float64Array;
  /** λ of the last evaluation. */
  readonly lambda: Float64Array;

  private readonly J: Float64Array;
  private readonly wB: Float64Array;
  private readonly cB: Float64Array;
  private readonly sH2: Float64Array;
  private readonly sHM: Float64Array;
  private readonly tables: DerivativeTables;
  private readonly groupCap: number;
  private readonly Jc: Float64Array;
  private readonly Wc: Float64Array;
  private readonly t3 = new Float64Array(3);
  private readonly fv: Float64Array;
  private readonly f1: Float64Array;
  private readonly f2: Float64Array;
  private readonly fx: Float64Array;
  private readonly fxx: Float64Array;
  private readonly hd1: Float64Array;
  private readonly hd2: Float64Array;
  private readonly gv: Float64Array;
  private readonly gx: Float64Array;
  private readonly gxx: Float64Array;
  private readonly c5 = new Float64Array(5);
  private readonly hU: Float64Array[] = [];
  private readonly hV: Float64Array[] = [];
  private readonly hk0: Float64Array;
  private readonly hk1: Float64Array;
  private readonly hk1p: Float64Array;
  private readonly hk1pp: Float64Array;
  private constantCache: number | undefined;
  private perBinX: Float64Array | undefined;

  constructor(
    c: CompiledModel,
    data?: { readonly main?: ArrayLike<number>; readonly aux?: ArrayLike<number> },
  ) {
    this.c = c;
    this.main = Float64Array.from(data?.main ?? c.observed);
    this.aux = Float64Array.from(data?.aux ?? c.auxNominal);
    this.lambda = new Float64Array(c.nMain);
    this.J = new Float64Array(c.patternPar.length);
    this.wB = new Float64Array(c.nMain);
    this.cB = new Float64Array(c.nMain);
    this.tables = derivativeTablesOf(c);
    const r1 = this.tables.rankOne;
    this.groupCap = r1.maxGroup;
    this.Jc = new Float64Array(Math.max(1, r1.maxGlobal * r1.maxGroup));
    this.Wc = new Float64Array(Math.max(1, r1.maxGlobal * r1.maxGroup));
    let kS = 1;
    let kH = 1;
    let kB = 1;
    for (const o of c.occurrences) {
      kS = Math.max(kS, o.scalar.length);
      kH = Math.max(kH, o.histo.length);
      kB = Math.max(kB, o.perBin.length);
    }
    this.fv = new Float64Array(kS);
    this.f1 = new Float64Array(kS);
    this.f2 = new Float64Array(kS);
    this.fx = new Float64Array(kS);
    this.fxx = new Float64Array(kS * kS);
    this.hd1 = new Float64Array(kH);
    this.hd2 = new Float64Array(kH);
    this.gv = new Float64Array(kB);
    this.gx = new Float64Array(kB);
    this.gxx = new Float64Array(kB * kB);
    this.sH2 = new Float64Array(kH);
    this.sHM = new Float64Array(kH);
    this.hk0 = new Float64Array(kH);
    this.hk1 = new Float64Array(kH);
    this.hk1p = new Float64Array(kH);
    this.hk1pp = new Float64Array(kH);
    const empty = new Float64Array(0);
    for (let h = 0; h < kH; h++) {
      this.hU.push(empty);
      this.hV.push(empty);
    }
  }

  /** A model sharing the compiled structure with other data (toys, Asimov). */
  withData(main: ArrayLike<number>, aux: ArrayLike<number> = this.aux): HistFactoryModel {
    return new HistFactoryModel(this.c, { main, aux });
  }

  /** Replace the data in place (no allocation; toys). */
  setData(main: ArrayLike<number>, aux?: ArrayLike<number>): void {
    for (let i = 0; i < this.main.length; i++) this.main[i] = main[i]!;
    if (aux) for (let i = 0; i < this.aux.length; i++) this.aux[i] = aux[i]!;
    this.constantCache = undefined;
    this.dataVersion++;
  }

  /** Incremented by every setData: lets a minimiser tell whether its kept Hessian is for these data. */
  dataVersion = 0;

  private scalarFactor(kind: number, t: number, hi: number, lo: number, coef: Float64Array): void {
    const o = this.t3;
    if (kind === 0) {
      o[0] = t;
      o[1] = 1;
      o[2] = 0;
    } else if (kind === 1) normsysCode1(t, hi, lo, o);
    else normsysCode4(t, hi, lo, coef, o);
  }

  /**
   * The histosys slots of occurrence `o` at `pars`, for its bin loop: bin i's delta of slot h is
   * hk0[h]·hU[h][i] + hk1[h]·hV[h][i], its derivatives hU[h][i] + hk1p[h]·hV[h][i] and hk1pp[h]·hV[h][i]
   * (interpolation.ts `histosysCoefficients`).
   */
  private prepareHisto(o: Occurrence, pars: ArrayLike<number>): void {
    const c5 = this.c5;
    const code = this.c.interpolation.histosys;
    for (let h = 0; h < o.histo.length; h++) {
      const hs = o.histo[h]!;
      histosysCoefficients(code, pars[hs.p]!, c5);
      this.hU[h] = c5[0] === 0 ? hs.sym : c5[0] === 1 ? hs.up : hs.down;
      this.hV[h] = hs.asym;
      this.hk0[h] = c5[1]!;
      this.hk1[h] = c5[2]!;
      this.hk1p[h] = c5[3]!;
      this.hk1pp[h] = c5[4]!;
    }
  }

  /** Expected main counts λ at `pars` into `out` (default: this.lambda). */
  expected(pars: ArrayLike<number>, out: Float64Array = this.lambda): Float64Array {
    out.fill(0);
    return this.accumulate(pars, out);
  }

  /**
   * Expected counts per main bin (pyhf order) of selected occurrences (samples in channels) at `pars`:
   * e.g. one sample's fitted template, for figures. `select(channel, sample)` picks the occurrences.
   */
  expectedBinsOf(
    pars: ArrayLike<number>,
    select: (channel: string, sample: string) => boolean,
    out: Float64Array = new Float64Array(this.c.nMain),
  ): Float64Array {
    out.fill(0);
    return this.accumulate(pars, out, select);
  }

  /**
   * Expected counts of selected occurrences at `pars`, summed over their bins: e.g. the fitted signal.
   */
  expectedOf(pars: ArrayLike<number>, select: (channel: string, sample: string) => boolean): number {
    let total = 0;
    for (const v of this.expectedBinsOf(pars, select)) total += v;
    return total;
  }

  /**
   * Add the expected counts of the (selected) occurrences at `pars` to `out`; with `x`, also add each
   * profiled per-bin entry's X_b (perBinProfile.ts: the counts its parameter multiplies, at γ = 1).
   */
  private accumulate(
    pars: ArrayLike<number>,
    out: Float64Array,
    select?: (channel: string, sample: string) => boolean,
    x?: Float64Array,
  ): Float64Array {
    const t3 = this.t3;
    // Unselected: the merged occurrences (derivativeTables.ts), whose sum is the same λ.
    const occurrences = select ? this.c.occurrences : this.tables.hot;
    for (let oi = 0; oi < occurrences.length; oi++) {
      const o = occurrences[oi]!;
      if (select && !select(o.channel, o.sample)) continue;
      let F = 1;
      for (const s of o.scalar) {
        this.scalarFactor(s.kind, pars[s.p]!, s.hi, s.lo, s.coef);
        F *= t3[0]!;
      }
      if (F === 0) continue;
      const H = o.histo.length;
      this.prepareHisto(o, pars);
      const { hU, hV, hk0, hk1 } = this;
      for (let i = 0; i < o.n; i++) {
        let A = o.nominal[i]!;
        for (let h = 0; h < H; h++) A += hk0[h]! * hU[h]![i]! + hk1[h]! * hV[h]![i]!;
        let G = 1;
        for (const k of o.perBin) {
          const p = k.p[i]!;
          if (p >= 0) G *= pars[p]!;
        }
        out[o.offset + i]! += A * F * G;
        if (x !== undefined && o.perBin.length > 0) {
          // A profiled entry's parameter is the only per-bin factor of its bin (perBinProfile.ts).
          const B = o.perBin.length;
          const entries = this.tables.perBin.occEntry[oi]!;
          for (let k = 0; k < B; k++) if (entries[i * B + k]! >= 0) x[entries[i * B + k]!]! += A * F;
        }
      }
    }
    return out;
  }

  /**
   * Move every per-bin parameter (shapefactor, shapesys, staterror) not `held` to its minimum with all
   * other parameters fixed, one after the other (perBinProfile.ts): the minimiser's warm start.
   * Updates `pars` in place; never raises the NLL.
   */
  profilePerBin(pars: Float64Array, held: Uint8Array): void {
    const idx = this.tables.perBin;
    if (idx.params.length === 0) return;
    const x = (this.perBinX ??= new Float64Array(idx.nEntries));
    x.fill(0);
    this.lambda.fill(0);
    this.accumulate(pars, this.lambda, undefined, x);
    profilePerBinSweep(this.c, idx, x, this.lambda, this.main, this.aux, pars, held);
  }

  /** The constraint part of the NLL (saturated form), with optional gradient and Hessian diagonal. */
  private constraintNll(pars: ArrayLike<number>, grad?: Float64Array, hess?: Float64Array): number {
    const c = this.c;
    let nll = 0;
    for (let j = 0; j < c.gaussPar.length; j++) {
      const p = c.gaussPar[j]!;
      const s = c.gaussSigma[j]!;
      const d = (pars[p]! - this.aux[c.gaussAux[j]!]!) / s;
      nll += 0.5 * d * d;
      if (grad && hess) {
        grad[p]! += d / s;
        hess[c.hessian.index(p, p)]! += 1 / (s * s);
      }
    }
    for (let j = 0; j < c.poisPar.length; j++) {
      const p = c.poisPar[j]!;
      const tau = c.poisFactor[j]!;
      const a = this.aux[c.poisAux[j]!]!;
      const g = pars[p]!;
      const rate = g * tau;
      if (!(rate > 0)) {
        if (a > 0 || rate < 0) return Infinity;
        continue;
      }
      nll += rate - a + (a > 0 ? a * Math.log(a / rate) : 0);
      if (grad && hess) {
        grad[p]! += tau - a / g;
        hess[c.hessian.index(p, p)]! += a / (g * g);
      }
    }
    return nll;
  }

  /** NLL (saturated form, see file comment) at `pars`; +∞ outside the model's domain. */
  nll(pars: ArrayLike<number>): number {
    return this.mainNll(this.expected(pars)) + this.constraintNll(pars);
  }

  /**
   * The main-data part of the NLL at expected counts `lam` (+∞ outside the domain); with `w` and `cc`,
   * also each bin's w_b = 1 − n_b/λ_b and c_b = n_b/λ_b² (nllDerivatives).
   */
  private mainNll(lam: Float64Array, w?: Float64Array, cc?: Float64Array): number {
    let nll = 0;
    const n = this.main;
    for (let b = 0; b < lam.length; b++) {
      const l = lam[b]!;
      const x = n[b]!;
      if (x > 0) {
        if (!(l > 0)) return Infinity;
        nll += l - x + x * Math.log(x / l);
        if (w && cc) {
          const r = x / l;
          w[b] = 1 - r;
          cc[b] = r / l;
        }
      } else {
        nll += l; // n = 0: −ln Pois(0 | λ) = λ for any sign of λ (module comment)
        if (w && cc) {
          w[b] = 1;
          cc[b] = 0;
        }
      }
    }
    return nll;
  }

  /**
   * NLL with its gradient (length nPars) and structured Hessian (length c.hessian.size; only the
   * upper parts accumulated, see HessianLayout). Returns +∞ (and leaves grad/hess undefined) outside
   * the domain.
   *
   * Two passes. The first computes λ, hence per bin w_b = 1 − n_b/λ_b and c_b = n_b/λ_b². The second
   * walks every (bin, sample) occurrence for the first derivatives ∂λ_b (per bin, for the gradient and
   * the Gauss–Newton part Σ_b c_b ∂λ_b ∂λ_bᵀ) and adds the second-derivative part Σ_b w_b ∂²λ_b
   * straight into the Hessian: an occurrence's histosys and scalar modifiers have the same parameter
   * in every bin, so their pairs reduce to one w-weighted sum over the occurrence's bins and one write;
   * only pairs with a per-bin parameter are written bin by bin.
   */
  nllDerivatives(pars: ArrayLike<number>, grad: Float64Array, hess: Float64Array): number {
    const c = this.c;
    const lam = this.lambda;
    const wB = this.wB;
    const cB = this.cB;
    lam.fill(0);
    this.accumulate(pars, lam);
    const nll = this.mainNll(lam, wB, cB);
    if (nll === Infinity) return Infinity;
    const J = this.J;
    J.fill(0);
    grad.fill(0);
    hess.fill(0);
    const t3 = this.t3;
    const { fv, f1, f2, fx, fxx, hd1, hd2, gv, gx, gxx, sH2, sHM } = this;
    const pStart = c.patternStart;
    const occurrences = this.tables.hot;
    for (let oi = 0; oi < occurrences.length; oi++) {
      const o = occurrences[oi]!;
      const tab = this.tables.pairs[oi]!;
      const K = o.scalar.length;
      let F = 1;
      for (let m = 0; m < K; m++) {
        const s = o.scalar[m]!;
        this.scalarFactor(s.kind, pars[s.p]!, s.hi, s.lo, s.coef);
        fv[m] = t3[0]!;
        f1[m] = t3[1]!;
        f2[m] = t3[2]!;
        F *= t3[0]!;
      }
      // Products of all scalar factors but m (and but m, m′), division-free (factors may be 0).
      for (let m = 0; m < K; m++) {
        let pr = 1;
        for (let j = 0; j < K; j++) if (j !== m) pr *= fv[j]!;
        fx[m] = pr;
        for (let m2 = m + 1; m2 < K; m2++) {
          let pr2 = 1;
          for (let j = 0; j < K; j++) if (j !== m && j !== m2) pr2 *= fv[j]!;
          fxx[m * K + m2] = pr2;
        }
      }
      const H = o.histo.length;
      this.prepareHisto(o, pars);
      const { hU, hV, hk0, hk1, hk1p, hk1pp } = this;
      const B = o.perBin.length;
      const S = o.nSlots;
      const slotPos = o.slotPos;
      const pbPar = o.perBinPar;
      const pairHess = tab.pairHess;
      const pairMul = o.pairMul;
      for (let h = 0; h < H; h++) {
        sH2[h] = 0;
        sHM[h] = 0;
      }
      let sA = 0;
      for (let i = 0; i < o.n; i++) {
        const b = o.offset + i;
        const w = wB[b]!;
        const base = i * S;
        let A = o.nominal[i]!;
        for (let h = 0; h < H; h++) {
          const u = hU[h]![i]!;
          const v = hV[h]![i]!;
          A += hk0[h]! * u + hk1[h]! * v;
          hd1[h] = u + hk1p[h]! * v;
          hd2[h] = hk1pp[h]! * v;
        }
        let G = 1;
        for (let k = 0; k < B; k++) {
          const p = pbPar[i * B + k]!;
          const v = p >= 0 ? pars[p]! : 1;
          gv[k] = v;
          G *= v;
        }
        if (B === 1) gx[0] = 1;
        else {
          for (let k = 0; k < B; k++) {
            let pr = 1;
            for (let j = 0; j < B; j++) if (j !== k) pr *= gv[j]!;
            gx[k] = pr;
            for (let k2 = k + 1; k2 < B; k2++) {
              let pr2 = 1;
              for (let j = 0; j < B; j++) if (j !== k && j !== k2) pr2 *= gv[j]!;
              gxx[k * B + k2] = pr2;
            }
          }
        }
        const FG = F * G;
        const js = pStart[b]!;
        const wG = w * G;
        sA += wG * A;
        // Slot order: histo h at h, scalar m at H + m, per-bin k at H + K + k.
        for (let h = 0; h < H; h++) {
          const d1 = hd1[h]!;
          J[js + slotPos[base + h]!]! += d1 * FG;
          sH2[h]! += wG * hd2[h]!;
          sHM[h]! += wG * d1;
        }
        for (let m = 0; m < K; m++) J[js + slotPos[base + H + m]!]! += A * fx[m]! * f1[m]! * G;
        if (B === 0) continue;
        const pb = i * S * S;
        for (let k = 0; k < B; k++) {
          const a = slotPos[base + H + K + k]!;
          if (a < 0) continue;
          J[js + a]! += A * F * gx[k]!;
          const wFgx = w * F * gx[k]!;
          for (let h = 0; h < H; h++) {
            const q = pb + h * S + H + K + k;
            const idx = pairHess[q]!;
            if (idx >= 0) hess[idx]! += pairMul[q]! * wFgx * hd1[h]!;
          }
          for (let m = 0; m < K; m++) {
            const q = pb + (H + m) * S + H + K + k;
            const idx = pairHess[q]!;
            if (idx >= 0) hess[idx]! += pairMul[q]! * w * A * fx[m]! * f1[m]! * gx[k]!;
          }
          for (let k2 = k + 1; k2 < B; k2++) {
            const q = pb + (H + K + k) * S + H + K + k2;
            const idx = pairHess[q]!;
            if (idx >= 0) hess[idx]! += pairMul[q]! * w * A * F * gxx[k * B + k2]!;
          }
        }
      }
      // The occurrence's histosys/scalar pairs: one write each (see the doc comment).
      const { hh, hm, hmMul, mm, mm2, mm2Mul } = tab;
      for (let h = 0; h < H; h++) {
        if (sH2[h] !== 0) hess[hh[h]!]! += F * sH2[h]!;
        for (let m = 0; m < K; m++) hess[hm[h * K + m]!]! += hmMul[h * K + m]! * sHM[h]! * fx[m]! * f1[m]!;
      }
      for (let m = 0; m < K; m++) {
        if (f2[m] !== 0) hess[mm[m]!]! += sA * fx[m]! * f2[m]!;
        for (let m2 = m + 1; m2 < K; m2++) {
          hess[mm2[m * K + m2]!]! += mm2Mul[m * K + m2]! * sA * fxx[m * K + m2]! * f1[m]! * f1[m2]!;
        }
      }
    }
    // Gradient Σ_b w_b ∂λ_b and the Gauss–Newton part Σ_b c_b ∂λ_b ∂λ_bᵀ (derivativeTables.ts).
    const par = c.patternPar;
    const pairH = c.pairHessian;
    const pairStart = c.pairStart;
    const pLen = c.patternLen;
    const { g0, nGlobal, gStart, gPos, xStart, xU, xV, xIdx } = this.tables.rankOne;
    const { locStart, locPos, localPos, localRow, localDiag } = this.tables.rankOne;
    for (let b = 0; b < c.nMain; b++) {
      const w = wB[b]!;
      const cc = cB[b]!;
      const js = pStart[b]!;
      const P = pLen[b]!;
      if (g0[b]! >= 0) {
        // The globals' gradient and dense triangle are summed per group (denseGroups).
        for (let e = locStart[b]!; e < locStart[b + 1]!; e++) {
          const u = locPos[e]!;
          grad[par[js + u]!]! += w * J[js + u]!;
        }
        if (cc === 0) continue;
        const uL = localPos[b]!;
        if (uL >= 0) {
          const cJl = cc * J[js + uL]!;
          const row = localRow[b]!;
          const nb = nGlobal[b]!;
          const gs = gStart[b]!;
          for (let a = 0; a < nb; a++) hess[row + a]! += cJl * J[js + gPos[gs + a]!]!;
          hess[localDiag[b]!]! += cJl * J[js + uL]!;
          continue;
        }
        for (let e = xStart[b]!; e < xStart[b + 1]!; e++)
          hess[xIdx[e]!]! += cc * J[js + xU[e]!]! * J[js + xV[e]!]!;
        continue;
      }
      for (let u = 0; u < P; u++) grad[par[js + u]!]! += w * J[js + u]!;
      if (cc === 0) continue;
      let k = pairStart[b]!;
      for (let u = 0; u < P; u++) {
        const cJu = cc * J[js + u]!;
        for (let v = u; v < P; v++) hess[pairH[k++]!]! += cJu * J[js + v]!;
      }
    }
    this.denseGroups(grad, hess);
    return nll + this.constraintNll(pars, grad, hess);
  }

  /**
   * Σ_b c_b J_b J_bᵀ over each group of bins whose globals form one dense triangle (derivativeTables.ts
   * `RankOneLayout`): the group's J columns and c·J columns gathered column-major, then one dot
   * product over the bins per entry (../dot.ts).
   */
  private denseGroups(grad: Float64Array, hess: Float64Array): void {
    const c = this.c;
    const { groupG0, groupN, groupStart, groupBins, gStart, gPos } = this.tables.rankOne;
    const { nG, globals } = c.hessian;
    const { Jc, Wc, J, cB, wB } = this;
    const pStart = c.patternStart;
    const cap = this.groupCap;
    for (let k = 0; k < groupG0.length; k++) {
      const first = groupG0[k]!;
      const nb = groupN[k]!;
      let m = 0;
      for (let i = groupStart[k]!; i < groupStart[k + 1]!; i++) {
        const b = groupBins[i]!;
        const cc = cB[b]!;
        const w = wB[b]!;
        const js = pStart[b]!;
        const gs = gStart[b]!;
        for (let a = 0; a < nb; a++) {
          const v = J[js + gPos[gs + a]!]!;
          grad[globals[first + a]!]! += w * v;
          Jc[a * cap + m] = v;
          Wc[a * cap + m] = cc * v;
        }
        m++;
      }
      for (let a = 0; a < nb; a++) {
        const wa = a * cap;
        const row = (first + a) * nG + first;
        for (let a2 = a; a2 < nb; a2++) {
          hess[row + a2]! += dot(Wc, wa, Jc, a2 * cap, m);
        }
      }
    }
  }

  /** C(data): ln L = −NLL − C (file comment). Cached per dataset. */
  dataConstant(): number {
    if (this.constantCache !== undefined) return this.constantCache;
    const c = this.c;
    let C = 0;
    for (const x of this.main) if (x > 0) C += x - x * Math.log(x) + gammaln(x + 1);
    for (let j = 0; j < c.gaussSigma.length; j++) C += Math.log(c.gaussSigma[j]!) + HALF_LN_2PI;
    for (let j = 0; j < c.poisAux.length; j++) {
      const a = this.aux[c.poisAux[j]!]!;
      if (a > 0) C += a - a * Math.log(a) + gammaln(a + 1);
    }
    this.constantCache = C;
    return C;
  }

  /**
   * pyhf's logpdf at `pars` (main + constraint, full normalisation), computed directly from its
   * definition (not through the saturated form), for comparison with pyhf.
   */
  logpdf(pars: ArrayLike<number>): LogPdf {
    const c = this.c;
    const lam = this.expected(pars);
    let main = 0;
    for (let b = 0; b < lam.length; b++) {
      const x = this.main[b]!;
      const l = lam[b]!;
      main += (x === 0 ? 0 : x * Math.log(l)) - l - gammaln(x + 1);
    }
    let constraint = 0;
    for (let j = 0; j < c.gaussPar.length; j++) {
      const s = c.gaussSigma[j]!;
      const d = (this.aux[c.gaussAux[j]!]! - pars[c.gaussPar[j]!]!) / s;
      constraint += -0.5 * d * d - Math.log(s) - HALF_LN_2PI;
    }
    for (let j = 0; j < c.poisPar.length; j++) {
      const a = this.aux[c.poisAux[j]!]!;
      const rate = pars[c.poisPar[j]!]! * c.poisFactor[j]!;
      constraint += (a === 0 ? 0 : a * Math.log(rate)) - rate - gammaln(a + 1);
    }
    return { total: main + constraint, main, constraint };
  }

  /** pyhf's twice_nll = −2 logpdf, through the saturated NLL (stable near a minimum). */
  twiceNll(pars: ArrayLike<number>): number {
    return 2 * (this.nll(pars) + this.dataConstant());
  }
}
