/**
 * The modifiers and interpolation codes that the pyhf anchors do not reach (shapesys, lumi, normsys
 * code1, histosys code0) against pyhf's logpdf written out BY HAND from pyhf's documented formulas,
 * on small workspaces at chosen parameter points. pyhf itself cannot run here (no PyPI), so each
 * reference below is an explicit expression with its source:
 *
 * - Main term: pyhf `Model.logpdf` = Σ_b Poisson(n_b | λ_b) + constraints, with pyhf's continuous
 *   Poisson log-density `n ln λ − λ − ln Γ(n + 1)` (pyhf `tensor/numpy_backend.poisson_logpdf`:
 *   `xlogy(n, lam) − lam − gammaln(n + 1)`).
 * - normfactor, lumi: multiplicative factor equal to the parameter (pyhf docs, "Modifiers":
 *   "Luminosity (lumi)": κ = λ_lumi; "Unconstrained Normalisation (normfactor)": κ = μ).
 * - lumi constraint: Gaussian(auxdata | λ_lumi, σ) with auxdata, sigmas from the measurement's
 *   parameter configuration (pyhf docs "Modifiers and Constraints" table; `gaussian_constraint_combined`
 *   evaluates `Normal(loc = pars, scale = sigmas).log_prob(auxdata)` = −½((a − θ)/σ)² − ln σ − ½ ln 2π).
 * - shapesys: per-bin factor γ_b with Poisson constraint Poisson(a_b | γ_b τ_b), τ_b = (ν_b/δ_b)²,
 *   auxdata a_b = τ_b (pyhf docs "Uncorrelated Shape (shapesys)"; pyhf `shapesys_combined.finalize`
 *   sets factors = auxdata = nominal²/uncertainty²), evaluated with the same continuous Poisson
 *   `a ln(γτ) − γτ − ln Γ(a + 1)` (the Gamma-function normalisation makes it a density for non-integer a).
 * - normsys code1 (pyhf `interpolators/code1`, CERN-OPEN-2012-016 §4.1, "piecewise exponential"):
 *   κ(α) = hi^α (α ≥ 0), lo^(−α) (α < 0); constraint Normal(0 | α, 1).
 * - histosys code0 (pyhf `interpolators/code0`, same reference, "piecewise linear"):
 *   ν_b(α) = ν_b + α(hi_b − ν_b) (α ≥ 0), ν_b + α(ν_b − lo_b) (α < 0); constraint Normal(0 | α, 1).
 * - A normsys and a histosys of one name share ONE parameter (HistFactory OverallSys + HistoSys) and
 *   one constraint term; here they have distinct names except h1, shared by two samples' histosys.
 *
 * Tolerance 1e-12 relative: both sides are O(10) double-precision sums of O(10) terms, each computed
 * to a few ulp (the reference's ln Γ to ~1e-15, see lnGammaRef), so agreement is expected near 1e-15;
 * 1e-12 is the bar the anchor tests use, and leaves room for the engine's different summation order.
 * Both the engine's direct logpdf and its −½·twiceNll (the saturated NLL plus the data constant, the
 * path the minimiser uses) are checked.
 */
import { describe, expect, test } from 'vitest';
import { parseWorkspace } from '../../../src/data/index.js';
import { compileWorkspace, HistFactoryModel } from '../../../src/likelihood/histfactory/index.js';
import { expectRelClose } from '../../helpers.js';

/** logpdf's parts and −½ twice_nll against a reference written out from pyhf's formulas. */
function expectLogpdf(
  model: HistFactoryModel,
  pars: ArrayLike<number>,
  ref: { readonly main: number; readonly constraint: number; readonly total: number },
): void {
  const lp = model.logpdf(pars);
  expectRelClose(lp.main, ref.main, 1e-12, 0, 'main');
  expectRelClose(lp.constraint, ref.constraint, 1e-12, 0, 'constraint');
  expectRelClose(lp.total, ref.total, 1e-12, 0, 'total');
  expectRelClose(-0.5 * model.twiceNll(pars), ref.total, 1e-12, 0, '−½ twice_nll');
}

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x), x > 0, written here so that the reference does not share the engine's @stdlib gammaln:
 * recurrence Γ(x) = Γ(x + k)/Π(x + j) up to z = x + k ≥ 30, then Stirling's series to 1/z⁷
 * (Abramowitz & Stegun 6.1.40); the first omitted term 1/(1188 z⁹) < 4e-17 at z ≥ 30.
 */
function lnGammaRef(x: number): number {
  let shift = 0;
  let z = x;
  while (z < 30) {
    shift += Math.log(z);
    z += 1;
  }
  const z2 = z * z;
  const series = (1 / (12 * z)) * (1 - (1 / (30 * z2)) * (1 - (2 / (7 * z2)) * (1 - 3 / (4 * z2))));
  return (z - 0.5) * Math.log(z) - z + HALF_LN_2PI + series - shift;
}

