/**
 * Turns dataset validation problems (zod issues or cross-field problems) into one SpecError whose
 * message names the field with its bin index, the bad value and what was expected, e.g.
 *   `fixture.json: bins[3].nOff: -2 is negative; expected a count ≥ 0`.
 */
import type { z } from 'zod';
import { SpecError, formatPath } from '../errors.js';

/** A cross-field problem: `message` follows the path, e.g. "2500 is not above q2LoMeV2 = 2600; …". */
export interface DatasetProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

/** What a field holds, for "expected …" phrases (keyed by the last path element). */
function expectedNoun(key: string | number | undefined): string {
  switch (key) {
    case 'nOn':
    case 'nOff':
      return 'a count';
    case 'tau':
      return 'an off/on exposure ratio';
    case 'Z':
    case 'N':
      return 'an integer';
    default:
      return 'a value';
  }
}

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Message (after the path) for one zod issue. Input values are present with `reportInput: true`. */
function describeIssue(issue: Issue): string {
  const key = issue.path[issue.path.length - 1];
  const noun = expectedNoun(typeof key === 'symbol' ? undefined : key);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `is missing; expected ${issue.expected}`;
      const received = (issue as { received?: string }).received;
      if (received === 'NaN' || received === 'Infinity' || received === '-Infinity') {
        return `${received} is not a finite number; expected a finite number`;
      }
      if (issue.expected === 'int') return `${show(issue.input)} is not an integer; expected ${noun} ≥ 0`;
      return `${show(issue.input)} is not of the right type; expected ${issue.expected}`;
    }
    case 'too_small': {
      const v = show(issue.input);
      if (issue.origin === 'array') return `has too few entries; expected at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return `is empty; expected a non-empty string`;
      if (Number(issue.minimum) === 0) {
        return issue.inclusive
          ? `${v} is negative; expected ${noun} ≥ 0`
          : `${v} is not positive; expected ${noun} > 0`;
      }
      return `${v} is too small; expected ${noun} ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    }
    case 'invalid_value':
      return `${show(issue.input)} is not accepted; expected ${issue.values.map((x) => show(x)).join(' | ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; expected only the documented fields (docs/dataset-format.md)`;
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      if (discriminator !== undefined) {
        const input = issue.input as Record<string, unknown> | undefined;
        const v = input && typeof input === 'object' ? input[discriminator] : undefined;
        return `${show(v)} is not a known dataset kind; expected "counts" | "xi"`;
      }
      return `${show(issue.input)} matches none of the accepted forms`;
    }
    default:
      return `${show(issue.input)}: ${issue.message}`;
  }
}

function isZodIssue(p: Issue | DatasetProblem): p is Issue {
  return 'code' in p;
}

/** Throw SpecError('invalid_dataset') for the first problem; the message counts the others. */
export function throwDatasetError(source: string, problems: readonly (Issue | DatasetProblem)[]): never {
  const first = problems[0];
  if (first === undefined) throw new SpecError('invalid_dataset', `${source}: invalid dataset`);
  const path = first.path.filter((p): p is string | number => typeof p !== 'symbol');
  const text = isZodIssue(first) ? describeIssue(first) : first.message;
  const where = path.length > 0 ? formatPath(path) : '(top level)';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  throw new SpecError('invalid_dataset', `${source}: ${where}: ${text}${more}`, path);
}
