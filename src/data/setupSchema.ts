/**
 * The setup format, version 1.0.0: a detector + neutrino source + exposure description from which
 * `src/sensitivity` projects expected counts and sensitivities (the issue's "any described setup").
 *
 * Every dimensioned number carries its unit (setupUnits.ts): `{"value": 1, "unit": "kg"}` or `"1 kg"`.
 * Detector energies name their scale: keVnr (nuclear recoil) or keVee (electron equivalent); a setup
 * that uses keVee anywhere needs a `quenching` model. Fields:
 *
 * | field | meaning |
 * |---|---|
 * | `target` | `{"name": "Ge-nat"}` (any name of physics `resolveTarget`), `{"element": "Ge", "isotopes": {"76": 0.88, "74": 0.12}}`, or `{"compound": {"Cs": 1, "I": 1}}` |
 * | `mass`, `liveTime` | target mass and live time (exposure = mass × live time) |
 * | `source` | `reactor` (flux, or thermal power + distance; fission fractions; spectrum model), `solar` (⁸B/hep), `darPi` (protons on target, ν per flavour per proton, distance; or a flux), `tabulated` (a user spectrum file or inline table) |
 * | `threshold` | lowest observed energy, keVnr or keVee |
 * | `quenching` | `lindhard` (k), `flat` (qf), `linear` (a, bPerKeVnr) |
 * | `resolution` | Gaussian σ(E)² = sigma0² + stochastic²·E in the observed scale |
 * | `efficiency` | `constant`, `table` (linear interpolation in true energy), or `xenonnt-8b` (shipped fixture) |
 * | `background` | `none`, `flat`, `table`, `histogram` (counts/(keV·kg·day)-like units) with its uncertainty: `normalisation` (Gaussian, relative), `offSource` (off/on exposure ratio τ) or `known` |
 * | `signalNormRelUncertainty` | relative uncertainty of the signal normalisation (flux, mass, efficiency scale) |
 * | `binning` | observed-energy bins: explicit `edges`, or `bins` (+ `spacing`, `from`, `to`) |
 * | `model` | the "true" Γ description for expected counts: `helm` (default), `kleinNystrand` (rCoefficientFm, yukawaRangeFm), `alpha` (constant), `alphaTable` (α(q²) table) |
 *
 * `parseSetup` validates the shape and units (zod) and throws one SpecError('invalid_setup') naming the
 * field; cross-field checks that need physics (unknown target, threshold above the kinematic end point,
 * bins outside the threshold) are in setupResolve.ts; messages are built in setupIssues.ts.
 */
import * as z from 'zod';
import { DEFAULT_FISSION_FRACTIONS, ELEMENT_SYMBOLS } from '../physics/index.js';
import {
  distanceSchema,
  energySchema,
  energyUnitSchema,
  fluxSchema,
  massSchema,
  nuEnergySchema,
  powerSchema,
  rateSchema,
  rateUnitSchema,
  stochasticSchema,
  timeSchema,
} from './setupUnits.js';
import { deepest, describeIssue, setupError } from './setupIssues.js';

export const SETUP_SCHEMA_VERSION = '1.0.0';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = finite.min(0).max(1);
const nonNegative = finite.min(0);
const positive = finite.gt(0);

const TargetSchema = z.union([
  z.strictObject({ name: z.string().min(1) }),
  z.strictObject({
    element: z.enum(ELEMENT_SYMBOLS as [string, ...string[]]),
    isotopes: z.record(z.string().regex(/^\d{1,3}$/, 'isotope keys are mass numbers, e.g. "76"'), positive),
  }),
  z.strictObject({
    compound: z.partialRecord(z.enum(ELEMENT_SYMBOLS as [string, ...string[]]), positive),
    label: z.string().min(1).optional(),
  }),
]);

const FissionFractionsSchema = z.strictObject({
  U235: fraction,
  U238: fraction,
  Pu239: fraction,
  Pu241: fraction,
});

