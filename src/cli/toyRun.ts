/**
 * The toy-run machinery shared by `toys`, `coverage` and `analyze --toys`: option schemas, dataset →
 * counting model, a progress bar on a terminal (quiet in CI and pipes), resumable chunk files,
 * Ctrl-C handling that keeps finished work, and the shard branch (`--shard k/n` → shard file).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type cliProgress from 'cli-progress';
import type { Command } from 'commander';
import * as z from 'zod';
import { loadDataset } from '../data/index.js';
import type { CountsDataset } from '../data/index.js';
import { ToolkitError, SpecError } from '../errors.js';
import { countsModel } from '../likelihood/index.js';
import type { CountingModel, SystematicsTreatment } from '../likelihood/index.js';
import {
  jobUnits,
  makeShardFile,
  runToyJob,
  shardJson,
  shardRange,
  TOY_UNIT_SCHEMA,
  unitCosts,
} from '../toys/index.js';
import type { RunOutcome, ShardSpec, ToyJob, ToySource, UnitTally } from '../toys/index.js';
import { OutputSet, print, writeFileAtomic } from './io.js';
import { numberArg } from './options.js';

// ---------------------------------------------------------------------------------------------
// Option parsing shared with `coverage`.

export const countArg = (what: string, min = 1) =>
  numberArg(what).refine((v) => Number.isInteger(v) && v >= min, {
    message: `expected ${what} (an integer ≥ ${min})`,
  });

export const shardArg = z
  .string()
  .regex(/^\d+\/\d+$/, { message: 'expected k/n, e.g. 2/8' })
  .transform((s): ShardSpec => {
    const [k, n] = s.split('/').map(Number) as [number, number];
    return { index: k, count: n };
  })
  .refine((s) => s.count >= 1 && s.index >= 1 && s.index <= s.count, {
    message: 'expected k/n with 1 ≤ k ≤ n',
  });

/** Comma-separated numbers. */
export const numberListArg = (what: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x))))
    .refine((xs) => xs.every((x) => Number.isFinite(x)), { message: `expected ${what} separated by commas` });

/** `--workers N`: the threads asked for; undefined means one per available core (see effectiveWorkers). */
/** Confidence levels, each in (0, 1). */
export const clListArg = numberListArg('confidence levels').refine((xs) => xs.every((x) => x > 0 && x < 1), {
  message: 'expected confidence levels in (0, 1), e.g. 0.6827,0.9',
});

export const workersArg = countArg('a number of worker threads').optional();

/**
 * Worker threads actually used: the request (default: every available core) capped at the cores
 * available (os.availableParallelism) and at the units of work left; when a request given on the
 * command line is capped, one informational line on stderr says so and why.
 */
export function effectiveWorkers(requested: number | undefined, units: number): number {
  const cores = availableParallelism();
  const workers = Math.max(1, Math.min(requested ?? cores, cores, Math.max(1, units)));
  if (requested !== undefined && workers < requested) {
    const why = [
      ...(cores < requested ? [`${cores} core(s) available`] : []),
      ...(units < requested ? [`${units} unit(s) of work`] : []),
    ];
    process.stderr.write(`coherency: --workers ${requested}: using ${workers} (${why.join(', ')})\n`);
  }
  return workers;
}

/** A grid step 1/n (so that 0 and 1 are grid points). */
export const gridStepArg = numberArg('a grid step').refine(
  (v) => v > 0 && v <= 1 && Math.abs(Math.round(1 / v) * v - 1) <= 1e-9,
  { message: 'expected 1/n for an integer n ≥ 1, e.g. 0.025 (41 points) or 0.25' },
);

export const systematicsArg = z.enum(['profiled', 'none']).default('profiled');

// ---------------------------------------------------------------------------------------------
// Dataset → model.

export interface LoadedModel {
  readonly dataset: CountsDataset;
  readonly model: CountingModel;
  readonly source: ToySource;
}

/** Bin label: the recoil-energy range. */
function labelOf(bin: CountsDataset['bins'][number]): string {
  return `${bin.tLoKeV.toFixed(1)}–${bin.tHiKeV.toFixed(1)} keV`;
}

