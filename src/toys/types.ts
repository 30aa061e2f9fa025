/**
 * The serialisable description of a toy run (a "job"), of its work split, and of its tallies.
 *
 * A job is planned once from the models and the observed data (plan.ts, modelPlan.ts): every number a
 * worker needs (the generating expectations, the observed statistics) is fixed in it, so workers,
 * shards and `merge` never see the dataset. The work is cut into CHUNKS of at most a fixed number of toys; the
 * toys of chunk c of task k are drawn from the stream `createRng(seed, task key, c)` in a fresh
 * set of fitters, so a chunk's tally depends only on (job, task, chunk). Tallies are integer counts,
 * summed per task: any grouping of chunks into units, workers or shards gives the same sums.
 */
import type { CountingModel } from '../likelihood/index.js';
import type { LimitSide, ToyAnalysis, ToyModelSpec } from './modelSpec.js';
import type { TestSide } from './teststat.js';

// @2: streams seeded by SHA-256 of (seed, task, chunk) (rng.ts) and the local look-elsewhere statistic
// max Z² (modelFits.ts). Jobs, shards and resume files of @1 draw other toys and are not mixed in.
// @3: general-engine tasks (`fit`, `fitCoverage`) with the job's `toyModels` and `analyses`, a counting
// `model` that may be null, and `settings.chunkFits`; a @2 job lacks them.
export const TOY_JOB_SCHEMA = 'cevns-coherency/toy-job@3';
export const TOY_SHARD_SCHEMA = 'cevns-coherency/toy-shard@3';
export const TOY_UNIT_SCHEMA = 'cevns-coherency/toy-unit@1';

/** What produced the model (shown in results, checked by `merge`). */
export interface ToySource {
  readonly id: string;
  /** A content hash of the dataset (hex); "" when there is none. */
  readonly hash: string;
  /** Display labels of the model's bins (e.g. recoil-energy ranges), by bin index. */
  readonly binLabels?: readonly string[];
}

/**
 * Where one bin's toys are generated: the expectations of the on- and off-source counts and the
 * normalisations θ̂̂ about which the global observables are drawn.
 */
export interface BinGenerator {
  readonly muOn: number;
  /** τ·b̂̂ (0 for a known background: no off-source count is drawn). */
  readonly muOff: number;
  readonly thetaSig: number;
  readonly thetaBeam: number;
  /** k̂̂ of a Gaussian-constrained known background, about which its centre is drawn (σ > 0 only). */
  readonly knownBackground?: number;
}

/** The same for all bins at once (shared normalisations). */
export interface ModelGenerator {
  readonly muOn: readonly number[];
  readonly muOff: readonly number[];
  readonly thetaSig: number;
  readonly thetaBeam: number;
  /** k̂̂ per bin, present when some bin has a Gaussian-constrained known background. */
  readonly knownBackground?: readonly number[];
}

/**
 * Toys of one bin alone (same constraint terms) at poi: tally [toys, toys with t̃(poi) ≥ tObs, failed].
 * Serves both the boundary tests (poi = 0, 1) and the Feldman–Cousins grid.
 */
export interface BinTask {
  readonly kind: 'bin';
  readonly key: string;
  readonly bin: number;
  readonly poi: number;
  readonly nToys: number;
  readonly gen: BinGenerator;
  readonly tObs: number;
}

/**
 * Toys of the whole model at poi = v for every bin: tally [toys, ≥ shared q, ≥ global Λ,
 * ≥ max local Z², failed], see modelFits.ts.
 */
export interface CombinedTask {
  readonly kind: 'combined';
  readonly key: string;
  readonly poi: 0 | 1;
  readonly nToys: number;
  readonly gen: ModelGenerator;
  /**
   * Observed shared-poi q = t̃(v), global Λ, and max over informative bins of the local Z_i² (the most
   * significant local test, modelFits.ts).
   */
  readonly obs: { readonly shared: number; readonly global: number; readonly maxLocal: number };
  /** Far branch point of each informative bin's local test (observed data), in bin order. */
  readonly localFarBranch: readonly number[];
}

/**
 * Coverage at a true poi for one bin: pseudo-experiments generated at (poi, gen); tally
 * [experiments, then per CL: covered by FC, by asymptotic, by Δχ², then failed], see coverage.ts.
 */
