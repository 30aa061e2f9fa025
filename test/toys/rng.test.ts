/**
 * Seeded streams (src/toys/rng.ts): reproducibility, the documented state derivation, independence of
 * the streams of neighbouring seeds and chunks (correlation, serial pairs, collisions of first
 * outputs, and the binomial spread of toy p-values over 200 seeds), input checks, and the
 * "no Math.random anywhere" rule of STYLE.md P12.
 *
 * Every statistical criterion here is evaluated on fixed seeds, so the outcome is deterministic; the
 * thresholds are chosen so that a correct generator would fail a given check with another seed with
 * probability ≤ 1e-3 (stated at each check).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chiSquareSurvival, stdNormalCdf } from '../../src/likelihood/index.js';
import {
  createRng,
  planToys,
  RNG_STREAMS_VERSION,
  runChunk,
  streamSeed,
  streamState,
} from '../../src/toys/index.js';
import type { BinTask, ToyJob } from '../../src/toys/index.js';
import { threeBins } from './models.js';

function draws(seed: string | number, stream: string | number | undefined, n: number): number[] {
  const rng = stream === undefined ? createRng(seed) : createRng(seed, stream);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(rng.uniform(), rng.poisson(3.7), rng.poisson(42), rng.normal());
  return out;
}

/** Pearson correlation of two equal-length samples. */
function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('createRng', () => {
  test('same (seed, stream) gives the same sequence of uniform, Poisson and normal variates', () => {
    expect(draws(1, 'bin3/alpha0of40#7', 500)).toEqual(draws(1, 'bin3/alpha0of40#7', 500));
    expect(draws('run-A', undefined, 200)).toEqual(draws('run-A', undefined, 200));
  });

  test('a number seed and its string form are the same stream; the seed string is recorded', () => {
    expect(draws(17, 'x', 50)).toEqual(draws('17', 'x', 50));
    expect(createRng(17, 'x').seed).toBe('17/x');
    expect(streamSeed(17)).toBe('17');
  });

  test('different seeds or streams give different sequences', () => {
    const a = draws(1, 'a#0', 100);
    expect(draws(2, 'a#0', 100)).not.toEqual(a);
    expect(draws(1, 'a#1', 100)).not.toEqual(a);
  });

  test('the stream name records seed and parts', () => {
    expect(createRng(3, 'bin1/alpha0of40', 12).seed).toBe('3/bin1/alpha0of40/12');
    expect(streamSeed(3, 'x', 1)).toBe('3/x/1');
  });

  test('the state is SHA-256 of the JSON name, and the stream is Alea from it (independent re-implementation)', () => {
    // Recompute the documented derivation and run the MWC recurrence x_n = (a·x_{n−3} + c) mod 2³² here.
    const a = 2091639;
    const h = createHash('sha256')
      .update(JSON.stringify([RNG_STREAMS_VERSION, '42', 'bin3/alpha40of40', '7']))
      .digest();
    const x = [h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8)];
    let c = 1 + (h.readUInt32BE(12) % (a - 2));
    const st = streamState(42, 'bin3/alpha40of40', 7);
    expect([st.s0, st.s1, st.s2].map((v) => v * 2 ** 32)).toEqual(x);
    expect(st.c).toBe(c);
    const rng = createRng(42, 'bin3/alpha40of40', 7);
    for (let i = 0; i < 1000; i++) {
      const t = a * (x[i] as number) + c; // < 2⁵³: exact
      c = Math.floor(t / 2 ** 32);
      x.push(t - c * 2 ** 32);
      expect(rng.uniform()).toBe((x[i + 3] as number) / 2 ** 32);
    }
  });

  test('the name is an injective encoding: parts are not concatenated', () => {
    const first = (seed: string | number, ...parts: (string | number)[]) =>
      createRng(seed, ...parts).uniform();
    expect(first(1, 'a', 12)).not.toBe(first(1, 'a1', 2));
    expect(first(1, 'a/b')).not.toBe(first(1, 'a', 'b'));
    expect(first('1/a')).not.toBe(first(1, 'a'));
  });
});

/** First n uniforms of stream (seed, task, chunk). */
function uniforms(seed: number, chunk: number, n: number, task = 'bin3/alpha40of40'): Float64Array {
  const r = createRng(seed, task, chunk);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r.uniform();
  return out;
}

