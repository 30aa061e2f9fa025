/**
 * The public door of src/toys (STYLE.md P1): seeded random streams, toy ensembles of the counting
 * likelihood, toy-calibrated p-values, Feldman–Cousins intervals, coverage studies, worker-thread
 * parallelism, shards and merge.
 *
 * Reproducibility contract: every random number comes from `createRng(seed, ...parts)`; work is cut
 * into chunks whose tallies depend only on (job, task, chunk); results are sums of integer tallies.
 * So the same seed gives bit-identical results for any number of workers, and merged shards give the
 * same result file as one run.
 *
 * Typical use: `calibrateWithToys(model, { seed, nToys, workers })`; or, with control over the run,
 * `planToys` → `runToyJob` (workers, shard, resume, progress, abort) → `toysResult` → `resultJson`.
 */
export { createRng, RNG_STREAMS_VERSION, streamSeed, streamState } from './rng.js';
export type { Rng } from './rng.js';
export { poissonInversion, poissonPtrs, poissonVariate, PTRS_MIN_MEAN } from './poisson.js';
export { BinToyDrawer, ModelToyDrawer, binGenerator, modelGenerator } from './generate.js';
export { KernelLikelihood } from './kernelLikelihood.js';
export { ModelFits } from './modelFits.js';
export { exceedThreshold, fcAccepted, finiteOrNull, fraction, toyPValue, T_TIE, T_ZERO } from './stats.js';
export type { Fraction, ToyPValue } from './stats.js';
export { planToys, TOYS_DEFAULTS } from './plan.js';
export type { BinPlan, CombinedPlan, ToysOptions, ToysSummary } from './plan.js';
export { planCoverage, COVERAGE_DEFAULTS } from './coverage.js';
export type { CoverageOptions, CoverageSummary } from './coverage.js';
export {
  checkJobSize,
  jobSize,
  MAX_JOB_CHUNKS,
  itemCost,
  jobChunks,
  jobUnits,
  runChunk,
  runUnit,
  UNIT_COST,
  unitCosts,
} from './chunks.js';
export { defaultWorkerUrl, runToyJob, shardRange } from './runner.js';
export type {
  ExecutorFactory,
  RunOptions,
  RunOutcome,
  RunProgress,
  ShardSpec,
  UnitExecutor,
} from './runner.js';
export {
  binLabel,
  COVERAGE_METHODS,
  COVERAGE_RESULT_SCHEMA,
  coverageResult,
  jobResult,
  resultJson,
  sumTallies,
  TOYS_RESULT_SCHEMA,
  toysResult,
} from './results.js';
export type {
  AsymptoticP,
  BinToysResult,
  BoundaryToys,
  CombinedToys,
  CoverageMethod,
  CoveragePoint,
  CoverageResult,
  FcPoint,
  IntervalPair,
  JobResult,
  ToysResult,
} from './results.js';
export { makeShardFile, mergeShards, shardJson } from './shards.js';
export type { MergedShards, MergeOptions } from './shards.js';
export { calibrateWithToys, coverageStudy } from './calibrate.js';
export type { RunControl } from './calibrate.js';
export { TOY_JOB_SCHEMA, TOY_SHARD_SCHEMA, TOY_UNIT_SCHEMA } from './types.js';
export type {
  BinGenerator,
  BinTask,
  ChunkRef,
  ChunkTally,
  CombinedTask,
  CoverageTask,
  ModelGenerator,
  ShardFile,
  ToyJob,
  ToyJobSettings,
  ToySource,
  ToyTask,
  UnitTally,
} from './types.js';
export { calibrateAnalysis } from './calibrateAnalysis.js';
export type {
  CalibratedAnalysis,
  CalibratedBin,
  CombinedToyPValues,
  ToyCalibration,
} from './calibrateAnalysis.js';
