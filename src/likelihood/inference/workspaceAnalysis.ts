/**
 * `analyze` on a user's pyhf workspace: the maximum-likelihood fit with uncertainties, and inference
 * on one bounded POI two ways —
 *
 * - the toolkit's: t̃ with the two-boundary asymptotic distribution (intervals by test inversion,
 *   one-sided tests of the POI at its lower and upper bounds: for α ∈ [0, 1] these are p(α = 0) and
 *   p(α = 1)), testStatistics.ts / intervals.ts through WorkspaceLikelihood;
 * - pyhf's: `hypotest(muTest, test_stat='qtilde')` (CLs, CLs+b, CLb), the discovery q0/p0 and the
 *   profile (Wilks) intervals (pyhfTests.ts), so a pyhf user sees the numbers pyhf gives.
 */
import type { Workspace } from '../../data/index.js';
import {
  compileWorkspace,
  HistFactoryModel,
  type NormSysCode,
  type HistoSysCode,
} from '../histfactory/index.js';
import { poiIntervals } from '../intervals.js';
import { Minimizer } from '../minimize/index.js';
import { boundaryTest } from '../testStatistics.js';
import {
  profileIntervals,
  q0Test,
  qtildeTest,
  type QTildeTest,
  type Q0Test,
  type WilksInterval,
} from './pyhfTests.js';
import { WorkspaceLikelihood } from './workspaceLikelihood.js';

export interface WorkspaceAnalysisOptions {
  readonly measurement?: string;
  readonly poi?: string;
  /** POI value tested by pyhf's q̃ test (default 1, pyhf's usual μ = 1). */
  readonly muTest?: number;
  readonly interpolation?: { readonly normsys?: NormSysCode; readonly histosys?: HistoSysCode };
}

export interface FittedParameter {
  readonly name: string;
  readonly value: number;
  /** √(H⁻¹)_ii at the minimum (absent when fixed, at a bound, or H not positive definite). */
  readonly error?: number;
  readonly fixed: boolean;
  readonly atLimit: boolean;
}

export interface WorkspaceAnalysis {
  readonly measurement: string;
  readonly poi: string;
  readonly poiBounds: readonly [number, number];
  readonly fit: {
    readonly twiceNll: number;
    readonly converged: boolean;
    readonly iterations: number;
    readonly edm: number;
    readonly parameters: readonly FittedParameter[];
  };
  /** The toolkit's asymptotic t̃ results, in the POI's own units. */
  readonly toolkit: {
    readonly poiHat: number;
    readonly interval68: readonly [number, number];
    readonly interval90: readonly [number, number];
    /** One-sided tests of the POI at its lower / upper bound (q0-like / q1-like). */
    readonly pAtLower: number;
    readonly pAtUpper: number;
  };
  readonly pyhf: {
    readonly qtilde: QTildeTest;
    readonly discovery: Q0Test;
    readonly wilks68: WilksInterval;
    readonly wilks90: WilksInterval;
  };
}

/** Largest model for which per-parameter errors are reported (the solve is O(bins) per parameter). */
const MAX_ERROR_PARAMETERS = 2000;

export function analyzeWorkspace(ws: Workspace, options: WorkspaceAnalysisOptions = {}): WorkspaceAnalysis {
  const c = compileWorkspace(ws, {
    ...(options.measurement === undefined ? {} : { measurement: options.measurement }),
    ...(options.poi === undefined ? {} : { poi: options.poi }),
    ...(options.interpolation === undefined ? {} : { interpolation: options.interpolation }),
  });
  const model = new HistFactoryModel(c);
  const mz = new Minimizer(model);
  const fit = mz.minimize();
  const parameters: FittedParameter[] = c.parNames.map((name, p) => {
    const fixed = c.fixed[p] === 1 || c.lower[p] === c.upper[p];
    const atLimit = fit.atLimit.includes(p);
    let error: number | undefined;
    if (!fixed && !atLimit && c.nPars <= MAX_ERROR_PARAMETERS) {
      const col = mz.inverseHessianColumn(fit.pars, p);
      if (col && col[p]! > 0) error = Math.sqrt(col[p]!);
    }
    return { name, value: fit.pars[p]!, ...(error === undefined ? {} : { error }), fixed, atLimit };
  });
  const lik = new WorkspaceLikelihood(model);
  const [i68, i90] = poiIntervals(lik, [0.6827, 0.9]);
  const lo = c.lower[c.poi]!;
  const hi = c.upper[c.poi]!;
  const map = (x: number) => lik.poiValue(x);
  const wilks = profileIntervals(model, [1, 2.705543454095404]);
  return {
    measurement: c.measurement,
    poi: c.poiName,
    poiBounds: [lo, hi],
    fit: {
      twiceNll: 2 * (fit.nll + model.dataConstant()),
      converged: fit.converged,
      iterations: fit.iterations,
      edm: fit.edm,
      parameters,
    },
    toolkit: {
      poiHat: fit.pars[c.poi]!,
      interval68: [map(i68!.lower), map(i68!.upper)],
      interval90: [map(i90!.lower), map(i90!.upper)],
      pAtLower: boundaryTest(lik, 0).pValue,
      pAtUpper: boundaryTest(lik, 1).pValue,
    },
    pyhf: {
      qtilde: qtildeTest(model, options.muTest ?? 1),
      discovery: q0Test(model),
      wilks68: wilks.intervals[0]!,
      wilks90: wilks.intervals[1]!,
    },
  };
}
