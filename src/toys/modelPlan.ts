/**
 * Planning the toys of general-engine analyses (modelSpec.ts): fit the observed data once, fix every
 * generating point and observed statistic in serialisable tasks (types.ts `FitTask`), and record the
 * asymptotic numbers the toys are compared with.
 *
 * ONE POI (bounds [lo, hi], e.g. α ∈ [0, 1]): the grid v_j = lo + (hi − lo)·j/J, J = 1/step. At each
 * v_j one task: toys generated at (v_j, θ̂̂(v_j)) — the conditional fit of the observed data, the
 * profile construction — tallying t̃(v_j) ≥ t̃_obs(v_j) (the Feldman–Cousins ordering; at v = hi and
 * v = lo these are the boundary tests q = t̃(hi), t̃(lo) and get `nToys` toys, interior points
 * `fcToys`). With a limit side the same toys also tally the one-sided q̃(v_j) (CLs+b), and with CLs one
 * more task draws `fcToys` toys at the reference end (lo for upper limits, hi for lower ones), at
 * θ̂̂(reference), evaluating q̃ at every grid point (CLb).
 *
 * TWO POIs: the grid (x_a, y_b) with step `regionStep` on each range; at each point toys at
 * (x_a, y_b, θ̂̂) tally t(x_a, y_b) ≥ t_obs — the 2-D Feldman–Cousins region.
 *
 * Asymptotic numbers, through the likelihood layer's own door (`engine.likelihood()`): boundary tests
 * (`boundaryTest`, two-boundary t̃ distribution with the far branch point from the Asimov data at the
 * far bound, recorded with `boundaryMethod`), the two-boundary p-value of t̃ on the grid (`testPoi`),
 * the asymptotic interval (`poiInterval`), pyhf's q̃_μ CLs+b/CLs for upper limits on workspaces; in
 * 2-D, Wilks' χ²₂ rule.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { SpecError } from '../errors.js';
import { boundaryMethod, boundaryTest, poiInterval, testPoi } from '../likelihood/index.js';
import type { PValueMethod } from '../likelihood/index.js';
import { buildEngine, OBSERVED } from './engine.js';
import type { ToyEngine } from './engine.js';
import type { ToyAnalysisInput, LimitSide, ToyAnalysis, ToyModelSpec } from './modelSpec.js';
import { StatEvaluator } from './teststat.js';
import type { StatTest } from './teststat.js';
import type { FitTask, ToyTask } from './types.js';

export interface AnalysisToysOptions {
  /** Toys at the grid ends (the boundary tests). */
  readonly nToys: number;
  /** Toys per interior grid point, per 2-D grid point, and for the CLb distribution. */
  readonly fcToys: number;
  /** 1-D grid step as a fraction of the POI range (1/step an integer). */
  readonly alphaStep: number;
  /** 2-D grid step on each POI range (1/step an integer). */
  readonly regionStep: number;
  readonly cls: readonly number[];
  readonly limit: LimitSide | null;
  /** CLs = CLs+b/CLb instead of CLs+b for the limits. */
  readonly clsMethod: boolean;
}

export interface LimitPlan {
  readonly side: LimitSide;
  readonly clsMethod: boolean;
  /** Task of the CLb toys (null without CLs). */
  readonly clbTask: number | null;
  /** pyhf's asymptotic CLs+b and CLs at each grid point (null where it does not apply). */
  readonly asymptotic: { readonly clsb: readonly number[]; readonly cls: readonly number[] } | null;
}

/** Summary of a one-POI analysis (the fields `fcInterval` reads are shared with per-bin plans). */
export interface IntervalPlan {
  readonly kind: 'interval';
  readonly analysis: number;
  readonly key: string;
  readonly label: string;
  readonly poi: string;
  readonly bounds: readonly [number, number];
  readonly poiHat: number;
  readonly converged: boolean;
  readonly grid: readonly number[];
  /** Task index of each grid point; test 0 of each is t̃, test 1 the one-sided q̃ (with a limit). */
  readonly tasks: readonly number[];
  /** Two-boundary asymptotic p-value of t̃_obs at each grid point (likelihood `testPoi`). */
  readonly pAsymptotic: readonly number[];
  /**
   * Boundary tests of POI = hi (α = 1) and POI = lo (α = 0): the likelihood layer's `boundaryTest`
   * (two-boundary t̃ distribution, far branch point from the Asimov data at the far bound), with
   * their methods.
   */
  readonly pHiAsymptotic: number;
  readonly pLoAsymptotic: number;
  readonly pHiMethod: PValueMethod;
  readonly pLoMethod: PValueMethod;
  readonly asymptoticIntervals: readonly {
    readonly cl: number;
    readonly lower: number;
    readonly upper: number;
  }[];
  readonly limit: LimitPlan | null;
}

