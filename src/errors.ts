/**
 * The project's error policy (STYLE.md P7), two tiers:
 *
 * 1. Hot numerical kernels (physics formulas, pdfs, NLL terms) never throw; outside their domain
 *    they return NaN, and every public entry point that could pass such a value on checks first.
 * 2. Public entry points throw a {@link ToolkitError}: a machine-readable `code`, a human message
 *    and the `path` of the offending field (as zod issues carry it). The CLI turns any
 *    ToolkitError into one line on stderr and exit code 2; anything else is a bug (exit 1).
 *
 * Recoverable fit trouble (no convergence, parameter at a limit) is never an exception: it is a
 * diagnostic carried in the fit result.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_spec'
  | 'invalid_dataset'
  | 'invalid_spectrum'
  | 'invalid_setup'
  | 'unknown_target'
  | 'unknown_source'
  | 'bin_mismatch'
  | 'out_of_domain'
  | 'io_error'
  | 'nan_in_model'
  | 'no_poi'
  /** A long run stopped by the user (Ctrl-C); finished work is kept. The CLI exits 130. */
  | 'interrupted';

export class ToolkitError extends Error {
  readonly code: ErrorCode;
  readonly path: readonly (string | number)[];

  constructor(code: ErrorCode, message: string, path: readonly (string | number)[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.path = path;
  }
}

/** A user-supplied specification (dataset, setup, spectrum, option) is invalid. */
export class SpecError extends ToolkitError {}

/** A physics input lies outside the domain where the formula is defined. */
export class DomainError extends ToolkitError {}

/** Fit input is unusable (never thrown for non-convergence: that is a diagnostic). */
export class FitError extends ToolkitError {}

/** Format a path as `bins[3].nOn` for messages. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/**
 * Throw a DomainError unless `value` is a finite number satisfying `ok`.
 * Used by public entry points of the physics core to turn kernel NaN policy into typed errors.
 */
export function requireFinite(
  name: string,
  value: number,
  ok: (v: number) => boolean = () => true,
  expected = 'a finite number',
): number {
  if (!Number.isFinite(value) || !ok(value)) {
    throw new DomainError('out_of_domain', `${name} = ${String(value)}: expected ${expected}`, [name]);
  }
  return value;
}
