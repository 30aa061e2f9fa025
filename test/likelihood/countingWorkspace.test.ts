/**
 * A counting model and its HistFactory workspace (countingWorkspace.ts) are the same likelihood:
 * t̃(poi) — a difference of profiled NLLs, so constants cancel — agrees between the counting fitters
 * (closed-form profiles, CountingFitter) and the general engine on the workspace, for every kind of
 * background (measured with n_off = 0, known fixed, known constrained, measured + known), Gaussian and
 * log-normal normalisations, and the per-bin alternative of the global test.
 * Tolerance 1e-6 absolute on t̃ (values up to ~50): both sides minimise to EDM ≤ 1e-10..1e-12, so their
 * t̃ agree to ~1e-9; 1e-6 leaves room for the flat directions of bins with tiny signal.
 */
import { describe, expect, test } from 'vitest';
import {
  compileWorkspace,
  countingLikelihood,
  countingWorkspace,
  HistFactoryModel,
  tildeT,
  WorkspaceLikelihood,
  type CountingModel,
} from '../../src/likelihood/index.js';
import { parseWorkspace } from '../../src/data/index.js';

function engine(model: CountingModel): WorkspaceLikelihood {
  const cw = countingWorkspace(model);
  const ws = parseWorkspace(cw.workspace, 'test');
  const pb = countingWorkspace(model, { poi: 'perBin' });
  const cpb = compileWorkspace(pb.workspace, { poi: null, interpolation: pb.interpolation });
  return new WorkspaceLikelihood(
    new HistFactoryModel(compileWorkspace(ws, { interpolation: cw.interpolation })),
    {
      perBin: {
        model: new HistFactoryModel(cpb),
        pois: cpb.parNames.flatMap((n, i) => (n.startsWith('poi_bins') ? [i] : [])),
      },
      nBins: model.bins.length,
    },
  );
}

const measured = (nOn: number, nOff: number, tau: number, s1: number, f = 0) => ({
  nOn,
  signal0: 0.02 * s1,
  signal1: s1,
  beamBackground: f,
  background: { kind: 'measured' as const, nOff, tau },
});

const cases: { name: string; model: CountingModel }[] = [
  {
    name: 'measured backgrounds (one n_off = 0), Gaussian normalisations',
    model: {
      bins: [measured(30, 12, 2, 20, 3), measured(8, 0, 1.5, 6, 1), measured(15, 40, 4, 5, 0.5)],
      signalNorm: { kind: 'gaussian', sigma: 0.12 },
      beamNorm: { kind: 'gaussian', sigma: 0.3 },
    },
  },
  {
    name: 'log-normal normalisations (normsys code1)',
    model: {
      bins: [measured(30, 12, 2, 20, 3), measured(12, 5, 1, 9, 2)],
      signalNorm: { kind: 'lognormal', sigma: 0.15 },
      beamNorm: { kind: 'lognormal', sigma: 0.25 },
    },
  },
  {
    name: 'known backgrounds: fixed and constrained, and measured + known',
    model: {
      bins: [
        { nOn: 25, signal0: 0.3, signal1: 15, background: { kind: 'known', expected: 6 } },
        { nOn: 14, signal0: 0.2, signal1: 9, background: { kind: 'known', expected: 4, sigma: 1.5 } },
        {
          ...measured(20, 9, 2, 12, 1),
          background: { kind: 'measured', nOff: 9, tau: 2, known: { expected: 3, sigma: 1 } },
        },
      ],
      signalNorm: { kind: 'gaussian', sigma: 0.1 },
    },
  },
];

describe('counting model = its pyhf workspace', () => {
  test.for(cases)('$name: t̃ on a grid and the per-bin alternative', ({ model }) => {
    const a = countingLikelihood(model);
    const b = engine(model);
    for (const poi of [0, 0.25, 0.5, 0.75, 1]) {
      expect(Math.abs(tildeT(a, poi).t - tildeT(b, poi).t), `t̃(${poi})`).toBeLessThan(1e-6);
    }
    expect(Math.abs(a.fitUnconditional().poi - b.fitUnconditional().poi)).toBeLessThan(1e-5);
    // Λ-type differences: conditional at 1 minus the per-bin fit.
    const la = a.fitConditional(1).nll - a.fitPerBinPoi().nll;
    const lb = b.fitConditional(1).nll - b.fitPerBinPoi().nll;
    expect(Math.abs(la - lb)).toBeLessThan(1e-6);
  });

  test('a constrained known background of 0 events cannot be exported', () => {
    expect(() =>
      countingWorkspace({
        bins: [{ nOn: 3, signal0: 0, signal1: 2, background: { kind: 'known', expected: 0, sigma: 1 } }],
      }),
    ).toThrow(/expected > 0/);
  });
});
