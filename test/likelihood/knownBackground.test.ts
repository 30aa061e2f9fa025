/**
 * A known background per bin with a Gaussian uncertainty (knownBackground.ts): the closed-form and
 * nested profiles against brute-force numerical minimisation, the profile curvature against numerical
 * second derivatives, and the whole counting model (conditional, unconditional, per-bin-poi fits, the
 * single-bin kernel on its Gaussian and log-normal paths) against Nelder–Mead on countingNll.
 */
import { describe, expect, test } from 'vitest';
import {
  BinBackground,
  countingLikelihood,
  countingNll,
  gaussianDeviance,
  poissonDeviance,
  profileKnownBackground,
  profileKnownWithOffSource,
  SingleBinKernel,
  tildeT,
  toPyhfWorkspace,
} from '../../src/likelihood/index.js';
import type { CountingBin, CountingModel } from '../../src/likelihood/index.js';
import { parseDataset, type CountsDataset } from '../../src/data/index.js';
import { analyzeDataset, countsModel } from '../../src/likelihood/index.js';
import { validCountsDataset } from '../data/datasetTestKit.js';
import { bisectIncreasing, goldenArgMin, nelderMead } from './bruteForce.js';

/** On-source + known-component NLL (deviance form) at explicit k. */
const nllKnown = (a: number, n: number, c: number, sigma: number, k: number): number =>
  poissonDeviance(n, a + k) + gaussianDeviance(c, k, sigma);

/** ∂NLL/∂k, increasing in k > −a: the brute force bisects on its sign (no quadratic involved). */
const slopeKnown = (a: number, n: number, c: number, sigma: number) => (k: number) =>
  1 - (n > 0 ? n / (a + k) : 0) + (k - c) / (sigma * sigma);

/** Upper end of every bracket below: ∂NLL/∂k > 0 beyond max(c, n) + 1. */
const upper = (c: number, n: number): number => Math.max(c, n) + 1;

// a, n, c, σ: ordinary, data below the prediction, c < 0 (a toy's centre), n = 0, a = 0, tight and
// loose σ, large counts, a tiny σ against a large a.
const knownCases: [number, number, number, number][] = [
  [5, 20, 10, 2],
  [12, 3, 4, 1.5],
  [2, 6, -1.5, 1],
  [4, 0, 3, 1],
  [0, 7, 2, 0.5],
  [0, 0, 0.2, 1],
  [3, 15, 6, 1e-3],
  [1, 9, 2, 50],
  [1e4, 1.2e4, 1500, 40],
  [250, 240, 5, 1e-5],
];

describe('known background alone: closed-form profile', () => {
  test.for(knownCases)(
    'a=%d n=%d c=%d σ=%d: k̂ equals the bisection root and minimises the NLL',
    ([a, n, c, s]) => {
      const k = profileKnownBackground(a, n, c, s);
      const ref = bisectIncreasing(slopeKnown(a, n, c, s), 0, upper(c, n));
      // Bisection is exact to ~1 ulp of the bracket; the quadratic loses a few ulp in the square root:
      // 1e-10 relative (absolute 1e-12 at the bound k̂ = 0).
      expect(Math.abs(k - ref)).toBeLessThanOrEqual(1e-10 * Math.max(ref, 1e-2));
      const best = goldenArgMin((x) => nllKnown(a, n, c, s, x), 0, upper(c, n));
      expect(nllKnown(a, n, c, s, k)).toBeLessThanOrEqual(nllKnown(a, n, c, s, best) + 1e-12);
    },
  );

  test('limits: σ → 0 gives c; n = 0 gives max(0, c − σ²); a = 0 and n > 0 keeps k̂ > 0', () => {
    expect(profileKnownBackground(3, 15, 6, 1e-7)).toBeCloseTo(6, 10);
    expect(profileKnownBackground(4, 0, 3, 1)).toBeCloseTo(2, 14);
    expect(profileKnownBackground(4, 0, 0.5, 1)).toBe(0);
    expect(profileKnownBackground(0, 7, -3, 0.5)).toBeGreaterThan(0);
  });
});

