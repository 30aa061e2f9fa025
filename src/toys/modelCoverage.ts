/**
 * Planning coverage studies of general-engine analyses (types.ts `FitCoverageTask`): at each true POI
 * point, pseudo-experiments generated at (truth, θ̂̂(truth)) of the observed data — the nuisances where
 * the data put them — each analysed exactly as the toys analyse data (modelChunks.ts
 * `runFitCoverageChunk`): its own Feldman–Cousins construction at the truth, the asymptotic
 * two-boundary test, Wilks' Δχ² rule, and on request the one-sided limit.
 */
import { SpecError } from '../errors.js';
import { buildEngine } from './engine.js';
import { observed, poiGrid } from './modelPlan.js';
import type { LimitSide, ToyAnalysis, ToyModelSpec } from './modelSpec.js';
import type { FitCoverageTask, ToyTask } from './types.js';

export interface AnalysisCoveragePoint {
  readonly analysis: number;
  readonly key: string;
  readonly label: string;
  readonly pois: readonly string[];
  readonly truth: readonly number[];
  readonly task: number;
  readonly methods: readonly string[];
}

export interface AnalysisCoverageOptions {
  /** True POI points (each one value per POI, own units); default: the grid at `intervals`. */
  readonly truths?: readonly (readonly number[])[];
  readonly intervals: number;
  readonly nExperiments: number;
  readonly innerToys: number;
  readonly limit: LimitSide | null;
}

/** The Monte Carlo tests of one pseudo-experiment besides its inner toys: ≈ 12 fit pairs. */
const ASYMPTOTIC_FIT_PAIRS = 12;

export function planAnalysisCoverage(
  toyModels: readonly ToyModelSpec[],
  analyses: readonly ToyAnalysis[],
  o: AnalysisCoverageOptions,
  tasks: ToyTask[],
): AnalysisCoveragePoint[] {
  const points: AnalysisCoveragePoint[] = [];
  analyses.forEach((a, index) => {
    const engine = buildEngine(toyModels[a.model]!, a.pois);
    const obs = observed(engine, a.label);
    const k = engine.nPois;
    const grids = a.pois.map((_, i) => poiGrid(engine.poiLower[i]!, engine.poiUpper[i]!, o.intervals));
    const truths =
      o.truths ??
      (k === 1 ? grids[0]!.map((v) => [v]) : grids[0]!.flatMap((x) => grids[1]!.map((y) => [x, y])));
    const side = k === 1 ? o.limit : null;
    const methods =
      k === 1
        ? ['feldmanCousins', 'asymptotic', 'deltaChi2', ...(side === null ? [] : [`${side}Limit`])]
        : ['feldmanCousins', 'deltaChi2'];
    truths.forEach((truth, j) => {
      if (
        truth.length !== k ||
        truth.some((v, i) => !(v >= engine.poiLower[i]! && v <= engine.poiUpper[i]!))
      ) {
        throw new SpecError(
          'invalid_input',
          `truths[${j}]: ${truth.join(', ')} is not a point of ${a.pois.join(' × ')} within their bounds (${a.pois
            .map((p, i) => `${p} ∈ [${engine.poiLower[i]}, ${engine.poiUpper[i]}]`)
            .join(', ')})`,
          ['truths', j],
        );
      }
      const task: FitCoverageTask = {
        kind: 'fitCoverage',
        key: `coverage/${a.key}/truth${truth.join('_')}`,
        analysis: index,
        truth: [...truth],
        gen: obs.at(truth).gen,
        nExperiments: o.nExperiments,
        innerToys: o.innerToys,
        side,
        methods,
        cost: engine.fitCost * (o.innerToys + 1 + (k === 1 ? ASYMPTOTIC_FIT_PAIRS : 0)),
      };
      tasks.push(task);
      points.push({
        analysis: index,
        key: a.key,
        label: a.label,
        pois: a.pois,
        truth: [...truth],
        task: tasks.length - 1,
        methods,
      });
    });
  });
  return points;
}
