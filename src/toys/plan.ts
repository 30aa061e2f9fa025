/**
 * Planning a toy run: fit the observed data once, fix every generating point and observed statistic
 * in a serialisable {@link ToyJob}, and record the asymptotic numbers the toys are compared with.
 *
 * Per informative bin i (the bin alone, with the model's constraint terms: `lik.bin(i)`):
 * - the α grid α_j = j/J, J = 1/step (so 0 and 1 are always on it);
 * - at each α_j one task: toys generated at (α_j, θ̂̂(α_j)) (the conditional fit of the observed data),
 *   tallying t̃(α_j) ≥ t̃_obs(α_j). At α = 1 and α = 0 these are the boundary tests q1 = t̃(1) and
 *   q0 = t̃(0) and get `nToys` toys; the interior points get `fcToys` (Feldman–Cousins belt).
 * Combined (≥ 2 informative bins, `combinedToys` > 0): toys of the whole model at α = 1 and α = 0 for
 * every bin, each tallying the shared-α q, the global Λ and the most significant local test (largest
 * local Z², modelFits.ts).
 */
// SHA-256 from @noble/hashes (audited, pure JS) rather than node:crypto, so that the toys layer runs in a
// browser too; same digest, so job hashes of earlier runs still match (test/toys/determinism.test.ts).
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import {
  boundaryMethod,
  boundaryTest,
  countingLikelihood,
  globalBoundaryTest,
  poiInterval,
  SingleBinKernel,
  testPoi,
} from '../likelihood/index.js';
import type { CountingModel, PValueMethod } from '../likelihood/index.js';
import { SpecError } from '../errors.js';
import { binGenerator, modelGenerator } from './generate.js';
import { ModelFits } from './modelFits.js';
import { TOY_JOB_SCHEMA } from './types.js';
import type { BinTask, CombinedTask, ToyJob, ToyJobSettings, ToySource, ToyTask } from './types.js';

/** Defaults of {@link planToys} (one place, STYLE.md §4.3). */
export const TOYS_DEFAULTS = {
  nToys: 100_000,
  fcToys: 2_000,
  alphaStep: 0.025,
  cls: [0.6827, 0.9] as readonly number[],
  combinedToys: 10_000,
  chunkToys: 10_000,
  chunkCombined: 500,
  chunkExperiments: 20,
} as const;

export interface ToysOptions {
  readonly seed: string | number;
  /** Toys per bin for the boundary tests (α = 1, α = 0), also the FC endpoints. */
  readonly nToys?: number;
  /** Toys per interior point of the FC grid. */
  readonly fcToys?: number;
  /** Spacing of the α grid; 1/step must be an integer (0.025 → 41 points). */
  readonly alphaStep?: number;
  readonly cls?: readonly number[];
  /** Toys per hypothesis for the combined tests; 0 skips them. */
  readonly combinedToys?: number;
  /** Bins to calibrate (default: every informative bin). */
  readonly bins?: readonly number[];
  readonly source?: ToySource;
  /** Work-split settings (change what is drawn; normally left at the defaults). */
  readonly chunkToys?: number;
  readonly chunkCombined?: number;
}

/** The per-bin summary stored in a toys job. */
export interface BinPlan {
  readonly bin: number;
  readonly poiHat: number;
  readonly grid: readonly number[];
  /** Task index of each grid point (first = α 0, last = α 1). */
  readonly tasks: readonly number[];
  /** Two-boundary asymptotic p-value of t̃_obs(α_j) (likelihood `testPoi`). */
  readonly pAsymptotic: readonly number[];
  /** Asymptotic boundary tests (likelihood `boundaryTest`, two-boundary null) and their methods. */
  readonly q1: number;
  readonly p1Asymptotic: number;
  readonly p1Method: PValueMethod;
  readonly q0: number;
  readonly p0Asymptotic: number;
  readonly p0Method: PValueMethod;
  /** likelihood `poiInterval` (asymptotic test inversion), one per CL. */
  readonly asymptoticIntervals: readonly {
    readonly cl: number;
    readonly lower: number;
    readonly upper: number;
  }[];
}

