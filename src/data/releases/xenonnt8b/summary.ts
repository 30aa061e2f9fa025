/**
 * The cross-checks of a built XENONnT ⁸B dataset, as numbers (the fixture script prints them; tests
 * assert them): per run the observed events, the background expectations from the release's templates,
 * the Standard-Model ⁸B signal (and the release recipe's value of it), the size of the yield histosys;
 * over SR0+SR1 the background total and its uncertainty from XENONnT's normalisation uncertainties,
 * beside PRL 133, 191002's (26.4 +1.4 −1.3) events; the q² the detected signal probes.
 */
import { XENONNT_STATISTICAL_MODEL } from './constants.js';
import type { Xenonnt8bBuild } from './dataset.js';

export interface RunSummary {
  readonly run: string;
  readonly exposureTonneYear: number;
  readonly observed: number;
  readonly background: {
    readonly ac: number;
    readonly er: number;
    readonly rg: number;
    readonly total: number;
  };
  /** Background uncertainty from the normalisation uncertainties alone (AC ⊕ ER ⊕ RG). */
  readonly backgroundSigma: number;
  readonly smEvents: number;
  readonly cohEvents: number;
  readonly recipeSmEvents: number;
  readonly smEventsAboveGrid: number;
  /** α = 1 signal at the yield histosys's −1σ and +1σ, relative to nominal (per histosys name). */
  readonly yieldShifts: readonly { readonly name: string; readonly lo: number; readonly hi: number }[];
}

export interface Xenonnt8bSummary {
  readonly runs: readonly RunSummary[];
  /** SR0+SR1 background total and its normalisation uncertainty (correlated ER and RG added linearly). */
  readonly sr01Background?: { readonly total: number; readonly sigma: number };
  readonly q2: {
    readonly minMeV2: number;
    readonly maxMeV2: number;
    readonly p05MeV2: number;
    readonly medianMeV2: number;
    readonly p95MeV2: number;
    readonly meanMeV2: number;
  };
}

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

export function summarizeXenonnt8b(build: Xenonnt8bBuild): Xenonnt8bSummary {
  const M = XENONNT_STATISTICAL_MODEL;
  const runs = build.signal.runs.map((rs): RunSummary => {
    const r = rs.run;
    const x = r.exposureTonneYear;
    const ac = sum(r.ac) * x;
    const er = sum(r.er) * x;
    const rg = sum(r.nominal.rg) * x;
    const nominal = rs.bands.reduce((s, b) => s + sum(b.samples.excess) + sum(b.samples.floor), 0);
    const names = rs.bands[0]!.samples.excessShapes.map((v) => v.name);
    const yieldShifts = names.map((name, i) => {
      const at = (side: 'lo' | 'hi') =>
        rs.bands.reduce(
          (s, b) => s + sum(b.samples.excessShapes[i]![side]) + sum(b.samples.floorShapes[i]![side]),
          0,
        );
      return { name, lo: at('lo') / nominal - 1, hi: at('hi') / nominal - 1 };
    });
    return {
      run: r.run,
      exposureTonneYear: x,
      observed: r.observed.events.length,
      background: { ac, er, rg, total: ac + er + rg },
      backgroundSigma: Math.hypot(M.acRel[r.run] * ac, M.erRel * er, M.rgRel * rg),
      smEvents: rs.smEvents,
      cohEvents: rs.cohEvents,
      recipeSmEvents: rs.recipeSmEvents,
      smEventsAboveGrid: rs.smEventsAboveGrid,
      yieldShifts,
    };
  });
  const sr0 = runs.find((r) => r.run === 'sr0');
  const sr1 = runs.find((r) => r.run === 'sr1');
  const sr01Background =
    sr0 && sr1
      ? {
          total: sr0.background.total + sr1.background.total,
          // AC per run independent; ER and RG share one multiplier across runs (XENONnT's model).
          sigma: Math.hypot(
            M.acRel.sr0 * sr0.background.ac,
            M.acRel.sr1 * sr1.background.ac,
            M.erRel * (sr0.background.er + sr1.background.er),
            M.rgRel * (sr0.background.rg + sr1.background.rg),
          ),
        }
      : undefined;
  const q = build.signal.q2Distribution;
  return {
    runs,
    ...(sr01Background ? { sr01Background } : {}),
    q2: {
      minMeV2: q.q2MinMeV2,
      maxMeV2: q.q2MaxMeV2,
      p05MeV2: q.quantile(0.05),
      medianMeV2: q.quantile(0.5),
      p95MeV2: q.quantile(0.95),
      meanMeV2: q.meanMeV2,
    },
  };
}
