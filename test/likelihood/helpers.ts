/**
 * Test-only helpers: a tiny seeded generator, independent of the project's streams (toys/rng.ts), so
 * that the asymptotic formulas are checked against pseudo-experiments from another generator; an exact
 * Poisson sampler by inversion; and the Kolmogorov–Smirnov distance.
 */
import poissonPmf from '@stdlib/stats-base-dists-poisson-pmf';

/**
 * xoshiro128** (D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47 (2021) 36), seeded through splitmix32. Returns uniforms in (0, 1).
 */
export function makeUniform(seed: number): () => number {
  let x = seed >>> 0;
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return (r + 0.5) / 4294967296;
  };
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}

/**
 * Poisson(μ) by exact inversion: the smallest k with F(k) ≥ u, by binary search in a CDF table built
 * once per μ by summing stdlib's pmf over μ ± 15√μ (the tails beyond hold < 1e-45). NOT stdlib's
 * Poisson CDF: @stdlib/stats-base-dists-poisson-cdf 0.3.1 is off by ~1 % for μ > 1000 (its
 * upper incomplete gamma is wrong for shape > 1000; see asymptotics.test.ts).
 */
export function makePoisson(uniform: () => number): (mu: number) => number {
  const tables = new Map<number, { k0: number; cdf: Float64Array }>();
  const table = (mu: number): { k0: number; cdf: Float64Array } => {
    let t = tables.get(mu);
    if (!t) {
      const k0 = Math.max(0, Math.floor(mu - 15 * Math.sqrt(mu) - 10));
      const k1 = Math.ceil(mu + 15 * Math.sqrt(mu) + 10);
      const cdf = new Float64Array(k1 - k0 + 1);
      let cum = 0;
      for (let k = k0; k <= k1; k++) {
        cum += poissonPmf(k, mu);
        cdf[k - k0] = cum;
      }
      t = { k0, cdf };
      tables.set(mu, t);
    }
    return t;
  };
  return (mu: number): number => {
    if (mu <= 0) return 0;
    const { k0, cdf } = table(mu);
    const u = uniform() * (cdf[cdf.length - 1] as number);
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return k0 + lo;
  };
}

/** sup_x |F_emp(x) − F(x)| for a sample and a CDF that may have atoms (right-continuous). */
export function ksDistance(
  sample: readonly number[],
  cdf: (x: number) => number,
  cdfBelow: (x: number) => number,
): number {
  const xs = [...sample].sort((p, q) => p - q);
  const n = xs.length;
  let d = 0;
  let i = 0;
  while (i < n) {
    const x = xs[i] as number;
    let j = i;
    while (j < n && xs[j] === x) j++;
    // Empirical CDF just below x is i/n and at x is j/n; compare with the model on both sides.
    d = Math.max(d, Math.abs(i / n - cdfBelow(x)), Math.abs(j / n - cdf(x)));
    i = j;
  }
  return d;
}

/** Relative difference |a − b| / max(|b|, floor). */
export function relDiff(a: number, b: number, floor = 1e-300): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}
