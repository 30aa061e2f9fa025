/**
 * The project's dataset format, version 1.0.0 (documented with an example in docs/dataset-format.md).
 *
 * Two kinds, discriminated by `kind`:
 * - `"counts"`: binned on/off counting data with predictions, per bin i
 *     n_on,i ~ Poisson(b_i + k_i + θ_beam·f_i + θ_sig·Σ_k sCoh_ik·ξ_k(α_i)),   n_off,i ~ Poisson(τ_i·b_i),
 *   where ξ_k(α) = α + (1 − α)·d_k (Sharma et al. 2021, Eq. 6) for each nucleus k of the target,
 *   d_k = (ε²Z + N)/(εZ − N)² (Table I), f_i = `beamBackground`, sCoh_ik the predicted CEvNS counts
 *   at complete coherency (α = 1) after efficiency, θ_sig and θ_beam normalisations with fractional
 *   uncertainties `signalNormRelUncertainty` and `beamBackgroundRelUncertainty` (correlated across bins),
 *   b_i measured off-source (`nOff`, `tau`) and/or k_i a background known from elsewhere
 *   (`knownBackground: {expected, sigma}`, k_i ~ N(expected, sigma), k_i ≥ 0);
 * - `"xi"`: the suppression ξ(q²) published per q² bin as ξ ± σ (symmetric or asymmetric).
 * - `"template"`: a binned likelihood in detector observables — a pyhf HistFactory workspace whose
 *   CEvNS signal is split into true-q² bands, each with its own α (templateDataset.ts).
 *
 * Units are carried by key names (`tLoKeV` in keV_nr, `q2LoMeV2` in MeV², `massMeV` in MeV) and by
 * literal unit strings where a value's unit varies (`observable.unit`, `analysisChoices.*.unit`), so
 * that a wrong unit is rejected rather than silently misread. Counts are events over the whole exposure.
 * Cross-field rules (edges increasing, bins ordered and non-overlapping, per-nucleus entries matching the
 * target) live in datasetChecks.ts; `parseDataset` runs both and throws one SpecError naming the field.
 */
import * as z from 'zod';
import { checkDataset } from './datasetChecks.js';
import { throwDatasetError } from './datasetIssues.js';
import { checkTemplateDataset, templateDatasetSchema } from './templateDataset.js';

export const DATASET_SCHEMA_VERSION = '1.0.0';

/** Unit strings accepted in `analysisChoices` (anything else is rejected). */
export const ANALYSIS_UNITS = [
  '1',
  'us',
  'ns',
  'PE',
  'PE/keVee',
  'keVnr',
  'keVee',
  '1/keVnr',
  'sqrt(keVee)',
  'm',
  'kg',
  'POT',
  'GWhr',
  'nu/flavour/proton',
  'MeV',
  'MeV2',
  'events',
  't*yr',
  '1/(cm2*s)',
  'day',
] as const;

const finite = z.number();
const nonNegative = z.number().nonnegative();
const positive = z.number().positive();
const count = z.number().int().nonnegative();
const nonEmpty = z.string().min(1);

const PublicationSchema = z
  .object({
    citation: nonEmpty,
    arXiv: nonEmpty,
    doi: nonEmpty,
  })
  .strict();

const ProvenanceSchema = z
  .object({
    /** DOI of the data record the numbers were derived from (e.g. a Zenodo record). */
    dataRecordDoi: nonEmpty,
    releaseNote: nonEmpty.optional(),
    /** Files of the data record that were read. */
    files: z.array(nonEmpty).min(1),
    /** Script and module that generated this file (no timestamps: fixtures are byte-reproducible). */
    generator: nonEmpty,
    notes: z.array(z.string()).optional(),
  })
  .strict();

const NucleusEntrySchema = z
  .object({
    label: nonEmpty,
    Z: z.number().int().positive(),
    N: z.number().int().nonnegative(),
    A: positive,
    massMeV: positive,
    /** Nuclei of this kind per formula unit (1 for Cs and I in CsI; the abundance for a natural element). */
    atomsPerFormulaUnit: positive,
    /** d = (ε²Z + N)/(εZ − N)², ξ at complete decoherency (α = 0) with the dataset's ε. */
    decoherentXi: positive,
  })
  .strict();

