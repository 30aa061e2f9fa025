/**
 * Seeded streams (src/toys/rng.ts): reproducibility, independence of sub-streams, input checks,
 * and the "no Math.random anywhere" rule of STYLE.md P12.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createRng, streamSeed } from '../../src/toys/index.js';

function draws(seed: string | number, stream: string | number | undefined, n: number): number[] {
  const rng = createRng(seed, stream);
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

  test('sub-streams are uncorrelated: |r| < 4/√N between neighbouring chunk streams and lagged', () => {
    // Independent samples give r ~ N(0, 1/N); 4/√N is a 4σ bound (seeded, so deterministic).
    const n = 20_000;
    const u = (stream: string) => {
      const r = createRng(5, stream);
      return Array.from({ length: n }, () => r.uniform());
    };
    const bound = 4 / Math.sqrt(n);
    const s0 = u('task#0');
    const s1 = u('task#1');
    const s2 = u('task#10');
    expect(Math.abs(correlation(s0, s1))).toBeLessThan(bound);
    expect(Math.abs(correlation(s0, s2))).toBeLessThan(bound);
    expect(Math.abs(correlation(s0.slice(1), s1.slice(0, -1)))).toBeLessThan(bound);
    // No stream is a shifted copy of another.
    expect(s1.slice(0, 10)).not.toEqual(s0.slice(1, 11));
  });

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
