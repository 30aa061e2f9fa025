/**
 * Small dense linear algebra for the fit layer (n ≲ 50 parameters): row-major Float64Array matrices.
 * Kernels (STYLE.md P7): no throws; failure is reported in the return value.
 */

/** JᵀJ (n×n) and Jᵀr (n) from a row-major m×n Jacobian J and residuals r. */
export function normalEquations(
  jac: Float64Array,
  r: Float64Array,
  m: number,
  n: number,
): { jtj: Float64Array; jtr: Float64Array } {
  const jtj = new Float64Array(n * n);
  const jtr = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const ri = r[i] as number;
    const row = i * n;
    for (let a = 0; a < n; a++) {
      const ja = jac[row + a] as number;
      if (ja === 0) continue;
      jtr[a] = (jtr[a] as number) + ja * ri;
      for (let b = a; b < n; b++) jtj[a * n + b] = (jtj[a * n + b] as number) + ja * (jac[row + b] as number);
    }
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) jtj[a * n + b] = jtj[b * n + a] as number;
  return { jtj, jtr };
}

/**
 * Cholesky factor L (lower, row-major) of a symmetric matrix A = L Lᵀ, or undefined when A is not
 * positive-definite: a pivot ≤ `relTol` × (the corresponding diagonal element of A) counts as
 * singular, which catches numerically rank-deficient matrices as well as indefinite ones.
 */
export function cholesky(a: Float64Array, n: number, relTol = 1e-12): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * n + k] as number) ** 2;
    if (!(d > relTol * Math.abs(a[j * n + j] as number)) || !(d > 0)) return undefined;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solve L Lᵀ x = b for x. */
export function choleskySolve(l: Float64Array, b: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = s / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = s / (l[i * n + i] as number);
  }
  return x;
}

/** A⁻¹ from its Cholesky factor (symmetrised). */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e, n);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i] as number;
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const v = 0.5 * ((inv[i * n + j] as number) + (inv[j * n + i] as number));
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  return inv;
}

/** Correlation matrix ρ_ab = C_ab/√(C_aa C_bb). */
export function correlationFromCovariance(c: Float64Array, n: number): Float64Array {
  const rho = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      rho[a * n + b] =
        (c[a * n + b] as number) / Math.sqrt((c[a * n + a] as number) * (c[b * n + b] as number));
    }
  return rho;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan,
 * "Matrix Computations", 4th ed., §8.5). Returns values and column eigenvectors (row-major n×n,
 * vectors[i*n + k] is component i of eigenvector k). Accurate to ~1e-15 relative for n ≲ 50.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (m[p * n + q] as number) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q] as number;
        if (apq === 0) continue;
        const theta = ((m[q * n + q] as number) - (m[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p] as number;
          const mkq = m[k * n + q] as number;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k] as number;
          const mqk = m[q * n + k] as number;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i] as number;
  return { values, vectors: v };
}
