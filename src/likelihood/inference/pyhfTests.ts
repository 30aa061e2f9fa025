/**
 * pyhf's asymptotic hypothesis tests and profile-likelihood (Wilks) intervals on any HistFactory model,
 * reproducing `pyhf.infer.hypotest(..., calctype='asymptotics', test_stat='qtilde'|'q0')` and a
 * profile scan with `fixed_poi_fit`, so that a pyhf user gets the numbers pyhf gives (checked against
 * ../shared/data/pyhf-anchors). The toolkit's own two-boundary statistics are in testStatistics.ts.
 *
 * q̃_μ (G. Cowan, K. Cranmer, E. Gross, O. Vitells, EPJC 71 (2011) 1554, Eq. 16; pyhf `qtilde`):
 *   q̃_μ = 2[NLL(μ, θ̂̂) − NLL(μ̂, θ̂)] with μ̂ within the POI bounds, and q̃_μ = 0 if μ̂ > μ.
 * Its distribution (CCGV Eq. 66, pyhf `AsymptoticCalculator`, base 'normal') uses q̃_A, the same
 * statistic on the Asimov data at μ' = 0 whose nuisances come from the fit with the POI fixed at 0 to
 * the observed data:
 *   √q̃ ≤ √q̃_A:  CLs+b = Φ(−√q̃),                CLb = Φ(√q̃_A − √q̃)
 *   √q̃ > √q̃_A:  CLs+b = Φ(−(q̃ + q̃_A)/(2√q̃_A)),  CLb = Φ(−(q̃ − q̃_A)/(2√q̃_A))
 *   CLs = CLs+b / CLb.
 * q0 (CCGV Eq. 12): 2[NLL(0, θ̂̂) − NLL(μ̂, θ̂)], 0 if μ̂ < 0; p0 = Φ(−√q0).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { HistFactoryModel } from '../histfactory/index.js';
import type { MinimizeResult } from '../minimize/index.js';
import { significance } from '../asymptotics.js';
import { brentRoot } from '../rootFind.js';
import { asimovData, WorkspaceFits } from './fits.js';

const Phi = (x: number): number => normalCdf(x, 0, 1);

const tStat = (cond: MinimizeResult, free: MinimizeResult): number => {
  const d = 2 * (cond.nll - free.nll);
  return d > 0 ? d : 0;
};

export interface QTildeTest {
  readonly muTest: number;
  readonly poiHat: number;
  readonly qtilde: number;
  readonly qtildeAsimov: number;
  readonly CLsb: number;
  readonly CLb: number;
  readonly CLs: number;
  /** The formula branch used (file comment). */
  readonly branch: 'sqrt(q) <= sqrt(qA)' | 'sqrt(q) > sqrt(qA)';
  readonly converged: boolean;
}

function qtildeOn(
  fits: WorkspaceFits,
  poi: number,
  mu: number,
): { q: number; free: MinimizeResult; ok: boolean } {
  const free = fits.free();
  const cond = fits.fixed([[poi, mu]], { init: free.pars });
  const q = free.pars[poi]! > mu ? 0 : tStat(cond, free);
  return { q, free, ok: free.converged && cond.converged };
}

/** pyhf's `hypotest(muTest, test_stat='qtilde')` (asymptotic, normal base distribution). */
export function qtildeTest(model: HistFactoryModel, muTest: number): QTildeTest {
  const poi = model.c.poi;
  const fits = new WorkspaceFits(model);
  const obs = qtildeOn(fits, poi, muTest);
  const bkg = fits.fixed([[poi, 0]]);
  const a = asimovData(model, bkg.pars);
  const asimov = qtildeOn(new WorkspaceFits(model.withData(a.main, a.aux)), poi, muTest);
  const q = obs.q;
  const qA = asimov.q;
  const sq = Math.sqrt(q);
  const sqA = Math.sqrt(qA);
  let CLsb: number;
  let CLb: number;
  let branch: QTildeTest['branch'];
  if (sq <= sqA) {
    CLsb = Phi(-sq);
    CLb = Phi(sqA - sq);
    branch = 'sqrt(q) <= sqrt(qA)';
  } else {
    CLsb = Phi(-(q + qA) / (2 * sqA));
    CLb = Phi(-(q - qA) / (2 * sqA));
    branch = 'sqrt(q) > sqrt(qA)';
  }
  return {
    muTest,
    poiHat: obs.free.pars[poi]!,
    qtilde: q,
    qtildeAsimov: qA,
    CLsb,
    CLb,
    CLs: CLsb / CLb,
    branch,
    converged: obs.ok && asimov.ok && bkg.converged,
  };
}

