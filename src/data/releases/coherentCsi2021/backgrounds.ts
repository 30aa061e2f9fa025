/**
 * Background templates of the CsI 2021 model.
 *
 * Neutrons (BRN, NIN): the release gives separate energy and time shapes, so the template is their
 * product (energy and time taken as independent, as the release presents them):
 *   n[p, t] = N · f_pe[p] · f_t[t],
 * f_pe = fraction of the PE shape in bin p of [0, 60) PE (the shape already includes the energy
 * efficiency: it vanishes below 7.5 PE, where ε(PE) = 0), f_t = fraction of the time shape × ε_T in
 * bin t of [0, 6) µs, and N the expected events in that fit region (publication.ts: BRN 18.4, NIN 5.6).
 * Both fractions are exact integrals of the piecewise-constant shapes over the analysis bins
 * (neutronShapes.integrateShape). Timing systematics move the time shape's mean by ±shift or stretch it
 * about its mean by (1 ± width); the count in the fit region is kept (a pure shape change: the
 * normalisation has its own normsys).
 *
 * Steady-state background (SSB): from the anti-coincidence (AC) events, which sample it with the same
 * window length and cuts as the coincidence window (off/on exposure ratio τ = 1: the release's AC and C
 * windows are equally long, 12 µs before and after the beam trigger, with the same PE and time selection;
 * the 2017 release states τ = 1 for the same detector and trigger); nominal and bounds per bin:
 * common/steadyState.ts.
 */
import { CSI_2021_FIT_REGION } from './publication.js';
import { integrateShape, transformShape, type BinnedShape } from './neutronShapes.js';
import { shapeTimeFractions, type TimeEfficiency } from './timing.js';
import type { NeutronShapes } from './release.js';
import { outerProduct } from '../common/index.js';

export interface TimingVariation {
  readonly shiftUs: number;
  readonly widthScale: number;
}

/** PE fractions of a shape over analysis bins, normalised over [0, 60) PE. */
export function peFractions(shape: BinnedShape, peEdges: readonly number[]): Float64Array {
  const len = (a: number, b: number) => b - a;
  const norm = integrateShape(shape, 0, CSI_2021_FIT_REGION.peMax, len);
  return Float64Array.from(
    { length: peEdges.length - 1 },
    (_, p) => integrateShape(shape, peEdges[p]!, peEdges[p + 1]!, len) / norm,
  );
}

/** Neutron template N·f_pe ⊗ f_t (row-major, time fastest) under a timing variation. */
export function neutronTemplate(
  shapes: NeutronShapes,
  expectedEvents: number,
  peEdges: readonly number[],
  timeEdgesUs: readonly number[],
  efficiency: TimeEfficiency,
  v: TimingVariation = { shiftUs: 0, widthScale: 1 },
): Float64Array {
  const time = transformShape(shapes.time, v.shiftUs, v.widthScale);
  const ft = shapeTimeFractions(time, timeEdgesUs, efficiency, 0, CSI_2021_FIT_REGION.timeMaxUs);
  return outerProduct(peFractions(shapes.pe, peEdges), ft).map((x) => x * expectedEvents);
}
