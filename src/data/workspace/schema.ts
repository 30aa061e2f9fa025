/**
 * pyhf's HistFactory workspace, JSON schema version 1.0.0, as zod schemas (STYLE.md P5, P6).
 *
 * Source: scikit-hep/pyhf `src/pyhf/schemas/1.0.0/{workspace,defs}.json` — every object there has
 * `additionalProperties: false`, and so has every schema here (`.strict()`), so a file that pyhf's
 * `pyhf.schema.validate` accepts is accepted here and vice versa for the structure. The meaning of each
 * modifier (what it multiplies or adds, its parameters and constraint) is in
 * src/likelihood/histfactory/; the cross-field rules (bin counts, names, observations) in checks.ts.
 *
 * The schema lives in the data layer because it is a file format: the toolkit's template datasets
 * embed a workspace, and src/likelihood compiles one.
 */
import * as z from 'zod';

/** The only workspace version pyhf defines. */
export const WORKSPACE_VERSION = '1.0.0';

const numbers = z.array(z.number()).min(1);
const name = z.string().min(1);

export const HistoSysSchema = z
  .object({
    name,
    type: z.literal('histosys'),
    data: z.object({ lo_data: numbers, hi_data: numbers }).strict(),
  })
  .strict();

export const LumiSchema = z
  .object({ name: z.literal('lumi'), type: z.literal('lumi'), data: z.null() })
  .strict();

export const NormFactorSchema = z.object({ name, type: z.literal('normfactor'), data: z.null() }).strict();

export const NormSysSchema = z
  .object({
    name,
    type: z.literal('normsys'),
    data: z.object({ lo: z.number(), hi: z.number() }).strict(),
  })
  .strict();

export const ShapeFactorSchema = z.object({ name, type: z.literal('shapefactor'), data: z.null() }).strict();

export const ShapeSysSchema = z.object({ name, type: z.literal('shapesys'), data: numbers }).strict();

export const StatErrorSchema = z.object({ name, type: z.literal('staterror'), data: numbers }).strict();

export const ModifierSchema = z.discriminatedUnion('type', [
  HistoSysSchema,
  LumiSchema,
  NormFactorSchema,
  NormSysSchema,
  ShapeFactorSchema,
  ShapeSysSchema,
  StatErrorSchema,
]);

export const SampleSchema = z.object({ name, data: numbers, modifiers: z.array(ModifierSchema) }).strict();

export const ChannelSchema = z.object({ name, samples: z.array(SampleSchema).min(1) }).strict();

export const ObservationSchema = z.object({ name, data: numbers }).strict();

/** A parameter's configuration in a measurement (pyhf `defs.json#/definitions/parameter`). */
export const ParameterConfigSchema = z
  .object({
    name,
    inits: numbers.optional(),
    bounds: z
      .array(z.tuple([z.number(), z.number()]))
      .min(1)
      .optional(),
    auxdata: numbers.optional(),
    factors: numbers.optional(),
    sigmas: numbers.optional(),
    fixed: z.boolean().optional(),
  })
  .strict();

export const MeasurementSchema = z
  .object({
    name,
    config: z.object({ poi: z.string(), parameters: z.array(ParameterConfigSchema) }).strict(),
  })
  .strict();

export const WorkspaceSchema = z
  .object({
    channels: z.array(ChannelSchema).min(1),
    measurements: z.array(MeasurementSchema).min(1),
    // No .min(1): an empty list is refused by checks.ts, which names the channel left without one.
    observations: z.array(ObservationSchema),
    version: z.literal(WORKSPACE_VERSION),
  })
  .strict();

export type HistoSysModifier = z.infer<typeof HistoSysSchema>;
export type NormSysModifier = z.infer<typeof NormSysSchema>;
export type Modifier = z.infer<typeof ModifierSchema>;
export type ModifierType = Modifier['type'];
export type Sample = z.infer<typeof SampleSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
export type Observation = z.infer<typeof ObservationSchema>;
export type ParameterConfig = z.infer<typeof ParameterConfigSchema>;
export type Measurement = z.infer<typeof MeasurementSchema>;
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** Every modifier type of HistFactory, in pyhf's registry order. */
export const MODIFIER_TYPES = [
  'histosys',
  'lumi',
  'normfactor',
  'normsys',
  'shapefactor',
  'shapesys',
  'staterror',
] as const satisfies readonly ModifierType[];