const TargetSchema = z
  .object({
    label: nonEmpty,
    massKg: positive.optional(),
    nuclei: z.array(NucleusEntrySchema).min(1),
  })
  .strict();

const AnalysisChoiceSchema = z
  .object({
    value: z.union([finite, z.string(), z.boolean(), z.array(finite)]),
    unit: z.enum(ANALYSIS_UNITS).optional(),
    note: z.string().optional(),
  })
  .strict();

/** A number compared with a published one (e.g. the Standard-Model prediction of the collaboration). */
const CrossCheckSchema = z
  .object({
    name: nonEmpty,
    value: finite,
    reference: finite,
    referenceUncertainty: nonNegative.optional(),
    referenceSource: nonEmpty,
    ratio: finite,
    note: z.string().optional(),
  })
  .strict();

const PerNucleusCountsSchema = z
  .object({
    label: nonEmpty,
    /** Predicted CEvNS counts on this nucleus at α = 1. */
    sCoh: nonNegative,
    /** Standard-Model (Helm form factor) prediction on this nucleus. */
    sHelm: nonNegative.optional(),
    q2LoMeV2: nonNegative,
    q2HiMeV2: nonNegative,
    /** Mean q² of the α = 1 signal in this bin (after resolution), if computed. */
    q2MeanMeV2: nonNegative.optional(),
    /** Rms spread of the true q² of that signal around q2MeanMeV2, if computed. */
    q2RmsMeV2: nonNegative.optional(),
  })
  .strict();

/**
 * A background known from elsewhere (simulation, calibration, a side-band fit): expected events in the
 * bin over the whole exposure, with an absolute 1σ uncertainty in events (uncorrelated between bins;
 * 0 = exactly known). In the likelihood a component with sigma > 0 is a per-bin nuisance b_k ≥ 0 with
 * a Gaussian constraint N(expected | b_k, sigma), profiled.
 */
const KnownBackgroundSchema = z
  .object({
    expected: nonNegative,
    sigma: nonNegative,
  })
  .strict();

const CountsBinSchema = z
  .object({
    observableLo: finite,
    observableHi: finite,
    /** Nominal recoil-energy edges [keV_nr] (observable edges through the mean detector response). */
    tLoKeV: nonNegative,
    tHiKeV: nonNegative,
    /** q² edges [MeV²] with the target's mean nuclear mass; per-nucleus values in `nuclei`. */
    q2LoMeV2: nonNegative,
    q2HiMeV2: nonNegative,
    nOn: count,
    /** Off-source count and off/on exposure ratio: n_off ~ Poisson(tau·b). Both, or neither. */
    nOff: count.optional(),
    tau: positive.optional(),
    /** A background known from elsewhere, beside or instead of the off-source measurement. */
    knownBackground: KnownBackgroundSchema.optional(),
    /** Expected beam-related background counts (e.g. prompt neutrons). */
    beamBackground: nonNegative,
    /** Predicted CEvNS counts at complete coherency (α = 1), all nuclei. */
    sCoh: nonNegative,
    /** Standard-Model prediction with the Helm form factor, all nuclei. */
    sHelm: nonNegative.optional(),
    nuclei: z.array(PerNucleusCountsSchema).min(1),
  })
  .strict();

const XiBinSchema = z
  .object({
    q2LoMeV2: nonNegative,
    q2HiMeV2: nonNegative,
    q2CentreMeV2: nonNegative.optional(),
    tLoKeV: nonNegative.optional(),
    tHiKeV: nonNegative.optional(),
    xi: finite,
    /** Symmetric 1σ uncertainty; or give both sigmaLo and sigmaHi. */
    sigma: positive.optional(),
    sigmaLo: positive.optional(),
    sigmaHi: positive.optional(),
  })
  .strict();

const common = {
  experiment: nonEmpty,
  id: nonEmpty,
  title: nonEmpty,
  publication: PublicationSchema,
  provenance: ProvenanceSchema,
  target: TargetSchema,
  /** ε = 1 − 4 sin²θ_W used for d_k and the predictions (range: physics `epsilonProblem`, datasetChecks.ts). */
  epsilon: finite,
};