/** Off-source b profiled by bisection at fixed "other" expectation a' (as profileBackground.test.ts). */
function bruteOff(aPrime: number, n: number, m: number, tau: number): number {
  const g = (b: number) => 1 + tau - (n > 0 ? n / (aPrime + b) : 0) - (m > 0 ? m / b : 0);
  return bisectIncreasing(g, 0, (2 * (n + m + 1)) / tau + aPrime);
}

const nllBoth = (a: number, n: number, m: number, tau: number, c: number, s: number, k: number, b: number) =>
  poissonDeviance(n, a + b + k) + poissonDeviance(m, tau * b) + gaussianDeviance(c, k, s);

// a, n, m, τ, c, σ
const bothCases: [number, number, number, number, number, number][] = [
  [5, 40, 30, 2, 10, 3],
  [2, 10, 0, 1, 4, 1],
  [8, 3, 12, 4, 2, 0.5],
  [0, 25, 9, 1, 6, 10],
  [1, 0, 5, 2, 3, 1],
  [3, 30, 20, 1, -2, 1.5],
  [100, 900, 1500, 2, 200, 15],
];

describe('off-source measurement and a known background: nested profile', () => {
  test.for(bothCases)(
    'a=%d n=%d m=%d τ=%d c=%d σ=%d: equals a 2-D brute-force minimisation',
    ([a, n, m, tau, c, s]) => {
      const k = profileKnownWithOffSource(a, n, m, tau, c, s);
      // Brute force: golden section in k of min_b NLL, with b by bisection (φ(k) is convex).
      const phi = (x: number) => nllBoth(a, n, m, tau, c, s, x, bruteOff(a + x, n, m, tau));
      const kRef = goldenArgMin(phi, 0, upper(c, n));
      const bg = new BinBackground();
      const total = bg.profile(a, n, true, m, tau, c, s);
      expect(bg.bKnown).toBe(k);
      const vMin = phi(kRef);
      const v = poissonDeviance(n, a + total) + bg.aux;
      // The NLL value at our (k̂, b̂) is the brute-force minimum to 1e-10 (golden section locates the
      // minimum VALUE to ~ε·|φ|, the argument only to ~√ε, hence the looser 1e-5 on k̂ itself).
      expect(v).toBeLessThanOrEqual(vMin + 1e-10 * (1 + vMin));
      expect(Math.abs(k - kRef)).toBeLessThanOrEqual(1e-5 * Math.max(1, kRef));
      expect(Math.abs(bg.bOff - bruteOff(a + k, n, m, tau))).toBeLessThanOrEqual(1e-9 * Math.max(1, bg.bOff));
    },
  );
});

describe('curvature of the profiled NLL in a (Newton solvers)', () => {
  const cases: {
    name: string;
    measured: boolean;
    n: number;
    m: number;
    tau: number;
    c: number;
    s: number;
  }[] = [
    { name: 'known only', measured: false, n: 20, m: 0, tau: 1, c: 10, s: 2 },
    { name: 'known only, tight', measured: false, n: 12, m: 0, tau: 1, c: 4, s: 0.3 },
    { name: 'off-source + known', measured: true, n: 40, m: 30, tau: 2, c: 10, s: 3 },
    { name: 'off-source + fixed known', measured: true, n: 40, m: 30, tau: 2, c: 10, s: 0 },
    { name: 'off-source (m = 0) + known', measured: true, n: 10, m: 0, tau: 1, c: 4, s: 1 },
  ];
  test.for(cases)('$name: BinBackground.curvature equals the numerical second derivative', (k) => {
    const bg = new BinBackground();
    const prof = (a: number) => {
      const b = bg.profile(a, k.n, k.measured, k.m, k.tau, k.c, k.s);
      return poissonDeviance(k.n, a + b) + bg.aux;
    };
    const a = 3;
    const h = 1e-4 * a;
    const num = (prof(a + h) - 2 * prof(a) + prof(a - h)) / (h * h);
    const mu = a + bg.profile(a, k.n, k.measured, k.m, k.tau, k.c, k.s);
    const ana = bg.curvature(k.n, mu, k.measured, k.m);
    // Central difference: O(h²) truncation ≈ 1e-8 relative plus NLL rounding (~ε·n) amplified by 1/h².
    const rounding = (8 * Number.EPSILON * (k.n + k.m + a + 1)) / (h * h);
    expect(Math.abs(num - ana)).toBeLessThanOrEqual(1e-4 * Math.abs(ana) + rounding);
  });
});

