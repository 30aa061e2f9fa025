/**
 * Toy medians and bands of the template projection (sensitivity/templateToys.ts, templateToyScan.ts,
 * `coherency project --setup xe-solar --toys N`): pseudo-experiments of the exposure-scaled XENONnT
 * workspace at the Standard-Model α, through the general toy engine. Checked: at large counts the toy
 * median and ±1σ band converge to the Asimov median and Z_A ± 1 (within the Monte Carlo error of a
 * quantile of N toys); same seed, same numbers; the toy crossing search brackets the crossing; bad
 * --toys values exit 2 with one line.
 */
import { describe, expect, test } from 'vitest';
import { loadAnyDataset, type TemplateDataset } from '../../src/data/index.js';
import { SpecError } from '../../src/errors.js';
import { templateModels, WorkspaceLikelihood } from '../../src/likelihood/index.js';
import {
  asimovTemplateDataset,
  projectTemplate,
  templateToyBands,
  templateToyExposureScan,
  type TemplateScan,
} from '../../src/sensitivity/index.js';
import { runCli } from '../cli/run.js';

const xe = loadAnyDataset('xenonnt-8b') as TemplateDataset;

/** Toy median Z of excluding α = 0 at exposure factor f (the toys' own stream, seed 1). */
function toyMedianZ0(f: number, nToys: number): number {
  const { dataset, alphas } = asimovTemplateDataset(xe, { scale: f });
  const lik = new WorkspaceLikelihood(templateModels(dataset).combined);
  return templateToyBands(dataset, alphas, lik, [0], { nToys, seed: 1 })[0]!.z.median;
}

describe('template toys against the Asimov medians', () => {
  test('at 100 × the release (≈ 1 760 CEvNS and 4 200 background events) the toys reproduce Z_A and Z_A ± 1', () => {
    const n = 200;
    const p = projectTemplate(xe, { scale: 100, intervals: false, toys: { nToys: n, seed: 1 } });
    const t0 = p.tests[1]!;
    expect(t0.kind).toBe('exclude-0');
    const toys = t0.toys!;
    expect(toys.nToys).toBe(n);
    expect(toys.failed).toBe(0);
    // Where every bin that matters holds many events, q0 is Wald-like and med[Z] = √q_A (CCGV §3.2),
    // with Z − med ~ N(0, 1) (the Asimov band Z_A ± 1). The tolerances are the Monte Carlo errors of
    // sample quantiles of n toys (normal distribution of width σ ≈ 1): the median √(π/2)·σ/√n ≈ 0.089,
    // the Φ(±1) quantiles √(p(1 − p)/n)/φ(1) ≈ 0.107; three of them each (the width σ itself is taken
    // from the toys' ±1σ band, so a wrong spread cannot hide in the tolerance; its own error is that of
    // half the difference of two quantiles, ≈ 0.107/√2, their small positive covariance neglected).
    const sigma = (toys.z.p1 - toys.z.m1) / 2;
    expect(Math.abs(sigma - 1)).toBeLessThan((3 * Math.sqrt((0.1587 * 0.8413) / 2)) / 0.242 / Math.sqrt(n));
    expect(Math.abs(toys.z.median - t0.z)).toBeLessThan((3 * Math.sqrt(Math.PI / 2) * sigma) / Math.sqrt(n));
    const quantileTol = (3 * Math.sqrt(0.1587 * 0.8413)) / 0.242 / Math.sqrt(n);
    expect(Math.abs(toys.z.m1 - (t0.z - 1))).toBeLessThan(quantileTol);
    expect(Math.abs(toys.z.p1 - (t0.z + 1))).toBeLessThan(quantileTol);
    // The Asimov median is ≈ 20.6σ here (√100 × 3.45 bent by the systematics): a real test, not Z ≈ 0.
    expect(t0.z).toBeGreaterThan(15);
    // The median fitted α̂ sits at the true α_Helm = 0.929 within its spread (σ_α̂ ≈ 0.35 at this
    // exposure, Asimov 68 % interval half-width; the median of 200 toys to ≈ 0.03).
    expect(Math.abs(toys.medianAlphaHat - p.truth.alphas[0]!)).toBeLessThan(0.1);
  });
});

