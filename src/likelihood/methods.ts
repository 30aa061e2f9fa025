/**
 * How a reported p-value or interval was computed: recorded beside every p-value and interval of an
 * analysis (and printed with it), so that no number leaves the toolkit without its method.
 */

/** Names of the asymptotic null distributions (likelihood/asymptotics.ts, boundedChiBar.ts). */
export type AsymptoticDistribution =
  /** Bounded t̃ with both boundaries of [0, 1] (`pValueTildeTBranches`); one-sided at a boundary. */
  | 'two-boundary-tilde-t'
  /** ½δ(0) + ½χ²₁, p = Φ(−√q) (`pValueHalfChiSquare`; only on request). */
  | 'half-chi2'
  /** Λ = Σ q_i of k bins, each bounded on both sides (`boundedChiBarPValue`). */
  | 'bounded-chi-bar-squared'
  /** Look-elsewhere: 1 − (1 − p_min)^k over k local two-boundary tests (`sidakGlobalPValue`). */
  | 'sidak';

export type PValueMethod =
  | {
      readonly kind: 'asymptotic';
      readonly distribution: AsymptoticDistribution;
      /** Far branch point of a one-sided test (q of the Asimov data at the far boundary). */
      readonly farBranch?: number;
      /** Number of bins of a global test or look-elsewhere correction. */
      readonly bins?: number;
    }
  | {
      readonly kind: 'toys';
      /** Toys counted, their seed, and the binomial Monte Carlo error of p. */
      readonly nToys: number;
      readonly seed: string;
      readonly mcError: number;
    };

export type IntervalMethodInfo =
  | {
      readonly kind: 'asymptotic';
      /** Inversion of t̃(α) with the two-boundary distribution (intervals.ts). */
      readonly distribution: 'two-boundary-tilde-t';
    }
  | {
      readonly kind: 'feldman-cousins';
      /** Toys per grid point, grid spacing, seed (toys/ `planToys`). */
      readonly toysPerPoint: number;
      readonly gridStep: number;
      readonly seed: string;
    };

/** A short human label of a p-value method (tables, figure captions). */
export function describePValueMethod(m: PValueMethod): string {
  if (m.kind === 'toys') return `toys, N = ${m.nToys}, MC error ${m.mcError.toPrecision(2)}`;
  switch (m.distribution) {
    case 'two-boundary-tilde-t':
      return 'asymptotic, two-boundary t̃';
    case 'half-chi2':
      return 'asymptotic, ½δ + ½χ²₁';
    case 'bounded-chi-bar-squared':
      return `asymptotic, bounded χ̄² of ${m.bins ?? '?'} bins`;
    case 'sidak':
      return `Šidák over ${m.bins ?? '?'} bins of two-boundary local tests`;
  }
}

/** A short human label of an interval method. */
export function describeIntervalMethod(m: IntervalMethodInfo): string {
  return m.kind === 'asymptotic'
    ? 'asymptotic, two-boundary t̃ inversion'
    : `Feldman–Cousins, ${m.toysPerPoint} toys per point, grid step ${m.gridStep}`;
}

/**
 * The methods line of an analysis (CLI report and the browser explorer alike), from its first bin:
 * "p-values: asymptotic, two-boundary t̃; α intervals: asymptotic, two-boundary t̃ inversion".
 */
export function describeAnalysisMethods(first: {
  readonly pAlpha1Method: PValueMethod;
  readonly alpha68: { readonly method: IntervalMethodInfo };
}): string {
  const p = first.pAlpha1Method;
  const pText =
    p.kind === 'toys' ? `toys, ${p.nToys} per test (± binomial MC error)` : describePValueMethod(p);
  return `p-values: ${pText}; α intervals: ${describeIntervalMethod(first.alpha68.method)}`;
}
