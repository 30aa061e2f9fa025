/**
 * Projections on a release's real response: the template dataset (e.g. XENONnT ⁸B, whose workspace
 * holds the collaboration's background templates, the signal folded through its mono-energetic
 * efficiency templates and the shape systematics) with every sample scaled by an exposure factor f,
 * and its observations replaced by the Asimov data of the true model (CCGV §3.2: counts = their
 * expectation, nuisances and constraint centres nominal). The analysis `analyze` runs on data then
 * gives the MEDIAN expected results: Z = √q_A of the one-sided tests of α = 1 and α = 0, the expected
 * α intervals, and the exposures where the median Z reaches 3σ and 5σ.
 *
 * Why the template engine and not the counting model of the setup presets (response.ts/asimov.ts):
 * the release's analysis space is not recoil energy but (cS2, S2 shadow, S1 BDT, S2 BDT), in which the
 * accidental-coincidence background and the signal separate; a counting model in energy bins with a
 * flat background (the old `xe-solar` stand-in) can represent neither that separation nor the per-run
 * background normalisations nor the yield (energy-scale) shape systematic. Projecting the workspace
 * itself keeps the projection and the data analysis one likelihood.
 *
 * Scaling all channels by one f keeps the runs' relative exposures (the mix of SR0–SR2 conditions);
 * relative uncertainties stay as they are (neither calibrations nor flux improve with exposure unless
 * `fix` says a nuisance is perfectly known). Toys (`toys`): pseudo-experiments of the same scaled
 * workspace at the true hypothesis through the general toy engine (templateToys.ts) give the toy
 * median and ±1σ/±2σ bands of every test beside the Asimov ones.
 */
import {
  parseWorkspace,
  scaleSamples,
  selectMeasurement,
  withObservations,
  type TemplateDataset,
  type Workspace,
} from '../data/index.js';
import { SpecError } from '../errors.js';
import {
  bandAlphaHelm,
  templateModels,
  withParameterConfig,
  WorkspaceLikelihood,
} from '../likelihood/index.js';
import { asimovInterval, asimovTest } from './asimov.js';
import { templateToyBands, type TemplateToyOptions } from './templateToys.js';
import type { AlphaInterval, HypothesisTest } from './types.js';

export type TemplateTruth = { readonly kind: 'helm' } | { readonly kind: 'alpha'; readonly value: number };

export interface TemplateProjectionOptions {
  /** Exposure factor on every sample (default 1: the dataset's own exposure). */
  readonly scale?: number;
  /** True model of the Asimov data: α_Helm per band (default) or one α. */
  readonly truth?: TemplateTruth;
  /** Nuisance parameters held at their nominal values (perfectly known). */
  readonly fix?: readonly string[];
  /** A user's α to test (two-sided), besides α = 1 and α = 0. */
  readonly alphaTest?: number;
  /** Expected α intervals (default true). */
  readonly intervals?: boolean;
  /** Toy medians and bands of every test (templateToys.ts); none by default. */
  readonly toys?: TemplateToyOptions;
}

export interface TemplateChannelExpectation {
  readonly name: string;
  readonly background: number;
  /** CEvNS at α = 0, α = 1 and under the true model. */
  readonly signal0: number;
  readonly signal1: number;
  readonly signalTruth: number;
}

export interface TemplateProjection {
  readonly dataset: { readonly id: string; readonly title: string };
  readonly scale: number;
  /** Σ of the dataset's `exposure_<channel>` choices [t·yr] (null if it has none) and × scale. */
  readonly nominalExposureTonneYear: number | null;
  readonly exposureTonneYear: number | null;
  /** The true α of each band and how it was chosen. */
  readonly truth: { readonly label: string; readonly alphas: readonly number[] };
  readonly fixed: readonly string[];
  readonly channels: readonly TemplateChannelExpectation[];
  /** α = 1, α = 0, then the user's α if any (Z = √q_A). */
  readonly tests: readonly HypothesisTest[];
  readonly combined: { readonly interval68: AlphaInterval; readonly interval90: AlphaInterval } | null;
  readonly method: string;
}

/** Σ of `exposure_<channel>` [t·yr] over the channels, or null if a channel lacks it. */
export function nominalExposureTonneYear(ds: TemplateDataset): number | null {
  let total = 0;
  for (const c of ds.channels) {
    const e = ds.analysisChoices[`exposure_${c.name}`] as { value?: unknown; unit?: unknown } | undefined;
    if (typeof e?.value !== 'number' || e.unit !== 't*yr') return null;
    total += e.value;
  }
  return total;
}

/** The workspace with the chosen measurement's `names` fixed at their nominal values. */
function withFixed(ws: Workspace, measurement: string, names: readonly string[]): Workspace {
  if (names.length === 0) return ws;
  const known = new Set(ws.channels.flatMap((c) => c.samples.flatMap((s) => s.modifiers.map((m) => m.name))));
  for (const n of names) {
    if (!known.has(n)) {
      throw new SpecError(
        'invalid_input',
        `fix: "${n}" is not a parameter of the workspace; expected one of ${[...known].sort().join(', ')}`,
        ['fix'],
      );
    }
  }
  return names.reduce((w, name) => {
    const old = w.measurements
      .find((m) => m.name === measurement)
      ?.config.parameters.find((p) => p.name === name);
    const { name: _n, ...config } = old ?? { name };
    return withParameterConfig(w, measurement, name, { ...config, fixed: true });
  }, ws);
}

