/**
 * zod schemas of neutrino-spectrum inputs (STYLE P5): the user spectrum file (JSON, or CSV with
 * `# key: value` header directives) and the row checks of the shared tables. The TS types are
 * inferred from the schemas; every failure becomes a SpecError with code 'invalid_spectrum' whose
 * message names the file, the line or JSON path, and the field.
 */
import * as z from 'zod';
import { formatPath, SpecError } from '../errors.js';

/** Energy units accepted in a user spectrum, with their factor to MeV. */
export const ENERGY_UNIT_TO_MEV = { MeV: 1, keV: 1e-3 } as const;

/** Density units: absolute per MeV or per keV, or "relative" (shape only; needs fluxPerCm2PerS). */
export const DENSITY_UNITS = ['per_cm2_per_s_per_MeV', 'per_cm2_per_s_per_keV', 'relative'] as const;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const UserSpectrumSchema = z
  .strictObject({
    $schemaVersion: z.literal('1.0.0'),
    name: z.string().min(1),
    description: z.string().optional(),
    energyUnit: z.enum(['MeV', 'keV']),
    densityUnit: z.enum(DENSITY_UNITS),
    fluxPerCm2PerS: finite.positive().optional(),
    interpolation: z.enum(['linear', 'loglog']).optional(),
    points: z.array(z.tuple([finite, finite])).min(2, 'needs at least 2 points'),
  })
  .superRefine((s, ctx) => {
    s.points.forEach(([e, d], i) => {
      if (e < 0) ctx.addIssue({ code: 'custom', message: `energy ${e} must be ≥ 0`, path: ['points', i, 0] });
      if (d < 0)
        ctx.addIssue({ code: 'custom', message: `density ${d} must be ≥ 0`, path: ['points', i, 1] });
      const prev = s.points[i - 1];
      if (prev !== undefined && !(e > prev[0])) {
        ctx.addIssue({
          code: 'custom',
          message: `energy ${e} must be greater than the previous point's ${prev[0]} (strictly increasing)`,
          path: ['points', i, 0],
        });
      }
      if (s.interpolation === 'loglog' && e <= 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'loglog interpolation needs energies > 0',
          path: ['points', i, 0],
        });
      }
    });
    if (s.densityUnit === 'relative' && s.fluxPerCm2PerS === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'densityUnit "relative" needs fluxPerCm2PerS (the total flux)',
        path: ['fluxPerCm2PerS'],
      });
    }
    if (s.points.every(([, d]) => d === 0)) {
      ctx.addIssue({ code: 'custom', message: 'all densities are 0', path: ['points'] });
    }
  });
export type UserSpectrumSpec = z.infer<typeof UserSpectrumSchema>;

/**
 * Validate a user spectrum object. `locate` maps a zod path to a human location (e.g. the CSV line
 * of points[i]); default: the JSON path.
 */
export function parseUserSpectrumSpec(
  raw: unknown,
  source: string,
  locate: (path: readonly PropertyKey[]) => string = (p) => formatPath(p.map(keyOf)),
): UserSpectrumSpec {
  const r = UserSpectrumSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length > 0 ? `${locate(issue.path)}: ` : '';
  throw new SpecError('invalid_spectrum', `${source}: ${where}${issue.message}`, [
    source,
    ...issue.path.map(keyOf),
  ]);
}

function keyOf(k: PropertyKey): string | number {
  return typeof k === 'number' ? k : String(k);
}

/** Names of the columns of the atmospheric table layout, for messages. */
export const ATMOSPHERIC_COLUMNS = [
  'eMeV',
  'cosZenith',
  'nuE',
  'nuMu',
  'nuTau',
  'nuEBar',
  'nuMuBar',
  'nuTauBar',
] as const;

/** Row checks of the atmospheric table: E > 0, cosθ ∈ [−1, 1], fluxes ≥ 0 (finiteness checked earlier). */
export const AtmosphericRowSchema = z.tuple([
  finite.positive(),
  finite.min(-1).max(1),
  finite.nonnegative(),
  finite.nonnegative(),
  finite.nonnegative(),
  finite.nonnegative(),
  finite.nonnegative(),
  finite.nonnegative(),
]);

/** Row checks of a two-column (E [MeV], dΦ/dE) table. */
export const TwoColumnRowSchema = z.tuple([finite.nonnegative(), finite.nonnegative()]);