/** Summary of a two-POI analysis. */
export interface RegionPlan {
  readonly kind: 'region';
  readonly analysis: number;
  readonly key: string;
  readonly label: string;
  readonly pois: readonly [string, string];
  readonly bounds: readonly [readonly [number, number], readonly [number, number]];
  readonly poiHat: readonly [number, number];
  readonly converged: boolean;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** Task of grid point (a, b) at index a·ys.length + b. */
  readonly tasks: readonly number[];
  /** Wilks' χ²₂ quantile at each CL (the asymptotic region is t ≤ it). */
  readonly wilks: readonly number[];
}

export type AnalysisPlan = IntervalPlan | RegionPlan;

/** Grid of J + 1 points over [lo, hi], ends exact. */
export function poiGrid(lo: number, hi: number, intervals: number): number[] {
  return Array.from({ length: intervals + 1 }, (_, j) =>
    j === intervals ? hi : lo + ((hi - lo) * j) / intervals,
  );
}

/** Index the distinct model specs of the inputs (same JSON → same model). */
export function collectModels(inputs: readonly ToyAnalysisInput[]): {
  toyModels: ToyModelSpec[];
  analyses: ToyAnalysis[];
} {
  const toyModels: ToyModelSpec[] = [];
  const seen = new Map<string, number>();
  const keys = new Set<string>();
  const analyses = inputs.map((a): ToyAnalysis => {
    if (keys.has(a.key)) {
      throw new SpecError('invalid_input', `analyses: key "${a.key}" appears twice`, ['analyses']);
    }
    keys.add(a.key);
    const text = JSON.stringify(a.spec);
    let m = seen.get(text);
    if (m === undefined) {
      m = toyModels.length;
      seen.set(text, m);
      toyModels.push(JSON.parse(text) as ToyModelSpec);
    }
    return { key: a.key, label: a.label, model: m, pois: [...a.pois] };
  });
  return { toyModels, analyses };
}

/**
 * Fit the observed data freely; `at(values)` then gives the observed statistic at a POI point and the
 * conditional fit θ̂̂ there (a generating point). SpecError if the data cannot be fitted.
 */
export function observed(
  engine: ToyEngine,
  label: string,
): {
  poiHat: number[];
  converged: boolean;
  at: (values: readonly number[], side?: StatTest['side']) => { t: number; gen: number[] };
} {
  engine.select(OBSERVED);
  const converged = engine.fitFree(engine.init, true);
  if (!Number.isFinite(engine.freeNll)) {
    throw new SpecError(
      'invalid_spec',
      `${label}: the observed data are impossible under the model (NLL = ∞ at every parameter point tried)`,
      ['workspace'],
    );
  }
  const start = Float64Array.from(engine.freePars());
  const poiHat = Array.from({ length: engine.nPois }, (_, i) => engine.freePoi(i));
  const out = new Float64Array(1);
  return {
    poiHat,
    converged,
    at: (values, side = 'two-sided') => {
      const ev = new StatEvaluator(engine, [{ values, side }]);
      const ok = ev.evaluate(start, out);
      if (!ok) {
        throw new SpecError(
          'invalid_spec',
          `${label}: the fit of the observed data with the POI at ${values.join(', ')} did not converge`,
          ['workspace'],
        );
      }
      const gen = Array.from(ev.conditionalPars(values));
      if (gen.some((x) => Number.isNaN(x))) {
        throw new SpecError(
          'invalid_spec',
          `${label}: the fit of the observed data with the POI at ${values.join(', ')} did not converge`,
          ['workspace'],
        );
      }
      return { t: out[0]!, gen };
    },
  };
}

function fitTask(
  key: string,
  analysis: number,
  gen: readonly number[],
  nToys: number,
  tests: FitTask['tests'],
  fitCost: number,
): FitTask {
  let distinct = 0;
  tests.forEach((t, j) => {
    if (j === 0 || t.values.some((v, i) => v !== tests[j - 1]!.values[i])) distinct++;
  });
  return { kind: 'fit', key, analysis, gen, nToys, tests, cost: Math.round((fitCost * (1 + distinct)) / 2) };
}