export interface CoverageTask {
  readonly kind: 'coverage';
  readonly key: string;
  readonly bin: number;
  readonly poi: number;
  readonly nExperiments: number;
  readonly innerToys: number;
  readonly gen: BinGenerator;
}

/** One statistic a fit task evaluates on every toy, with its observed value. */
export interface FitTest {
  /** POI values (the analysis' POIs, their own units). */
  readonly values: readonly number[];
  readonly side: TestSide;
  readonly tObs: number;
}

/**
 * Toys of a general-engine analysis (job.analyses[analysis]) generated at the parameter point `gen`;
 * every toy is fitted once freely and once per distinct tested point: tally
 * [toys, toys with t_j ≥ tObs_j for each test j, failed] (modelChunks.ts). Serves the FC grid (at the
 * grid point, generated at θ̂̂ of that point: the two-sided t̃ and, for limits, the one-sided one), the
 * boundary tests, and the CLb toys of CLs (generated at the reference end, tested at every grid point).
 */
export interface FitTask {
  readonly kind: 'fit';
  readonly key: string;
  readonly analysis: number;
  readonly gen: readonly number[];
  readonly nToys: number;
  readonly tests: readonly FitTest[];
  /** Cost of one toy in single-bin toy fits (work split and progress only). */
  readonly cost: number;
}

/**
 * Coverage of an analysis at a true POI point: pseudo-experiments drawn at `gen` (θ̂̂ of the observed
 * data at `truth`), each with its own FC construction at `truth` (`innerToys` toys at its own
 * θ̂̂(truth)): tally [experiments, covered per CL per method (order `methods`), failed].
 */
export interface FitCoverageTask {
  readonly kind: 'fitCoverage';
  readonly key: string;
  readonly analysis: number;
  readonly truth: readonly number[];
  readonly gen: readonly number[];
  readonly nExperiments: number;
  readonly innerToys: number;
  /** Also tally the one-sided limit at `truth` (upper: covered iff truth ≤ limit). */
  readonly side: LimitSide | null;
  readonly methods: readonly string[];
  readonly cost: number;
}

export type ToyTask = BinTask | CombinedTask | CoverageTask | FitTask | FitCoverageTask;

/** Settings that change what is drawn (all enter the job hash). */
export interface ToyJobSettings {
  readonly seed: string;
  /** Toys (bin tasks), toys (combined tasks) and pseudo-experiments (coverage tasks) per chunk. */
  readonly chunkToys: number;
  readonly chunkCombined: number;
  readonly chunkExperiments: number;
  /** Toys per chunk of the general-engine fit tasks. */
  readonly chunkFits: number;
  /** Confidence levels of the FC acceptance (coverage tasks tally each). */
  readonly cls: readonly number[];
}

export interface ToyJob {
  readonly schema: typeof TOY_JOB_SCHEMA;
  readonly kind: 'toys' | 'coverage';
  readonly source: ToySource;
  /** The counting model of the per-bin and combined counting tasks (null when there are none). */
  readonly model: CountingModel | null;
  /** Models and analyses of the general-engine tasks (modelSpec.ts); empty when there are none. */
  readonly toyModels: readonly ToyModelSpec[];
  readonly analyses: readonly ToyAnalysis[];
  readonly settings: ToyJobSettings;
  readonly tasks: readonly ToyTask[];
  /** Per-bin and combined asymptotic numbers and what else the result needs (plan.ts, coverage.ts). */
  readonly summary: unknown;
  /** sha256 (hex) of everything above; identifies compatible shards and resumable chunk files. */
  readonly hash: string;
}

/** A chunk: toys [start, start + size) of task `task` (start = chunk·chunk size of the task kind). */
export interface ChunkRef {
  readonly task: number;
  readonly chunk: number;
  readonly size: number;
}

export interface ChunkTally {
  readonly task: number;
  readonly chunk: number;
  readonly counts: readonly number[];
}

/** The tallies of one unit of work (consecutive chunks), as a worker returns and a chunk file stores. */
export interface UnitTally {
  readonly unit: number;
  readonly chunks: readonly ChunkTally[];
}

/** A shard (`--shard k/n`): the job and the tallies of its contiguous unit range [firstUnit, endUnit). */
export interface ShardFile {
  readonly schema: typeof TOY_SHARD_SCHEMA;
  readonly shard: { readonly index: number; readonly count: number };
  readonly firstUnit: number;
  readonly endUnit: number;
  readonly job: ToyJob;
  readonly units: readonly UnitTally[];
}
