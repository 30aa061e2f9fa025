/**
 * HistFactory interpolation codes, with first and second derivatives for the analytic gradient and
 * Hessian. Definitions as pyhf implements them (scikit-hep/pyhf `src/pyhf/interpolators/code*.py`;
 * K. Cranmer et al., "HistFactory", CERN-OPEN-2012-016, §4.1), with α0 = 1:
 *
 * Multiplicative (normsys), a factor f(t) with f(0) = 1, hi = f(+1), lo = f(−1):
 * - code1: f = hi^t (t ≥ 0), lo^(−t) (t < 0) — exponential, pyhf's normsys default before 0.7;
 * - code4: f = hi^t (t ≥ 1), lo^(−t) (t ≤ −1), 1 + Σ_{i=1..6} a_i t^i (|t| < 1), the a_i making f, f′
 *   and f″ continuous at t = ±1 — pyhf's normsys default since 0.7 (`normsys_code4Coefficients`).
 *
 * Additive (histosys), a per-bin delta d(t) with d(0) = 0, Δ⁺ = hi − nom, Δ⁻ = nom − lo:
 * - code0: d = t·Δ⁺ (t > 0), t·Δ⁻ (t ≤ 0) — piecewise linear;
 * - code4p: d = t·Δ⁺ (t > 1), t·Δ⁻ (t < −1), and for |t| ≤ 1
 *   d = t·S + A·(15t² − 10t⁴ + 3t⁶), S = (Δ⁺ + Δ⁻)/2, A = (Δ⁺ − Δ⁻)/16 — pyhf's histosys default.
 *
 * pyhf's code2 (quadratic inside, linear outside) is not offered: as pyhf implements it, d jumps at
 * |t| = 1 (the linear branch lacks the offset hi − nom), which a minimiser cannot use.
 *
 * The normsys kernels write [value, d/dt, d²/dt²] into `out`; the histosys one the bin-independent
 * coefficients of every bin's delta (no allocation; hot loop).
 */

export type NormSysCode = 'code1' | 'code4';
export type HistoSysCode = 'code0' | 'code4p';

/** pyhf's defaults since 0.7 (`pyhf.pdf._ModelConfig` default modifier_settings). */
export const DEFAULT_INTERPOLATION = { normsys: 'code4', histosys: 'code4p' } as const satisfies {
  normsys: NormSysCode;
  histosys: HistoSysCode;
};

/**
 * The six polynomial coefficients a_1…a_6 of code4 for factors hi, lo (> 0), α0 = 1: a = A⁻¹ b with
 * b = [hi − 1, lo − 1, hi·ln hi, −lo·ln lo, hi·ln²hi, lo·ln²lo] and A⁻¹ the inverse of the 6×6 matching
 * matrix given in pyhf's `interpolators/code4.py` (its determinant is −2048 α0¹⁵).
 */
export function normsysCode4Coefficients(hi: number, lo: number): Float64Array {
  const lnHi = Math.log(hi);
  const lnLo = Math.log(lo);
  const b = [hi - 1, lo - 1, lnHi * hi, -lnLo * lo, lnHi * lnHi * hi, lnLo * lnLo * lo];
  const Ainv = [
    [15 / 16, -15 / 16, -7 / 16, -7 / 16, 1 / 16, -1 / 16],
    [3 / 2, 3 / 2, -9 / 16, 9 / 16, 1 / 16, 1 / 16],
    [-5 / 8, 5 / 8, 5 / 8, 5 / 8, -1 / 8, 1 / 8],
    [3 / -2, 3 / -2, -7 / -8, 7 / -8, -1 / 8, -1 / 8],
    [3 / 16, -3 / 16, -3 / 16, -3 / 16, 1 / 16, -1 / 16],
    [1 / 2, 1 / 2, -5 / 16, 5 / 16, 1 / 16, 1 / 16],
  ];
  const a = new Float64Array(6);
  for (let r = 0; r < 6; r++) {
    let s = 0;
    for (let c = 0; c < 6; c++) s += Ainv[r]![c]! * b[c]!;
    a[r] = s;
  }
  return a;
}

/** normsys code1 factor: out = [f, f′, f″]. */
export function normsysCode1(t: number, hi: number, lo: number, out: Float64Array): void {
  if (t >= 0) {
    const l = Math.log(hi);
    const f = Math.pow(hi, t);
    out[0] = f;
    out[1] = l * f;
    out[2] = l * l * f;
  } else {
    const l = -Math.log(lo);
    const f = Math.pow(lo, -t);
    out[0] = f;
    out[1] = l * f;
    out[2] = l * l * f;
  }
}

/** normsys code4 factor with precomputed coefficients `a` (normsysCode4Coefficients): out = [f, f′, f″]. */
export function normsysCode4(t: number, hi: number, lo: number, a: Float64Array, out: Float64Array): void {
  if (t >= 1) {
    normsysCode1(t, hi, lo, out);
    return;
  }
  if (t <= -1) {
    normsysCode1(t, hi, lo, out);
    return;
  }
  const a1 = a[0]!,
    a2 = a[1]!,
    a3 = a[2]!,
    a4 = a[3]!,
    a5 = a[4]!,
    a6 = a[5]!;
  // Horner for f, f′, f″ of 1 + a1 t + … + a6 t⁶.
  out[0] = 1 + t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * (a5 + t * a6)))));
  out[1] = a1 + t * (2 * a2 + t * (3 * a3 + t * (4 * a4 + t * (5 * a5 + t * 6 * a6))));
  out[2] = 2 * a2 + t * (6 * a3 + t * (12 * a4 + t * (20 * a5 + t * 30 * a6)));
}

/**
 * The bin-independent part of a histosys delta at t, for the hot loop: every bin's delta is
 *   d = k0·U + k1·V,  d′ = U + k1′·V,  d″ = k1″·V,
 * with (U, V) = (S, A) inside code4p's |t| ≤ 1 (k0 = t, k1 = 15t² − 10t⁴ + 3t⁶ and its derivatives),
 * and U = Δ⁺ (t beyond +1, or code0 with t > 0) or Δ⁻ otherwise, k1 = k1′ = k1″ = 0. Writes
 * [branch, k0, k1, k1′, k1″] into `out`; branch 0 = (S, A), 1 = Δ⁺, 2 = Δ⁻. (The per-bin form of
 * both codes is in the file comment; test/likelihood/histfactory/modifierFormulas.test.ts checks the
 * model against pyhf's formulas written out independently.)
 */
export function histosysCoefficients(code: HistoSysCode, t: number, out: Float64Array): void {
  const linear = code === 'code0' ? true : t > 1 || t < -1;
  if (linear) {
    out[0] = (code === 'code0' ? t > 0 : t > 1) ? 1 : 2;
    out[1] = t;
    out[2] = 0;
    out[3] = 0;
    out[4] = 0;
    return;
  }
  const t2 = t * t;
  out[0] = 0;
  out[1] = t;
  out[2] = t2 * (15 + t2 * (-10 + 3 * t2));
  out[3] = t * (30 + t2 * (-40 + 18 * t2));
  out[4] = 30 + t2 * (-120 + 90 * t2);
}
