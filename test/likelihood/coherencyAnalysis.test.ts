import { describe, expect, test } from 'vitest';
import { loadDataset, parseDataset, type CountsDataset, type Dataset } from '../../src/data/index.js';
import { analyzeDataset, countsModel } from '../../src/likelihood/index.js';
import { decoherentXi, isotope } from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

const csi = loadDataset('coherent-csi-2017') as CountsDataset;

describe('ξ dataset → likelihood mapping (Eq. 6 per nucleus)', () => {
  test('signal at α = 0 is Σ_k s_coh,k·d_k with d_k from the physics core (Cs-133, I-127)', () => {
    const m = countsModel(csi);
    const b = csi.bins[0]!;
    const d = {
      'Cs-133': decoherentXi(isotope('Cs', 133)!, csi.epsilon),
      'I-127': decoherentXi(isotope('I', 127)!, csi.epsilon),
    };
    const expected = b.nuclei.reduce((s, n) => s + n.sCoh * d[n.label as keyof typeof d], 0);
    // The fixture stores d_k rounded to 10 significant digits.
    expectRelClose(m.bins[0]!.signal0, expected, 1e-9);
    expect(m.bins[0]!.signal1).toBe(b.sCoh);
    expect(m.signalNorm).toEqual({ kind: 'gaussian', sigma: csi.signalNormRelUncertainty });
    expect(countsModel(csi, 'none').signalNorm).toBeUndefined();
  });
});

describe('analysis invariants', () => {
  test('per-bin results and combined tests are invariant under relabelling the bins', () => {
    const perm = [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6];
    const shuffled = { ...csi, bins: perm.map((i) => csi.bins[i]!) } as unknown as Dataset;
    const a = analyzeDataset(csi, { systematics: 'none' });
    const b = analyzeDataset(shuffled, { systematics: 'none' });
    perm.forEach((orig, j) => {
      const x = a.bins[orig]!;
      const y = b.bins[j]!;
      expect(y.q2LoMeV2).toBe(x.q2LoMeV2);
      // Identical per-bin likelihoods: only round-off of the root finders (1e-9) can differ.
      for (const k of ['alphaHat', 'pAlpha1', 'pAlpha0'] as const)
        expect(Math.abs(y[k] - x[k])).toBeLessThan(1e-9);
      expect(Math.abs(y.alpha68.lo - x.alpha68.lo)).toBeLessThan(1e-8);
      expect(Math.abs(y.alpha90.hi - x.alpha90.hi)).toBeLessThan(1e-8);
    });
    // The combined fits are iterative: converged to ~1e-8 in α.
    expect(Math.abs(b.combined.alphaHat - a.combined.alphaHat)).toBeLessThan(1e-6);
    expectRelClose(b.combined.allBinsAlpha1.statistic, a.combined.allBinsAlpha1.statistic, 1e-6);
    expect(b.combined.allBinsAlpha0.pLocal).toBeCloseTo(a.combined.allBinsAlpha0.pLocal, 9);
  });

  test('a ξ ± σ dataset and the large-count counts dataset it summarises give the same α intervals', () => {
    // Scale every count and prediction of the CsI fixture by 400: Poisson → Gaussian regime, where the
    // counts likelihood and a Gaussian on ξ̂ = (n − m/τ − f)/s with σ² = (n + m/τ²)/s² coincide up to
    // skewness terms of relative size O(1/√n) ~ 1e-3 of the interval width.
    const k = 400;
    const big = {
      ...csi,
      bins: csi.bins.map((b) => ({
        ...b,
        nOn: Math.round(b.nOn * k),
        nOff: Math.round(b.nOff! * k),
        beamBackground: b.beamBackground * k,
        sCoh: b.sCoh * k,
        nuclei: b.nuclei.map((n) => ({
          ...n,
          sCoh: n.sCoh * k,
          ...(n.sHelm === undefined ? {} : { sHelm: n.sHelm * k }),
        })),
        ...(b.sHelm === undefined ? {} : { sHelm: b.sHelm * k }),
      })),
    } as CountsDataset;
    const counts = analyzeDataset(big, { systematics: 'none' });
    const xiDataset = parseDataset(
      {
        $schemaVersion: '1.0.0',
        kind: 'xi',
        experiment: csi.experiment,
        id: 'csi-as-xi',
        title: 'CsI ×400 summarised as ξ ± σ',
        publication: csi.publication,
        provenance: csi.provenance,
        target: csi.target,
        epsilon: csi.epsilon,
        bins: counts.bins.map((b) => ({
          q2LoMeV2: b.q2LoMeV2,
          q2HiMeV2: b.q2HiMeV2,
          xi: b.xiHat,
          sigma: b.xiSigma,
        })),
      },
      'test',
    );
    const xi = analyzeDataset(xiDataset);
    let worst = 0;
    counts.bins.forEach((c, i) => {
      const g = xi.bins[i]!;
      const width = c.alpha68.hi - c.alpha68.lo;
      worst = Math.max(
        worst,
        Math.abs(g.alpha68.lo - c.alpha68.lo) / width,
        Math.abs(g.alpha68.hi - c.alpha68.hi) / width,
      );
      expect(Math.abs(g.alpha68.lo - c.alpha68.lo)).toBeLessThan(5e-3 * width + 1e-6);
      expect(Math.abs(g.alpha68.hi - c.alpha68.hi)).toBeLessThan(5e-3 * width + 1e-6);
    });
    // Measured: 3e-4 of the width; the bound leaves room for platform round-off only.
    expect(worst).toBeLessThan(2e-3);
  });
});

describe('regressions from review', () => {
  test('a strong downward fluctuation (profiled signal norm → 0) cannot leave α = 1 inside the interval', () => {
    // Bin 3 with n_on = 5 (49 off-source counts): p(α=1) ≈ 2e-8. The Asimov σ at θ̂̂ is infinite there;
    // the asymptotic p-value must then fall back to χ²₁, not to 1 (which accepted α = 1 before).
    const low = { ...csi, bins: csi.bins.map((b, i) => (i === 3 ? { ...b, nOn: 5 } : b)) } as CountsDataset;
    const b = analyzeDataset(low).bins[3]!;
    expect(b.pAlpha1).toBeLessThan(1e-6);
    expect(b.alpha68.hi).toBeLessThan(0.5);
    expect(b.alpha90.hi).toBeLessThan(0.5);
  });

  test('a bin without predicted signal is rejected at the boundary, naming the bin', () => {
    const raw = JSON.parse(JSON.stringify(csi)) as { bins: { sCoh: number; nuclei: { sCoh: number }[] }[] };
    raw.bins[2]!.sCoh = 0;
    for (const n of raw.bins[2]!.nuclei) n.sCoh = 0;
    expect(() => parseDataset(raw, 'zero.json')).toThrow(/bins\[2\]\.sCoh/);
  });
});