describe('reproducibility and inputs', () => {
  test('same seed, same toys (every test, including a user α); another seed, other toys', () => {
    const at = (seed: number) =>
      projectTemplate(xe, { intervals: false, alphaTest: 0.5, toys: { nToys: 30, seed } }).tests.map(
        (t) => t.toys,
      );
    const a = at(7);
    expect(a).toHaveLength(3);
    expect(a.every((t) => t !== undefined && t.nToys === 30 && t.seed === '7')).toBe(true);
    expect(at(7)).toEqual(a);
    expect(at(8)).not.toEqual(a);
  });

  test('bands with different true α cannot come from the one-α model: SpecError', () => {
    const { dataset } = asimovTemplateDataset(xe);
    const lik = new WorkspaceLikelihood(templateModels(dataset).combined);
    expect(() => templateToyBands(dataset, [0.9, 0.8], lik, [0], { nToys: 1, seed: 1 })).toThrow(SpecError);
  });
});

describe('toy crossings of an exposure scan', () => {
  test('the toy 3σ crossing of α = 0 is bracketed by the toy medians 10 % either side', () => {
    // Only the 3σ crossing of α = 0 is searched (the others are null in this Asimov scan); it starts
    // from the Asimov crossing 5.07 t·yr = 0.749 × the release (README), whatever it finds.
    const asimov: TemplateScan = {
      points: [{ scale: 1, exposureTonneYear: 6.767, zAlpha1: 0.13, zAlpha0: 3.45 }],
      alpha1: { z3Scale: null, z5Scale: null, z3TonneYear: null, z5TonneYear: null, zAtSearchMax: 0.27 },
      alpha0: { z3Scale: 0.749, z5Scale: null, z3TonneYear: 5.07, z5TonneYear: null, zAtSearchMax: 99 },
      searchMaxScale: 1e4,
    };
    const n = 100;
    const s = templateToyExposureScan(xe, asimov, { toys: { nToys: n, seed: 1 } });
    expect(s.points).toHaveLength(1);
    expect(s.alpha1.z3.asimovScale).toBeNull();
    expect(s.alpha0.z5.scale).toBeNull();
    const c = s.alpha0.z3;
    expect(c.scale).not.toBeNull();
    expect(c.tonneYear!).toBeGreaterThan(c.mcInterval95![0]);
    expect(c.tonneYear!).toBeLessThan(c.mcInterval95![1]);
    // Z grows like ≈ √f, so ±10 % in f moves the median by ≈ ±0.15 — more than the 1 % search
    // tolerance and the step noise of a common-random-number median.
    expect(toyMedianZ0(c.scale! / 1.1, n)).toBeLessThan(3);
    expect(toyMedianZ0(c.scale! * 1.1, n)).toBeGreaterThan(3);
  });
});

describe('coherency project --setup xe-solar --toys', () => {
  test('--json carries the toy bands of each test; the same seed prints the same numbers', async () => {
    const args = ['project', '--setup', 'xe-solar', '--toys', '20', '--seed', '3', '--json'];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { tests: { toys: { nToys: number; seed: string } }[]; method: string };
    expect(j.tests.map((t) => [t.toys.nToys, t.toys.seed])).toEqual([
      [20, '3'],
      [20, '3'],
    ]);
    expect(j.method).toContain('Toys: 20 pseudo-experiments');
    expect((await runCli(args)).stdout).toBe(r.stdout);
  });

  test.each([
    [['--toys', '-1'], /--toys "-1": expected a value ≥ 0/],
    [['--toys', '1e12'], /--toys "1e12": expected a value ≤ 1000000/],
    [['--toys', '2.5'], /--toys "2.5"/],
    [['--fc-toys', '100'], /--fc-toys 100: Feldman–Cousins on the template projection of xenonnt-8b is not/],
  ])('%j: exit 2, one line', async (args, message) => {
    const r = await runCli(['project', '--setup', 'xe-solar', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