/** Load a counts dataset (shipped name or path) and map it onto the counting model (α = poi). */
export function loadCountsModel(
  datasetArg: string | undefined,
  systematics: SystematicsTreatment,
): LoadedModel {
  const dataset = loadDataset(datasetArg);
  if (dataset.kind !== 'counts') {
    throw new SpecError(
      'invalid_dataset',
      `dataset ${dataset.id}: toys need per-bin counts (kind "counts"); this one is "${dataset.kind}" (ξ ± σ)`,
      ['kind'],
    );
  }
  const hash = createHash('sha256').update(JSON.stringify(dataset)).digest('hex');
  return {
    dataset,
    model: countsModel(dataset, systematics),
    source: { id: dataset.id, hash, binLabels: dataset.bins.map(labelOf) },
  };
}

// ---------------------------------------------------------------------------------------------
// Running with progress, resume files and Ctrl-C.

interface ChunkFile {
  readonly schema: typeof TOY_UNIT_SCHEMA;
  readonly jobHash: string;
  readonly tally: UnitTally;
}

export function chunkDir(outDir: string, job: ToyJob): string {
  return join(outDir, '.chunks', job.hash.slice(0, 16));
}

function readChunkFiles(dir: string, job: ToyJob): UnitTally[] {
  if (!existsSync(dir)) return [];
  const out: UnitTally[] = [];
  for (const name of readdirSync(dir)) {
    if (!/^unit-\d+\.json$/.test(name)) continue;
    try {
      const f = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ChunkFile;
      if (f.schema === TOY_UNIT_SCHEMA && f.jobHash === job.hash && Number.isInteger(f.tally?.unit))
        out.push(f.tally);
    } catch {
      // unreadable: the unit is simply run again
    }
  }
  return out;
}

/** A progress bar on a terminal; cli-progress is loaded only then (start-up, issue 13). */
async function progressBar(label: string): Promise<cliProgress.SingleBar | undefined> {
  if (!process.stderr.isTTY || process.env.CI) return undefined;
  const { default: cliProgress } = await import('cli-progress');
  return new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {units} units | {rate} toys/s | ETA {eta_formatted}`,
      stream: process.stderr,
      fps: 5,
      etaBuffer: 20,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
}

function humanRate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)}k` : x.toFixed(0);
}

export interface RunSettings {
  /** Threads asked for (undefined: one per core); capped by effectiveWorkers. */
  readonly workers: number | undefined;
  readonly shard?: ShardSpec;
  readonly outDir?: string;
  readonly label: string;
}

/**
 * Run a job with a progress bar (TTY only), chunk files in outDir (resume), and Ctrl-C stopping after
 * the units in flight. Throws a ToolkitError if interrupted (what was finished is kept).
 */