export interface Q0Test {
  readonly poiHat: number;
  readonly q0: number;
  readonly p0: number;
  readonly z: number;
  readonly converged: boolean;
}

/** pyhf's `hypotest(0, test_stat='q0')`: discovery test of POI = 0. */
export function q0Test(model: HistFactoryModel): Q0Test {
  const poi = model.c.poi;
  const fits = new WorkspaceFits(model);
  const free = fits.free();
  const cond = fits.fixed([[poi, 0]], { init: free.pars });
  const q0 = free.pars[poi]! < 0 ? 0 : tStat(cond, free);
  const p0 = Phi(-Math.sqrt(q0));
  return {
    poiHat: free.pars[poi]!,
    q0,
    p0,
    z: significance(p0),
    converged: free.converged && cond.converged,
  };
}

export interface ProfileScan {
  readonly grid: readonly number[];
  /** t(a) = 2[NLL(a, θ̂̂) − NLL(μ̂, θ̂)] at each grid point. */
  readonly t: readonly number[];
  readonly poiHat: number;
}

export interface WilksInterval {
  readonly threshold: number;
  readonly lo: number;
  readonly hi: number;
  readonly loKind: 'bound' | 'crossing';
  readonly hiKind: 'bound' | 'crossing';
  /** Disjoint accepted pieces on the grid (one entry when connected). */
  readonly segments: readonly (readonly [number, number])[];
}

/**
 * Profile likelihood of the POI over `grid` (default: 101 points across its bounds) and the Wilks
 * intervals {a : t(a) ≤ threshold} for each threshold (Δ2NLL = 1 for 68.27 %, 2.705543 for 90 %),
 * edges refined by Brent's method on the profile to 1e−9. This is pyhf's profile interval with the POI
 * restricted to its bounds; it is not Feldman–Cousins (toys/ has those).
 */
export function profileIntervals(
  model: HistFactoryModel,
  thresholds: readonly number[],
  grid?: readonly number[],
): { scan: ProfileScan; intervals: WilksInterval[] } {
  const c = model.c;
  const poi = c.poi;
  const lo = c.lower[poi]!;
  const hi = c.upper[poi]!;
  const xs = grid ?? Array.from({ length: 101 }, (_, j) => lo + ((hi - lo) * j) / 100);
  const fits = new WorkspaceFits(model);
  const free = fits.free();
  let warm = free.pars;
  const profile = (a: number): number => {
    const r = fits.fixed([[poi, a]], { init: warm });
    warm = r.pars;
    return tStat(r, free);
  };
  const t = xs.map(profile);
  const intervals = thresholds.map((thr) => {
    const f = (a: number) => profile(a) - thr;
    const segments: [number, number][] = [];
    let start: number | undefined;
    for (let j = 0; j < xs.length; j++) {
      const ok = t[j]! <= thr;
      const prevOk = j > 0 && t[j - 1]! <= thr;
      if (ok && !prevOk) {
        start = j === 0 ? xs[0]! : brentRoot(f, xs[j - 1]!, xs[j]!, t[j - 1]! - thr, t[j]! - thr, 1e-9);
      }
      if (ok && (j === xs.length - 1 || t[j + 1]! > thr)) {
        const end =
          j === xs.length - 1 ? xs[j]! : brentRoot(f, xs[j]!, xs[j + 1]!, t[j]! - thr, t[j + 1]! - thr, 1e-9);
        segments.push([start!, end]);
      }
    }
    const first = segments[0] ?? [free.pars[poi]!, free.pars[poi]!];
    const last = segments[segments.length - 1] ?? first;
    return {
      threshold: thr,
      lo: first[0],
      hi: last[1],
      loKind: first[0] === lo ? ('bound' as const) : ('crossing' as const),
      hiKind: last[1] === hi ? ('bound' as const) : ('crossing' as const),
      segments,
    };
  });
  return { scan: { grid: xs, t, poiHat: free.pars[poi]! }, intervals };
}