export interface CombinedPlan {
  readonly poi: 0 | 1;
  readonly task: number;
  readonly poiHat: number;
  readonly q: number;
  readonly pAsymptotic: number;
  readonly pMethod: PValueMethod;
  readonly lambda: number;
  readonly dof: number;
  readonly lambdaPAsymptotic: number;
  readonly mostSignificantBin: number;
  readonly maxLocalQ: number;
  readonly maxLocalPLocal: number;
  /** Šidák-corrected p of the most significant bin (likelihood `globalBoundaryTest`). */
  readonly maxLocalPSidak: number;
}

export interface ToysSummary {
  readonly kind: 'toys';
  readonly nToys: number;
  readonly fcToys: number;
  readonly alphaStep: number;
  readonly combinedToys: number;
  readonly informativeBins: readonly number[];
  readonly bins: readonly BinPlan[];
  readonly combined: readonly CombinedPlan[];
}

export function requireCount(value: number, name: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new SpecError('invalid_input', `${name}: expected an integer ≥ ${min}, got ${value}`, [name]);
  }
  return value;
}

/** Number of grid intervals J for a step (1/step must be an integer to 1e-9). */
export function gridIntervals(step: number, name = 'alphaStep'): number {
  const j = Math.round(1 / step);
  if (!(step > 0 && step <= 1) || Math.abs(j * step - 1) > 1e-9) {
    throw new SpecError(
      'invalid_input',
      `${name}: expected 1/n for an integer n ≥ 1 (e.g. 0.025), got ${step}`,
      [name],
    );
  }
  return j;
}

export function validateCls(cls: readonly number[]): void {
  if (cls.length === 0)
    throw new SpecError('invalid_input', 'cls: expected at least one confidence level', ['cls']);
  for (const cl of cls) {
    if (!(cl > 0 && cl < 1)) {
      throw new SpecError('invalid_input', `cls: expected confidence levels in (0, 1), got ${cl}`, ['cls']);
    }
  }
}

export function seedString(seed: string | number): string {
  if (typeof seed === 'number' ? !Number.isFinite(seed) : seed.length === 0) {
    throw new SpecError(
      'invalid_input',
      `seed: expected a finite number or a non-empty string, got ${seed}`,
      ['seed'],
    );
  }
  return String(seed);
}

/** Check requested bins against the informative ones. */
export function selectBins(
  requested: readonly number[] | undefined,
  informative: readonly number[],
): number[] {
  if (requested === undefined) return [...informative];
  for (const b of requested) {
    if (!informative.includes(b)) {
      throw new SpecError(
        'bin_mismatch',
        `bins: ${b} is not an informative bin of the model (informative: ${informative.join(', ')})`,
        ['bins'],
      );
    }
  }
  return [...new Set(requested)].sort((a, b) => a - b);
}

/** Freeze a job: JSON round trip (what shards and workers see is exactly this) plus its sha256. */
export function sealJob(job: Omit<ToyJob, 'hash'>): ToyJob {
  const text = JSON.stringify(job);
  const hash = bytesToHex(sha256(utf8ToBytes(text)));
  return { ...(JSON.parse(text) as Omit<ToyJob, 'hash'>), hash };
}

