/**
 * Messages of setup validation: one line per problem, "<source>: <field path>: <what is wrong>", from a
 * zod issue (setupSchema.ts) or a cross-field check (setupResolve.ts), thrown as SpecError('invalid_setup')
 * whose `path` is the field's.
 */
import type { z } from 'zod';
import { formatPath, SpecError } from '../errors.js';

type Issue = z.core.$ZodIssue;

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** The message after the path for one zod issue. */
export function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'invalid_type':
      return issue.input === undefined
        ? `is missing; expected ${issue.expected}`
        : `${show(issue.input)} is not of the right type; expected ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `has too few entries; expected at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return 'is empty; expected a non-empty string';
      return `${show(issue.input)} is too small; expected a value ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${show(issue.input)} is too large; expected a value ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${show(issue.input)} is not accepted; expected ${issue.values.map((x) => show(x)).join(' | ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      if (disc !== undefined) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const input = issue.input as Record<string, unknown> | undefined;
        const given = input !== null && typeof input === 'object' ? input[disc] : issue.input;
        return `${show(given)} is not a known ${disc}; expected ${options.map((o) => show(o)).join(' | ')}`;
      }
      return `${show(issue.input)} matches none of the accepted forms`;
    }
    default:
      return `${show(issue.input)}: ${issue.message}`;
  }
}

/**
 * The first issue of a union that failed in every branch: a union of objects reports its branches'
 * issues under `errors`; take the branch whose first issue is deepest (the one the user meant).
 */
export function deepest(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || (issue as { discriminator?: string }).discriminator !== undefined)
    return issue;
  let best: Issue | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first === undefined) continue;
    // Prefer a branch that got past "unknown field" of the top-level keys.
    const score = first.code === 'unrecognized_keys' ? -1 : first.path.length;
    const bestScore = best === undefined ? -2 : best.code === 'unrecognized_keys' ? -1 : best.path.length;
    if (score > bestScore) best = first;
  }
  return best === undefined ? issue : { ...best, path: [...issue.path, ...best.path] };
}

/** One SpecError('invalid_setup') naming the field of the first issue. */
export function setupError(source: string, path: readonly PropertyKey[], message: string): SpecError {
  const clean = path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = clean.length > 0 ? formatPath(clean) : '(top level)';
  return new SpecError('invalid_setup', `${source}: ${where}: ${message}`, clean);
}
