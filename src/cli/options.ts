/**
 * Validation of command-line options with zod (STYLE P5): every option is parsed once, at the
 * boundary; an error names the option, the value and what was expected, and becomes exit code 2.
 */
import * as z from 'zod';
import { SpecError } from '../errors.js';
import {
  epsilonProblem,
  PAPER_EPSILON,
  resolveTarget,
  targetNameProblem,
  type Target,
} from '../physics/index.js';

/** Parse a raw option object against a schema; the first issue becomes a one-line SpecError. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const given = raw as Record<string, unknown> | undefined;
  if (given?.json === true && given.csv === true) {
    throw new SpecError('invalid_input', '--json and --csv: give one output format, not both', ['json']);
  }
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const value = issue.path.reduce<unknown>(
    (o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey],
    raw,
  );
  throw new SpecError(
    'invalid_input',
    `${flag} ${value === undefined ? '(missing)' : JSON.stringify(value)}: ${optionMessage(issue)}`,
    [key],
  );
}

/** zod's generic issue texts ("Too big: expected number to be <=1") in the words of the other messages. */
function optionMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? 'is empty; expected a non-empty value'
        : `expected a value ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected a value ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'expected a number' : `expected ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** A number given on the command line (string) → finite number. */
export const numberArg = (what: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v)))
    .refine((v) => Number.isFinite(v), { message: `expected ${what}` });

export const nonNegativeArg = (what: string) =>
  numberArg(what).refine((v) => v >= 0, { message: `expected ${what} ≥ 0` });

export const positiveArg = (what: string) =>
  numberArg(what).refine((v) => v > 0, { message: `expected ${what} > 0` });

/** A target name → Target. */
export const targetArg = z.string().transform((name, ctx): Target => {
  const t = resolveTarget(name);
  if (!t) {
    ctx.addIssue({ code: 'custom', message: targetNameProblem(name) });
    return z.NEVER;
  }
  return t;
});

export const q2ConventionArg = z.enum(['exact', 'paper']).default('exact');

/** ε = 1 − 4 sin²θ_W, with the range every input shares (physics `epsilonProblem`). */
export const epsilonArg = numberArg('ε = 1 − 4 sin²θ_W')
  .superRefine((v, ctx) => {
    const why = epsilonProblem(v);
    if (why !== undefined) ctx.addIssue({ code: 'custom', message: why.replace(/^\S+ /, '') });
  })
  .default(PAPER_EPSILON);
