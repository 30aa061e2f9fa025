/**
 * The shipped XENONnT ⁸B nuclear-recoil detection efficiency (fixtures/xenonnt-8b-efficiency.json,
 * derived from the public release by scripts/build-xenonnt-fixture.ts, see xenonnt8bRelease.ts):
 * schema, loader and the curve of one run or the exposure-weighted mean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { SpecError } from '../errors.js';
import { packageRoot } from './spectraDir.js';

export const XENONNT_8B_SCHEMA = 'cevns-coherency/xenonnt-8b-efficiency@1';
export const XENONNT_RUNS = ['sr0', 'sr1', 'sr2'] as const;
export type XenonntRun = (typeof XENONNT_RUNS)[number];
export const XENONNT_EFFICIENCY_FILE = 'xenonnt-8b-efficiency.json';

const nonNegative = z.number().nonnegative();

const RunSchema = z.strictObject({
  exposureTonneYear: z.number().positive(),
  efficiency: z.array(nonNegative.max(1)),
  backgroundPerTonneYear: z.strictObject({
    accidentalCoincidence: nonNegative,
    electronicRecoil: nonNegative,
    radiogenicNeutron: nonNegative,
  }),
});

export const XenonntEfficiencySchema = z
  .strictObject({
    schema: z.literal(XENONNT_8B_SCHEMA),
    description: z.string(),
    provenance: z.strictObject({
      release: z.string(),
      dataRecordDoi: z.string(),
      license: z.string(),
      papers: z.array(z.string()),
      files: z.array(z.string()),
      templateDates: z.array(z.string()),
      generator: z.string(),
    }),
    energyUnit: z.literal('keVnr'),
    energiesKeV: z.array(z.number().positive()).min(2),
    runs: z.strictObject({ sr0: RunSchema, sr1: RunSchema, sr2: RunSchema }),
    exposureWeighted: z.array(nonNegative.max(1)),
  })
  .superRefine((f, ctx) => {
    const n = f.energiesKeV.length;
    for (const run of XENONNT_RUNS) {
      if (f.runs[run].efficiency.length !== n) {
        ctx.addIssue({
          code: 'custom',
          message: `has ${f.runs[run].efficiency.length} values; expected ${n}`,
          path: ['runs', run, 'efficiency'],
        });
      }
    }
    if (f.exposureWeighted.length !== n) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${f.exposureWeighted.length} values; expected ${n}`,
        path: ['exposureWeighted'],
      });
    }
  });

export type XenonntEfficiencyFixture = z.infer<typeof XenonntEfficiencySchema>;

let cached: XenonntEfficiencyFixture | undefined;

/** Path of the shipped fixture. */
export function xenonntEfficiencyPath(): string {
  return join(packageRoot(), 'fixtures', XENONNT_EFFICIENCY_FILE);
}

/** Load (and cache) the shipped fixture, or a given file. Throws SpecError on a missing or invalid file. */
export function loadXenonntEfficiency(path?: string): XenonntEfficiencyFixture {
  if (path === undefined && cached !== undefined) return cached;
  const p = path ?? xenonntEfficiencyPath();
  if (!existsSync(p)) {
    throw new SpecError(
      'io_error',
      `${p} not found (regenerate with npx tsx scripts/build-xenonnt-fixture.ts)`,
      ['efficiency'],
    );
  }
  const r = XenonntEfficiencySchema.safeParse(JSON.parse(readFileSync(p, 'utf8')));
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new SpecError('invalid_dataset', `${XENONNT_EFFICIENCY_FILE}: ${i.path.join('.')}: ${i.message}`, [
      'efficiency',
    ]);
  }
  if (path === undefined) cached = r.data;
  return r.data;
}

/** The efficiency curve [keV_nr, ε] of one run or the exposure-weighted mean. */
export function xenonntEfficiencyCurve(
  fixture: XenonntEfficiencyFixture,
  run: XenonntRun | 'exposure-weighted' = 'exposure-weighted',
): { energiesKeV: readonly number[]; efficiency: readonly number[]; label: string } {
  const efficiency = run === 'exposure-weighted' ? fixture.exposureWeighted : fixture.runs[run].efficiency;
  const total = XENONNT_RUNS.reduce((s, r) => s + fixture.runs[r].exposureTonneYear, 0);
  const label =
    run === 'exposure-weighted'
      ? `XENONnT ⁸B NR detection efficiency, SR0–SR2 exposure-weighted (${total.toFixed(2)} t·yr; doi:${fixture.provenance.dataRecordDoi})`
      : `XENONnT ⁸B NR detection efficiency, ${run.toUpperCase()} (doi:${fixture.provenance.dataRecordDoi})`;
  return { energiesKeV: fixture.energiesKeV, efficiency, label };
}
