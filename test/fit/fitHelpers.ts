/**
 * Builders of small synthetic datasets (schema-valid, checked by parseDataset in datasets.test.ts) and
 * toy statistics shared by the fit tests.
 */
import type { CountsDataset, XiDataset } from '../../src/data/dataset.js';
import { decoherentXi, isotope, type Nucleus } from '../../src/physics/index.js';

export const EPS = 0.045;

export const CS133 = isotope('Cs', 133) as Nucleus;
export const AR40 = isotope('Ar', 40) as Nucleus;

const common = (id: string, nuclei: readonly Nucleus[]) => ({
  $schemaVersion: '1.0.0' as const,
  experiment: 'toy',
  id,
  title: `synthetic ${id}`,
  publication: { citation: 'none (synthetic)', arXiv: 'none', doi: 'none' },
  provenance: { dataRecordDoi: 'none', files: ['none'], generator: 'test/fit/fitHelpers.ts' },
  target: {
    label: nuclei.map((n) => n.label).join('+'),
    nuclei: nuclei.map((n) => ({
      label: n.label,
      Z: n.Z,
      N: n.N,
      A: n.A,
      massMeV: n.massMeV,
      atomsPerFormulaUnit: 1,
      decoherentXi: decoherentXi(n, EPS),
    })),
  },
  epsilon: EPS,
});

/** A ξ ± σ dataset on one nucleus with bins [q2Edges[i], q2Edges[i+1]] and ξ given per bin. */
export function xiDataset(
  id: string,
  nucleus: Nucleus,
  q2Edges: readonly number[],
  xi: readonly number[],
  sigma: readonly number[],
): XiDataset {
  return {
    ...common(id, [nucleus]),
    kind: 'xi',
    bins: xi.map((x, i) => ({
      q2LoMeV2: q2Edges[i] as number,
      q2HiMeV2: q2Edges[i + 1] as number,
      xi: x,
      sigma: sigma[i] as number,
    })),
  };
}

export interface CountsBinSpec {
  readonly q2Lo: number;
  readonly q2Hi: number;
  /** α = 1 counts. */
  readonly sCoh: number;
  readonly beam: number;
  readonly nOn: number;
  readonly nOff: number;
  readonly tau: number;
}

/** An on/off counts dataset on one nucleus; sHelm omitted unless given (then the q² treatment can be 'calibrated'). */
export function countsDataset(
  id: string,
  nucleus: Nucleus,
  bins: readonly CountsBinSpec[],
  sigSig: number,
  sigBeam: number,
  sHelm?: readonly number[],
): CountsDataset {
  return {
    ...common(id, [nucleus]),
    kind: 'counts',
    observable: { name: 'recoil energy', unit: 'keVnr' },
    analysisChoices: {},
    signalNormRelUncertainty: sigSig,
    beamBackgroundRelUncertainty: sigBeam,
    bins: bins.map((b, i) => ({
      observableLo: b.q2Lo,
      observableHi: b.q2Hi,
      tLoKeV: (b.q2Lo / (2 * nucleus.massMeV)) * 1e3,
      tHiKeV: (b.q2Hi / (2 * nucleus.massMeV)) * 1e3,
      q2LoMeV2: b.q2Lo,
      q2HiMeV2: b.q2Hi,
      nOn: b.nOn,
      nOff: b.nOff,
      tau: b.tau,
      beamBackground: b.beam,
      sCoh: b.sCoh,
      ...(sHelm ? { sHelm: sHelm[i] as number } : {}),
      nuclei: [
        {
          label: nucleus.label,
          sCoh: b.sCoh,
          ...(sHelm ? { sHelm: sHelm[i] as number } : {}),
          q2LoMeV2: b.q2Lo,
          q2HiMeV2: b.q2Hi,
        },
      ],
    })),
  };
}

/** Mean, standard deviation and their Monte Carlo errors of a sample. */
export function sampleStats(xs: readonly number[]): {
  mean: number;
  sd: number;
  meanErr: number;
  sdErr: number;
} {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, sd, meanErr: sd / Math.sqrt(n), sdErr: sd / Math.sqrt(2 * (n - 1)) };
}

/** Binomial fraction with its standard error. */
export function fractionStats(hits: number, n: number): { f: number; err: number } {
  const f = hits / n;
  return { f, err: Math.sqrt((0.6827 * (1 - 0.6827)) / n) };
}