/** pyhf's continuous Poisson log-density (file comment). */
const poissonLog = (n: number, lam: number) => (n === 0 ? 0 : n * Math.log(lam)) - lam - lnGammaRef(n + 1);
/** Normal(a | θ, σ) log-density. */
const normalLog = (a: number, theta: number, sigma: number) =>
  -0.5 * ((a - theta) / sigma) ** 2 - Math.log(sigma) - HALF_LN_2PI;

test('the reference ln Γ against exact values', () => {
  // ln Γ(n + 1) = ln n! (sums of logs), ln Γ(½) = ½ ln π, ln Γ(7.5) = ln(13!!/2⁷ · √π). For small x
  // the recurrence subtracts ln Π(x + j) ≈ 70 from ln Γ(z ≈ 30) ≈ 71, so the absolute error is a few
  // ulp of 70 (≈ 3e-14): atol 5e-14, which is < 1e-14 relative to the O(10) logpdf sums below.
  let lnFact = 0;
  for (let n = 1; n <= 40; n++) {
    lnFact += Math.log(n);
    expectRelClose(lnGammaRef(n + 1), lnFact, 1e-14, 5e-14, `ln ${n}!`);
  }
  expectRelClose(lnGammaRef(0.5), 0.5 * Math.log(Math.PI), 1e-13, 5e-14);
  expectRelClose(lnGammaRef(7.5), Math.log((135135 / 128) * Math.sqrt(Math.PI)), 1e-14, 5e-14);
});

function modelAt(ws: unknown, interpolation?: { normsys: 'code1'; histosys: 'code0' }) {
  const c = compileWorkspace(parseWorkspace(ws, 'synthetic'), interpolation ? { interpolation } : {});
  const model = new HistFactoryModel(c);
  const at = (byName: Record<string, number>) => {
    expect(Object.keys(byName).sort()).toEqual([...c.parNames].sort());
    return c.parNames.map((n) => byName[n]!);
  };
  return { c, model, at };
}

describe('shapesys (Poisson constraint) and lumi (Gaussian constraint)', () => {
  const sig = [3.5, 6, 2];
  const bkg = [20, 12.5, 8];
  const unc = [4, 5, 2.5]; // τ = (ν/δ)² = 25, 6.25, 10.24: one integer, two non-integer auxdata
  const ctl = [40];
  const obs = { sr: [24, 21, 9], cr: [37] };
  const lumiSigma = 0.017;
  const lumiAux = 1.02; // auxdata ≠ 1, so the Gaussian is not symmetric about the init
  const ws = {
    version: '1.0.0',
    channels: [
      {
        name: 'sr',
        samples: [
          {
            name: 'signal',
            data: sig,
            modifiers: [
              { name: 'mu', type: 'normfactor', data: null },
              { name: 'lumi', type: 'lumi', data: null },
            ],
          },
          {
            name: 'bkg',
            data: bkg,
            modifiers: [
              { name: 'bkg_shape', type: 'shapesys', data: unc },
              { name: 'lumi', type: 'lumi', data: null },
            ],
          },
        ],
      },
      {
        name: 'cr',
        samples: [
          {
            name: 'bkg',
            data: ctl,
            modifiers: [
              { name: 'lumi', type: 'lumi', data: null },
              { name: 'cr_shape', type: 'shapesys', data: [9] }, // τ = (40/9)² = 19.75…
            ],
          },
        ],
      },
    ],
    observations: [
      { name: 'sr', data: obs.sr },
      { name: 'cr', data: obs.cr },
    ],
    measurements: [
      {
        name: 'm',
        config: {
          poi: 'mu',
          parameters: [
            { name: 'lumi', auxdata: [lumiAux], sigmas: [lumiSigma], bounds: [[0.9, 1.1]], inits: [1] },
          ],
        },
      },
    ],
  };

  /** pyhf's logpdf written out for this workspace (file comment). */
  function reference(p: { mu: number; lumi: number; g: number[]; gc: number }) {
    let main = 0;
    for (let b = 0; b < 3; b++) {
      const lam = p.lumi * p.mu * sig[b]! + p.lumi * p.g[b]! * bkg[b]!;
      main += poissonLog(obs.sr[b]!, lam);
    }
    main += poissonLog(obs.cr[0]!, p.lumi * p.gc * ctl[0]!);
    let constraint = normalLog(lumiAux, p.lumi, lumiSigma);
    for (let b = 0; b < 3; b++) {
      const tau = bkg[b]! ** 2 / unc[b]! ** 2;
      constraint += poissonLog(tau, p.g[b]! * tau);
    }
    const tauC = ctl[0]! ** 2 / 9 ** 2;
    constraint += poissonLog(tauC, p.gc * tauC);
    return { main, constraint, total: main + constraint };
  }

  const points = [
    { mu: 1, lumi: 1, g: [1, 1, 1], gc: 1 }, // the inits
    { mu: 0, lumi: 0.97, g: [1.2, 0.8, 1.05], gc: 0.93 },
    { mu: 1.7, lumi: 1.045, g: [0.6, 1.9, 0.35], gc: 1.3 }, // γ far from 1: the Poisson's tails
    { mu: 0.45, lumi: 1.02, g: [1e-3, 4, 1], gc: 2.5 },
  ];
  const { c, model, at } = modelAt(ws);

  test('auxdata as pyhf builds them: the measurement’s lumi auxdata, τ_b = (ν_b/δ_b)² for shapesys', () => {
    // (The ORDER of parameters and auxdata is pyhf's par_order, checked against pyhf on the anchors;
    // here each auxiliary datum is matched to its parameter by name.)
    const auxByPar = Object.fromEntries(Array.from(c.auxPar, (p, k) => [c.parNames[p]!, c.auxNominal[k]!]));
    expect(auxByPar).toEqual({
      lumi: lumiAux,
      'bkg_shape[0]': 25,
      'bkg_shape[1]': 6.25,
      'bkg_shape[2]': 10.24,
      cr_shape: 40 ** 2 / 9 ** 2,
    });
  });

  test.for(points)('logpdf at mu $mu, lumi $lumi, γ $g, γ_cr $gc', (p) => {
    const ref = reference(p);
    const pars = at({
      mu: p.mu,
      lumi: p.lumi,
      'bkg_shape[0]': p.g[0]!,
      'bkg_shape[1]': p.g[1]!,
      'bkg_shape[2]': p.g[2]!,
      cr_shape: p.gc,
    });
    expectLogpdf(model, pars, ref);
  });
});

