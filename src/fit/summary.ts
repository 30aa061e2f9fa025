/**
 * A plain-JSON summary of a dataset fit, for `coherency fit --json`, reports and files: every number
 * with the flags that say how far it can be trusted (STYLE.md P8). No NaN or Float64Array leaks out:
 * an absent error is `null`, matrices are nested arrays.
 */
import type { DatasetsFit } from './jointFit.js';

export interface ParameterSummary {
  readonly name: string;
  readonly role: 'model' | 'nuisance';
  readonly unit: string | null;
  readonly description: string | null;
  readonly fixed: boolean;
  readonly value: number;
  /** √C_jj; null when the covariance is not positive-definite, the parameter is fixed, or unconstrained. */
  readonly error: number | null;
  readonly atLimit: boolean;
  readonly unconstrained: boolean;
  readonly profile: {
    readonly lower: number;
    readonly upper: number;
    readonly errorLow: number;
    readonly errorHigh: number;
    readonly lowerOpen: boolean;
    readonly upperOpen: boolean;
    readonly valid: boolean;
  } | null;
  readonly datasets: readonly string[];
}

export interface FitSummary {
  /** Converged, positive-definite covariance, no parameter of interest at a limit or unconstrained, valid profiles. */
  readonly trusted: boolean;
  readonly statistic: 'chi2' | 'deviance' | 'mixed';
  readonly chi2: number;
  readonly ndf: number;
  readonly chi2PerNdf: number | null;
  readonly pValue: number | null;
  readonly profileDelta: number | null;
  readonly parameters: readonly ParameterSummary[];
  readonly correlation: {
    readonly order: readonly string[];
    readonly matrix: readonly (readonly number[])[];
  } | null;
  readonly datasets: DatasetsFit['datasets'];
  readonly diagnostics: {
    readonly converged: boolean;
    readonly reason: string;
    readonly iterations: number;
    readonly edm: number;
    readonly covariancePosDef: boolean;
  };
  /** All warnings of the fit and of the profile scans, one line each. */
  readonly messages: readonly string[];
}

const finiteOrNull = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

export function summarizeFit(f: DatasetsFit): FitSummary {
  const d = f.fit.diagnostics;
  const k = f.fit.order.length;
  const parameters: ParameterSummary[] = f.parameters.map((q) => {
    const iv = f.profiles[q.name];
    return {
      name: q.name,
      role: q.role,
      unit: q.unit ?? null,
      description: q.description ?? null,
      fixed: Boolean(q.fixed),
      value: f.fit.values[q.name] as number,
      error: d.unconstrained.includes(q.name) ? null : finiteOrNull(f.fit.errors?.[q.name]),
      atLimit: d.atLimit.includes(q.name),
      unconstrained: d.unconstrained.includes(q.name),
      profile: iv
        ? {
            lower: iv.lower,
            upper: iv.upper,
            errorLow: iv.errorLow,
            errorHigh: iv.errorHigh,
            lowerOpen: iv.lowerOpen,
            upperOpen: iv.upperOpen,
            valid: iv.valid,
          }
        : null,
      datasets: q.datasets,
    };
  });
  const poi = parameters.filter((p) => p.role === 'model' && !p.fixed);
  const profiles = Object.values(f.profiles);
  const trusted =
    d.converged &&
    d.covariancePosDef &&
    poi.every((p) => !p.atLimit && !p.unconstrained) &&
    profiles.every((iv) => iv.valid && !iv.lowerOpen && !iv.upperOpen);
  const corr = f.fit.correlation;
  const messages = [...d.messages, ...profiles.flatMap((iv) => iv.messages)];
  return {
    trusted,
    statistic: f.fit.statistic,
    chi2: f.fit.chi2,
    ndf: f.fit.ndf,
    chi2PerNdf: finiteOrNull(f.fit.chi2PerNdf),
    pValue: finiteOrNull(f.fit.pValue),
    profileDelta: profiles[0]?.delta ?? null,
    parameters,
    correlation: corr
      ? {
          order: f.fit.order,
          matrix: f.fit.order.map((_, a) => Array.from({ length: k }, (_, b) => corr[a * k + b] as number)),
        }
      : null,
    datasets: f.datasets,
    diagnostics: {
      converged: d.converged,
      reason: d.reason,
      iterations: d.iterations,
      edm: d.edm,
      covariancePosDef: d.covariancePosDef,
    },
    messages,
  };
}
