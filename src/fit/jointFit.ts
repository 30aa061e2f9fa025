/**
 * Fits of ξ(q²)/α(q²) models to one or several binned datasets, with shared parameters.
 *
 * Each entry is a dataset with its model; model parameters are shared between entries BY NAME
 * (e.g. CsI and Ar both with `helm-r0` share one r0), and `rename` gives an entry its own copy
 * (`{ s: 's_Ar' }`). Every counts dataset brings its own nuisance parameters (θ_sig, θ_beam). The
 * joint S = Σ over datasets of their residual blocks (datasetTerms.ts) is minimised by the
 * Levenberg–Marquardt adapter; then each requested parameter gets a profile-likelihood interval.
 */
import { FitError } from '../errors.js';
import type { Dataset } from '../data/index.js';
import { datasetTerm, type DatasetTerm, type TermOptions } from './datasetTerms.js';
import { minimize } from './minimize.js';
import type { XiModel } from './models.js';
import { profileInterval } from './profile.js';
import type {
  FitResult,
  FitStatistic,
  LmOptions,
  ParameterSpec,
  ProfileInterval,
  ResidualProblem,
} from './types.js';

export interface FitEntry {
  readonly dataset: Dataset;
  readonly model: XiModel;
  /** Model parameter name → name in the joint fit (default: the same name, i.e. shared). */
  readonly rename?: Readonly<Record<string, string>>;
}

export interface DatasetFitOptions {
  readonly lm?: LmOptions;
  /** Constraint kind of θ_sig, θ_beam and the q² treatment of counts bins (datasetTerms.ts). */
  readonly terms?: TermOptions;
  /** Profile intervals: true = every free model parameter (default), false = none, or a list of names. */
  readonly profile?: boolean | readonly string[];
  /** ΔS of the profile intervals (default 1: 68.27 % for one parameter). */
  readonly profileDelta?: number;
  /** Points of the ΔS(value) curve stored with each interval (default 0: no curve). */
  readonly profileCurvePoints?: number;
}

export interface JointParameter extends ParameterSpec {
  readonly role: 'model' | 'nuisance';
  /** Ids of the datasets that use it. */
  readonly datasets: readonly string[];
}

export interface DatasetContribution {
  readonly id: string;
  readonly kind: Dataset['kind'];
  readonly nBins: number;
  readonly nResiduals: number;
  /** This dataset's part of S at the minimum. */
  readonly chi2: number;
}

export interface DatasetsFit {
  readonly fit: FitResult;
  readonly parameters: readonly JointParameter[];
  readonly profiles: Readonly<Record<string, ProfileInterval>>;
  readonly datasets: readonly DatasetContribution[];
  /** The minimised problem (for refits, profiles and predictions). */
  readonly problem: ResidualProblem;
  readonly entries: readonly FitEntry[];
  readonly terms: readonly DatasetTerm[];
}

interface Binding {
  readonly entry: FitEntry;
  readonly term: DatasetTerm;
  /** [model parameter name, index in the joint vector] */
  readonly modelIndex: readonly (readonly [string, number])[];
  readonly nuisanceIndex: readonly (readonly [string, number])[];
  readonly offset: number;
}

/** Unique dataset ids: the dataset's id, suffixed #2, #3, … when repeated. */
function uniqueIds(entries: readonly FitEntry[]): string[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const k = (seen.get(e.dataset.id) ?? 0) + 1;
    seen.set(e.dataset.id, k);
    return k === 1 ? e.dataset.id : `${e.dataset.id}#${k}`;
  });
}

