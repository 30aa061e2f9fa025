/**
 * The pyhf workspace of the CsI 2021 template dataset. Two channels, both PE × arrival time (row-major,
 * time fastest):
 *
 * "c" (coincidence window, beam on), samples:
 *   cevns_excess_b<j> = Σ_k s_jk(1 − d_k)  normfactor alpha_b<j>; normsys flux (±10 %, PRL);
 *                                           histosys scint_resp_0, scint_resp_1 (scintRespCoefficients.txt
 *                                           models 0 and 1), efficiency (effCoefficients.txt variants)
 *   cevns_floor_b<j>  = Σ_k s_jk d_k        the same modifiers without alpha_b<j>
 *   brn   normsys brn_norm (±25 %, PRL); histosys brn_timing_mean, brn_timing_width
 *   nin   normsys nin_norm (±36 %, PRL); histosys nin_timing_mean, nin_timing_width
 *   ssb   shapefactor ssb (one free parameter per bin, shared with "ac")
 * "ac" (anti-coincidence window, beam on): ssb with the same shapefactor — the exact on/off model.
 *
 * normsys lo/hi = 1 ∓ σ (pyhf code4); histosys lo_data/hi_data = the template rebuilt at −1σ/+1σ of
 * its input (never a normalisation only). Measurements: "alpha_b0_measurement" (POI alpha_b0), with
 * every alpha_b<j> bounded to [0, 1], init 1, and the ssb shapefactor bounded per bin
 * (backgrounds.steadyStateBounds).
 */
import type { Modifier, Sample, Workspace } from '../../workspace/index.js';
import {
  bandPoi,
  excessSample,
  floorSample,
  normsys,
  templateSample as sample,
  type VariedTemplate,
} from '../common/index.js';

export { bandPoi, excessSample, floorSample, type VariedTemplate } from '../common/index.js';

export interface CsiWorkspaceInputs {
  /** Per band: excess and floor templates in the "c" channel. */
  readonly bands: readonly { readonly excess: VariedTemplate; readonly floor: VariedTemplate }[];
  readonly brn: VariedTemplate;
  readonly nin: VariedTemplate;
  readonly ssbNominal: Float64Array;
  readonly ssbBounds: readonly number[];
  readonly cCounts: readonly number[];
  readonly acCounts: readonly number[];
  readonly fluxRelUncertainty: number;
  readonly brnRelUncertainty: number;
  readonly ninRelUncertainty: number;
}

export const CSI_2021_CHANNELS = { coincidence: 'c', anticoincidence: 'ac' } as const;
export const CSI_2021_MEASUREMENT = 'alpha_b0_measurement';

const arr = (a: ArrayLike<number>): number[] => Array.from(a);

export function buildCsiWorkspace(x: CsiWorkspaceInputs): Workspace {
  const ssbMod: Modifier = { name: 'ssb', type: 'shapefactor', data: null };
  const flux = normsys('flux', x.fluxRelUncertainty);
  const c: Sample[] = [];
  x.bands.forEach((b, j) => {
    c.push(sample(excessSample(j), b.excess, [{ name: bandPoi(j), type: 'normfactor', data: null }, flux]));
    c.push(sample(floorSample(j), b.floor, [flux]));
  });
  c.push(sample('brn', x.brn, [normsys('brn_norm', x.brnRelUncertainty)]));
  c.push(sample('nin', x.nin, [normsys('nin_norm', x.ninRelUncertainty)]));
  c.push({ name: 'ssb', data: arr(x.ssbNominal), modifiers: [ssbMod] });
  return {
    channels: [
      { name: CSI_2021_CHANNELS.coincidence, samples: c },
      {
        name: CSI_2021_CHANNELS.anticoincidence,
        samples: [{ name: 'ssb', data: arr(x.ssbNominal), modifiers: [ssbMod] }],
      },
    ],
    observations: [
      { name: CSI_2021_CHANNELS.coincidence, data: arr(x.cCounts) },
      { name: CSI_2021_CHANNELS.anticoincidence, data: arr(x.acCounts) },
    ],
    measurements: [
      {
        name: CSI_2021_MEASUREMENT,
        config: {
          poi: bandPoi(0),
          parameters: [
            ...x.bands.map((_, j) => ({
              name: bandPoi(j),
              bounds: [[0, 1]] as [number, number][],
              inits: [1],
            })),
            { name: 'ssb', bounds: x.ssbBounds.map((hi) => [0, hi] as [number, number]) },
          ],
        },
      },
    ],
    version: '1.0.0',
  };
}
