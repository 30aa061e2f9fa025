/**
 * Shard files (`--shard k/n` on a batch system) and their merge.
 *
 * A shard file holds the whole sealed job (so `merge` needs no dataset) and the tallies of the units
 * [firstUnit, endUnit) of shard k/n. Merging checks that every file belongs to the same job (same
 * hash: same dataset, model, seed and settings), that no unit appears twice, and that none is missing
 * (unless partial merges are allowed); the result is then computed exactly as for a single run.
 */
import { SpecError } from '../errors.js';
import { jobUnits } from './chunks.js';
import { jobResult } from './results.js';
import type { JobResult } from './results.js';
import type { ShardSpec } from './runner.js';
import { TOY_SHARD_SCHEMA } from './types.js';
import type { ShardFile, ToyJob, UnitTally } from './types.js';

export function makeShardFile(
  job: ToyJob,
  shard: ShardSpec,
  firstUnit: number,
  endUnit: number,
  units: readonly UnitTally[],
): ShardFile {
  return {
    schema: TOY_SHARD_SCHEMA,
    shard: { index: shard.index, count: shard.count },
    firstUnit,
    endUnit,
    job,
    units,
  };
}

/** Canonical text of a shard file. */
export function shardJson(shard: ShardFile): string {
  return `${JSON.stringify(shard)}\n`;
}

export interface MergeOptions {
  /** Accept missing units (the result then says `complete: false`). Overlaps are never accepted. */
  readonly allowPartial?: boolean;
}

export interface MergedShards {
  readonly job: ToyJob;
  readonly units: readonly UnitTally[];
  readonly missingUnits: readonly number[];
  readonly result: JobResult;
}

/**
 * Merge shard files (already parsed; `names` label them in messages). Throws SpecError naming the
 * offending file for a foreign job, an overlap, or (without allowPartial) a gap.
 */
export function mergeShards(
  shards: readonly ShardFile[],
  names: readonly string[] = [],
  options: MergeOptions = {},
): MergedShards {
  const label = (i: number): string => names[i] ?? `shard file ${i + 1}`;
  const first = shards[0];
  if (first === undefined) throw new SpecError('invalid_input', 'merge: no shard files given', ['shards']);
  const job = first.job;
  const owner = new Map<number, number>();
  const units: UnitTally[] = [];
  shards.forEach((s, i) => {
    if (s.schema !== TOY_SHARD_SCHEMA) {
      throw new SpecError('invalid_input', `${label(i)}: not a shard file (schema ${String(s.schema)})`, [
        'schema',
      ]);
    }
    if (s.job.hash !== job.hash) {
      // Optional chaining: a hand-edited file may lack fields; the message must still be one line.
      const a: Partial<ToyJob> = s.job;
      const b = job;
      const what =
        a.source?.hash !== b.source.hash
          ? `dataset ${a.source?.id} (hash ${a.source?.hash.slice(0, 12)}) differs from ${b.source.id} (hash ${b.source.hash.slice(0, 12)})`
          : a.settings?.seed !== b.settings.seed
            ? `seed ${a.settings?.seed} differs from ${b.settings.seed}`
            : a.kind !== b.kind
              ? `job kind ${a.kind} differs from ${b.kind}`
              : 'the model or the toy settings differ (the job hashes differ)';
      throw new SpecError(
        'invalid_input',
        `${label(i)} belongs to a different run than ${label(0)}: ${what}`,
        ['job'],
      );
    }
    for (const u of s.units) {
      const prev = owner.get(u.unit);
      if (prev !== undefined) {
        throw new SpecError(
          'invalid_input',
          `${label(i)} and ${label(prev)} overlap (both contain unit ${u.unit}); merge each shard once`,
          ['units'],
        );
      }
      if (u.unit < s.firstUnit || u.unit >= s.endUnit) {
        throw new SpecError('invalid_input', `${label(i)}: unit ${u.unit} outside its range`, ['units']);
      }
      owner.set(u.unit, i);
      units.push(u);
    }
  });
  const total = jobUnits(job).length;
  const missingUnits: number[] = [];
  for (let u = 0; u < total; u++) if (!owner.has(u)) missingUnits.push(u);
  if (missingUnits.length > 0 && options.allowPartial !== true) {
    const shardsSeen = [...new Set(shards.map((s) => `${s.shard.index}/${s.shard.count}`))].join(', ');
    throw new SpecError(
      'invalid_input',
      `merge: ${missingUnits.length} of ${total} units missing (have shards ${shardsSeen}; first missing unit ${missingUnits[0]}); give every shard, or --allow-partial`,
      ['shards'],
    );
  }
  units.sort((a, b) => a.unit - b.unit);
  return { job, units, missingUnits, result: jobResult(job, units) };
}
