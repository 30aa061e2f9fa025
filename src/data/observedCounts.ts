/**
 * Observed counts per bin — the input of `coherency dataset build` beside a setup (docs/dataset-format.md,
 * "Building a dataset"). Version 1.0.0, JSON (this schema) or CSV (observedCsv.ts, same content):
 *
 *   { "$schemaVersion": "1.0.0", "kind": "observed-counts", "energyUnit": "keVee",
 *     "bins": [ { "lo": 0.2, "hi": 0.3, "nOn": 53, "nOff": 150, "tau": 3 },
 *               { "lo": 0.3, "hi": 0.4, "nOn": 40, "knownBackground": { "expected": 31.5, "sigma": 2 } } ] }
 *
 * Bin edges are in the observed energy named by `energyUnit` (eV/keV/MeV of the nuclear-recoil `nr`
 * or electron-equivalent `ee` scale: the setup's quenching maps keVee to recoil energies); counts and
 * backgrounds are events over the whole exposure. Each bin carries its on-source count and its
 * background: the off-source measurement (`nOff` with the off/on exposure ratio `tau`), a background
 * known from elsewhere (`knownBackground: {expected, sigma}`, events, absolute 1σ, uncorrelated
 * between bins), or both; optionally a beam-related background (`beamBackground`, events, scaled by
 * one normalisation with relative uncertainty `beamBackgroundRelUncertainty`). Bins are ordered and do
 * not overlap (gaps are allowed). Every problem is one SpecError('invalid_input') naming the file, the
 * field, the value and what was expected.
 */
import * as z from 'zod';
import { SpecError, formatPath } from '../errors.js';
import { describeIssue } from './setupIssues.js';
import { ENERGY_UNITS, normaliseUnit, type EnergyScale } from './setupUnits.js';

export const OBSERVED_SCHEMA_VERSION = '1.0.0';

const count = z.number().int().nonnegative();
const nonNegative = z.number().nonnegative();
const nonEmpty = z.string().min(1);

const ObservedBinSchema = z
  .object({
    /** Bin edges in `energyUnit`. */
    lo: z.number().nonnegative(),
    hi: z.number().positive(),
    nOn: count,
    nOff: count.optional(),
    tau: z.number().positive().optional(),
    knownBackground: z.object({ expected: nonNegative, sigma: nonNegative }).strict().optional(),
    beamBackground: nonNegative.optional(),
  })
  .strict();

export const ObservedCountsSchema = z
  .object({
    $schemaVersion: z.literal(OBSERVED_SCHEMA_VERSION),
    kind: z.literal('observed-counts'),
    id: nonEmpty.optional(),
    experiment: nonEmpty.optional(),
    title: nonEmpty.optional(),
    publication: z.object({ citation: nonEmpty, arXiv: nonEmpty, doi: nonEmpty }).strict().optional(),
    /** Where the counts come from (a data record DOI, files, notes). */
    provenance: z
      .object({
        dataRecordDoi: nonEmpty.optional(),
        files: z.array(nonEmpty).optional(),
        notes: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    /** Unit of the bin edges: eVee, keVee, MeVee, eVnr, keVnr, MeVnr. */
    energyUnit: z.string(),
    /** Overrides the setup's signal normalisation uncertainty (fractional). */
    signalNormRelUncertainty: nonNegative.optional(),
    /** Fractional uncertainty of the beam-background normalisation (default 0). */
    beamBackgroundRelUncertainty: nonNegative.optional(),
    bins: z.array(ObservedBinSchema).min(1),
  })
  .strict();

export type ObservedCountsInput = z.infer<typeof ObservedCountsSchema>;
export type ObservedBin = ObservedCountsInput['bins'][number];

/** Observed counts with the edge unit resolved: `loKeV`/`hiKeV` in keV of `scale`. */
export interface ObservedCounts extends ObservedCountsInput {
  readonly scale: EnergyScale;
  /** keV per `energyUnit`. */
  readonly keVPerUnit: number;
  readonly source: string;
}

/** Where bin i came from, for messages (CSV: its line number). */
export type BinLocator = (bin: number) => string;

type Fail = (path: readonly (string | number)[], message: string) => never;

function failer(source: string, locate: BinLocator | undefined): Fail {
  return (path, message) => {
    let where = path.length > 0 ? formatPath(path) : '(top level)';
    const bin = path[0] === 'bins' && typeof path[1] === 'number' ? path[1] : undefined;
    if (bin !== undefined && locate !== undefined) where += ` (${locate(bin)})`;
    throw new SpecError('invalid_input', `${source}: ${where}: ${message}`, path);
  };
}

/** Cross-field rules: edges increasing and ordered, each bin with its background, nOff with tau. */
function checkBins(bins: readonly ObservedBin[], fail: Fail): void {
  bins.forEach((b, i) => {
    if (!(b.hi > b.lo)) fail(['bins', i, 'hi'], `${b.hi} is not above lo = ${b.lo}; expected lo < hi`);
    const prev = bins[i - 1];
    if (prev !== undefined && b.lo < prev.hi) {
      fail(
        ['bins', i, 'lo'],
        `${b.lo} is below hi = ${prev.hi} of bin ${i - 1}; expected bins in increasing order, not overlapping`,
      );
    }
    if ((b.nOff === undefined) !== (b.tau === undefined)) {
      const missing = b.nOff === undefined ? 'nOff' : 'tau';
      fail(['bins', i, missing], 'is missing; expected nOff and tau together (n_off ~ Poisson(tau·b))');
    }
    if (b.nOff === undefined && b.knownBackground === undefined) {
      fail(
        ['bins', i],
        'has no background; expected nOff and tau (off-source measurement), or knownBackground {expected, sigma}, or both',
      );
    }
  });
}

const UNIT_HELP = Object.keys(ENERGY_UNITS).join(' | ');

/**
 * Validate parsed observed counts (JSON object); `source` names the file in messages, `locate` (CSV)
 * adds where bin i was read.
 */
export function parseObservedCounts(raw: unknown, source: string, locate?: BinLocator): ObservedCounts {
  const fail: Fail = failer(source, locate);
  const r = ObservedCountsSchema.safeParse(raw, { reportInput: true });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const missingUnit = path.length === 1 && path[0] === 'energyUnit' && issue.input === undefined;
    fail(
      path,
      missingUnit ? `is missing (no unit for the bin edges); expected ${UNIT_HELP}` : describeIssue(issue),
    );
  }
  const unit = ENERGY_UNITS[normaliseUnit(r.data.energyUnit)];
  if (unit === undefined) {
    fail(['energyUnit'], `"${r.data.energyUnit}" is not an energy unit of a detector; expected ${UNIT_HELP}`);
  }
  checkBins(r.data.bins, fail);
  return { ...r.data, scale: unit.scale, keVPerUnit: unit.keV, source };
}
