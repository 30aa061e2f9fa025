/**
 * The presets against the paper (Sharma et al., PRD 103, 092002 (2021)) and the physics core:
 * - Eq. 10: "Ge @ Reactor: α ∈ [1.00, 0.97] for T ∈ [0, 1.9]" on the ge-reactor preset's window;
 * - Sec. III: "coherency is mostly complete (α > 95 %) for reactor and solar neutrinos" (⟨α⟩, T_min = 0);
 * - the setups' rates equal the physics core's Table II (computeTableII) at equal inputs;
 * - the COHERENT-like presets against the shipped datasets' Standard-Model predictions.
 */
import { describe, expect, test } from 'vitest';
import { loadDataset, loadPaperSpectra } from '../../src/data/index.js';
import { loadSetup } from '../../src/data/setup.js';
import { computeTableII } from '../../src/physics/paperTable.js';
import { coherencyAtRecoil, meanCoherency, PAPER_HELM_MODEL, totalRate } from '../../src/physics/index.js';
import {
  buildResponse,
  expectedCounts,
  presetSetup,
  presetSetupJson,
  setupCoverage,
  signalPerKgS,
  type PresetName,
} from '../../src/sensitivity/index.js';
import { expectRelClose } from '../helpers.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

describe('Eq. 10 and the α > 95 % statement', () => {
  test('ge-reactor: T ∈ [0, 1.9] keV_nr, α ∈ [1.00, 0.97] (kinematic window of the preset)', () => {
    const r = buildResponse(presetSetup('ge-reactor'));
    const c = setupCoverage(r, r.setup.model.gamma).kinematic!;
    expect(c.tKeVnr[0]).toBe(0);
    // T_max of the 8 MeV end point on the Ge isotopes: 1.81 (Ge-76) … 1.97 (Ge-70) keV_nr, i.e. 1.9.
    expect(c.tKeVnr[1]).toBeGreaterThan(1.8);
    expect(c.tKeVnr[1]).toBeLessThan(2.0);
    expect(round2(c.alpha[1])).toBe(1);
    expect(round2(c.alpha[0])).toBe(0.97);
    // q²_max ≈ 4E² = 256 MeV² whatever the isotope.
    expectRelClose(c.q2MeV2[1], 256, 1e-2);
  });

  test('DAR-π lines of Eq. 10 on the csi-dar and ar-dar nuclei (Helm)', () => {
    const alphaAt = (name: PresetName, tKeV: number) =>
      presetSetup(name).nuclei.map((n) => coherencyAtRecoil(tKeV * 1e-3, n, PAPER_HELM_MODEL).alpha);
    // "Ar @ DAR-π: α ∈ [0.88, 0.51] for T ∈ [19, 93]" — to the printed two digits on Ar-40.
    expect(round2(alphaAt('ar-dar', 19)[2]!)).toBe(0.88);
    expect(round2(alphaAt('ar-dar', 93)[2]!)).toBe(0.51);
    // "CsI/Xe @ DAR-π: α ∈ [0.72, 0.32] for T ∈ [6, 23]" — the paper approximates CsI by Xe; on Cs-133
    // and I-127 we get 0.74–0.76 and 0.29–0.32, within 0.04 of the printed values.
    for (const a of alphaAt('csi-dar', 6)) expect(Math.abs(a - 0.72)).toBeLessThan(0.045);
    for (const a of alphaAt('csi-dar', 23)) expect(Math.abs(a - 0.32)).toBeLessThan(0.03);
  });

  test.each([
    ['ge-reactor', 0.995],
    ['xe-solar', 0.97],
  ] as const)(
    '%s: ⟨α⟩ at T_min = 0 is above 0.95 (paper: > 95 %% for reactor and solar ν)',
    (name, atLeast) => {
      const r = buildResponse(presetSetup(name));
      const c = setupCoverage(r, r.setup.model.gamma);
      expect(c.meanAlphaKinematic).toBeGreaterThan(atLeast);
      // The kinematic grid reproduces the physics core's adaptive ⟨α⟩ (rates.ts meanCoherency).
      const m = meanCoherency(r.setup.target, r.setup.spectrum, r.setup.model.gamma, { tMinMeV: 0 });
      expectRelClose(c.meanAlphaKinematic, m.meanAlpha, 1e-8, 0, `${name} ⟨α⟩`);
    },
  );

  test('ge-reactor: the detected signal too stays above 0.95 (⟨α⟩ and its central 90 %)', () => {
    const r = buildResponse(presetSetup('ge-reactor'));
    const c = setupCoverage(r, r.setup.model.gamma);
    expect(c.meanAlphaDetected!).toBeGreaterThan(0.95);
    expect(c.detected90!.alpha[0]).toBeGreaterThan(0.95);
  });

  test('xe-solar with the XENONnT efficiency: the detected ⟨α⟩ falls to ≈ 0.93 (efficiency favours high T)', () => {
    const r = buildResponse(presetSetup('xe-solar'));
    const c = setupCoverage(r, r.setup.model.gamma);
    expect(c.meanAlphaDetected!).toBeGreaterThan(0.9);
    expect(c.meanAlphaDetected!).toBeLessThan(0.95);
  });
});

