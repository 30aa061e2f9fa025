/**
 * In-place dense Cholesky factorisation and solves for the small symmetric blocks of the structured
 * Newton system (a few to a few tens of rows). Written here rather than taken from a library because
 * they run inside every Newton iteration of every toy fit and must not allocate; each is the textbook
 * algorithm (G.H. Golub, C.F. Van Loan, "Matrix Computations", 4th ed., Alg. 4.2.1).
 *
 * Matrices are row-major in a Float64Array at `off` with row stride `n`.
 */

/**
 * Factor A = L·Lᵀ in place (L in the lower triangle, the upper triangle is left untouched). Returns
 * false when a pivot is not positive or is below `relTol` × the original diagonal (numerically
 * singular or indefinite).
 */
export function choleskyInPlace(a: Float64Array, off: number, n: number, relTol = 1e-13): boolean {
  for (let j = 0; j < n; j++) {
    const rj = off + j * n;
    const diag0 = a[rj + j]!;
    let d = diag0;
    for (let k = 0; k < j; k++) {
      const v = a[rj + k]!;
      d -= v * v;
    }
    if (!(d > 0) || !(d > relTol * Math.abs(diag0))) return false;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = off + i * n;
      let s = a[ri + j]!;
      for (let k = 0; k < j; k++) s -= a[ri + k]! * a[rj + k]!;
      a[ri + j] = s / ljj;
    }
  }
  return true;
}

/** Solve L·Lᵀ x = b in place (b overwritten by x), L from choleskyInPlace; b at `boff` with stride `bs`. */
export function choleskySolveInPlace(
  l: Float64Array,
  off: number,
  n: number,
  b: Float64Array,
  boff = 0,
  bs = 1,
): void {
  for (let i = 0; i < n; i++) {
    const ri = off + i * n;
    let s = b[boff + i * bs]!;
    for (let k = 0; k < i; k++) s -= l[ri + k]! * b[boff + k * bs]!;
    b[boff + i * bs] = s / l[ri + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[boff + i * bs]!;
    for (let k = i + 1; k < n; k++) s -= l[off + k * n + i]! * b[boff + k * bs]!;
    b[boff + i * bs] = s / l[off + i * n + i]!;
  }
}
