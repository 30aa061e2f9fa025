import { describe, expect, test } from 'vitest';
import { compileCounting } from '../../src/likelihood/compiled.js';
import { CountingFitter } from '../../src/likelihood/countingFitter.js';
import { SingleBinKernel, countingLikelihood, poissonDeviance, tildeT } from '../../src/likelihood/index.js';
import type { ConstraintSpec, CountingBin, CountingModel } from '../../src/likelihood/index.js';
import { relDiff } from './helpers.js';

/** Hand formula for one Poisson term, n·ln(n/μ) − (n − μ), with 0·ln 0 = 0. */
const dev = (n: number, mu: number): number => (n > 0 ? n * Math.log(n / mu) : 0) - (n - mu);

const one = (bin: CountingBin, extra: Partial<CountingModel> = {}): CountingModel => ({
  bins: [bin],
  ...extra,
});

describe('single bin, known background, no nuisances: the exact Poisson computation', () => {
  // μ(poi) = b + f + s0 + poi·(s1 − s0) = 3 + 2 + 4 + 12·poi; the unbounded MLE is (n − 9)/12.
  const bin = (nOn: number): CountingBin => ({
    nOn,
    signal0: 4,
    signal1: 16,
    beamBackground: 2,
    background: { kind: 'known', expected: 3 },
  });
  const mu = (poi: number): number => 9 + 12 * poi;

  test.for([0, 0.25, 0.5, 0.9, 1])(
    'interior MLE (n = 15, p̂oi = 0.5): t̃(%d) = 2[n ln(n/μ0) − (n − μ0)]',
    (poi0) => {
      const lik = countingLikelihood(one(bin(15)));
      expect(lik.fitUnconditional().poi).toBeCloseTo(0.5, 14);
      expect(lik.fitUnconditional().nll).toBe(0);
      const expected = 2 * dev(15, mu(poi0));
      // Both sides are closed forms in double precision: 1e-12 relative (absolute 1e-14 at t = 0).
      expect(Math.abs(tildeT(lik, poi0).t - expected)).toBeLessThanOrEqual(1e-12 * expected + 1e-14);
    },
  );

  test('MLE above 1 is clamped (n = 25 → p̂oi = 1) and t̃(poi0) = 2[dev(n, μ0) − dev(n, μ1)]', () => {
    const lik = countingLikelihood(one(bin(25)));
    const fit = lik.fitUnconditional();
    expect(fit.poi).toBe(1);
    expect(fit.diagnostics.atLimit).toContain('poi');
    for (const poi0 of [0, 0.3, 1]) {
      const expected = 2 * (dev(25, mu(poi0)) - dev(25, mu(1)));
      expect(Math.abs(tildeT(lik, poi0).t - expected)).toBeLessThanOrEqual(1e-12 * expected + 1e-14);
    }
  });

  test('MLE below 0 is clamped (n = 4 → p̂oi = 0); q0 = 0 there', () => {
    const lik = countingLikelihood(one(bin(4)));
    expect(lik.fitUnconditional().poi).toBe(0);
    expect(tildeT(lik, 0).t).toBe(0);
    const expected = 2 * (dev(4, mu(1)) - dev(4, mu(0)));
    expect(relDiff(tildeT(lik, 1).t, expected)).toBeLessThan(1e-12);
  });

  test('n = 0: t̃(1) = 2(μ1 − μ0) (the n·ln n terms vanish)', () => {
    const lik = countingLikelihood(one(bin(0)));
    expect(relDiff(tildeT(lik, 1).t, 2 * (mu(1) - mu(0)))).toBeLessThan(1e-12);
  });
});

describe('single bin on/off without nuisances', () => {
  // p̂oi = (n − m/τ − f − s0)/(s1 − s0) = (30 − 10 − 3 − 5)/15 = 0.8 (closed form of the brief).
  const model = one({
    nOn: 30,
    signal0: 5,
    signal1: 20,
    beamBackground: 3,
    background: { kind: 'measured', nOff: 40, tau: 4 },
  });

  test('unconditional fit is the closed form with NLL = 0 and b̂ = m/τ', () => {
    const fit = countingLikelihood(model).fitUnconditional();
    expect(fit.poi).toBeCloseTo(0.8, 14);
    expect(fit.nll).toBe(0);
    expect(fit.background[0]).toBe(10);
    expect(fit.diagnostics.reason).toBe('closedForm');
  });

  test('t̃(poi0) equals the hand computation with b̂ from a brute-force bisection', () => {
    const lik = countingLikelihood(model);
    for (const poi0 of [0, 0.4, 1]) {
      const a = 3 + 5 + 15 * poi0;
      // bisection on ∂NLL/∂b = 1 − n/(a+b) + τ − m/b
      let lo = 1e-12;
      let hi = 1e3;
      for (let i = 0; i < 200; i++) {
        const b = 0.5 * (lo + hi);
        if (1 - 30 / (a + b) + 4 - 40 / b > 0) hi = b;
        else lo = b;
      }
      const b = 0.5 * (lo + hi);
      const expected = 2 * (dev(30, a + b) + dev(40, 4 * b));
      expect(relDiff(tildeT(lik, poi0).t, expected)).toBeLessThan(1e-10);
    }
  });
});