/** χ² of pairs (x_i, y_i) in a k×k grid against uniform, and its upper-tail probability. */
function serialChi2(x: ArrayLike<number>, y: ArrayLike<number>, k: number): number {
  const counts = new Float64Array(k * k);
  const n = x.length;
  for (let i = 0; i < n; i++) counts[Math.floor(x[i]! * k) * k + Math.floor(y[i]! * k)]! += 1;
  const e = n / (k * k);
  let chi2 = 0;
  for (const o of counts) chi2 += ((o - e) * (o - e)) / e;
  return chiSquareSurvival(chi2, k * k - 1);
}

describe('streams of neighbouring seeds and chunks are independent', () => {
  const n = 100_000;
  const base = uniforms(5, 3, n);
  const neighbours = [
    ['seed + 1', uniforms(6, 3, n)],
    ['chunk + 1', uniforms(5, 4, n)],
    ['chunk − 1', uniforms(5, 2, n)],
    ['other task', uniforms(5, 3, n, 'bin3/alpha39of40')],
  ] as const;

  test('correlation of the first 10⁵ uniforms (also at lag ±1) and normals: |r| < 4/√n', () => {
    // Independent samples: r ~ N(0, 1/n); |r| ≥ 4/√n has probability 6e-5 per check.
    const bound = 4 / Math.sqrt(n);
    for (const [label, other] of neighbours) {
      expect(Math.abs(correlation([...base], [...other])), label).toBeLessThan(bound);
      expect(Math.abs(correlation([...base.subarray(1)], [...other.subarray(0, n - 1)])), label).toBeLessThan(
        bound,
      );
      expect(Math.abs(correlation([...base.subarray(0, n - 1)], [...other.subarray(1)])), label).toBeLessThan(
        bound,
      );
    }
    const normals = (seed: number, chunk: number) => {
      const r = createRng(seed, 'bin3/alpha40of40', chunk);
      return Array.from({ length: n }, () => r.normal());
    };
    const z = normals(5, 3);
    expect(Math.abs(correlation(z, normals(6, 3)))).toBeLessThan(bound);
    expect(Math.abs(correlation(z, normals(5, 4)))).toBeLessThan(bound);
  });

  test('serial test: pairs (u_i of one stream, u_i of its neighbour) fill a 32×32 grid uniformly', () => {
    // χ² with 1023 dof; its tail probability must lie in (0.001, 0.999) — too regular fails as well.
    for (const [label, other] of neighbours) {
      const p = serialChi2(base, other, 32);
      expect(p, label).toBeGreaterThan(0.001);
      expect(p, label).toBeLessThan(0.999);
    }
    // and within one stream, consecutive pairs
    const p = serialChi2(base.subarray(0, n - 1), base.subarray(1), 32);
    expect(p).toBeGreaterThan(0.001);
    expect(p).toBeLessThan(0.999);
  });

  test('collision (birthday) test: first outputs of 2¹⁵ neighbouring seeds, and of 2¹⁵ chunks', () => {
    // m = 2¹⁵ balls (each stream's first 32-bit output, top 18 bits) into n = 2¹⁸ urns. Independent
    // uniform streams give C = m − #occupied urns collisions with E[C] = m − n(1 − (1 − 1/n)^m) ≈ 1986
    // and Var[C] = n(n − 1)(1 − 2/n)^m + n(1 − 1/n)^m − n²(1 − 1/n)^{2m} (Knuth, TAOCP vol. 2, §3.3.2 I);
    // |C − E| < 4 sd. Streams built from related states would collide too often (shared outputs) or
    // too rarely (a lattice).
    const m = 2 ** 15;
    const urns = 2 ** 18;
    const mean = m - urns * (1 - (1 - 1 / urns) ** m);
    const variance =
      urns * (urns - 1) * (1 - 2 / urns) ** m +
      urns * (1 - 1 / urns) ** m -
      urns ** 2 * (1 - 1 / urns) ** (2 * m);
    const sd = Math.sqrt(variance);
    for (const make of [
      (i: number) => createRng(i, 'bin0/alpha0of40', 0),
      (i: number) => createRng(9, 'bin0/alpha0of40', i),
    ]) {
      const seen = new Uint8Array(urns);
      let occupied = 0;
      for (let i = 0; i < m; i++) {
        const urn = Math.floor(make(i).uniform() * urns);
        if (seen[urn] === 0) {
          seen[urn] = 1;
          occupied++;
        }
      }
      expect(Math.abs(m - occupied - mean)).toBeLessThan(4 * sd);
    }
  });

  test('dispersion test: toy p-values over 200 seeds scatter binomially (χ² p-value in (0.001, 0.999))', () => {
    // One toy task (CsI-like bin 1 of test/toys/models.ts, q1 = t̃(1), toys at α = 1) run with seeds
    // 1…200, 2000 toys each in 4 chunks of 500 (so chunk streams are exercised too). If every seed's
    // toys are independent, k_s ~ Binomial(N, p) and D = Σ_s (k_s − N p̄)²/(N p̄(1 − p̄)) ~ χ²₁₉₉.
    // A dispersion index D/199 of 1.6 (over-) or 0.76 (under-dispersion), as reported for the old
    // seeding, has χ² tail probabilities < 1e-6 resp. > 0.9995 and would fail here.
    const planned = planToys(threeBins, {
      seed: 1,
      nToys: 2000,
      fcToys: 1,
      alphaStep: 1,
      combinedToys: 0,
      bins: [1],
      chunkToys: 500,
    });
    const taskIndex = planned.tasks.findIndex((t) => t.kind === 'bin' && t.poi === 1);
    const task = planned.tasks[taskIndex] as BinTask;
    const seeds = 200;
    const ks: number[] = [];
    let total = 0;
    for (let s = 1; s <= seeds; s++) {
      const job: ToyJob = { ...planned, settings: { ...planned.settings, seed: String(s) } };
      let k = 0;
      let toys = 0;
      for (let c = 0; c < 4; c++) {
        const [nt = 0, ke = 0] = runChunk(job, { task: taskIndex, chunk: c, size: 500 }).counts;
        toys += nt;
        k += ke;
      }
      expect(toys).toBe(task.nToys);
      ks.push(k);
      total += k;
    }
    const pBar = total / (seeds * task.nToys);
    expect(pBar).toBeGreaterThan(0.05); // a p-value where the binomial spread is measurable
    expect(pBar).toBeLessThan(0.95);
    const v = task.nToys * pBar * (1 - pBar);
    const d = ks.reduce((acc, k) => acc + (k - task.nToys * pBar) ** 2 / v, 0);
    const pDispersion = chiSquareSurvival(d, seeds - 1);
    expect(pDispersion, `D = ${d.toFixed(1)} for 199 dof (index ${(d / 199).toFixed(3)})`).toBeGreaterThan(
      0.001,
    );
    expect(pDispersion).toBeLessThan(0.999);
  });
});

