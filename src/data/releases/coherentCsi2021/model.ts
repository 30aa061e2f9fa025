/**
 * Every template of the CsI 2021 model, from the release and the options (no workspace yet):
 * CEvNS per band and nucleus under the nominal response and its ±1σ variations, BRN and NIN with their
 * timing variations, the event histograms and the SSB nominal. dataset.ts turns this into the fixture.
 */
import { MeVToKeV, MICHEL_END_POINT_MEV, maxQ2, resolveTarget, type Target } from '../../../physics/index.js';
import { SpecError } from '../../../errors.js';
import { neutronTemplate, type TimingVariation } from './backgrounds.js';
import { efficiencyVariants, type EfficiencyModel, type ScintillationModel } from './coefficients.js';
import { histogramEvents } from './eventLists.js';
import type { ResolvedCsi2021Options } from './options.js';
import {
  CSI_2021_BEAM,
  CSI_2021_GAMMA_RESOLUTION,
  CSI_2021_LIGHT_YIELD_PE_PER_KEVEE,
  CSI_2021_NEUTRONS,
  CSI_2021_TIME_EFFICIENCY,
} from './publication.js';
import type { CoherentCsi2021Release, NeutronShapes } from './release.js';
import { csiPeResponse } from './response.js';
import {
  cevnsBandTemplates,
  steadyStateBounds,
  steadyStateNominal,
  type SignalTemplates,
  type VariedTemplate,
} from '../common/index.js';
import {
  delayedDensity,
  fitPulseMean,
  promptDensity,
  timeBinProbabilities,
  type PulseModel,
} from './timing.js';

/** Names of the CEvNS shape systematics and the (down, up) responses behind each. */
export const CEVNS_HISTOSYS = ['scint_resp_0', 'scint_resp_1', 'efficiency'] as const;

export interface CsiModel {
  readonly target: Target;
  readonly pulse: PulseModel;
  readonly pulseFitMaxRelResidual: number;
  readonly time: { readonly prompt: Float64Array; readonly delayed: Float64Array };
  readonly signal: SignalTemplates;
  /** Upper q² edge of the last band as used (≥ the kinematic end point). */
  readonly q2MaxMeV2: number;
  readonly brn: VariedTemplate;
  readonly nin: VariedTemplate;
  readonly cCounts: number[];
  readonly acCounts: number[];
  readonly ssbNominal: Float64Array;
  readonly ssbBounds: number[];
}

function neutronVaried(
  shapes: NeutronShapes,
  events: number,
  o: ResolvedCsi2021Options,
  prefix: 'brn' | 'nin',
): VariedTemplate {
  const shift = prefix === 'brn' ? o.brnTimingShiftUs : o.ninTimingShiftUs;
  const width = prefix === 'brn' ? o.brnTimingWidthRel : o.ninTimingWidthRel;
  const t = (v: TimingVariation) =>
    neutronTemplate(shapes, events, o.peEdges, o.timeEdgesUs, CSI_2021_TIME_EFFICIENCY, v);
  return {
    nominal: t({ shiftUs: 0, widthScale: 1 }),
    histosys: {
      [`${prefix}_timing_mean`]: {
        lo: t({ shiftUs: -shift, widthScale: 1 }),
        hi: t({ shiftUs: shift, widthScale: 1 }),
      },
      [`${prefix}_timing_width`]: {
        lo: t({ shiftUs: 0, widthScale: 1 - width }),
        hi: t({ shiftUs: 0, widthScale: 1 + width }),
      },
    },
  };
}

export function buildCsiModel(rel: CoherentCsi2021Release, o: ResolvedCsi2021Options): CsiModel {
  const target = resolveTarget('CsI')!;
  const q2End = Math.max(...target.components.map((c) => maxQ2(MICHEL_END_POINT_MEV, c.nucleus.massMeV)));
  const q2Last = o.bandEdgesQ2MeV2[o.bandEdgesQ2MeV2.length - 1]!;
  if (q2Last < q2End) {
    throw new SpecError(
      'invalid_input',
      `coherent-csi-2021 option bandEdgesQ2MeV2: last edge ${q2Last} MeV² is below the kinematic end point ${q2End.toFixed(0)} MeV² (T = ${MeVToKeV(q2End / (2 * target.components[1]!.nucleus.massMeV)).toFixed(1)} keV_nr on I-127); expected bands covering every recoil`,
      ['bandEdgesQ2MeV2'],
    );
  }
  const fit = fitPulseMean(rel.nin.time, o.pulseSigmaUs);
  const pulse = { meanUs: fit.meanUs, sigmaUs: o.pulseSigmaUs };
  const time = {
    prompt: timeBinProbabilities((t) => promptDensity(t, pulse), o.timeEdgesUs, CSI_2021_TIME_EFFICIENCY),
    delayed: timeBinProbabilities((t) => delayedDensity(t, pulse), o.timeEdgesUs, CSI_2021_TIME_EFFICIENCY),
  };
  const resp = (scintillation: ScintillationModel, efficiency: EfficiencyModel) =>
    csiPeResponse({
      scintillation,
      efficiency,
      lightYieldPePerKeVee: CSI_2021_LIGHT_YIELD_PE_PER_KEVEE,
      resolution: CSI_2021_GAMMA_RESOLUTION,
      peEdges: o.peEdges,
    });
  const sc = rel.scintillation;
  const eff = rel.efficiency.nominal;
  const ev = efficiencyVariants(rel.efficiency);
  const responses = {
    nominal: resp(sc.nominal, eff),
    scint_resp_0_down: resp(sc.variants[0].down, eff),
    scint_resp_0_up: resp(sc.variants[0].up, eff),
    scint_resp_1_down: resp(sc.variants[1].down, eff),
    scint_resp_1_up: resp(sc.variants[1].up, eff),
    efficiency_down: resp(sc.nominal, ev.down),
    efficiency_up: resp(sc.nominal, ev.up),
  };
  const signal = cevnsBandTemplates(
    {
      target,
      massKg: CSI_2021_BEAM.massKg,
      protonsOnTarget: CSI_2021_BEAM.protonsOnTarget,
      nuPerFlavourPerProton: CSI_2021_BEAM.nuPerFlavourPerProton,
      distanceM: CSI_2021_BEAM.distanceM,
      epsilon: o.epsilon,
    },
    o.bandEdgesQ2MeV2,
    responses,
    time,
  );
  const cCounts = histogramEvents(rel.coincidence, o.peEdges, o.timeEdgesUs);
  const acCounts = histogramEvents(rel.anticoincidence, o.peEdges, o.timeEdgesUs);
  const ssbNominal = steadyStateNominal(acCounts, o.peEdges.length - 1, o.timeEdgesUs.length - 1);
  return {
    target,
    pulse,
    pulseFitMaxRelResidual: fit.maxRelResidual,
    time,
    signal,
    q2MaxMeV2: q2Last,
    brn: neutronVaried(rel.brn, CSI_2021_NEUTRONS.brnEvents, o, 'brn'),
    nin: neutronVaried(rel.nin, CSI_2021_NEUTRONS.ninEvents, o, 'nin'),
    cCounts,
    acCounts,
    ssbNominal,
    ssbBounds: steadyStateBounds(ssbNominal, cCounts, acCounts),
  };
}