const ReactorSchema = z
  .strictObject({
    kind: z.literal('reactor'),
    flux: fluxSchema.optional(),
    thermalPower: powerSchema.optional(),
    distance: distanceSchema.optional(),
    fissionFractions: FissionFractionsSchema.optional(),
    /**
     * 'huber-mueller' (default): Huber 2011 / Mueller 2011 fits + Vogel–Engel below 2 MeV;
     * 'vogel-engel': Vogel & Engel 1989 at all energies; 'paper': the paper's reconstructed source
     * (Vogel–Engel to 8 MeV + 1.2 ν̄/fission from ²³⁸U capture, PAPER_REACTOR_OPTIONS).
     */
    spectrum: z.enum(['huber-mueller', 'vogel-engel', 'paper']).optional(),
    endPoint: nuEnergySchema.optional(),
  })
  .superRefine((s, ctx) => {
    const byFlux = s.flux !== undefined;
    const byPower = s.thermalPower !== undefined || s.distance !== undefined;
    if (byFlux === byPower) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either "flux" or "thermalPower" and "distance" (exactly one normalisation)',
        path: byFlux ? ['thermalPower'] : ['flux'],
      });
    } else if (byPower && (s.thermalPower === undefined || s.distance === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'is missing; "thermalPower" and "distance" go together',
        path: [s.thermalPower === undefined ? 'thermalPower' : 'distance'],
      });
    }
    if (s.fissionFractions !== undefined) {
      const sum = Object.values(s.fissionFractions).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-6) {
        ctx.addIssue({ code: 'custom', message: `sum to ${sum}; expected 1`, path: ['fissionFractions'] });
      }
    }
  });

const SolarSchema = z.strictObject({
  kind: z.literal('solar'),
  /** Which solar components; default both (⁸B dominates every rate above ~0.1 keV_nr). */
  components: z
    .array(z.enum(['8B', 'hep']))
    .min(1)
    .optional(),
  /** 'computed' (default): β⁺-decay shapes of physics/sources/solar.ts; 'tabulated': the shared b8.csv/hep.csv. */
  shape: z.enum(['computed', 'tabulated']).optional(),
  /** Total fluxes; default the B16-GS98 standard solar model (Vinyoles et al. 2017). */
  flux8B: fluxSchema.optional(),
  fluxHep: fluxSchema.optional(),
});

const DarPiSchema = z
  .strictObject({
    kind: z.literal('darPi'),
    /** Protons on target delivered during the live time. */
    protonsOnTarget: positive.optional(),
    nuPerFlavourPerProton: positive.optional(),
    distance: distanceSchema.optional(),
    /** Or the per-flavour flux directly. */
    perFlavourFlux: fluxSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const beam = [s.protonsOnTarget, s.nuPerFlavourPerProton, s.distance];
    const some = beam.some((x) => x !== undefined);
    if (some === (s.perFlavourFlux !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either "perFlavourFlux" or "protonsOnTarget", "nuPerFlavourPerProton" and "distance"',
        path: some ? ['perFlavourFlux'] : ['protonsOnTarget'],
      });
      return;
    }
    (['protonsOnTarget', 'nuPerFlavourPerProton', 'distance'] as const).forEach((k, i) => {
      if (some && beam[i] === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'is missing (needed with the beam normalisation)',
          path: [k],
        });
      }
    });
  });

const TabulatedSchema = z
  .strictObject({
    kind: z.literal('tabulated'),
    /** A user spectrum file (JSON or CSV, see spectrumFiles.ts), relative to the setup file. */
    file: z.string().min(1).optional(),
    /** Or the user spectrum inline (the UserSpectrumSchema object). */
    spectrum: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.file === undefined) === (s.spectrum === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of "file" and "spectrum"', path: ['file'] });
    }
  });

/** Atmospheric ν: the all-sky, all-flavour table (spectrumTables.ts), optionally rescaled. */
const AtmosphericSchema = z.strictObject({
  kind: z.literal('atmospheric'),
  /** Total flux over 4π and all flavours; default the table's own (7.86 cm⁻² s⁻¹ from 10 MeV). */
  flux: fluxSchema.optional(),
});

const SourceSchema = z.discriminatedUnion('kind', [
  ReactorSchema,
  SolarSchema,
  DarPiSchema,
  TabulatedSchema,
  AtmosphericSchema,
]);

const QuenchingSchema = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('lindhard'), k: positive.optional() }),
  z.strictObject({ model: z.literal('flat'), qf: finite.gt(0).max(1) }),
  z.strictObject({
    model: z.literal('linear'),
    a: finite.gt(0).max(1),
    /** Slope b [keV_nr⁻¹] ≥ 0 (E_ee = (a + bT)·T must increase with T). */
    bPerKeVnr: nonNegative,
  }),
]);