describe('createRng: samplers', () => {
  test('uniform() lies in [0, 1) with mean 1/2 and variance 1/12 (4σ bounds)', () => {
    const r = createRng(9, 'u');
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const x = r.uniform();
      s += x;
      s2 += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    const mean = s / n;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / n));
  });

  test('normal() has mean 0 and variance 1 (4σ bounds)', () => {
    const r = createRng(11, 'n');
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  test('normal() follows Φ: Kolmogorov distance and the two tails beyond ±3', () => {
    // KS: critical value 1.95/√n at 99.9 %. Tails: P(|z| > 3) = 2Φ(−3) = 0.0026998, binomial 4σ.
    const r = createRng(12, 'n');
    const n = 100_000;
    const z = Float64Array.from({ length: n }, () => r.normal()).sort();
    let d = 0;
    z.forEach((x, i) => {
      const f = stdNormalCdf(x);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    });
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
    const tail = z.filter((x) => Math.abs(x) > 3).length / n;
    const p3 = 2 * stdNormalCdf(-3);
    expect(Math.abs(tail - p3)).toBeLessThan(4 * Math.sqrt((p3 * (1 - p3)) / n));
  });

  test('bad seeds are rejected with a SpecError naming the seed', () => {
    expect(() => createRng('')).toThrow(/seed/);
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
  });
});

test('no Math.random anywhere in src/ (STYLE.md P12)', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mjs|js)$/.test(name) && /Math\.random\s*\(/.test(readFileSync(p, 'utf8')))
        offenders.push(p);
    }
  };
  walk(join(import.meta.dirname, '..', '..', 'src'));
  expect(offenders).toEqual([]);
});
