/**
 * Every template of the CsI 2017 quenching-factor model, from the release and the options (no workspace
 * yet): CEvNS per true-q² band and nucleus under the nominal QF and at QF ± 1σ, the prompt beam-related
 * neutrons, the observed coincidence and off-source counts, the SSB nominal, and the signal
 * normalisation uncertainties other than the QF.
 *
 * - Signal: common/bandTemplates.cevnsBandTemplates with the response of response.ts and, per time
 *   bin, the release's arrival-time probabilities of the prompt (ν_μ) and delayed (ν_e, ν̄_μ) groups
 *   (arrivalTimePDF_*Neutrinos.txt, 0.5-µs bins) summed over the bin.
 * - Prompt neutrons: promptPDF.txt [per GWhr, 1-PE bins] × 7.47594 GWhr × acceptance f(j + ½), summed
 *   over each PE bin, × the prompt-neutron arrival-time probability per time bin — as the counts
 *   dataset's beamBackground (coherentCsi2017.ts), normalisation ±25 % (promptPDF.txt header, yaml).
 * - Off-source: anti-coincidence beam-on (τ = 1, README), optionally with both beam-off windows
 *   (τ = 1 + (C_off + AC_off)/AC_on over the whole release, as the counts dataset).
 * - Normalisations: flux ±10 % (yaml: 0.08 ± 0.008 ν/flavour/proton), acceptance and light yield from
 *   their yaml uncertainties (their effect on Σ s_coh in the window, coherentCsi2017Signal.ts); the QF
 *   is NOT among them: it is the histosys `quenching`.
 * - Default bands: the q² edges of the counts dataset built with the same choices (options.ts).
 */
import { MICHEL_END_POINT_MEV, maxQ2, type Target } from '../../../physics/index.js';
import { SpecError } from '../../../errors.js';
import {
  buildCoherentCsi2017Dataset,
  countIn,
  csi2017Exposure,
  quenchingModel,
} from '../../coherentCsi2017.js';
import {
  CSI_2017_TIME_BIN_WIDTH_US,
  readCoherentCsi2017Release,
  type CoherentCsi2017Release,
} from '../../coherentCsi2017Release.js';
import { csiSignalModel, scaledQuenching } from '../../coherentCsi2017Signal.js';
import type { QuenchingModel } from '../../detectorResponse.js';
import {
  cevnsBandTemplates,
  outerProduct,
  steadyStateBounds,
  steadyStateNominal,
  type SignalTemplates,
} from '../common/index.js';
import { CSI_2017_QF_LAST_EDGE_MEV2, type ResolvedCsi2017QfOptions } from './options.js';
import { csi2017PeResponse } from './response.js';

/** Name of the quenching histosys (responses `quenching_down` / `quenching_up`). */
export const QF_HISTOSYS = 'quenching';

export interface Csi2017QfModel {
  readonly release: CoherentCsi2017Release;
  readonly target: Target;
  readonly quenching: QuenchingModel;
  /** Relative 1σ of the QF (yaml). */
  readonly qfRelUncertainty: number;
  readonly bandEdgesQ2MeV2: readonly number[];
  readonly signal: SignalTemplates;
  readonly promptNeutrons: Float64Array;
  readonly cCounts: number[];
  readonly offCounts: number[];
  readonly tau: number;
  /** SSB expected in the coincidence window per bin (off-source counts / τ; empty bins: steadyState.ts). */
  readonly ssbNominal: Float64Array;
  readonly ssbBounds: number[];
  readonly norm: { readonly flux: number; readonly acceptance: number; readonly lightYield: number };
  /** The counts dataset's own QF normalisation uncertainty (what the histosys replaces). */
  readonly qfNormEffect: number;
}

/** Σ of a release arrival-time PDF (0.5-µs bins) over each analysis time bin. */
function timeProbabilities(pdf: readonly number[], edgesUs: readonly number[]): Float64Array {
  return Float64Array.from({ length: edgesUs.length - 1 }, (_, k) => {
    const a = Math.round(edgesUs[k]! / CSI_2017_TIME_BIN_WIDTH_US);
    const b = Math.round(edgesUs[k + 1]! / CSI_2017_TIME_BIN_WIDTH_US);
    return pdf.slice(a, b).reduce((s, x) => s + x, 0);
  });
}

/** Per (PE bin, time bin), time fastest: counts of a release table. */
function binCounts(
  t: CoherentCsi2017Release['coincidenceBeamOn'],
  peEdges: readonly number[],
  timeEdgesUs: readonly number[],
): number[] {
  const out: number[] = [];
  for (let p = 0; p + 1 < peEdges.length; p++) {
    for (let k = 0; k + 1 < timeEdgesUs.length; k++) {
      const a = Math.round(timeEdgesUs[k]! / CSI_2017_TIME_BIN_WIDTH_US);
      const b = Math.round(timeEdgesUs[k + 1]! / CSI_2017_TIME_BIN_WIDTH_US);
      out.push(countIn(t.counts, peEdges[p]!, peEdges[p + 1]!, a, b));
    }
  }
  return out;
}