describe('normsys code1 and histosys code0', () => {
  const sig = { nom: [5, 9], hi: [6, 10.5], lo: [4.2, 8.1] };
  const bkg = { nom: [10, 7], hi: [11, 6.5], lo: [9.5, 7.8] }; // bin 2 anti-correlated with bin 1
  const n1 = { hi: 1.2, lo: 0.85 };
  const n2 = { hi: 1.05, lo: 0.9 };
  const obs = [17, 18];
  const ws = {
    version: '1.0.0',
    channels: [
      {
        name: 'a',
        samples: [
          {
            name: 'sig',
            data: sig.nom,
            modifiers: [
              { name: 'mu', type: 'normfactor', data: null },
              { name: 'n1', type: 'normsys', data: n1 },
              { name: 'h1', type: 'histosys', data: { hi_data: sig.hi, lo_data: sig.lo } },
            ],
          },
          {
            name: 'bkg',
            data: bkg.nom,
            modifiers: [
              { name: 'n2', type: 'normsys', data: n2 },
              { name: 'h1', type: 'histosys', data: { hi_data: bkg.hi, lo_data: bkg.lo } },
            ],
          },
        ],
      },
    ],
    observations: [{ name: 'a', data: obs }],
    measurements: [{ name: 'm', config: { poi: 'mu', parameters: [] } }],
  };

  /** code1, piecewise exponential (file comment). */
  const code1 = (a: number, f: { hi: number; lo: number }) => (a >= 0 ? f.hi ** a : f.lo ** -a);
  /** code0, piecewise linear (file comment). */
  const code0 = (a: number, nom: number, hi: number, lo: number) =>
    nom + (a >= 0 ? a * (hi - nom) : a * (nom - lo));

  function reference(p: { mu: number; n1: number; n2: number; h1: number }) {
    let main = 0;
    for (let b = 0; b < 2; b++) {
      const s = code0(p.h1, sig.nom[b]!, sig.hi[b]!, sig.lo[b]!) * p.mu * code1(p.n1, n1);
      const k = code0(p.h1, bkg.nom[b]!, bkg.hi[b]!, bkg.lo[b]!) * code1(p.n2, n2);
      main += poissonLog(obs[b]!, s + k);
    }
    // pyhf orders constrained sets histosys, normsys (registry order); each Normal(0 | α, 1).
    const constraint = normalLog(0, p.h1, 1) + normalLog(0, p.n1, 1) + normalLog(0, p.n2, 1);
    return { main, constraint, total: main + constraint };
  }

  // Both branches of each code, inside and beyond ±1 (code1/code0 have no special |α| > 1 branch,
  // unlike code4/code4p), and the bounds ±5.
  const points = [
    { mu: 1, n1: 0, n2: 0, h1: 0 },
    { mu: 0.8, n1: 0.6, n2: -0.4, h1: 0.3 },
    { mu: 1.4, n1: -1.7, n2: 2.2, h1: -0.75 },
    { mu: 0.2, n1: 3.1, n2: -2.6, h1: 1.9 },
    { mu: 2.5, n1: -5, n2: 5, h1: -2.4 },
  ];
  const { model, at } = modelAt(ws, { normsys: 'code1', histosys: 'code0' });

  test.for(points)('logpdf at mu $mu, n1 $n1, n2 $n2, h1 $h1', (p) => {
    const ref = reference(p);
    const pars = at(p);
    expectLogpdf(model, pars, ref);
  });

  test('the default codes (code4/code4p) differ from code1/code0 inside ±1 (the option takes effect)', () => {
    // Beyond ±1 code4 = code1 and code4p = code0 by construction; inside they differ.
    const dflt = modelAt(ws);
    const p = points[1]!;
    const rel = Math.abs(dflt.model.logpdf(dflt.at(p)).total / reference(p).total - 1);
    expect(rel).toBeGreaterThan(1e-6);
  });
});