/** Configurations spanning background kinds, constraint kinds, zero counts and a decreasing signal. */
const gauss = (sigma: number): ConstraintSpec => ({ kind: 'gaussian', sigma });
const logn = (sigma: number): ConstraintSpec => ({ kind: 'lognormal', sigma });
const configs: { name: string; model: CountingModel }[] = [
  {
    name: 'on/off, Gaussian sig+beam',
    model: one(
      {
        nOn: 30,
        signal0: 5,
        signal1: 20,
        beamBackground: 3,
        background: { kind: 'measured', nOff: 40, tau: 4 },
      },
      { signalNorm: gauss(0.1), beamNorm: gauss(0.25) },
    ),
  },
  {
    name: 'on/off, Gaussian sig only, deficit',
    model: one(
      {
        nOn: 4,
        signal0: 5,
        signal1: 20,
        beamBackground: 3,
        background: { kind: 'measured', nOff: 40, tau: 4 },
      },
      { signalNorm: gauss(0.3) },
    ),
  },
  {
    name: 'known b, Gaussian beam only, excess',
    model: one(
      { nOn: 80, signal0: 10, signal1: 30, beamBackground: 8, background: { kind: 'known', expected: 6 } },
      { beamNorm: gauss(0.2) },
    ),
  },
  {
    name: 'on/off, log-normal sig+beam',
    model: one(
      {
        nOn: 25,
        signal0: 2,
        signal1: 18,
        beamBackground: 5,
        background: { kind: 'measured', nOff: 12, tau: 2 },
      },
      { signalNorm: logn(0.15), beamNorm: logn(0.3) },
    ),
  },
  {
    name: 'known b, log-normal sig + Gaussian beam, n = 0',
    model: one(
      { nOn: 0, signal0: 3, signal1: 9, beamBackground: 2, background: { kind: 'known', expected: 1 } },
      { signalNorm: logn(0.2), beamNorm: gauss(0.3) },
    ),
  },
  {
    name: 'signal decreasing in poi (s1 < s0), Gaussian sig, m = 0',
    model: one(
      {
        nOn: 12,
        signal0: 20,
        signal1: 6,
        beamBackground: 0,
        background: { kind: 'measured', nOff: 0, tau: 1.5 },
      },
      { signalNorm: gauss(0.15) },
    ),
  },
  {
    name: 's0 = 0 and wide Gaussian (θ_sig can reach its bound)',
    model: one(
      { nOn: 2, signal0: 0, signal1: 40, beamBackground: 6, background: { kind: 'known', expected: 3 } },
      { signalNorm: gauss(2), beamNorm: gauss(1.5) },
    ),
  },
];

describe('closed-form kernel against the general projected-Newton fitter', () => {
  // The two share only the background profile; they agree to the fitter's tolerance (NLL to ~1e-12).
  test.for(configs)('$name: conditional and unconditional fits agree', ({ model }) => {
    const bin = model.bins[0] as CountingBin;
    const n = bin.nOn;
    const m = bin.background.kind === 'measured' ? bin.background.nOff : 0;
    const kernel = new SingleBinKernel(model);
    const fitter = new CountingFitter(compileCounting(model));
    for (const poi of [0, 0.2, 0.55, 1]) {
      const a = kernel.conditional(n, m, poi);
      const b = fitter.conditional(poi);
      expect(fitter.converged).toBe(true);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * (1 + b));
      expect(Math.abs(kernel.thetaSig - fitter.thetaSig)).toBeLessThanOrEqual(1e-5);
    }
    const u = kernel.unconditional(n, m);
    const v = fitter.unconditional();
    expect(Math.abs(u - v)).toBeLessThanOrEqual(1e-10 * (1 + v));
  });

  test('moved global observables (as in toys) give the same answer in both', () => {
    const { model } = configs[0] as { model: CountingModel };
    const kernel = new SingleBinKernel(model);
    kernel.obsSig = 1.17;
    kernel.obsBeam = 0.8;
    const c = compileCounting(model);
    c.obsSig = 1.17;
    c.obsBeam = 0.8;
    const fitter = new CountingFitter(c);
    expect(Math.abs(kernel.conditional(30, 40, 0.3) - fitter.conditional(0.3))).toBeLessThan(1e-10);
    expect(Math.abs(kernel.unconditional(30, 40) - fitter.unconditional())).toBeLessThan(1e-10);
  });
});