function planInterval(
  a: ToyAnalysis,
  index: number,
  engine: ToyEngine,
  o: AnalysisToysOptions,
  intervals: number,
  tasks: ToyTask[],
): IntervalPlan {
  const lo = engine.poiLower[0]!;
  const hi = engine.poiUpper[0]!;
  const obs = observed(engine, a.label);
  const grid = poiGrid(lo, hi, intervals);
  const side = o.limit;
  const gens: number[][] = [];
  const tObs: number[] = [];
  const qObs: number[] = [];
  const taskIdx = grid.map((v, j) => {
    const two = obs.at([v]);
    const tests: FitTask['tests'][number][] = [{ values: [v], side: 'two-sided', tObs: two.t }];
    tObs.push(two.t);
    if (side !== null) {
      const q = obs.at([v], side).t;
      qObs.push(q);
      tests.push({ values: [v], side, tObs: q });
    }
    gens.push(two.gen);
    const end = j === 0 || j === intervals;
    tasks.push(
      fitTask(
        `${a.key}/poi${j}of${intervals}`,
        index,
        two.gen,
        end ? o.nToys : o.fcToys,
        tests,
        engine.fitCost,
      ),
    );
    return tasks.length - 1;
  });
  let limit: LimitPlan | null = null;
  if (side !== null) {
    let clbTask: number | null = null;
    if (o.clsMethod) {
      const ref = side === 'upper' ? 0 : intervals;
      const tests = grid.map((v, j) => ({ values: [v], side, tObs: qObs[j]! }));
      tasks.push(fitTask(`${a.key}/clb`, index, gens[ref]!, o.fcToys, tests, engine.fitCost));
      clbTask = tasks.length - 1;
    }
    engine.select(OBSERVED);
    const asym = side === 'upper' ? grid.map((v) => engine.asymptoticQtilde(v)) : [];
    limit = {
      side,
      clsMethod: o.clsMethod,
      clbTask,
      asymptotic:
        asym.length > 0 && asym.every((x) => x !== null)
          ? { clsb: asym.map((x) => x!.clsb), cls: asym.map((x) => x!.cls) }
          : null,
    };
  }
  engine.select(OBSERVED);
  const lik = engine.likelihood();
  const toValue = (x: number) => (x === 1 ? hi : lo + (hi - lo) * x);
  const atHi = boundaryTest(lik, 1);
  const atLo = boundaryTest(lik, 0);
  return {
    kind: 'interval',
    analysis: index,
    key: a.key,
    label: a.label,
    poi: a.pois[0]!,
    bounds: [lo, hi],
    poiHat: obs.poiHat[0]!,
    converged: obs.converged,
    grid,
    tasks: taskIdx,
    pAsymptotic: grid.map((_, j) => testPoi(lik, j / intervals).pValue),
    pHiAsymptotic: atHi.pValue,
    pLoAsymptotic: atLo.pValue,
    pHiMethod: boundaryMethod(atHi),
    pLoMethod: boundaryMethod(atLo),
    asymptoticIntervals: o.cls.map((cl) => {
      const iv = poiInterval(lik, { cl });
      return { cl, lower: toValue(iv.lower), upper: toValue(iv.upper) };
    }),
    limit,
  };
}

function planRegion(
  a: ToyAnalysis,
  index: number,
  engine: ToyEngine,
  o: AnalysisToysOptions,
  intervals: number,
  tasks: ToyTask[],
): RegionPlan {
  const obs = observed(engine, a.label);
  const xs = poiGrid(engine.poiLower[0]!, engine.poiUpper[0]!, intervals);
  const ys = poiGrid(engine.poiLower[1]!, engine.poiUpper[1]!, intervals);
  const taskIdx: number[] = [];
  xs.forEach((x, ia) =>
    ys.forEach((y, ib) => {
      const r = obs.at([x, y]);
      const tests = [{ values: [x, y], side: 'two-sided' as const, tObs: r.t }];
      const key = `${a.key}/region${ia}_${ib}of${intervals}`;
      tasks.push(fitTask(key, index, r.gen, o.fcToys, tests, engine.fitCost));
      taskIdx.push(tasks.length - 1);
    }),
  );
  return {
    kind: 'region',
    analysis: index,
    key: a.key,
    label: a.label,
    pois: [a.pois[0]!, a.pois[1]!],
    bounds: [
      [xs[0]!, xs[xs.length - 1]!],
      [ys[0]!, ys[ys.length - 1]!],
    ],
    poiHat: [obs.poiHat[0]!, obs.poiHat[1]!],
    converged: obs.converged,
    xs,
    ys,
    tasks: taskIdx,
    wilks: o.cls.map((cl) => chisquareQuantile(cl, 2)),
  };
}

/**
 * Plan every analysis: append its tasks to `tasks` and return its summary. `intervals` and
 * `regionIntervals` are 1/alphaStep and 1/regionStep (checked by the caller).
 */
export function planAnalyses(
  toyModels: readonly ToyModelSpec[],
  analyses: readonly ToyAnalysis[],
  o: AnalysisToysOptions,
  grids: { readonly intervals: number; readonly regionIntervals: number },
  tasks: ToyTask[],
): AnalysisPlan[] {
  return analyses.map((a, index) => {
    const engine = buildEngine(toyModels[a.model]!, a.pois);
    return engine.nPois === 1
      ? planInterval(a, index, engine, o, grids.intervals, tasks)
      : planRegion(a, index, engine, o, grids.regionIntervals, tasks);
  });
}
