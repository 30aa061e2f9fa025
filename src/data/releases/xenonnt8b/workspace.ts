/**
 * The HistFactory workspace (pyhf schema 1.0.0) of the XENONnT ⁸B analysis: one channel per science
 * run (81 bins each, the release's binning), with samples
 *
 *   cevns_excess_b<j>  Σ_k s_jk(1 − d_k) × normfactor alpha_b<j> ∈ [0, 1]     (coherent excess of band j)
 *   cevns_floor_b<j>   Σ_k s_jk d_k                                           (decoherent floor of band j)
 *   bkg_ac             AC template × exposure     normsys ac_norm_<run> (per run)
 *   bkg_er             ER template × exposure     er_norm: 100 %, see below (shared by the runs)
 *   bkg_rg             RG template × exposure     normsys rg_norm (shared)
 *
 * Both CEvNS samples carry normsys `flux_8b` (SNO ⁸B flux, asymmetric), normsys `signal_eff` (the
 * collaboration's signal-expectation uncertainty) and one histosys per yield nuisance (the release's
 * t_ly/t_qy ±1σ templates when present, else this toolkit's `nr_energy_scale`); bkg_rg carries the
 * t_ly/t_qy histosys too when the release has them. All but ac_norm_<run> are shared across runs, as
 * in XENONnT's own model (constants.ts).
 *
 * er_norm is XENONnT's 100 % Gaussian normalisation. A normsys cannot express it (lo = 1 − σ = 0, and
 * code4 takes log lo), so it is a histosys with lo_data = 0 and hi_data = 2 × nominal, which pyhf's
 * code4p interpolates exactly linearly: ν = ν₀(1 + θ), θ ~ N(0, 1), bounded to θ ≥ −1 (ν ≥ 0) in every
 * measurement — the collaboration's multiplier 1 + θ with fit limits [0, 100].
 *
 * Measurements: one per band, `alpha_b<j>` as POI, every alpha bounded to [0, 1] with init 1.
 */
import { WORKSPACE_VERSION, type Modifier, type Sample, type Workspace } from '../../workspace/index.js';
import {
  bandPoi,
  bandSamplePair,
  histosys,
  normsys,
  variedTemplate,
  type HistosysTemplate,
} from '../common/index.js';

export type ShapeVariation = HistosysTemplate;

export interface BandSamples {
  readonly excess: Float64Array;
  readonly floor: Float64Array;
  readonly excessShapes: readonly ShapeVariation[];
  readonly floorShapes: readonly ShapeVariation[];
}

export interface ChannelSamples {
  readonly name: string;
  readonly observed: readonly number[];
  readonly bands: readonly BandSamples[];
  /** Expected events per bin over the run's exposure. */
  readonly ac: Float64Array;
  readonly er: Float64Array;
  readonly rg: Float64Array;
  readonly rgShapes: readonly ShapeVariation[];
  readonly acRelSigma: number;
}

export interface SharedNormalisations {
  /** ⁸B flux, relative −1σ and +1σ. */
  readonly fluxRel: { readonly lo: number; readonly hi: number };
  readonly signalEfficiencyRel: number;
  readonly erRel: number;
  readonly rgRel: number;
}

export { bandPoi };
export const measurementName = (j: number) => `alpha_b${j}_measurement`;

const arr = (a: Float64Array): number[] => Array.from(a);

/** The normalisations every CEvNS sample carries, before its shape variations. */
const signalNormalisations = (n: SharedNormalisations): Modifier[] => [
  normsys('flux_8b', n.fluxRel.lo, n.fluxRel.hi),
  normsys('signal_eff', n.signalEfficiencyRel),
];

function erModifier(er: Float64Array, rel: number): Modifier {
  return {
    name: 'er_norm',
    type: 'histosys',
    data: {
      lo_data: arr(er.map((v) => Math.max(0, v * (1 - rel)))),
      hi_data: arr(er.map((v) => v * (1 + rel))),
    },
  };
}

function channelSamples(c: ChannelSamples, n: SharedNormalisations): Sample[] {
  const samples: Sample[] = [];
  c.bands.forEach((b, j) => {
    const band = {
      excess: variedTemplate(b.excess, b.excessShapes),
      floor: variedTemplate(b.floor, b.floorShapes),
    };
    samples.push(...bandSamplePair(j, band, signalNormalisations(n)));
  });
  samples.push({
    name: 'bkg_ac',
    data: arr(c.ac),
    modifiers: [normsys(`ac_norm_${c.name}`, c.acRelSigma)],
  });
  samples.push({ name: 'bkg_er', data: arr(c.er), modifiers: [erModifier(c.er, n.erRel)] });
  samples.push({
    name: 'bkg_rg',
    data: arr(c.rg),
    modifiers: [normsys('rg_norm', n.rgRel), ...c.rgShapes.map(histosys)],
  });
  return samples;
}

/** The workspace for the given channels (runs) and shared normalisations. */
export function buildXenonntWorkspace(
  channels: readonly ChannelSamples[],
  n: SharedNormalisations,
): Workspace {
  const nBands = channels[0]!.bands.length;
  const bands = Array.from({ length: nBands }, (_, j) => j);
  // θ ≥ −1 keeps the ER expectation ν₀(1 + θ) ≥ 0 when er_norm's lo is 0 (σ = 100 %).
  const erLowerBound = Math.max(-5, -1 / n.erRel);
  const parameters = [
    ...bands.map((j) => ({ name: bandPoi(j), bounds: [[0, 1]] as [number, number][], inits: [1] })),
    { name: 'er_norm', bounds: [[erLowerBound, 5]] as [number, number][] },
  ];
  return {
    channels: channels.map((c) => ({ name: c.name, samples: channelSamples(c, n) })),
    measurements: bands.map((j) => ({
      name: measurementName(j),
      config: { poi: bandPoi(j), parameters },
    })),
    observations: channels.map((c) => ({ name: c.name, data: [...c.observed] })),
    version: WORKSPACE_VERSION,
  };
}