const ResolutionSchema = z
  .strictObject({
    /** Constant term σ0 (electronic noise), in the observed scale. */
    sigma0: energySchema({ noun: 'a resolution', sign: 'nonNegative' }).optional(),
    /** Stochastic term a in σ² = σ0² + a²·E, in sqrt(keV) of the observed scale. */
    stochastic: stochasticSchema().optional(),
  })
  .refine((r) => r.sigma0 !== undefined || r.stochastic !== undefined, {
    message: 'give "sigma0", "stochastic" or both',
  });

const pointsSchema = (what: string) =>
  z
    .array(z.tuple([nonNegative, nonNegative]))
    .min(2, `needs at least 2 points [energy, ${what}]`)
    .superRefine((pts, ctx) => {
      pts.forEach(([e], i) => {
        const prev = pts[i - 1];
        if (prev !== undefined && !(e > prev[0])) {
          ctx.addIssue({
            code: 'custom',
            message: `energy ${e} is not above the previous point's ${prev[0]} (strictly increasing)`,
            path: [i, 0],
          });
        }
      });
    });

const EfficiencySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: finite.gt(0).max(1) }),
  z.strictObject({
    kind: z.literal('table'),
    /** Energy of the points: the TRUE energy (nr, or the mean ee response), not the reconstructed one. */
    energyUnit: energyUnitSchema,
    points: pointsSchema('efficiency').superRefine((pts, ctx) => {
      pts.forEach(([, eff], i) => {
        if (eff > 1) ctx.addIssue({ code: 'custom', message: `efficiency ${eff} is above 1`, path: [i, 1] });
      });
    }),
    /** Outside the table: 'zero' or 'hold' the end value. Defaults: below 'zero', above 'hold'. */
    below: z.enum(['zero', 'hold']).optional(),
    above: z.enum(['zero', 'hold']).optional(),
  }),
  z.strictObject({
    kind: z.literal('xenonnt-8b'),
    /** Science run, or the exposure-weighted mean of SR0–SR2 (default). */
    run: z.enum(['sr0', 'sr1', 'sr2', 'exposure-weighted']).optional(),
  }),
]);

const BackgroundUncertaintySchema = z.discriminatedUnion('kind', [
  /** Gaussian normalisation uncertainty (relative), shared by all bins. */
  z.strictObject({ kind: z.literal('normalisation'), relative: nonNegative }),
  /** Measured off-source (e.g. reactor OFF): n_off ~ Poisson(τ·b) per bin, b free. */
  z.strictObject({ kind: z.literal('offSource'), tau: positive }),
  /** Known exactly. */
  z.strictObject({ kind: z.literal('known') }),
]);

const BackgroundSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('flat'),
    rate: rateSchema({ noun: 'a background rate', sign: 'nonNegative' }),
    uncertainty: BackgroundUncertaintySchema,
  }),
  z.strictObject({
    kind: z.literal('table'),
    energyUnit: energyUnitSchema,
    rateUnit: rateUnitSchema,
    points: pointsSchema('rate'),
    uncertainty: BackgroundUncertaintySchema,
  }),
  z
    .strictObject({
      kind: z.literal('histogram'),
      energyUnit: energyUnitSchema,
      rateUnit: rateUnitSchema,
      edges: z.array(nonNegative).min(2),
      rates: z.array(nonNegative).min(1),
      uncertainty: BackgroundUncertaintySchema,
    })
    .superRefine((h, ctx) => {
      if (h.rates.length !== h.edges.length - 1) {
        ctx.addIssue({
          code: 'custom',
          message: `has ${h.rates.length} entries; expected edges.length − 1 = ${h.edges.length - 1}`,
          path: ['rates'],
        });
      }
      h.edges.forEach((e, i) => {
        if (i > 0 && !(e > h.edges[i - 1]!)) {
          ctx.addIssue({
            code: 'custom',
            message: `${e} is not above the previous edge`,
            path: ['edges', i],
          });
        }
      });
    }),
]);

