/**
 * `coherency merge SHARDS... --out FILE [--allow-partial]`: combine the shard files of a `toys` or
 * `coverage` run (`--shard k/n`) into the result file that a single run writes (toys.json or
 * coverage.json), byte for byte. Refuses shards of different runs (dataset, seed or settings),
 * overlapping shards, and missing ones unless --allow-partial.
 */
import { resolve } from 'node:path';
import { readInputJson } from '../../data/index.js';
import type { Command } from 'commander';
import * as z from 'zod';
import { SpecError } from '../../errors.js';
import { mergeShards, resultJson, TOY_SHARD_SCHEMA } from '../../toys/index.js';
import type { ShardFile } from '../../toys/index.js';
import { checkOutputFile, print, writeFileAtomic } from '../io.js';
import { parseOptions } from '../options.js';
import { printCoverageResult } from './coverage.js';
import { printToysResult } from './toys.js';

/** The outer shape of a shard file (the job inside is checked by its hash in mergeShards). */
const ShardShape = z.object({
  schema: z.literal(TOY_SHARD_SCHEMA),
  shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }),
  firstUnit: z.number().int().nonnegative(),
  endUnit: z.number().int().nonnegative(),
  job: z.object({ hash: z.string().length(64), kind: z.enum(['toys', 'coverage']) }).passthrough(),
  units: z.array(
    z.object({
      unit: z.number().int().nonnegative(),
      chunks: z.array(
        z.object({
          task: z.number().int().nonnegative(),
          chunk: z.number().int().nonnegative(),
          counts: z.array(z.number()),
        }),
      ),
    }),
  ),
});

function readShard(path: string): ShardFile {
  const raw = readInputJson(path, 'shard file');
  const r = ShardShape.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new SpecError(
      'invalid_input',
      `shard file ${JSON.stringify(path)}: not a shard file of \`coherency toys/coverage --shard\` (${issue.path.join('.') || 'top level'}: ${issue.code === 'invalid_value' ? `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}` : issue.message})`,
      ['shards'],
    );
  }
  return raw as ShardFile;
}

const MergeOptionsSchema = z
  .object({
    out: z.string().min(1),
    allowPartial: z.boolean().default(false),
    quiet: z.boolean().default(false),
    json: z.boolean().default(false),
  })
  .strict();

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the shard files of a `toys` or `coverage` run into the result of a single run')
    .argument('<shards...>', 'shard files (shard-k-of-n.json)')
    .requiredOption('--out <file>', 'result file to write (the toys.json / coverage.json of a single run)')
    .option('--allow-partial', 'accept missing shards (the result says complete: false)')
    .option('--quiet', 'do not print the result tables')
    .option('--json', 'print the merged result JSON on stdout (the file written to --out)')
    .action((paths: string[], raw: Record<string, unknown>) => {
      const o = parseOptions(MergeOptionsSchema, raw);
      checkOutputFile(o.out, '--out');
      paths.forEach((p, i) => {
        const j = paths.findIndex((q) => resolve(q) === resolve(p));
        if (j < i) {
          throw new SpecError(
            'invalid_input',
            `shard file ${JSON.stringify(p)} given twice (arguments ${j + 1} and ${i + 1}); each shard merges once`,
            ['shards'],
          );
        }
        if (resolve(p) === resolve(o.out))
          throw new SpecError(
            'invalid_input',
            `--out ${JSON.stringify(o.out)} is also a shard file to read`,
            ['out'],
          );
      });
      const shards = paths.map(readShard);
      const merged = mergeShards(shards, paths, { allowPartial: o.allowPartial });
      const text = resultJson(merged.result);
      writeFileAtomic(o.out, text);
      if (o.json) print(text);
      else if (!o.quiet) {
        if (merged.result.kind === 'toys') printToysResult(merged.result);
        else printCoverageResult(merged.result);
      }
      process.stderr.write(
        `merged ${shards.length} shard file(s), ${merged.units.length} units${merged.missingUnits.length > 0 ? ` (${merged.missingUnits.length} missing)` : ''} → ${o.out}\n`,
      );
    });
}
