/** Synthetic counting models for the toy tests (no dataset needed). */
import type { CountingModel } from '../../src/likelihood/index.js';

/** Three bins like the COHERENT CsI ones (tens of counts, τ = 1, shared Gaussian normalisations). */
export const threeBins: CountingModel = {
  bins: [
    {
      nOn: 35,
      signal0: 0.2,
      signal1: 12.6,
      beamBackground: 0.2,
      background: { kind: 'measured', nOff: 26, tau: 1 },
    },
    {
      nOn: 62,
      signal0: 0.3,
      signal1: 23.1,
      beamBackground: 0.4,
      background: { kind: 'measured', nOff: 51, tau: 1 },
    },
    {
      nOn: 21,
      signal0: 0.2,
      signal1: 16.3,
      beamBackground: 0.4,
      background: { kind: 'measured', nOff: 21, tau: 1 },
    },
  ],
  signalNorm: { kind: 'gaussian', sigma: 0.18 },
  beamNorm: { kind: 'gaussian', sigma: 0.25 },
};

/** One bin with large counts, where the asymptotic formulas should hold. */
export const largeCounts: CountingModel = {
  bins: [{ nOn: 3470, signal0: 200, signal1: 2000, background: { kind: 'measured', nOff: 3200, tau: 2 } }],
  signalNorm: { kind: 'gaussian', sigma: 0.02 },
};

/** One bin with small counts (expect a handful of events), constrained normalisations. */
export const smallCounts: CountingModel = {
  bins: [
    {
      nOn: 7,
      signal0: 0.4,
      signal1: 6,
      beamBackground: 0.6,
      background: { kind: 'measured', nOff: 6, tau: 2 },
    },
  ],
  signalNorm: { kind: 'gaussian', sigma: 0.2 },
  beamNorm: { kind: 'gaussian', sigma: 0.25 },
};

/** One bin, known background, fixed normalisations: the toy distributions can be enumerated exactly. */
export const knownBackground: CountingModel = {
  bins: [{ nOn: 5, signal0: 0.5, signal1: 8, background: { kind: 'known', expected: 3 } }],
};