export function buildCsi2017QfModel(dir: string, o: ResolvedCsi2017QfOptions): Csi2017QfModel {
  const rel = readCoherentCsi2017Release(dir);
  const P = rel.parameters;
  const qf = quenchingModel(o.quenching, rel);
  const window: [number, number] = [o.timeEdgesUs[0]!, o.timeEdgesUs[o.timeEdgesUs.length - 1]!];
  const exposure = csi2017Exposure(rel, o.protonsOnTarget, o.epsilon);
  const target = exposure.target;
  const bandEdges =
    o.bandEdgesQ2MeV2 ??
    (() => {
      const counts = buildCoherentCsi2017Dataset(dir, {
        timeWindowUs: window,
        peEdges: o.peEdges,
        quenching: o.quenching,
        offSource: o.offSource,
        protonsOnTarget: o.protonsOnTarget,
        epsilon: o.epsilon,
      });
      return [0, ...counts.bins.slice(1).map((b) => b.q2LoMeV2), CSI_2017_QF_LAST_EDGE_MEV2];
    })();
  const q2End = Math.max(...target.components.map((c) => maxQ2(MICHEL_END_POINT_MEV, c.nucleus.massMeV)));
  if (bandEdges[bandEdges.length - 1]! < q2End) {
    throw new SpecError(
      'invalid_input',
      `coherent-csi-2017-qf option bandEdgesQ2MeV2: last edge ${bandEdges[bandEdges.length - 1]} MeV² is below the kinematic end point ${q2End.toFixed(0)} MeV²; expected bands covering every recoil`,
      ['bandEdgesQ2MeV2'],
    );
  }

  const choice = {
    quenching: qf,
    lightYield: P.lightYieldPePerKeVee,
    acceptance: P.acceptance,
    peAssignment: 'nPeBin' as const,
  };
  const counting = csiSignalModel(exposure, choice);
  const acc = counting.acceptance;
  const sum = (a: readonly number[]) => a.reduce((s, x) => s + x, 0);
  const k0 = Math.round(window[0] / CSI_2017_TIME_BIN_WIDTH_US);
  const k1 = Math.round(window[1] / CSI_2017_TIME_BIN_WIDTH_US);
  const fractions = {
    prompt: sum(rel.arrivalTime.promptNeutrinos.slice(k0, k1)),
    delayed: sum(rel.arrivalTime.delayedNeutrinos.slice(k0, k1)),
  };
  const unc = counting.signalNormUncertainty(fractions, o.peEdges[0]!, o.peEdges[o.peEdges.length - 1]!, P);
  const qfRel = P.qfUncertainty / P.qf;
  const response = (q: QuenchingModel) => csi2017PeResponse(q, P.lightYieldPePerKeVee, acc, o.peEdges);
  const signal = cevnsBandTemplates(
    exposure,
    bandEdges,
    {
      nominal: response(qf),
      [`${QF_HISTOSYS}_down`]: response(scaledQuenching(qf, 1 - qfRel)),
      [`${QF_HISTOSYS}_up`]: response(scaledQuenching(qf, 1 + qfRel)),
    },
    {
      prompt: timeProbabilities(rel.arrivalTime.promptNeutrinos, o.timeEdgesUs),
      delayed: timeProbabilities(rel.arrivalTime.delayedNeutrinos, o.timeEdgesUs),
    },
  );

  const nPe = o.peEdges.length - 1;
  const pePrompt = Float64Array.from({ length: nPe }, (_, p) => {
    let s = 0;
    for (let j = o.peEdges[p]!; j < o.peEdges[p + 1]!; j++) {
      s += rel.promptNeutronsPerGWhr[j]! * P.beamExposureGWhr * acc[j]!;
    }
    return s;
  });
  const promptNeutrons = outerProduct(
    pePrompt,
    timeProbabilities(rel.arrivalTime.promptNeutrons, o.timeEdgesUs),
  );

  const cCounts = binCounts(rel.coincidenceBeamOn, o.peEdges, o.timeEdgesUs);
  let offCounts = binCounts(rel.anticoincidenceBeamOn, o.peEdges, o.timeEdgesUs);
  let tau = 1;
  if (o.offSource === 'anticoincidence+beamOff') {
    const cOff = binCounts(rel.coincidenceBeamOff, o.peEdges, o.timeEdgesUs);
    const acOff = binCounts(rel.anticoincidenceBeamOff, o.peEdges, o.timeEdgesUs);
    offCounts = offCounts.map((n, i) => n + cOff[i]! + acOff[i]!);
    tau =
      1 + (rel.coincidenceBeamOff.total + rel.anticoincidenceBeamOff.total) / rel.anticoincidenceBeamOn.total;
  }
  const nT = o.timeEdgesUs.length - 1;
  const ssbNominal = steadyStateNominal(offCounts, nPe, nT).map((x) => x / tau);
  return {
    release: rel,
    target,
    quenching: qf,
    qfRelUncertainty: qfRel,
    bandEdgesQ2MeV2: bandEdges,
    signal,
    promptNeutrons,
    cCounts,
    offCounts,
    tau,
    ssbNominal,
    ssbBounds: steadyStateBounds(ssbNominal, cCounts, offCounts),
    norm: { flux: unc.flux, acceptance: unc.acceptance, lightYield: unc.lightYield },
    qfNormEffect: unc.qf,
  };
}
