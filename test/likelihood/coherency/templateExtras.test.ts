/**
 * What issue 11 added to the template analysis: expected counts per sample and bin, the per-channel
 * observed / SM / fitted counts, the α scan of the figures, the nuisance "impacts", and the one-band
 * shortcut (the combined α of a one-band dataset is band 0's α). On the synthetic three-band dataset
 * (fast) and the shipped one-band XENONnT fixture.
 */
import { describe, expect, test } from 'vitest';
import { loadAnyDataset, parseWorkspace, type TemplateDataset } from '../../../src/data/index.js';
import {
  analyzeTemplateDataset,
  bandAlphaHelm,
  nuisanceImpacts,
  poiIntervals,
  templateFigureData,
  templateModels,
  WorkspaceLikelihood,
} from '../../../src/likelihood/index.js';
import { expectRelClose } from '../../helpers.js';
import { syntheticTemplate } from './syntheticTemplate.js';

const xe = loadAnyDataset('xenonnt-8b') as TemplateDataset;

test('expectedBinsOf: the samples add up to expected(); each sums to expectedOf', () => {
  const m = templateModels(syntheticTemplate()).perBand;
  const pars = Float64Array.from(m.c.init).map((v, i) => v + 0.1 * ((i % 3) - 1));
  const total = Float64Array.from(m.expected(pars));
  const sum = new Float64Array(m.c.nMain);
  for (const o of m.c.occurrences) {
    const bins = m.expectedBinsOf(pars, (c, s) => c === o.channel && s === o.sample);
    bins.forEach((v, i) => (sum[i]! += v));
    expectRelClose(
      bins.reduce((t, v) => t + v, 0),
      m.expectedOf(pars, (c, s) => c === o.channel && s === o.sample),
      1e-14,
    );
  }
  // Same products summed in another order: equal to rounding.
  total.forEach((v, i) => expectRelClose(sum[i]!, v, 1e-13));
});

describe('XENONnT fixture (one band)', () => {
  const r = analyzeTemplateDataset(xe);

  test('the SM column is the Helm prediction: Σ channels nominal CEvNS = Σ_k s_Helm,k (by definition of α_Helm)', () => {
    const sm = r.template.channels.reduce((t, c) => t + c.nominalSignal, 0);
    expectRelClose(
      sm,
      xe.bands[0]!.nuclei.reduce((t, n) => t + n.sHelm!, 0),
      1e-9,
    );
    for (const c of r.template.channels) expectRelClose(c.fitted, c.fittedSignal + c.fittedBackground, 1e-12);
    expect(r.template.channels.map((c) => c.observed)).toEqual([9, 28, 25]);
    expect(bandAlphaHelm(xe)[0]).toBeCloseTo(r.bins[0]!.alphaHelm!, 12);
  });

  test('one band: the combined intervals (reused from band 0) equal those of the combined model itself', () => {
    const own = poiIntervals(new WorkspaceLikelihood(templateModels(xe).combined), [0.6827, 0.9]);
    // Two minimisations of the same likelihood under other parameter names: edges agree to the
    // Brent tolerance of the interval search (1e-9) plus fit convergence.
    expect(r.combined.alpha68.lo).toBeCloseTo(own[0]!.lower, 6);
    expect(r.combined.alpha90.lo).toBeCloseTo(own[1]!.lower, 6);
  });

  test('α scan: t(α) crosses its 68.27 % critical value where the printed interval starts', () => {
    const s = templateFigureData(xe, { scanPoints: 21 }).scan;
    const lo = r.combined.alpha68.lo;
    const k = s.alpha.findIndex((a) => a > lo);
    // Rejected just below the edge, accepted just above (grid step 0.05).
    expect(s.combined[k - 1]!).toBeGreaterThan(s.critical68[k - 1]!);
    expect(s.combined[k]!).toBeLessThan(s.critical68[k]!);
  });
});

test('impacts: fixing a nuisance at its best fit never lowers Z(α = 0); all fixed is the highest', () => {
  const imp = nuisanceImpacts(syntheticTemplate());
  expect(imp.fixedOneAtATime.map((x) => x.name).sort()).toEqual(['bkg_norm', 'bkg_tilt', 'flux']);
  // The unconditional fit is unchanged (the nuisance sits at its best fit) and the conditional one is
  // more constrained, so q0 can only grow (1e-6: fit tolerance).
  for (const x of imp.fixedOneAtATime) {
    expect(x.zAlpha0).toBeGreaterThanOrEqual(imp.profiled.zAlpha0 - 1e-6);
    expect(imp.allFixed.zAlpha0).toBeGreaterThanOrEqual(x.zAlpha0 - 1e-6);
    expect(x.alphaHat).toBeCloseTo(imp.profiled.alphaHat, 5);
  }
  const z = imp.fixedOneAtATime.map((x) => x.zAlpha0);
  expect(z).toEqual([...z].sort((a, b) => b - a));
});

test('the CEvNS significance (free signal strength) does not depend on the predicted signal normalisation', () => {
  // q0 = 2[NLL(μ = 0) − NLL(μ̂)]: scaling every CEvNS sample by c moves μ̂ to μ̂/c (inside its bounds)
  // and leaves both NLLs unchanged. The README's comparison with XENONnT's 2.73σ rests on this.
  const ws = parseWorkspace(xe.workspace);
  const c = 1 / 0.83;
  const scaled = (a: readonly number[]) => a.map((v) => v * c);
  const bigger: TemplateDataset = {
    ...xe,
    bands: xe.bands.map((b) => ({
      ...b,
      nuclei: b.nuclei.map((n) => ({ ...n, sCoh: n.sCoh * c, sHelm: n.sHelm! * c })),
    })),
    workspace: {
      ...ws,
      channels: ws.channels.map((ch) => ({
        ...ch,
        samples: ch.samples.map((s) =>
          !s.name.startsWith('cevns_')
            ? s
            : {
                ...s,
                data: scaled(s.data),
                modifiers: s.modifiers.map((m) =>
                  m.type === 'histosys'
                    ? { ...m, data: { lo_data: scaled(m.data.lo_data), hi_data: scaled(m.data.hi_data) } }
                    : m,
                ),
              },
        ),
      })),
    },
  };
  const [a, b] = [analyzeTemplateDataset(xe).template.signal, analyzeTemplateDataset(bigger).template.signal];
  expectRelClose(b.z, a.z, 1e-5);
  expectRelClose(b.mu * c, a.mu, 1e-4);
});
