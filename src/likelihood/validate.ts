import { SpecError, formatPath } from '../errors.js';
import type { ConstraintSpec, CountingBin, CountingModel, GaussianModel, KnownBackground } from './types.js';

/**
 * Validation of the numeric inputs of the likelihood models, run once by the public constructors
 * (`countingLikelihood`, `gaussianLikelihood`, `SingleBinKernel`). The numerical kernels after it do
 * not check again (STYLE.md P7). Every failure is a SpecError whose path names the bin and field,
 * e.g. `bins[3].background.tau`.
 */

type Path = readonly (string | number)[];

function fail(path: Path, message: string, code: 'invalid_spec' | 'no_poi' = 'invalid_spec'): never {
  throw new SpecError(code, `${formatPath(path)}: ${message}`, path);
}

function finite(value: unknown, path: Path): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(path, `expected a finite number, got ${String(value)}`);
  }
  return value;
}

function nonNegative(value: unknown, path: Path): number {
  const v = finite(value, path);
  if (v < 0) fail(path, `expected a value ≥ 0, got ${v}`);
  return v;
}

function positive(value: unknown, path: Path): number {
  const v = finite(value, path);
  if (!(v > 0)) fail(path, `expected a value > 0, got ${v}`);
  return v;
}

/** A constraint: kind gaussian|lognormal and a finite σ ≥ 0. */
export function validateConstraint(spec: ConstraintSpec | undefined, path: Path): void {
  if (spec === undefined) return;
  const kind: unknown = spec.kind;
  if (kind !== 'gaussian' && kind !== 'lognormal') {
    fail([...path, 'kind'], `unknown constraint kind ${JSON.stringify(kind)} (expected gaussian|lognormal)`);
  }
  nonNegative(spec.sigma, [...path, 'sigma']);
}

/** A known background component: expected ≥ 0, sigma ≥ 0 (absent = 0). */
function validateKnown(known: KnownBackground, path: Path): { b: number; sigma: number } {
  if (known === null || typeof known !== 'object') fail(path, 'expected {expected, sigma?}');
  const b = nonNegative(known.expected, [...path, 'expected']);
  const sigma = known.sigma === undefined ? 0 : nonNegative(known.sigma, [...path, 'sigma']);
  return { b, sigma };
}

/** One counting bin at `path` (e.g. ['bins', 3]). */
export function validateCountingBin(bin: CountingBin, path: Path, requireCounts = true): void {
  if (requireCounts) nonNegative(bin.nOn, [...path, 'nOn']);
  const s0 = nonNegative(bin.signal0, [...path, 'signal0']);
  const s1 = nonNegative(bin.signal1, [...path, 'signal1']);
  const f =
    bin.beamBackground === undefined ? 0 : nonNegative(bin.beamBackground, [...path, 'beamBackground']);
  const bg = bin.background as { kind?: unknown } | undefined;
  if (bg === undefined || bg === null || typeof bg !== 'object') {
    fail(
      [...path, 'background'],
      'expected {kind: "measured", nOff, tau, known?} or {kind: "known", expected, sigma?}',
    );
  }
  if (bin.background.kind === 'measured') {
    if (requireCounts) nonNegative(bin.background.nOff, [...path, 'background', 'nOff']);
    positive(bin.background.tau, [...path, 'background', 'tau']);
    if (bin.background.known !== undefined) {
      validateKnown(bin.background.known, [...path, 'background', 'known']);
    }
  } else if (bin.background.kind === 'known') {
    const { b, sigma } = validateKnown(bin.background, [...path, 'background']);
    if (requireCounts && bin.nOn > 0 && b === 0 && sigma === 0 && f === 0 && s0 === 0 && s1 === 0) {
      fail([...path, 'nOn'], `${bin.nOn} events observed but every expectation of this bin is 0`);
    }
  } else {
    fail([...path, 'background', 'kind'], `unknown background kind ${JSON.stringify(bg.kind)}`);
  }
}

/** Whole counting model: at least one bin, and poi must enter at least one bin. */
export function validateCountingModel(model: CountingModel): void {
  if (!Array.isArray(model.bins) || model.bins.length === 0) fail(['bins'], 'expected at least one bin');
  model.bins.forEach((bin, i) => validateCountingBin(bin, ['bins', i]));
  validateConstraint(model.signalNorm, ['signalNorm']);
  validateConstraint(model.beamNorm, ['beamNorm']);
  if (model.bins.every((b) => b.signal1 === b.signal0)) {
    fail(['bins'], 'no bin depends on poi (signal1 = signal0 everywhere)', 'no_poi');
  }
}

/** Whole Gaussian model: finite values, σ > 0 (both sides if asymmetric), poi enters some bin. */
export function validateGaussianModel(model: GaussianModel): void {
  if (!Array.isArray(model.bins) || model.bins.length === 0) fail(['bins'], 'expected at least one bin');
  model.bins.forEach((bin, i) => {
    const p: Path = ['bins', i];
    finite(bin.measured, [...p, 'measured']);
    finite(bin.expected0, [...p, 'expected0']);
    finite(bin.expected1, [...p, 'expected1']);
    if (typeof bin.sigma === 'number') positive(bin.sigma, [...p, 'sigma']);
    else if (bin.sigma !== null && typeof bin.sigma === 'object') {
      positive(bin.sigma.lo, [...p, 'sigma', 'lo']);
      positive(bin.sigma.hi, [...p, 'sigma', 'hi']);
    } else fail([...p, 'sigma'], 'expected a number > 0 or {lo, hi}');
  });
  if (model.bins.every((b) => b.expected1 === b.expected0)) {
    fail(['bins'], 'no bin depends on poi (expected1 = expected0 everywhere)', 'no_poi');
  }
}

/** Throw unless 0 ≤ poi ≤ 1 (public entry points taking a hypothesis value). */
export function validatePoi(poi: number, name = 'poi'): void {
  const v = finite(poi, [name]);
  if (v < 0 || v > 1) fail([name], `expected a value in [0, 1], got ${v}`);
}

/** Throw unless 0 < cl < 1. */
export function validateCl(cl: number): void {
  const v = finite(cl, ['cl']);
  if (!(v > 0 && v < 1)) fail(['cl'], `expected a confidence level in (0, 1), got ${v}`);
}