/** A preset reduced to the paper's Table II inputs: mean-A nucleus, threshold, no detector response. */
function tableIIInputs(name: PresetName, target: string, thresholdKeV: number, source?: object) {
  const p = presetSetupJson(name);
  const solarOrReactor = name === 'xe-solar' || name === 'ge-reactor';
  return loadSetup(
    {
      $schemaVersion: '1.0.0',
      name: `${name} at Table II inputs`,
      target: { name: target },
      mass: solarOrReactor && name === 'xe-solar' ? '1 t' : '1 kg',
      liveTime: '1 yr',
      source: source ?? p.source,
      threshold: { value: thresholdKeV, unit: 'keVnr' },
      binning: { unit: 'keVnr', bins: 1 },
    },
    `${name} (Table II inputs)`,
  );
}

describe('setup rates equal the physics core Table II at equal inputs', () => {
  const rows = computeTableII(loadPaperSpectra({ solar: 'computed' }));
  const row = (target: string, source: string, thr: number) =>
    rows.find((r) => r.target === target && r.source === source && r.thresholdKeV === thr)!;
  const darPi = { kind: 'darPi', perFlavourFlux: { value: 3.4e14, unit: 'cm-2 yr-1' } };

  test.each([
    ['ge-reactor', 'Ge', 'reactor', 1, undefined],
    ['xe-solar', 'Xe', 'solar', 1, undefined],
    ['csi-dar', 'Xe', 'darPi', 1, darPi],
    ['csi-dar', 'Xe', 'darPi', 10, darPi],
    ['ar-dar', 'Ar', 'darPi', 1, darPi],
    ['ar-dar', 'Ar', 'darPi', 10, darPi],
  ] as const)('%s → %s %s at %i keV_nr', (preset, target, source, thr, src) => {
    const s = tableIIInputs(preset, target, thr, src);
    const r = buildResponse(s);
    const e = expectedCounts(r, s.exposureKgS);
    const ref = row(target, source, thr);
    // Same unit as Table II: per kg (or t) per year; tolerance: the reference quadrature error
    // (relTol 1e-8) plus the fold's Gauss–Legendre error (< 1e-10 on these smooth integrands).
    expectRelClose(e.totals.signalModel, ref.rate, Math.max(ref.rateRelError, 1e-8) + 1e-9, 0, 'rate');
    const c = setupCoverage(r, s.model.gamma);
    expectRelClose(c.meanAlphaDetected!, ref.meanAlpha!, 1e-7, 0, '⟨α⟩');
    // (Equal to computeTableII to 1e-8, the presets inherit its comparison with the paper's printed
    // rates, made with reasoned per-source bounds in test/physics/tableII.test.ts.)
  });
});

describe('the fold', () => {
  test.each(['ge-reactor', 'xe-solar', 'csi-dar', 'ar-dar'] as const)(
    '%s: s(α) = s0 + α (s1 − s0) exactly; α = 1 total equals totalRate without response',
    (name) => {
      const r = buildResponse(presetSetup(name));
      const s0 = signalPerKgS(r, { kind: 'alpha', alpha: 0 });
      const s1 = signalPerKgS(r, { kind: 'alpha', alpha: 1 });
      const s3 = signalPerKgS(r, { kind: 'alpha', alpha: 0.3 });
      for (let j = 0; j < r.nBins; j++) {
        expectRelClose(s3[j]!, s0[j]! + 0.3 * (s1[j]! - s0[j]!), 1e-12, 1e-300, `bin ${j}`);
      }
      // Kinematic grid: ∫_0^Tmax dR/dT (α = 1) against the adaptive quadrature of the physics core.
      let total = 0;
      for (const n of r.nuclei) {
        for (let i = 0; i < n.kinematic.tKeV.length; i++)
          total += n.kinematic.weightKeV[i]! * n.kinematic.coherentRate[i]!;
      }
      const ref = totalRate(r.setup.target, r.setup.spectrum, { kind: 'alpha', alpha: 1 }, { tMinMeV: 0 });
      expectRelClose(total, ref.ratePerKgPerS, 1e-7, 0, 'kinematic total');
    },
  );
});

describe('COHERENT-like presets against the shipped datasets (same exposure, Helm)', () => {
  test.each([
    ['csi-dar', 'coherent-csi-2017'],
    ['ar-dar', 'coherent-ar-2020'],
  ] as const)('%s: Helm signal within 1.5 %% of %s, background = its nOff/τ', (name, id) => {
    const d = loadDataset(id);
    if (d.kind !== 'counts') throw new Error('counts dataset expected');
    const s = presetSetup(name);
    const e = expectedCounts(buildResponse(s), s.exposureKgS);
    const sHelm = d.bins.reduce((acc, b) => acc + (b.sHelm ?? 0), 0);
    // Same constants; the preset folds photostatistics as a Gaussian (σ² = E/LY) and the efficiency as a
    // sampled table, where the dataset readers use Poisson photoelectron statistics and the release's
    // curves: measured +1.2 % (CsI), +0.9 % (Ar), bounded by 1.5 % (the next 0.5 % up).
    expectRelClose(e.totals.signalModel, sHelm, 0.015, 0, 'Helm signal');
    e.bins.forEach((b, j) =>
      expectRelClose(b.background, d.bins[j]!.nOff! / d.bins[j]!.tau!, 1e-9, 0, `bkg ${j}`),
    );
  });

  test('exposure scaling: counts ∝ exposure', () => {
    const s = presetSetup('csi-dar');
    const r = buildResponse(s);
    const a = expectedCounts(r, s.exposureKgS);
    const b = expectedCounts(r, 3 * s.exposureKgS);
    expectRelClose(b.totals.signalModel, 3 * a.totals.signalModel, 1e-14);
    expectRelClose(b.totals.background, 3 * a.totals.background, 1e-14);
  });
});