/** The joint residual problem of several datasets, and its parameter table. */
export function buildJointProblem(
  entries: readonly FitEntry[],
  termOptions: TermOptions = {},
): { problem: ResidualProblem; parameters: JointParameter[]; bindings: Binding[] } {
  if (entries.length === 0) throw new FitError('invalid_input', 'no dataset to fit', ['datasets']);
  const ids = uniqueIds(entries);
  const params: JointParameter[] = [];
  const indexOf = new Map<string, number>();
  const add = (spec: ParameterSpec, role: JointParameter['role'], id: string): number => {
    const j = indexOf.get(spec.name);
    if (j !== undefined) {
      const old = params[j] as JointParameter;
      // Shared: free if any entry frees it.
      params[j] = {
        ...old,
        fixed: Boolean(old.fixed) && Boolean(spec.fixed),
        datasets: [...old.datasets, id],
      };
      return j;
    }
    params.push({ ...spec, role, datasets: [id] });
    indexOf.set(spec.name, params.length - 1);
    return params.length - 1;
  };
  let offset = 0;
  const bindings: Binding[] = entries.map((entry, e) => {
    const id = ids[e] as string;
    const term = datasetTerm(entry.dataset, id, termOptions);
    for (const key of Object.keys(entry.rename ?? {})) {
      if (!entry.model.parameters.some((q) => q.name === key)) {
        throw new FitError('invalid_input', `rename: model ${entry.model.name} has no parameter "${key}"`, [
          'rename',
          key,
        ]);
      }
    }
    const modelIndex = entry.model.parameters.map((q) => {
      const name = entry.rename?.[q.name] ?? q.name;
      return [q.name, add({ ...q, name }, 'model', id)] as const;
    });
    const nuisanceIndex = term.nuisances.map((q) => [q.name, add(q, 'nuisance', id)] as const);
    const b: Binding = { entry, term, modelIndex, nuisanceIndex, offset };
    offset += term.nResiduals;
    return b;
  });
  const kinds = new Set(bindings.map((b) => b.term.kind));
  const statistic: FitStatistic = kinds.size > 1 ? 'mixed' : kinds.has('xi') ? 'chi2' : 'deviance';
  const problem: ResidualProblem = {
    parameters: params,
    nResiduals: offset,
    nProfiled: bindings.reduce((s, b) => s + b.term.nProfiled, 0),
    statistic,
    residuals(p, out) {
      for (const b of bindings) {
        const mv: Record<string, number> = {};
        for (const [name, j] of b.modelIndex) mv[name] = p[j] as number;
        const nv: Record<string, number> = {};
        for (const [name, j] of b.nuisanceIndex) nv[name] = p[j] as number;
        b.term.residuals(b.entry.model.bind(mv), nv, out, b.offset);
      }
    },
  };
  return { problem, parameters: params, bindings };
}

/**
 * Fit the entries jointly. Throws only for unusable input (FitError/SpecError); a fit that does not
 * converge or a parameter the data cannot constrain is reported in `fit.diagnostics` and in the
 * profile intervals (`lowerOpen`/`upperOpen`, `valid`).
 */
export function fitDatasets(entries: readonly FitEntry[], options: DatasetFitOptions = {}): DatasetsFit {
  const { problem, parameters, bindings } = buildJointProblem(entries, options.terms);
  const fit = minimize(problem, options.lm ?? {});
  const r = new Float64Array(problem.nResiduals);
  problem.residuals(
    Float64Array.from(parameters, (q) => fit.values[q.name] as number),
    r,
  );
  const datasets = bindings.map((b) => {
    let chi2 = 0;
    for (let i = b.offset; i < b.offset + b.term.nResiduals; i++) chi2 += (r[i] as number) ** 2;
    return { id: b.term.id, kind: b.term.kind, nBins: b.term.nBins, nResiduals: b.term.nResiduals, chi2 };
  });
  const want = options.profile ?? true;
  const names =
    want === true
      ? parameters.filter((q) => q.role === 'model' && !q.fixed).map((q) => q.name)
      : want === false
        ? []
        : [...want];
  const profiles: Record<string, ProfileInterval> = {};
  for (const name of names) {
    if (!parameters.some((q) => q.name === name && !q.fixed)) {
      throw new FitError('invalid_input', `profile: "${name}" is not a free parameter of this fit`, [
        'profile',
        name,
      ]);
    }
    profiles[name] = profileInterval(problem, fit, name, {
      delta: options.profileDelta ?? 1,
      curvePoints: options.profileCurvePoints ?? 0,
      ...(options.lm ? { lm: options.lm } : {}),
    });
  }
  return { fit, parameters, profiles, datasets, problem, entries, terms: bindings.map((b) => b.term) };
}