/** The dataset scaled by `scale` with Asimov observations of the truth (and `fix` applied). */
export function asimovTemplateDataset(
  ds: TemplateDataset,
  opts: Pick<TemplateProjectionOptions, 'scale' | 'truth' | 'fix'> = {},
): { dataset: TemplateDataset; alphas: number[] } {
  const ws0 = parseWorkspace(ds.workspace, `${ds.id}: workspace`);
  const measurement = selectMeasurement(ws0, ds.measurement).name;
  const ws = withFixed(scaleSamples(ws0, opts.scale ?? 1), measurement, opts.fix ?? []);
  const truth = opts.truth ?? { kind: 'helm' };
  const alphas = truth.kind === 'helm' ? bandAlphaHelm(ds) : ds.bands.map(() => truth.value);
  const scaled: TemplateDataset = { ...ds, workspace: ws };
  const models = templateModels(scaled);
  const pars = Float64Array.from(models.perBand.c.init);
  models.bandPois.forEach((p, j) => (pars[p] = alphas[j]!));
  const lambda = models.perBand.expected(pars);
  const data = new Map(
    models.perBand.c.channels.map((c) => [c.name, Array.from(lambda.subarray(c.offset, c.offset + c.nBins))]),
  );
  return { dataset: { ...scaled, workspace: withObservations(ws, data) }, alphas };
}

/** Median expected Z = √q_A of excluding α = v at exposure factor `scale`. */
export function templateMedianZ(
  ds: TemplateDataset,
  scale: number,
  v: 0 | 1,
  opts: Pick<TemplateProjectionOptions, 'truth' | 'fix'> = {},
): number {
  const { dataset } = asimovTemplateDataset(ds, { ...opts, scale });
  return asimovTest(new WorkspaceLikelihood(templateModels(dataset).combined), v).z;
}

export function projectTemplate(
  ds: TemplateDataset,
  opts: TemplateProjectionOptions = {},
): TemplateProjection {
  const scale = opts.scale ?? 1;
  const { dataset, alphas } = asimovTemplateDataset(ds, opts);
  const models = templateModels(dataset);
  const lik = new WorkspaceLikelihood(models.combined);
  const tested = [1, 0, ...(opts.alphaTest === undefined ? [] : [opts.alphaTest])];
  const asimovTests = tested.map((a) => asimovTest(lik, a));
  const toys = opts.toys && templateToyBands(dataset, alphas, lik, tested, opts.toys);
  const tests = asimovTests.map((t, h) => (toys ? { ...t, toys: toys[h]! } : t));
  const withIntervals = opts.intervals ?? true;
  const sig = models.signalSamples;
  const at = (a: number | null) => {
    const p = Float64Array.from(models.perBand.c.init);
    models.bandPois.forEach((k, j) => (p[k] = a ?? alphas[j]!));
    return p;
  };
  const [p0, p1, pt] = [at(0), at(1), at(null)];
  const channels = models.perBand.c.channels.map((c) => {
    const part = (pars: Float64Array, signal: boolean) =>
      models.perBand.expectedOf(pars, (ch, s) => ch === c.name && sig.has(s) === signal);
    return {
      name: c.name,
      background: part(pt, false),
      signal0: part(p0, true),
      signal1: part(p1, true),
      signalTruth: part(pt, true),
    };
  });
  const nominal = nominalExposureTonneYear(ds);
  const truth = opts.truth ?? { kind: 'helm' };
  return {
    dataset: { id: ds.id, title: ds.title },
    scale,
    nominalExposureTonneYear: nominal,
    exposureTonneYear: nominal === null ? null : nominal * scale,
    truth: {
      label: truth.kind === 'helm' ? 'Standard Model (Helm): α_Helm per band' : `α = ${truth.value}`,
      alphas,
    },
    fixed: [...(opts.fix ?? [])],
    channels,
    tests,
    combined: withIntervals
      ? { interval68: asimovInterval(lik, 0.6827), interval90: asimovInterval(lik, 0.9) }
      : null,
    method:
      'template workspace scaled by exposure; Asimov data of the true model (nuisances and constraint centres nominal); one α for all bands; one-sided q = t̃(1), t̃(0) with ½χ²₁ (median Z = √q_A), two-sided t̃(α) for a user α; intervals by t̃ inversion; bands Z_A ± N.' +
      (opts.toys
        ? ` Toys: ${opts.toys.nToys} pseudo-experiments of the scaled workspace at the true α, nuisances nominal, auxiliary data fluctuated (pyhf sample()), seed ${opts.toys.seed}; each fitted like data, Z from the asymptotic p of its statistic (branch points of the Asimov data); bands = toy quantiles at Φ(±1), Φ(±2).`
        : ''),
  };
}