describe('conditional fit with Gaussian constraints against brute force', () => {
  test('nested golden-section search over (θ_sig, θ_beam) finds no lower NLL', () => {
    const { model } = configs[0] as { model: CountingModel };
    const kernel = new SingleBinKernel(model);
    const poi = 0.35;
    const v = kernel.conditional(30, 40, poi);
    const s = 5 + 15 * poi;
    const nll = (ts: number, tb: number): number => {
      const a = 3 * tb + s * ts;
      let lo = 1e-12;
      let hi = 1e3;
      for (let i = 0; i < 100; i++) {
        const b = 0.5 * (lo + hi);
        if (1 - 30 / (a + b) + 4 - 40 / b > 0) hi = b;
        else lo = b;
      }
      const b = 0.5 * (lo + hi);
      return dev(30, a + b) + dev(40, 4 * b) + (ts - 1) ** 2 / (2 * 0.01) + (tb - 1) ** 2 / (2 * 0.0625);
    };
    const golden = (f: (x: number) => number, lo: number, hi: number): number => {
      const r = (Math.sqrt(5) - 1) / 2;
      let a = lo;
      let b = hi;
      for (let i = 0; i < 60; i++) {
        const c = b - r * (b - a);
        const d = a + r * (b - a);
        if (f(c) < f(d)) b = d;
        else a = c;
      }
      return 0.5 * (a + b);
    };
    const bestTs = golden(
      (ts) =>
        nll(
          ts,
          golden((tb) => nll(ts, tb), 0, 3),
        ),
      0,
      3,
    );
    const bestTb = golden((tb) => nll(bestTs, tb), 0, 3);
    const brute = nll(bestTs, bestTb);
    // Golden section locates the minimum VALUE to ~ε·(curvature·scale²); 1e-9 is generous.
    expect(v).toBeLessThanOrEqual(brute + 1e-9);
    expect(Math.abs(v - brute)).toBeLessThan(1e-9);
    expect(Math.abs(kernel.thetaSig - bestTs)).toBeLessThan(1e-5);
  });
});

describe('edge cases never produce NaN', () => {
  test('signal independent of poi (Δ = 0): p̂oi reported as 0.5, t̃ ≡ 0, poiIdentified false', () => {
    const model = one(
      { nOn: 10, signal0: 5, signal1: 5, background: { kind: 'measured', nOff: 8, tau: 2 } },
      { signalNorm: gauss(0.1) },
    );
    const kernel = new SingleBinKernel(model);
    expect(kernel.tildeT(10, 8, 0)).toBe(0);
    expect(kernel.poiHat).toBe(0.5);
    // countingLikelihood refuses a model where poi enters no bin at all
    expect(() => countingLikelihood(model)).toThrow(/no bin depends on poi/);
  });

  test('an impossible hypothesis gives t̃ = +∞ (n > 0 but μ = 0 at poi = 0)', () => {
    const lik = countingLikelihood(
      one({ nOn: 3, signal0: 0, signal1: 10, background: { kind: 'known', expected: 0 } }),
    );
    const t = tildeT(lik, 0);
    expect(t.t).toBe(Infinity);
    expect(t.conditional.diagnostics.reason).toBe('infinite');
    expect(t.unconditional.poi).toBeCloseTo(0.3, 14);
  });

  test('zero counts everywhere', () => {
    for (const { model } of configs) {
      const kernel = new SingleBinKernel(model);
      for (const poi0 of [0, 0.5, 1]) {
        const t = kernel.tildeT(0, 0, poi0);
        expect(Number.isNaN(t)).toBe(false);
        expect(t).toBeGreaterThanOrEqual(0);
      }
    }
  });

  test('tildeT leaves p̂oi in poiHat and returns 0 when poi0 = p̂oi', () => {
    const kernel = new SingleBinKernel((configs[0] as { model: CountingModel }).model);
    expect(kernel.tildeT(200, 40, 1)).toBe(0);
    expect(kernel.poiHat).toBe(1);
  });

  test('the conditional NLL is the full NLL at the fitted parameters', () => {
    const { model } = configs[0] as { model: CountingModel };
    const kernel = new SingleBinKernel(model);
    const v = kernel.conditional(30, 40, 0.6);
    const a = 3 * kernel.thetaBeam + (5 + 15 * 0.6) * kernel.thetaSig;
    const full =
      poissonDeviance(30, a + kernel.background) +
      poissonDeviance(40, 4 * kernel.background) +
      (kernel.thetaSig - 1) ** 2 / (2 * 0.01) +
      (kernel.thetaBeam - 1) ** 2 / (2 * 0.0625);
    expect(relDiff(v, full)).toBeLessThan(1e-13);
  });
});