export async function runWithResume(
  job: ToyJob,
  settings: RunSettings,
): Promise<RunOutcome & { readonly workers: number }> {
  // Plan first (bounded: checkJobSize), then take over Ctrl-C: a handler installed before a long
  // synchronous step would leave the process deaf to it.
  const units = jobUnits(job);
  const costs = unitCosts(job, units);
  const range = shardRange(units.length, settings.shard);
  const dir = settings.outDir === undefined ? undefined : chunkDir(settings.outDir, job);
  const completed = dir === undefined ? [] : readChunkFiles(dir, job);
  if (completed.length > 0)
    process.stderr.write(`resuming: ${completed.length} finished units found in ${dir}\n`);
  const inRange = (u: number): boolean => u >= range.first && u < range.end;
  const left = range.end - range.first - new Set(completed.map((t) => t.unit).filter(inRange)).size;
  const workers = effectiveWorkers(settings.workers, left);
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\ninterrupt: finishing the units in flight (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = await progressBar(settings.label);
  const sum = (us: readonly number[]): number => us.reduce((a, u) => a + (costs[u] ?? 0), 0);
  const totalCost = sum(Array.from({ length: range.end - range.first }, (_, i) => range.first + i));
  const resumedCost = sum(completed.map((t) => t.unit).filter(inRange));
  bar?.start(totalCost, resumedCost, { units: '', rate: '—' });
  const started = performance.now();
  try {
    const outcome = await runToyJob(job, {
      workers,
      ...(settings.shard === undefined ? {} : { shard: settings.shard }),
      completed,
      signal: controller.signal,
      onUnit: (tally, p) => {
        if (dir !== undefined) {
          const file: ChunkFile = { schema: TOY_UNIT_SCHEMA, jobHash: job.hash, tally };
          writeFileAtomic(
            join(dir, `unit-${String(tally.unit).padStart(6, '0')}.json`),
            `${JSON.stringify(file)}\n`,
          );
        }
        const seconds = (performance.now() - started) / 1000;
        bar?.update(p.doneCost, {
          units: `${p.doneUnits}/${p.totalUnits}`,
          rate: humanRate((p.doneCost - resumedCost) / Math.max(seconds, 1e-3)),
        });
      },
    });
    if (outcome.aborted) {
      const where =
        dir === undefined
          ? 'nothing was saved (give --out DIR to keep finished units)'
          : `finished units are kept in ${dir}; run the same command again to resume`;
      throw new ToolkitError(
        'interrupted',
        `interrupted after ${outcome.units.length} of ${outcome.endUnit - outcome.firstUnit} units: ${where}`,
      );
    }
    return { ...outcome, workers };
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
  }
}

/** Remove the resume files of a job once its outputs are written. */
export function removeChunkFiles(outDir: string | undefined, job: ToyJob): void {
  if (outDir === undefined) return;
  rmSync(chunkDir(outDir, job), { recursive: true, force: true });
  const parent = join(outDir, '.chunks');
  if (existsSync(parent) && readdirSync(parent).length === 0)
    rmSync(parent, { recursive: true, force: true });
}

export function shardFileName(shard: ShardSpec): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

/** Names `toys`/`coverage --out DIR` writes (checked before the run: none may be a directory). */
export function toyOutputNames(kind: 'toys' | 'coverage', shard: ShardSpec | undefined): string[] {
  if (shard !== undefined) return [shardFileName(shard)];
  const figure = kind === 'toys' ? 'toys-intervals' : 'coverage';
  const tables = kind === 'toys' ? ['toys.json', 'toys.csv', 'toys.md'] : ['coverage.json', 'coverage.csv'];
  return [...tables, ...['svg', 'png', 'vl.json'].map((ext) => `${figure}.${ext}`)];
}

/**
 * Run a job (resumable, with progress). With a shard spec, write the shard file to `outDir` and return
 * undefined (the caller prints nothing more); otherwise return the full run and its duration.
 */
export async function runJobOrShard(
  job: ToyJob,
  settings: RunSettings,
): Promise<{ run: RunOutcome & { readonly workers: number }; seconds: number } | undefined> {
  if (settings.shard !== undefined && settings.outDir === undefined) {
    throw new SpecError('invalid_input', '--shard needs --out DIR for its shard file', ['out']);
  }
  const t0 = performance.now();
  const run = await runWithResume(job, settings);
  const seconds = (performance.now() - t0) / 1000;
  if (settings.shard === undefined || settings.outDir === undefined) return { run, seconds };
  const out = new OutputSet(settings.outDir);
  out.add(
    shardFileName(settings.shard),
    shardJson(makeShardFile(job, settings.shard, run.firstUnit, run.endUnit, run.units)),
  );
  const written = out.commit();
  removeChunkFiles(settings.outDir, job);
  print(
    `shard ${settings.shard.index}/${settings.shard.count}: units ${run.firstUnit}–${run.endUnit - 1} of ${run.totalUnits} in ${seconds.toFixed(1)} s → ${written.join(', ')}`,
  );
  return undefined;
}

/**
 * The options every toy command shares (`toys`, `coverage`): confidence levels, bins, seed, workers,
 * shard, output directory (with resume), systematics and JSON output.
 */
export function addRunOptions(command: Command, outHelp: string): Command {
  return command
    .option('--cl <list>', 'confidence levels', '0.6827,0.9')
    .option('--bins <list>', 'bin indices (default: every bin whose signal depends on α)')
    .option('--seed <seed>', 'seed of the random streams (recorded in every output)', '1')
    .option(
      '--workers <N>',
      `worker threads (results do not depend on it; default ${availableParallelism()})`,
    )
    .option('--shard <k/n>', 'run only part k of n (batch systems); combine with `coherency merge`')
    .option('--out <dir>', `${outHelp}; enables resume`)
    .option('--systematics <kind>', "'profiled' normalisation constraints or 'none'", 'profiled')
    .option('--json', 'print the result JSON on stdout');
}

/** Run settings from parsed shared options. */
export function runSettings(
  o: {
    readonly workers?: number | undefined;
    readonly shard?: ShardSpec | undefined;
    readonly out?: string | undefined;
  },
  label: string,
): RunSettings {
  return {
    workers: o.workers,
    ...(o.shard === undefined ? {} : { shard: o.shard }),
    ...(o.out === undefined ? {} : { outDir: o.out }),
    label,
  };
}
