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
 * "ac" (anti-coincidence window, beam on): ssb with the same shapefactor — the exact on/off model
 * (common/onOffWorkspace.ts).
 *
 * normsys lo/hi = 1 ∓ σ (pyhf code4); histosys lo_data/hi_data = the template rebuilt at −1σ/+1σ of
 * its input (never a normalisation only). Measurements: "alpha_b0_measurement" (POI alpha_b0), with
 * every alpha_b<j> bounded to [0, 1], init 1, and the ssb shapefactor bounded per bin
 * (backgrounds.steadyStateBounds).
 */
import type { Workspace } from '../../workspace/index.js';
import { normsys, onOffWorkspace, templateSample, type VariedTemplate } from '../common/index.js';

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

export function buildCsiWorkspace(x: CsiWorkspaceInputs): Workspace {
  return onOffWorkspace({
    channels: { on: CSI_2021_CHANNELS.coincidence, off: CSI_2021_CHANNELS.anticoincidence },
    measurement: CSI_2021_MEASUREMENT,
    bands: x.bands,
    signalModifiers: [normsys('flux', x.fluxRelUncertainty)],
    backgrounds: [
      templateSample('brn', x.brn, [normsys('brn_norm', x.brnRelUncertainty)]),
      templateSample('nin', x.nin, [normsys('nin_norm', x.ninRelUncertainty)]),
    ],
    ssbNominal: x.ssbNominal,
    ssbBounds: x.ssbBounds,
    tau: 1,
    onCounts: x.cCounts,
    offCounts: x.acCounts,
  });
}