const bins: CountingBin[] = [
  {
    nOn: 30,
    signal0: 5,
    signal1: 20,
    beamBackground: 3,
    background: { kind: 'known', expected: 9, sigma: 2.5 },
  },
  {
    nOn: 44,
    signal0: 4,
    signal1: 18,
    background: { kind: 'measured', nOff: 40, tau: 4, known: { expected: 12, sigma: 3 } },
  },
  {
    nOn: 12,
    signal0: 1,
    signal1: 9,
    beamBackground: 2,
    background: { kind: 'known', expected: 2, sigma: 0 },
  },
  { nOn: 3, signal0: 0.5, signal1: 4, background: { kind: 'known', expected: 4, sigma: 1 } },
];
const model: CountingModel = {
  bins,
  signalNorm: { kind: 'gaussian', sigma: 0.15 },
  beamNorm: { kind: 'gaussian', sigma: 0.3 },
};

/**
 * Nelder–Mead on countingNll over (θ_sig, θ_beam, one b per bin, the extra k of bin 1), each ≥ 0 via
 * x = u² (so the bounds are reachable). poi fixed, or free through poi = sin²(v).
 */
function bruteNll(m: CountingModel, poi: number | undefined): { value: number; poi: number } {
  const nb = m.bins.length;
  const unpack = (u: readonly number[]) => {
    const sq = (x: number) => x * x;
    const p = poi ?? Math.sin(u[0] as number) ** 2;
    const o = poi === undefined ? 1 : 0;
    return {
      poi: p,
      thetaSig: sq(u[o] as number),
      thetaBeam: sq(u[o + 1] as number),
      background: Array.from({ length: nb }, (_, i) => sq(u[o + 2 + i] as number)),
      knownBackground: Array.from({ length: nb }, (_, i) => sq(u[o + 2 + nb + i] as number)),
    };
  };
  const start = [
    ...(poi === undefined ? [Math.asin(Math.sqrt(0.5))] : []),
    1,
    1,
    ...m.bins.map((b) =>
      Math.sqrt(
        b.background.kind === 'measured' ? b.background.nOff / b.background.tau : b.background.expected + 0.5,
      ),
    ),
    ...m.bins.map((b) =>
      Math.sqrt(b.background.kind === 'measured' ? (b.background.known?.expected ?? 0) + 0.5 : 1),
    ),
  ];
  const r = nelderMead(
    (u) => countingNll(m, unpack(u)),
    start,
    start.map(() => 0.3),
  );
  return { value: r.value, poi: unpack(r.x).poi };
}

