/**
 * Running one chunk of a general-engine task (types.ts `FitTask`, `FitCoverageTask`). As for every
 * chunk (chunks.ts), the tally is a pure function of (job, task, chunk): the toys come from the stream
 * `createRng(seed, task key, chunk)` (rng.ts), and every fit is warm-started from the task's own
 * generating point (never from an earlier toy), so the engines — compiled model, minimiser, buffers —
 * can be built once per job and analysis and reused by every chunk a thread runs.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { testPoi } from '../likelihood/index.js';
import { buildEngine, EXPERIMENT, TOY } from './engine.js';
import type { ToyEngine } from './engine.js';
import { createRng } from './rng.js';
import { exceedThreshold, fcAccepted } from './stats.js';
import { FIT_T_TIE, StatEvaluator } from './teststat.js';
import type { StatTest } from './teststat.js';
import type { ChunkRef, FitCoverageTask, FitTask, ToyJob } from './types.js';

/** Engines per job and analysis; a job is immutable once sealed, so this only saves rebuilding. */
const engines = new WeakMap<ToyJob, Map<number, ToyEngine>>();

export function engineFor(job: ToyJob, analysis: number): ToyEngine {
  let byAnalysis = engines.get(job);
  if (byAnalysis === undefined) {
    byAnalysis = new Map();
    engines.set(job, byAnalysis);
  }
  let e = byAnalysis.get(analysis);
  if (e === undefined) {
    const a = job.analyses[analysis];
    const spec = a === undefined ? undefined : job.toyModels[a.model];
    if (a === undefined || spec === undefined) {
      throw new RangeError(`task refers to analysis ${analysis}, job has ${job.analyses.length}`);
    }
    e = buildEngine(spec, a.pois);
    byAnalysis.set(analysis, e);
  }
  return e;
}

/** Tally [toys, exceed per test…, failed] (see FitTask). */
export function runFitChunk(job: ToyJob, task: FitTask, ref: ChunkRef): number[] {
  const rng = createRng(job.settings.seed, task.key, ref.chunk);
  const engine = engineFor(job, task.analysis);
  const ev = new StatEvaluator(engine, task.tests);
  const nT = task.tests.length;
  const out = new Float64Array(nT);
  const thr = task.tests.map((t) => exceedThreshold(t.tObs, FIT_T_TIE));
  const counts = new Array<number>(nT + 2).fill(0);
  for (let i = 0; i < ref.size; i++) {
    engine.draw(rng, task.gen, TOY);
    engine.select(TOY);
    if (!ev.evaluate(task.gen, out, thr)) {
      counts[nT + 1]!++;
      continue;
    }
    counts[0]!++;
    for (let j = 0; j < nT; j++) if (out[j]! >= thr[j]!) counts[1 + j]!++;
  }
  return counts;
}

/**
 * Coverage chunk (FitCoverageTask): each pseudo-experiment, drawn at the task's generating point, is
 * covered at CL
 * - `feldmanCousins`: if its own FC construction accepts the truth: `innerToys` toys at
 *   (truth, θ̂̂_pe(truth)) with the exact Monte Carlo test rule of stats.ts `fcAccepted`;
 * - `asymptotic` (one POI): if the two-boundary asymptotic p-value of t̃(truth) is ≥ 1 − CL
 *   (likelihood `testPoi` on the pseudo-data: the asymptotic interval covers the truth);
 * - `deltaChi2`: if t(truth) ≤ the χ²_k quantile at CL, k = number of POIs (Wilks);
 * - `upperLimit` / `lowerLimit`: if the one-sided toy test does not exclude the truth (CLs+b ≥ 1 − CL
 *   with the same inner toys), i.e. the limit lies beyond the truth.
 * Deciding at the truth itself is exactly "the interval covers the truth" for a connected set.
 */
export function runFitCoverageChunk(job: ToyJob, task: FitCoverageTask, ref: ChunkRef): number[] {
  const rng = createRng(job.settings.seed, task.key, ref.chunk);
  const engine = engineFor(job, task.analysis);
  const cls = job.settings.cls;
  const methods = task.methods;
  const M = methods.length;
  const tests: StatTest[] = [{ values: task.truth, side: 'two-sided' }];
  if (task.side !== null) tests.push({ values: task.truth, side: task.side });
  const ev = new StatEvaluator(engine, tests);
  const obs = new Float64Array(tests.length);
  const out = new Float64Array(tests.length);
  const genPe = new Float64Array(engine.nPars);
  const crit = cls.map((cl) => chisquareQuantile(cl, engine.nPois));
  const lo = engine.poiLower[0]!;
  const hi = engine.poiUpper[0]!;
  const poiUnit = Math.min(1, Math.max(0, (task.truth[0]! - lo) / (hi - lo)));
  const wantAsymptotic = methods.includes('asymptotic');
  const counts = new Array<number>(2 + cls.length * M).fill(0);
  for (let e = 0; e < ref.size; e++) {
    engine.draw(rng, task.gen, EXPERIMENT);
    engine.select(EXPERIMENT);
    let ok = ev.evaluate(task.gen, obs);
    if (ok) {
      genPe.set(ev.conditionalPars(task.truth));
      ok = !genPe.some(Number.isNaN);
    }
    const pAsym = ok && wantAsymptotic ? testPoi(engine.likelihood(), poiUnit).pValue : NaN;
    let toys = 0;
    let exceedTwo = 0;
    let exceedOne = 0;
    if (ok) {
      const thrTwo = exceedThreshold(obs[0]!, FIT_T_TIE);
      const thrOne = tests.length > 1 ? exceedThreshold(obs[1]!, FIT_T_TIE) : Infinity;
      for (let i = 0; i < task.innerToys; i++) {
        engine.draw(rng, genPe, TOY);
        engine.select(TOY);
        if (!ev.evaluate(genPe, out)) continue;
        toys++;
        if (out[0]! >= thrTwo) exceedTwo++;
        if (tests.length > 1 && out[1]! >= thrOne) exceedOne++;
      }
    }
    if (!ok || toys === 0 || (wantAsymptotic && Number.isNaN(pAsym))) {
      counts[1 + cls.length * M]!++;
      continue;
    }
    counts[0]!++;
    cls.forEach((cl, c) => {
      methods.forEach((m, k) => {
        const covered =
          m === 'feldmanCousins'
            ? fcAccepted(obs[0]!, exceedTwo, toys, cl)
            : m === 'asymptotic'
              ? pAsym >= 1 - cl
              : m === 'deltaChi2'
                ? obs[0]! <= crit[c]!
                : fcAccepted(obs[1]!, exceedOne, toys, cl);
        if (covered) counts[1 + c * M + k]!++;
      });
    });
  }
  return counts;
}