const BinningSchema = z.union([
  z.strictObject({ unit: energyUnitSchema, edges: z.array(nonNegative).min(2) }).superRefine((b, ctx) => {
    b.edges.forEach((e, i) => {
      if (i > 0 && !(e > b.edges[i - 1]!)) {
        ctx.addIssue({ code: 'custom', message: `${e} is not above the previous edge`, path: ['edges', i] });
      }
    });
  }),
  z.strictObject({
    unit: energyUnitSchema,
    bins: z.number().int().min(1).max(1000),
    spacing: z.enum(['linear', 'log']).optional(),
    /** Lower edge; default the threshold. */
    from: nonNegative.optional(),
    /** Upper edge; default the largest mean observed energy of a recoil at the kinematic end point. */
    to: positive.optional(),
  }),
]);

const ModelSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('helm'),
    rCoefficientFm: positive.optional(),
    skinFm: nonNegative.optional(),
  }),
  z.strictObject({
    kind: z.literal('kleinNystrand'),
    rCoefficientFm: positive.optional(),
    yukawaRangeFm: nonNegative.optional(),
  }),
  z.strictObject({ kind: z.literal('alpha'), value: fraction }),
  z
    .strictObject({
      kind: z.literal('alphaTable'),
      q2MeV2: z.array(nonNegative).min(2),
      alpha: z.array(finite.min(0).max(1)).min(2),
    })
    .superRefine((m, ctx) => {
      if (m.alpha.length !== m.q2MeV2.length) {
        ctx.addIssue({ code: 'custom', message: 'must have as many entries as q2MeV2', path: ['alpha'] });
      }
      m.q2MeV2.forEach((q, i) => {
        if (i > 0 && !(q > m.q2MeV2[i - 1]!)) {
          ctx.addIssue({ code: 'custom', message: `${q} is not above the previous q²`, path: ['q2MeV2', i] });
        }
      });
    }),
]);

export const SetupSchema = z.strictObject({
  $schemaVersion: z.literal(SETUP_SCHEMA_VERSION),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Where the numbers come from (publications, data records). */
  references: z.array(z.string().min(1)).optional(),
  target: TargetSchema,
  mass: massSchema,
  liveTime: timeSchema,
  source: SourceSchema,
  threshold: energySchema({ noun: 'a threshold', sign: 'nonNegative' }),
  quenching: QuenchingSchema.optional(),
  resolution: ResolutionSchema.optional(),
  efficiency: EfficiencySchema.optional(),
  background: BackgroundSchema.optional(),
  signalNormRelUncertainty: nonNegative.optional(),
  binning: BinningSchema.optional(),
  model: ModelSchema.optional(),
  /** ε = 1 − 4 sin²θ_W; default the paper's 0.045 (range checked in setupResolve: physics `epsilonProblem`). */
  epsilon: finite.optional(),
});

export type SetupSpec = z.infer<typeof SetupSchema>;
/** The JSON a user writes (before unit parsing). */
export type SetupInput = z.input<typeof SetupSchema>;
export type SetupSource = SetupSpec['source'];
export type SetupEfficiency = NonNullable<SetupSpec['efficiency']>;
export type SetupBackground = NonNullable<SetupSpec['background']>;
export type SetupBinning = NonNullable<SetupSpec['binning']>;
export type SetupModel = NonNullable<SetupSpec['model']>;
export type BackgroundUncertainty = z.infer<typeof BackgroundUncertaintySchema>;

/** Default fission fractions, re-exported for setup writers. */
export const SETUP_DEFAULT_FISSION_FRACTIONS = DEFAULT_FISSION_FRACTIONS;

/**
 * Validate a setup object (parsed JSON). Throws SpecError('invalid_setup') whose one-line message
 * names the source, the field and the problem, e.g. `ge.json: mass.value: -1 kg is not positive; expected a mass > 0`.
 */
export function parseSetup(raw: unknown, source: string): SetupSpec {
  const r = SetupSchema.safeParse(raw, { reportInput: true });
  if (r.success) return r.data;
  const first = r.error.issues[0];
  if (first === undefined) throw setupError(source, [], 'invalid setup');
  const issue = deepest(first);
  const message =
    issue.path.length === 0 && issue.code === 'invalid_type'
      ? 'expected a setup object'
      : describeIssue(issue);
  throw setupError(source, issue.path, message);
}

export { setupError };