describe('counting model with known backgrounds: fits against Nelder–Mead on countingNll', () => {
  const lik = countingLikelihood(model);

  test.for([0, 0.4, 1])('conditional fit at poi = %d is the brute-force minimum', (poi) => {
    const fit = lik.fitConditional(poi);
    expect(fit.diagnostics.converged).toBe(true);
    // No hidden terms: countingNll at the fitted parameters reproduces the fit's NLL.
    const direct = countingNll(model, {
      poi,
      thetaSig: fit.thetaSig,
      thetaBeam: fit.thetaBeam,
      background: fit.background,
      knownBackground: fit.knownBackground,
    });
    expect(Math.abs(direct - fit.nll)).toBeLessThanOrEqual(1e-10 * (1 + fit.nll));
    const brute = bruteNll(model, poi);
    // Our minimum is at least as low as Nelder–Mead's (to 1e-9) and NM gets within 1e-6 of it.
    expect(fit.nll).toBeLessThanOrEqual(brute.value + 1e-9);
    expect(brute.value - fit.nll).toBeLessThanOrEqual(1e-6);
  });

  test('unconditional fit and t̃ are the brute-force ones', () => {
    const u = lik.fitUnconditional();
    const brute = bruteNll(model, undefined);
    expect(u.nll).toBeLessThanOrEqual(brute.value + 1e-9);
    expect(brute.value - u.nll).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(u.poi - brute.poi)).toBeLessThanOrEqual(2e-3);
    const t = tildeT(lik, 1).t;
    expect(Math.abs(t - 2 * (bruteNll(model, 1).value - brute.value))).toBeLessThanOrEqual(4e-6);
  });

  test('the per-bin-poi fit is below the shared one; fixed σ = 0 equals the plain known kind', () => {
    expect(lik.fitPerBinPoi().nll).toBeLessThanOrEqual(lik.fitUnconditional().nll + 1e-12);
    const plain = countingLikelihood({ bins: [{ ...bins[2]!, background: { kind: 'known', expected: 2 } }] });
    const zero = countingLikelihood({ bins: [bins[2]!] });
    for (const poi of [0, 0.5, 1]) expect(zero.fitConditional(poi).nll).toBe(plain.fitConditional(poi).nll);
  });

  test('Asimov data at poi: NLL exactly 0 there (observations and known centres moved to the fit)', () => {
    for (const poi of [0, 0.7]) {
      const a = lik.asimov(poi);
      expect(a.fitConditional(poi).nll).toBeLessThanOrEqual(1e-9);
    }
  });

  test('σ → 0 tends to the fixed background; σ → ∞ frees the component', () => {
    const one = (sigma: number): CountingModel => ({
      bins: [{ nOn: 20, signal0: 2, signal1: 10, background: { kind: 'known', expected: 8, sigma } }],
    });
    const fixed = countingLikelihood(one(0)).fitConditional(0.5).nll;
    const tight = countingLikelihood(one(1e-4)).fitConditional(0.5).nll;
    // ΔNLL of freeing a component known to σ: at most ½(g·σ)² with |g| < 1: < 1e-8.
    expect(Math.abs(tight - fixed)).toBeLessThanOrEqual(1e-8);
    // A free background absorbs any excess: NLL → 0 (n above the signal).
    expect(countingLikelihood(one(1e4)).fitConditional(0.5).nll).toBeLessThanOrEqual(1e-6);
  });
});

describe('single-bin kernel (toys) with a known background', () => {
  const oneBin = (bin: CountingBin, norms: 'gaussian' | 'lognormal'): CountingModel => ({
    bins: [bin],
    signalNorm: { kind: norms, sigma: 0.2 },
    beamNorm: { kind: norms, sigma: 0.25 },
  });
  const cases = bins.flatMap((bin, i) =>
    (['gaussian', 'lognormal'] as const).map((norms) => ({
      name: `bin ${i}, ${norms}`,
      model: oneBin(bin, norms),
    })),
  );

  test.for(cases)('$name: conditional and unconditional fits are the brute-force minima', ({ model: m }) => {
    const kernel = new SingleBinKernel(m, 0);
    const bin = m.bins[0]!;
    const nOff = bin.background.kind === 'measured' ? bin.background.nOff : 0;
    for (const poi of [0, 0.5, 1]) {
      const v = kernel.conditional(bin.nOn, nOff, poi);
      const brute = bruteNll(m, poi);
      expect(v).toBeLessThanOrEqual(brute.value + 1e-9);
      expect(brute.value - v).toBeLessThanOrEqual(1e-6);
    }
    const u = kernel.unconditional(bin.nOn, nOff);
    const brute = bruteNll(m, undefined);
    expect(u).toBeLessThanOrEqual(brute.value + 1e-9);
    expect(brute.value - u).toBeLessThanOrEqual(1e-6);
  });

  test('a negative (toy) centre: the unconditional interior NLL is c²/(2σ²) with k̂ = 0', () => {
    const m: CountingModel = {
      bins: [{ nOn: 10, signal0: 1, signal1: 12, background: { kind: 'known', expected: 1, sigma: 2 } }],
    };
    const kernel = new SingleBinKernel(m, 0);
    kernel.obsKnown = -1.5;
    const u = kernel.unconditional(10, 0);
    expect(kernel.knownBackground).toBe(0);
    expect(u).toBeCloseTo(1.5 ** 2 / (2 * 4), 14);
    const brute = goldenArgMin((p) => kernel.conditional(10, 0, p), 0, 1);
    expect(u).toBeLessThanOrEqual(kernel.conditional(10, 0, brute) + 1e-12);
  });
});

