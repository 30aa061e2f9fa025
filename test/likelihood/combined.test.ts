import { describe, expect, test } from 'vitest';
import { countingLikelihood, countingNll, SingleBinKernel } from '../../src/likelihood/index.js';
import type { CountingBin, CountingModel, PoiLikelihood } from '../../src/likelihood/index.js';

const bins: CountingBin[] = [
  { nOn: 30, signal0: 5, signal1: 20, beamBackground: 3, background: { kind: 'measured', nOff: 40, tau: 4 } },
  { nOn: 50, signal0: 10, signal1: 30, background: { kind: 'known', expected: 12 } },
  { nOn: 10, signal0: 1, signal1: 8, beamBackground: 2, background: { kind: 'measured', nOff: 8, tau: 2 } },
  {
    nOn: 0,
    signal0: 0.5,
    signal1: 3,
    beamBackground: 0.2,
    background: { kind: 'measured', nOff: 1, tau: 5 },
  },
];
const withNorms: CountingModel = {
  bins,
  signalNorm: { kind: 'gaussian', sigma: 0.12 },
  beamNorm: { kind: 'gaussian', sigma: 0.3 },
};

describe('combined fits (θ_sig, θ_beam shared, b_i per bin)', () => {
  test('without normalisation uncertainties the bins decouple: conditional NLL = Σ single-bin NLL', () => {
    const lik = countingLikelihood({ bins });
    for (const poi of [0, 0.3, 1]) {
      let sum = 0;
      bins.forEach((b, i) => {
        const k = new SingleBinKernel({ bins }, i);
        sum += k.conditional(b.nOn, b.background.kind === 'measured' ? b.background.nOff : 0, poi);
      });
      // closed forms on both sides: 1e-12
      expect(Math.abs(lik.fitConditional(poi).nll - sum)).toBeLessThan(1e-12 * (1 + sum));
    }
  });

  test('without normalisation uncertainties the per-bin-poi fit = Σ single-bin unconditional fits', () => {
    const lik = countingLikelihood({ bins });
    const per = lik.fitPerBinPoi();
    let sum = 0;
    bins.forEach((_, i) => (sum += lik.bin(i).fitUnconditional().nll));
    expect(per.diagnostics.converged).toBe(true);
    expect(Math.abs(per.nll - sum)).toBeLessThan(1e-10);
    bins.forEach((_, i) => expect(per.poi[i]).toBeCloseTo(lik.bin(i).fitUnconditional().poi, 6));
  });

  test('fits converge and report it; the unconditional NLL is below every conditional one', () => {
    const lik = countingLikelihood(withNorms);
    const u = lik.fitUnconditional();
    expect(u.diagnostics.converged).toBe(true);
    for (let j = 0; j <= 20; j++) {
      const c = lik.fitConditional(j / 20);
      expect(c.diagnostics.converged).toBe(true);
      expect(c.nll).toBeGreaterThanOrEqual(u.nll - 1e-12);
    }
    expect(lik.fitPerBinPoi().nll).toBeLessThanOrEqual(u.nll + 1e-12);
  });

  test('the profiled NLL equals countingNll at the fitted parameters (no hidden terms)', () => {
    const lik = countingLikelihood(withNorms);
    const c = lik.fitConditional(0.4);
    const full = countingNll(withNorms, {
      poi: 0.4,
      thetaSig: c.thetaSig,
      thetaBeam: c.thetaBeam,
      background: c.background,
    });
    expect(Math.abs(full - c.nll)).toBeLessThan(1e-12 * (1 + full));
  });

  test('the profiled NLL is a minimum: nudging any parameter does not lower countingNll', () => {
    const lik = countingLikelihood(withNorms);
    const c = lik.fitConditional(0.7);
    const base = { poi: 0.7, thetaSig: c.thetaSig, thetaBeam: c.thetaBeam, background: c.background };
    const f0 = countingNll(withNorms, base);
    for (const eps of [-1e-4, 1e-4]) {
      expect(countingNll(withNorms, { ...base, thetaSig: c.thetaSig + eps })).toBeGreaterThan(f0);
      expect(countingNll(withNorms, { ...base, thetaBeam: c.thetaBeam + eps })).toBeGreaterThan(f0);
      const bg = [...c.background];
      bg[2] = (bg[2] as number) + eps;
      expect(countingNll(withNorms, { ...base, background: bg })).toBeGreaterThan(f0);
    }
  });

  test('Asimov data: NLL = 0 at the generating poi', () => {
    const asimov = countingLikelihood(withNorms).asimov(0.35);
    expect(asimov.fitConditional(0.35).nll).toBeLessThan(1e-12);
    expect(asimov.fitUnconditional().poi).toBeCloseTo(0.35, 6);
  });

  test('relabelling (permuting) bins changes nothing', () => {
    const perm = [2, 0, 3, 1];
    const a = countingLikelihood(withNorms);
    const b: PoiLikelihood = countingLikelihood({
      ...withNorms,
      bins: perm.map((i) => bins[i] as CountingBin),
    });
    expect(b.fitUnconditional().poi).toBeCloseTo(a.fitUnconditional().poi, 8);
    expect(Math.abs(b.fitUnconditional().nll - a.fitUnconditional().nll)).toBeLessThan(1e-10);
    expect(Math.abs(b.fitConditional(0.2).nll - a.fitConditional(0.2).nll)).toBeLessThan(1e-10);
    const pa = a.fitPerBinPoi();
    const pb = b.fitPerBinPoi();
    expect(Math.abs(pa.nll - pb.nll)).toBeLessThan(1e-10);
    perm.forEach((from, to) => expect(pb.poi[to]).toBeCloseTo(pa.poi[from] as number, 6));
  });

  test('log-normal normalisations in the combined fit', () => {
    const lik = countingLikelihood({
      bins,
      signalNorm: { kind: 'lognormal', sigma: 0.12 },
      beamNorm: { kind: 'lognormal', sigma: 0.3 },
    });
    const u = lik.fitUnconditional();
    expect(u.diagnostics.converged).toBe(true);
    expect(u.thetaSig).toBeGreaterThan(0);
    expect(lik.fitConditional(0).nll).toBeGreaterThanOrEqual(u.nll);
  });
});