export const CountsDatasetSchema = z
  .object({
    $schemaVersion: z.literal(DATASET_SCHEMA_VERSION),
    kind: z.literal('counts'),
    ...common,
    observable: z.object({ name: nonEmpty, unit: z.enum(['PE', 'keVee', 'keVnr']) }).strict(),
    analysisChoices: z.record(z.string(), AnalysisChoiceSchema),
    /** Fractional uncertainty of the signal normalisation θ_sig (correlated across bins). */
    signalNormRelUncertainty: nonNegative,
    /** Fractional uncertainty of the beam-background normalisation θ_beam (correlated across bins). */
    beamBackgroundRelUncertainty: nonNegative,
    crossChecks: z.array(CrossCheckSchema).optional(),
    bins: z.array(CountsBinSchema).min(1),
  })
  .strict();

export const XiDatasetSchema = z
  .object({
    $schemaVersion: z.literal(DATASET_SCHEMA_VERSION),
    kind: z.literal('xi'),
    ...common,
    bins: z.array(XiBinSchema).min(1),
  })
  .strict();

/** A binned likelihood in detector observables (a pyhf workspace with α per true-q² band): templateDataset.ts. */
export const TemplateDatasetSchema = templateDatasetSchema(common, AnalysisChoiceSchema);

/** The binned ξ(q²) kinds (counts, ξ ± σ). */
export const DatasetSchema = z.discriminatedUnion('kind', [CountsDatasetSchema, XiDatasetSchema]);

/** Every kind, the template kind included. */
export const AnyDatasetSchema = z.discriminatedUnion('kind', [
  CountsDatasetSchema,
  XiDatasetSchema,
  TemplateDatasetSchema,
]);

export type Dataset = z.infer<typeof DatasetSchema>;
export type CountsDataset = z.infer<typeof CountsDatasetSchema>;
export type XiDataset = z.infer<typeof XiDatasetSchema>;
export type TemplateDataset = z.infer<typeof TemplateDatasetSchema>;
export type TemplateBand = TemplateDataset['bands'][number];
export type TemplateChannel = TemplateDataset['channels'][number];
export type CountsBin = CountsDataset['bins'][number];
export type XiBin = XiDataset['bins'][number];
export type DatasetNucleus = CountsDataset['target']['nuclei'][number];
export type AnalysisChoice = CountsDataset['analysisChoices'][string];
export type AnalysisUnit = (typeof ANALYSIS_UNITS)[number];
export type CrossCheck = NonNullable<CountsDataset['crossChecks']>[number];
export type DatasetKnownBackground = z.infer<typeof KnownBackgroundSchema>;

/**
 * Validate a dataset (parsed JSON) and return it typed. `source` (a file name or "fixture X") prefixes
 * the message. Throws SpecError('invalid_dataset', message, path) for the first problem found, with a
 * message naming the field, the bin index, the bad value and what was expected, e.g.
 * `coherent.json: bins[3].nOff: -2 is negative; expected a count ≥ 0`.
 */
export function parseDataset(raw: unknown, source: string): Dataset {
  const r = DatasetSchema.safeParse(raw, { reportInput: true });
  if (!r.success) throwDatasetError(source, r.error.issues);
  const problems = checkDataset(r.data);
  if (problems.length > 0) throwDatasetError(source, problems);
  return r.data;
}

/** Every dataset kind: a binned ξ dataset (as `parseDataset`) or a template dataset. */
export type AnyDataset = Dataset | TemplateDataset;

/** Validate a dataset of any kind, the template kind included (its workspace is checked too). */
export function parseAnyDataset(raw: unknown, source: string): AnyDataset {
  const r = AnyDatasetSchema.safeParse(raw, { reportInput: true });
  if (!r.success) throwDatasetError(source, r.error.issues);
  if (r.data.kind !== 'template') return parseDataset(raw, source);
  const { problems } = checkTemplateDataset(r.data, source);
  if (problems.length > 0) throwDatasetError(source, problems);
  return r.data;
}