describe('validation and pyhf export of a known background', () => {
  test('a negative σ or expected is a SpecError naming the field', () => {
    const bad = (background: CountingBin['background']) => () =>
      countingLikelihood({ bins: [{ nOn: 3, signal0: 0, signal1: 2, background }] });
    expect(bad({ kind: 'known', expected: 2, sigma: -1 })).toThrow(
      /bins\[0\]\.background\.sigma: expected a value ≥ 0, got -1/,
    );
    expect(bad({ kind: 'measured', nOff: 2, tau: 1, known: { expected: -3, sigma: 1 } })).toThrow(
      /bins\[0\]\.background\.known\.expected: expected a value ≥ 0, got -3/,
    );
  });

  test('pyhf: a constrained component is a staterror sample of absolute σ; fixed ones have no modifier', () => {
    const ws = toPyhfWorkspace(model);
    type S = { name: string; data: number[]; modifiers: { name: string; type: string; data: unknown }[] };
    const channel = (name: string) => ws.channels.find((c) => c.name === name)!.samples as S[];
    // Bins 0, 2, 3 (known only) live in channel on_known, bin 1 (measured + known) in channel on.
    const known = channel('on_known').find((s) => s.name === 'known_background')!;
    expect(known.data).toEqual([9, 2, 4]);
    // σ = 0 (bin 2) gives a staterror σ of 0, which pyhf fixes at γ = 1: a fixed component.
    expect(known.modifiers).toEqual([
      { name: 'known_background_known', type: 'staterror', data: [2.5, 0, 1] },
    ]);
    const onKnown = channel('on').find((s) => s.name === 'known_background')!;
    expect(onKnown.data).toEqual([12]);
    expect(onKnown.modifiers).toEqual([{ name: 'known_background_on', type: 'staterror', data: [3] }]);
    expect(channel('on').some((s) => s.name === 'steady_state')).toBe(true);
    expect(() =>
      toPyhfWorkspace({
        bins: [{ nOn: 1, signal0: 0, signal1: 2, background: { kind: 'known', expected: 0, sigma: 1 } }],
      }),
    ).toThrow(/expected > 0 for a constrained background/);
  });
});

describe('dataset → counting model (coherencyDataset.ts)', () => {
  test('σ = 0 maps to the plain known kind, σ > 0 to a constrained one, both to measured + known', () => {
    const raw = validCountsDataset();
    delete raw.bins[0]!.nOff;
    delete raw.bins[0]!.tau;
    raw.bins[0]!.knownBackground = { expected: 12.5, sigma: 0 };
    delete raw.bins[1]!.nOff;
    delete raw.bins[1]!.tau;
    raw.bins[1]!.knownBackground = { expected: 7, sigma: 1.2 };
    raw.bins[2]!.knownBackground = { expected: 2, sigma: 0.5 };
    const ds = parseDataset(raw, 'example.json') as CountsDataset;
    const m = countsModel(ds);
    expect(m.bins[0]!.background).toEqual({ kind: 'known', expected: 12.5 });
    expect(m.bins[1]!.background).toEqual({ kind: 'known', expected: 7, sigma: 1.2 });
    expect(m.bins[2]!.background).toEqual({
      kind: 'measured',
      nOff: ds.bins[2]!.nOff,
      tau: ds.bins[2]!.tau,
      known: { expected: 2, sigma: 0.5 },
    });
    expect(m.bins[3]!.background).toEqual({ kind: 'measured', nOff: ds.bins[3]!.nOff, tau: ds.bins[3]!.tau });
    // analyze runs on it; the ξ̂ of bin 1 subtracts the known background, its σ includes σ_known.
    const r = analyzeDataset(ds, { systematics: 'none' });
    const b1 = ds.bins[1]!;
    expect(r.bins[1]!.xiHat).toBeCloseTo((b1.nOn - 7 - b1.beamBackground) / b1.sCoh, 12);
    expect(r.bins[1]!.xiSigma).toBeCloseTo(Math.sqrt(b1.nOn + 1.2 ** 2) / b1.sCoh, 12);
    expect(r.bins[1]!.knownBackground).toEqual({ expected: 7, sigma: 1.2 });
  });
});
