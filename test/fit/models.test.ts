/**
 * ξ(q²) models: limits, equivalences between parametrisations, the α ↔ ξ relation (Eq. 6), products,
 * user models, and the claims made in nuclearRadii.ts.
 */
import { describe, expect, test } from 'vitest';
import { SpecError } from '../../src/errors.js';
import {
  MODEL_NAMES,
  configureModel,
  defineAlphaModel,
  defineXiModel,
  helmRadiusFromRms,
  protonRmsRadius,
  resolveModel,
  type NucleusContext,
} from '../../src/fit/index.js';
import { HBAR_C_MEV_FM, decoherentXi, helmFormFactor } from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';
import { CS133, EPS } from './fitHelpers.js';

const cs: NucleusContext = { ...CS133, decoherentXi: decoherentXi(CS133, EPS), epsilon: EPS };
const Q2 = [0, 500, 2000, 5000, 10000];

describe('built-in models', () => {
  test('every q²-dependent built-in resolves and gives ξ(0) = 1 at its defaults (α models: α(0) = 1)', () => {
    for (const name of MODEL_NAMES.filter((n) => n !== 'alpha-const')) {
      const m = resolveModel(name);
      const xi = m.bind(Object.fromEntries(m.parameters.map((q) => [q.name, q.initial])));
      expectRelClose(xi(0, cs), 1, 1e-12, 0, name);
    }
  });

  test('helm with R = r0·A^{1/3} equals helm-r0 (same Helm formula, two parametrisations)', () => {
    const r0 = 1.23;
    const a = resolveModel('helm').bind({ R: r0 * Math.cbrt(cs.A), s: 0.6 });
    const b = resolveModel('helm-r0').bind({ r0, s: 0.6 });
    for (const q2 of Q2) expectRelClose(a(q2, cs), b(q2, cs), 1e-13, 1e-15, `q²=${q2}`);
  });

  test('helm-rn with Rn equal to the proton radius gives ξ = F² (Eq. 7 with F_Z = F_N)', () => {
    const rp = protonRmsRadius(cs.Z, cs.A).rmsFm;
    const xi = resolveModel('helm-rn').bind({ Rn: rp, s: 0.9 });
    const f = helmFormFactor({ radiusFm: helmRadiusFromRms(rp), skinFm: 0.9 });
    for (const q2 of Q2) expectRelClose(xi(q2, cs), f(q2, cs) ** 2, 1e-12, 1e-15, `q²=${q2}`);
  });

  test('Helm rms radius: −6 dF/dq² at 0 (in fm²) equals R_rms², so R = √(5/3)·R_rms', () => {
    const rms = 4.9;
    const f = helmFormFactor({ radiusFm: helmRadiusFromRms(rms), skinFm: 0.9 });
    const h = 1e-2; // MeV²; F is analytic in q², O(h) error ≈ 1e-9 relative
    const slope = (f(h, cs) - 1) / h; // per MeV²
    expectRelClose(-6 * slope * HBAR_C_MEV_FM ** 2, rms * rms, 1e-6);
  });

  test('nuclearRadii claim: R_p ± 0.1 fm moves ξ(CsI) by < 1e-3 at COHERENT q² (≤ 6300 MeV²)', () => {
    const base = resolveModel('helm-rn').bind({ Rn: 5.2, s: 0.9 });
    const shifted = (dr: number) => {
      const rp = protonRmsRadius(cs.Z, cs.A).rmsFm + dr;
      const fZ = helmFormFactor({ radiusFm: helmRadiusFromRms(rp), skinFm: 0.9 });
      const fN = helmFormFactor({ radiusFm: helmRadiusFromRms(5.2), skinFm: 0.9 });
      return (q2: number) => (EPS * cs.Z * fZ(q2, cs) - cs.N * fN(q2, cs)) ** 2 / (EPS * cs.Z - cs.N) ** 2;
    };
    for (const q2 of [1000, 3000, 6300]) {
      for (const dr of [-0.1, 0.1]) expect(Math.abs(shifted(dr)(q2) - base(q2, cs))).toBeLessThan(1e-3);
    }
  });

  test('α models: ξ = α + (1 − α)·d; alpha-const at 0 gives the decoherent limit d', () => {
    const xi = resolveModel('alpha-const').bind({ alpha: 0 });
    expectRelClose(xi(3000, cs), cs.decoherentXi, 1e-14);
    const e = resolveModel('alpha-exp').bind({ Lambda: 70 });
    const alpha = Math.exp(-3000 / 4900);
    expectRelClose(e(3000, cs), alpha + (1 - alpha) * cs.decoherentXi, 1e-14);
  });

  test('products multiply ξ and share parameters by name', () => {
    const m = resolveModel('helm-r0*norm');
    expect(m.parameters.map((q) => q.name)).toEqual(['r0', 's', 'k']);
    const xi = m.bind({ r0: 1.2, s: 0.5, k: 0.8 });
    const ref = resolveModel('helm-r0').bind({ r0: 1.2, s: 0.5 });
    expectRelClose(xi(4000, cs), 0.8 * ref(4000, cs), 1e-14);
  });
});

describe('user models and configuration', () => {
  test('defineAlphaModel / defineXiModel through the library API', () => {
    const m = defineAlphaModel({
      name: 'lorentz',
      parameters: [{ name: 'L', initial: 80, lower: 1 }],
      alpha: (p, q2) => 1 / (1 + q2 / (p.L as number) ** 2),
    });
    expectRelClose(m.bind({ L: 80 })(6400, cs), 0.5 + 0.5 * cs.decoherentXi, 1e-14);
    expect(() =>
      defineXiModel({
        name: 'dup',
        parameters: [
          { name: 'x', initial: 1 },
          { name: 'x', initial: 2 },
        ],
        xi: () => 1,
      }),
    ).toThrow(SpecError);
  });

  test('configureModel frees/holds, sets values and bounds; unknown names are SpecErrors', () => {
    const m = configureModel(resolveModel('helm-r0'), {
      free: ['r0', 's'],
      values: { s: 0.7 },
      bounds: { r0: [1, 1.5] },
    });
    expect(m.parameters.map((q) => [q.name, q.fixed, q.initial])).toEqual([
      ['r0', false, 1.2],
      ['s', false, 0.7],
    ]);
    expect(m.parameters[0]?.lower).toBe(1);
    expect(() => configureModel(m, { free: ['R'] })).toThrow(/has no parameter "R"/);
    expect(() => resolveModel('helm-xyz')).toThrow(/unknown model "helm-xyz"/);
  });

  test('proton radius table and fallback', () => {
    expect(protonRmsRadius(55, 133)).toEqual({ rmsFm: 4.8041, source: 'table' });
    expect(protonRmsRadius(70, 174).source).toBe('uniformSphere');
  });
});
