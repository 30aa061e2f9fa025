/**
 * Options of the CsI 2017 template builder (quenching factor as a shape systematic), their defaults
 * and checks. The defaults are those of today's per-bin counts dataset (src/data/coherentCsi2017.ts,
 * CSI_2017_DEFAULTS), so that the two analyses differ only in how the quenching factor and the
 * recoil-to-PE migration enter:
 *
 * - PE edges 6, 8, …, 30 (12 bins of 2 PE), arrival-time window 0–6 µs as ONE time bin (the counts
 *   analysis is time-integrated); `timeEdgesUs` on the release's 0.5-µs grid gives a PE × time fit.
 * - Bands (default): the true-q² bins of today's analysis, i.e. the q² of its PE-bin edges through the
 *   mean response with the mean Cs/I mass (1755, 2168, …, 5884 MeV² at 8 … 28 PE), the first band from
 *   0 (recoils below 6 PE are not seen) and the last to 12 000 MeV² (beyond the Michel end point,
 *   q²_max ≈ 11 150 MeV² on Cs-133): 12 bands whose index matches today's bin index.
 */
import { SpecError } from '../../../errors.js';
import { PAPER_EPSILON } from '../../../physics/index.js';
import { CSI_2017_DEFAULTS, type CsiQuenchingOption } from '../../coherentCsi2017.js';

export interface CoherentCsi2017QfOptions {
  /** Analysis PE edges: even numbers within 0–50, increasing. */
  readonly peEdges?: readonly number[];
  /** Arrival-time bin edges [µs] on the 0.5-µs grid within 0–12. */
  readonly timeEdgesUs?: readonly number[];
  /** Contiguous true-q² band edges [MeV²] from 0 to ≥ the kinematic end point; default: see above. */
  readonly bandEdgesQ2MeV2?: readonly number[];
  readonly quenching?: CsiQuenchingOption;
  readonly offSource?: 'anticoincidence' | 'anticoincidence+beamOff';
  readonly protonsOnTarget?: number;
  readonly epsilon?: number;
}

/** Last band edge when none is given [MeV²]: above q²_max of the 52.8 MeV Michel end point on Cs and I. */
export const CSI_2017_QF_LAST_EDGE_MEV2 = 12000;

export const CSI_2017_QF_DEFAULTS = {
  peEdges: CSI_2017_DEFAULTS.peEdges,
  timeEdgesUs: CSI_2017_DEFAULTS.timeWindowUs,
  quenching: CSI_2017_DEFAULTS.quenching,
  offSource: CSI_2017_DEFAULTS.offSource,
  protonsOnTarget: CSI_2017_DEFAULTS.protonsOnTarget,
  epsilon: PAPER_EPSILON,
} as const;

export type ResolvedCsi2017QfOptions = Required<Omit<CoherentCsi2017QfOptions, 'bandEdgesQ2MeV2'>> & {
  readonly bandEdgesQ2MeV2: readonly number[] | undefined;
};

function fail(field: string, message: string): never {
  throw new SpecError('invalid_input', `coherent-csi-2017-qf option ${field}: ${message}`, [field]);
}

function checkEdges(field: string, e: readonly number[], grid: number, lo: number, hi: number): void {
  if (e.length < 2) fail(field, `${JSON.stringify(e)} has fewer than 2 edges`);
  e.forEach((x, i) => {
    if (!(x >= lo && x <= hi)) fail(field, `edge ${x} lies outside [${lo}, ${hi}]`);
    if (Math.abs(x / grid - Math.round(x / grid)) > 1e-9) fail(field, `edge ${x} is not on the ${grid} grid`);
    if (i > 0 && !(x > e[i - 1]!))
      fail(field, `edge ${x} is not above ${e[i - 1]}; expected increasing edges`);
  });
}

export function resolveCsi2017QfOptions(o: CoherentCsi2017QfOptions): ResolvedCsi2017QfOptions {
  const r = { ...CSI_2017_QF_DEFAULTS, bandEdgesQ2MeV2: undefined, ...o };
  checkEdges('peEdges', r.peEdges, 2, 0, 50);
  checkEdges('timeEdgesUs', r.timeEdgesUs, 0.5, 0, 12);
  if (r.bandEdgesQ2MeV2 !== undefined) {
    const b = r.bandEdgesQ2MeV2;
    if (b.length < 2 || b[0] !== 0) fail('bandEdgesQ2MeV2', `${JSON.stringify(b)}; expected edges from 0`);
    b.forEach((x, i) => {
      if (i > 0 && !(x > b[i - 1]!)) fail('bandEdgesQ2MeV2', `edge ${x} is not above ${b[i - 1]}`);
    });
  }
  if (!(r.epsilon > 0 && r.epsilon < 1)) fail('epsilon', `${r.epsilon}; expected 0 < ε < 1`);
  if (!(r.protonsOnTarget > 0)) fail('protonsOnTarget', `${r.protonsOnTarget}; expected > 0`);
  return r;
}
