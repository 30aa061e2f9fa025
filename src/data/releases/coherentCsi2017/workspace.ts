/**
 * The pyhf workspace of the CsI 2017 quenching-factor template dataset. Two channels, PE × arrival time
 * (row-major, time fastest; one time bin by default):
 *
 * "c" (coincidence window, beam on), samples:
 *   cevns_excess_b<j> = Σ_k s_jk(1 − d_k)  normfactor alpha_b<j>; normsys flux, acceptance, light_yield
 *                                           (yaml uncertainties); histosys quenching (QF ± 1σ, yaml)
 *   cevns_floor_b<j>  = Σ_k s_jk d_k        the same modifiers without alpha_b<j>
 *   prompt_neutrons   normsys prompt_neutron_norm (±25 %, promptPDF.txt header / yaml)
 *   ssb               shapefactor ssb (one free parameter per bin, shared with "off")
 * "off" (anti-coincidence beam on, optionally + both beam-off windows): ssb × τ with the same
 *   shapefactor — the exact on/off model with exposure ratio τ.
 * Measurement "alpha_b0_measurement": every alpha_b<j> in [0, 1] (init 1), ssb bounded per bin
 * (common/onOffWorkspace.ts).
 */
import type { Workspace } from '../../workspace/index.js';
import { normsys, onOffWorkspace, type VariedTemplate } from '../common/index.js';

export const CSI_2017_QF_CHANNELS = { coincidence: 'c', offSource: 'off' } as const;
export const CSI_2017_QF_MEASUREMENT = 'alpha_b0_measurement';

export interface Csi2017QfWorkspaceInputs {
  readonly bands: readonly { readonly excess: VariedTemplate; readonly floor: VariedTemplate }[];
  readonly promptNeutrons: Float64Array;
  readonly promptNeutronRelUncertainty: number;
  readonly signalNorm: { readonly flux: number; readonly acceptance: number; readonly lightYield: number };
  readonly ssbNominal: Float64Array;
  readonly ssbBounds: readonly number[];
  readonly tau: number;
  readonly cCounts: readonly number[];
  readonly offCounts: readonly number[];
}

export function buildCsi2017QfWorkspace(x: Csi2017QfWorkspaceInputs): Workspace {
  return onOffWorkspace({
    channels: { on: CSI_2017_QF_CHANNELS.coincidence, off: CSI_2017_QF_CHANNELS.offSource },
    measurement: CSI_2017_QF_MEASUREMENT,
    bands: x.bands,
    signalModifiers: [
      normsys('flux', x.signalNorm.flux),
      normsys('acceptance', x.signalNorm.acceptance),
      normsys('light_yield', x.signalNorm.lightYield),
    ],
    backgrounds: [
      {
        name: 'prompt_neutrons',
        data: Array.from(x.promptNeutrons),
        modifiers: [normsys('prompt_neutron_norm', x.promptNeutronRelUncertainty)],
      },
    ],
    ssbNominal: x.ssbNominal,
    ssbBounds: x.ssbBounds,
    tau: x.tau,
    onCounts: x.cCounts,
    offCounts: x.offCounts,
  });
}
