/**
 * The numbers behind the Ar 2020 fixture's notes and the cross-checks against the collaboration:
 * our SM prediction in the release's window (per energy bin, and its arrival-time shape) against
 * cevnspdf.txt and the yaml's 128 ± 17; the band contents (release-normalised, at α = 1 and SM) and
 * each band's SM α; the band split's closure on the release template; each histosys' size.
 */
import type { Target } from '../../../physics/index.js';
import type { Workspace } from '../../workspace/index.js';
import { FLAVOUR_GROUPS, type BandFold, type FlavourGroup } from './bandFold.js';
import { cellOf, cellProjection, energyProjection, type BandFactors } from './bandSplit.js';
import { AR_2020_AXES, type CoherentAr2020Release } from './release.js';
import { variationSize, type ShapeSystematic, type VariationNormalisation } from './shapeSystematics.js';
import type { BandSamples } from './workspace.js';

export interface ArRecordInputs {
  readonly rel: CoherentAr2020Release;
  readonly target: Target;
  readonly options: {
    readonly target: string;
    readonly epsilon: number;
    readonly q2Convention: string;
    readonly variationNormalisation: VariationNormalisation;
    readonly quenchingMigration: boolean;
  };
  readonly edges: readonly number[];
  readonly fold: BandFold;
  readonly factors: BandFactors;
  readonly timeWeights: Readonly<Record<FlavourGroup, Float64Array>>;
  readonly d: readonly number[];
  readonly bands: readonly BandSamples[];
  readonly shapes: readonly ShapeSystematic[];
  readonly workspace: Workspace;
}

export interface ArBandSummary {
  readonly q2LoMeV2: number;
  readonly q2HiMeV2: number;
  /** Mean true q² of the band's α = 1 events (release-normalised weights). */
  readonly q2MeanMeV2: number;
  /** Release-normalised events at α = 1 and at the SM (Helm), per nucleus. */
  readonly sCoh: readonly number[];
  readonly sHelm: readonly number[];
  /** The band's α at which excess·α + floor equals its SM events: (H − S_d)/(S − S_d). */
  readonly alphaSm: number;
}

export interface ArBuildSummary {
  /** Our SM (Helm) prediction, all arrival times. */
  readonly ourSmAllTimes: number;
  /** Our SM prediction inside the release's time window, in total and per energy bin. */
  readonly ourSmInWindow: number;
  readonly ourSmPerEnergy: Float64Array;
  readonly releaseCevnsPerEnergy: Float64Array;
  /** Fraction of each flavour group's arrivals inside the release's time window. */
  readonly windowFraction: Readonly<Record<FlavourGroup, number>>;
  /** max_t |ours_t − release_t| of the normalised arrival-time projections of the SM CEvNS. */
  readonly timeShapeMaxDifference: number;
  readonly bands: readonly ArBandSummary[];
  /** max_b |Σ_jk h_jk[b] − T[b]| / max_b T[b]: the SM band split against the release template. */
  readonly helmSplitMaxDeviation: number;
  readonly foldRelError: number;
  /** Per band, per histosys of its samples: Σ(lo)/Σ(nominal) − 1 and Σ(hi)/Σ(nominal) − 1 (excess + floor). */
  readonly bandSys: readonly (readonly {
    readonly name: string;
    readonly lo: number;
    readonly hi: number;
  }[])[];
  readonly shapes: readonly {
    readonly name: string;
    readonly hi: ReturnType<typeof variationSize>;
    readonly lo: ReturnType<typeof variationSize>;
    readonly rescale: readonly [number, number];
    readonly clippedBins: number;
  }[];
}

export const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};

const N_T = AR_2020_AXES.timeUs.n;

/** Σ_g w^g_t X^g_jke for one band and nucleus, per cell. */
function perCell(x: ArRecordInputs, which: 'coh' | 'q2Weighted', j: number, k: number): Float64Array {
  const out = new Float64Array(x.factors.smPerCell.length);
  for (const g of FLAVOUR_GROUPS) {
    const a = x.fold.groups[g][which][j]![k]!;
    out.forEach((_, c) => (out[c]! += x.timeWeights[g][c % N_T]! * a[Math.floor(c / N_T)]!));
  }
  return out;
}