/** Plan the toys of `model` (observed data inside it). Throws SpecError for bad options. */
export function planToys(model: CountingModel, options: ToysOptions): ToyJob {
  const seed = seedString(options.seed);
  const nToys = requireCount(options.nToys ?? TOYS_DEFAULTS.nToys, 'nToys');
  const fcToys = requireCount(options.fcToys ?? TOYS_DEFAULTS.fcToys, 'fcToys');
  const alphaStep = options.alphaStep ?? TOYS_DEFAULTS.alphaStep;
  const intervals = gridIntervals(alphaStep);
  const cls = options.cls ?? TOYS_DEFAULTS.cls;
  validateCls(cls);
  const combinedToys = requireCount(options.combinedToys ?? TOYS_DEFAULTS.combinedToys, 'combinedToys', 0);
  const settings: ToyJobSettings = {
    seed,
    chunkToys: requireCount(options.chunkToys ?? TOYS_DEFAULTS.chunkToys, 'chunkToys'),
    chunkCombined: requireCount(options.chunkCombined ?? TOYS_DEFAULTS.chunkCombined, 'chunkCombined'),
    chunkExperiments: TOYS_DEFAULTS.chunkExperiments,
    cls: [...cls],
  };

  const lik = countingLikelihood(model); // validates the model
  const bins = selectBins(options.bins, lik.informativeBins);
  const grid = Array.from({ length: intervals + 1 }, (_, j) => j / intervals);
  const tasks: ToyTask[] = [];
  const binPlans: BinPlan[] = bins.map((bin) => {
    const bl = lik.bin(bin);
    const kernel = new SingleBinKernel(model, bin);
    const data = model.bins[bin]!;
    const nOff = data.background.kind === 'measured' ? data.background.nOff : 0;
    const taskIdx = grid.map((poi, j) => {
      const endpoint = j === 0 || j === intervals;
      const task: BinTask = {
        kind: 'bin',
        key: `bin${bin}/alpha${j}of${intervals}`,
        bin,
        poi,
        nToys: endpoint ? nToys : fcToys,
        gen: binGenerator(model, bin, poi, bl.fitConditional(poi)),
        tObs: kernel.tildeT(data.nOn, nOff, poi),
      };
      tasks.push(task);
      return tasks.length - 1;
    });
    const b1 = boundaryTest(bl, 1);
    const b0 = boundaryTest(bl, 0);
    return {
      bin,
      poiHat: bl.fitUnconditional().poi,
      grid,
      tasks: taskIdx,
      pAsymptotic: grid.map((poi) => testPoi(bl, poi).pValue),
      q1: b1.q,
      p1Asymptotic: b1.pValue,
      p1Method: boundaryMethod(b1),
      q0: b0.q,
      p0Asymptotic: b0.pValue,
      p0Method: boundaryMethod(b0),
      asymptoticIntervals: cls.map((cl) => {
        const iv = poiInterval(bl, { cl });
        return { cl, lower: iv.lower, upper: iv.upper };
      }),
    };
  });

  const combined: CombinedPlan[] = [];
  if (combinedToys > 0 && lik.informativeBins.length >= 2) {
    const fits = new ModelFits(model);
    const n = model.bins.map((b) => b.nOn);
    const m = model.bins.map((b) => (b.background.kind === 'measured' ? b.background.nOff : 0));
    for (const v of [1, 0] as const) {
      const gt = globalBoundaryTest(lik, v);
      // Far branch points of the local tests, in ModelFits' bin order (+∞ → 0: no information, √q).
      const localFarBranch = fits.informativeBins.map((bin) => {
        const c = gt.local.find((l) => l.bin === bin)?.farBranch ?? 0;
        return Number.isFinite(c) ? c : 0;
      });
      fits.evaluate(n, m, 1, 1, v, undefined, localFarBranch);
      const task: CombinedTask = {
        kind: 'combined',
        key: `combined/alpha${v}`,
        poi: v,
        nToys: combinedToys,
        gen: modelGenerator(model, v, lik.fitConditional(v)),
        obs: { shared: fits.shared, global: fits.global, maxLocal: fits.maxLocal },
        localFarBranch,
      };
      tasks.push(task);
      const bt = boundaryTest(lik, v);
      combined.push({
        poi: v,
        task: tasks.length - 1,
        poiHat: bt.poiHat,
        q: bt.q,
        pAsymptotic: bt.pValue,
        pMethod: boundaryMethod(bt),
        lambda: gt.statistic,
        dof: gt.dof,
        lambdaPAsymptotic: gt.pValue,
        mostSignificantBin: gt.mostSignificant.bin,
        maxLocalQ: gt.mostSignificant.q,
        maxLocalPLocal: gt.mostSignificant.pValue,
        maxLocalPSidak: gt.mostSignificant.pGlobal,
      });
    }
  }

  const summary: ToysSummary = {
    kind: 'toys',
    nToys,
    fcToys,
    alphaStep,
    combinedToys,
    informativeBins: [...lik.informativeBins],
    bins: binPlans,
    combined,
  };
  return sealJob({
    schema: TOY_JOB_SCHEMA,
    kind: 'toys',
    source: options.source ?? { id: 'model', hash: '' },
    model,
    settings,
    tasks,
    summary,
  });
}
