/**
 * The HistFactory workspace of the CENNS-10 Analysis A release (pyhf schema 1.0.0): one channel whose
 * 960 bins are the release's energy × F90 × time grid (row-major, time fastest), observed counts from
 * datanobkgsub.txt, and the samples
 *
 *   cevns_excess_b<j>  Σ_k s_jk(1 − d_k)   normfactor alpha_b<j> ∈ [0, 1]; normsys cevns_norm;
 *                                          histosys cevns_f90, cevns_timing_mean (and qf_a, qf_b)
 *   cevns_floor_b<j>   Σ_k s_jk·d_k        the same modifiers without alpha_b<j>
 *   brn_prompt         brnpdf.txt          normsys brn_prompt_norm; histosys brn_energy,
 *                                          brn_timing_mean, brn_timing_width
 *   brn_delayed        delbrnpdf.txt       brn_delayed_norm (see normalisationModifier)
 *   steady_state       bkgpdf.txt          normsys ss_norm (the beam-off constraint)
 *
 * with the relative normalisation uncertainties of LArParametersAnlA.yaml's predictions.
 */
import type { Modifier, ParameterConfig, Sample, Workspace } from '../../workspace/index.js';
import { WORKSPACE_VERSION } from '../../workspace/index.js';
import {
  bandPoi,
  bandSamplePair,
  histosys,
  normsys,
  variedTemplate,
  type HistosysTemplate,
} from '../common/index.js';

export type HistoSysPair = HistosysTemplate;

export interface BandSamples {
  readonly excess: Float64Array;
  readonly floor: Float64Array;
  /** The band's ±1σ templates of its excess and floor samples, per histosys name. */
  readonly excessSys: readonly HistoSysPair[];
  readonly floorSys: readonly HistoSysPair[];
}

export interface ArWorkspaceInputs {
  readonly channel: string;
  readonly measurement: string;
  readonly observed: Float64Array;
  readonly bands: readonly BandSamples[];
  readonly promptBrn: Float64Array;
  readonly delayedBrn: Float64Array;
  readonly steadyState: Float64Array;
  readonly brnSys: readonly HistoSysPair[];
  /** Relative 1σ normalisation uncertainties. */
  readonly relUnc: {
    readonly cevns: number;
    readonly promptBrn: number;
    readonly delayedBrn: number;
    readonly steadyState: number;
  };
}

/** The background samples (the CEvNS bands are named as every release's: common/templateWorkspace.ts). */
export const AR_SAMPLE_NAMES = {
  promptBrn: 'brn_prompt',
  delayedBrn: 'brn_delayed',
  steadyState: 'steady_state',
} as const;

const list = (a: Float64Array): number[] => Array.from(a);

/**
 * A normalisation with relative uncertainty σ. σ < 1: normsys lo = 1 − σ, hi = 1 + σ (pyhf's code-4
 * interpolation, which needs lo > 0). σ ≥ 1 (the delayed BRN, 33 ± 33): a normsys cannot express it
 * (lo = 0 has no logarithm), so it is a histosys lo = 0, hi = (1 + σ)·nominal — linear (code 0), i.e. a
 * Gaussian on the yield with that σ — with the parameter bounded below at −1 so the yield stays ≥ 0.
 */
export function normalisationModifier(
  name: string,
  relUnc: number,
  nominal: Float64Array,
): { modifier: Modifier; bounds?: [number, number] } {
  if (relUnc < 1) return { modifier: normsys(name, relUnc) };
  return {
    modifier: histosys({
      name,
      lo: new Float64Array(nominal.length),
      hi: nominal.map((v) => (1 + relUnc) * v),
    }),
    bounds: [-1, 5],
  };
}

export function buildArWorkspace(x: ArWorkspaceInputs): Workspace {
  const cevnsNorm = normsys('cevns_norm', x.relUnc.cevns);
  const samples: Sample[] = [];
  x.bands.forEach((b, j) => {
    const band = {
      excess: variedTemplate(b.excess, b.excessSys),
      floor: variedTemplate(b.floor, b.floorSys),
    };
    samples.push(...bandSamplePair(j, band, [cevnsNorm]));
  });
  const prompt = normalisationModifier('brn_prompt_norm', x.relUnc.promptBrn, x.promptBrn);
  const delayed = normalisationModifier('brn_delayed_norm', x.relUnc.delayedBrn, x.delayedBrn);
  const steady = normalisationModifier('ss_norm', x.relUnc.steadyState, x.steadyState);
  samples.push({
    name: AR_SAMPLE_NAMES.promptBrn,
    data: list(x.promptBrn),
    modifiers: [prompt.modifier, ...x.brnSys.map(histosys)],
  });
  samples.push({ name: AR_SAMPLE_NAMES.delayedBrn, data: list(x.delayedBrn), modifiers: [delayed.modifier] });
  samples.push({
    name: AR_SAMPLE_NAMES.steadyState,
    data: list(x.steadyState),
    modifiers: [steady.modifier],
  });

  const parameters: ParameterConfig[] = x.bands.map((_, j) => ({
    name: bandPoi(j),
    bounds: [[0, 1]],
    inits: [1],
  }));
  for (const n of [prompt, delayed, steady]) {
    if (n.bounds) parameters.push({ name: n.modifier.name, bounds: [n.bounds] });
  }
  return {
    version: WORKSPACE_VERSION,
    channels: [{ name: x.channel, samples }],
    observations: [{ name: x.channel, data: list(x.observed) }],
    measurements: [{ name: x.measurement, config: { poi: bandPoi(0), parameters } }],
  };
}