function bandSummaries(x: ArRecordInputs): ArBandSummary[] {
  const cells = cellProjection(x.rel.cevns.values);
  return x.factors.g.map((g, j) => {
    const sCoh = g.map((gk) => sum(gk.map((v, c) => v * cells[c]!)));
    const sHelm = x.factors.f[j]!.map((fk) => sum(fk.map((v, c) => v * cells[c]!)));
    // Mean q²: each cell's mean q² of band j on k, weighted by the release-normalised α = 1 events there.
    let w = 0;
    let wq = 0;
    g.forEach((gk, k) => {
      const c1 = perCell(x, 'coh', j, k);
      const q1 = perCell(x, 'q2Weighted', j, k);
      gk.forEach((v, c) => {
        if (!(c1[c]! > 0)) return;
        w += v * cells[c]!;
        wq += (v * cells[c]! * q1[c]!) / c1[c]!;
      });
    });
    const S = sum(sCoh);
    const Sd = sum(sCoh.map((s, k) => s * x.d[k]!));
    return {
      q2LoMeV2: x.edges[j]!,
      q2HiMeV2: x.edges[j + 1]!,
      q2MeanMeV2: w > 0 ? wq / w : 0.5 * (x.edges[j]! + x.edges[j + 1]!),
      sCoh,
      sHelm,
      alphaSm: (sum(sHelm) - Sd) / (S - Sd),
    };
  });
}

export function summarise(x: ArRecordInputs): ArBuildSummary {
  const T = x.rel.cevns.values;
  let dev = 0;
  T.forEach((t, b) => {
    let s = 0;
    for (const fj of x.factors.f) for (const fk of fj) s += t * fk[cellOf(b)]!;
    dev = Math.max(dev, Math.abs(s - t));
  });
  const nE = x.factors.smPerCell.length / N_T;
  const ourSmPerEnergy = Float64Array.from({ length: nE }, (_, e) =>
    sum(x.factors.smPerCell.subarray(e * N_T, (e + 1) * N_T)),
  );
  const timeShape = (perCellValues: ArrayLike<number>) => {
    const t = new Float64Array(N_T);
    for (let c = 0; c < perCellValues.length; c++) t[c % N_T]! += perCellValues[c]!;
    const n = sum(t);
    return t.map((v) => v / n);
  };
  const oursT = timeShape(x.factors.smPerCell);
  const relT = timeShape(cellProjection(T));
  let allTimes = 0;
  for (const g of FLAVOUR_GROUPS)
    for (const band of x.fold.groups[g].helm) for (const a of band) allTimes += sum(a);
  const nominal = { cevns: T, promptBrn: x.rel.promptBrn.values };
  return {
    ourSmAllTimes: allTimes,
    ourSmInWindow: sum(x.factors.smPerCell),
    ourSmPerEnergy,
    releaseCevnsPerEnergy: energyProjection(T),
    windowFraction: { prompt: sum(x.timeWeights.prompt), delayed: sum(x.timeWeights.delayed) },
    timeShapeMaxDifference: Math.max(...oursT.map((v, t) => Math.abs(v - relT[t]!))),
    bands: bandSummaries(x),
    helmSplitMaxDeviation: dev / Math.max(...T),
    foldRelError: x.fold.relError,
    bandSys: x.bands.map((b) => {
      const n = sum(b.excess) + sum(b.floor);
      return b.excessSys.map((h, i) => ({
        name: h.name,
        lo: (sum(h.lo) + sum(b.floorSys[i]!.lo)) / n - 1,
        hi: (sum(h.hi) + sum(b.floorSys[i]!.hi)) / n - 1,
      }));
    }),
    shapes: x.shapes.map((s) => ({
      name: s.name,
      hi: variationSize(nominal[s.sample], s.hi),
      lo: variationSize(nominal[s.sample], s.lo),
      rescale: s.rescale,
      clippedBins: s.clippedBins,
    })),
  };
}
