/**
 * Parse and check a pyhf workspace: the zod structure (schema.ts), then the cross-field rules pyhf
 * enforces when it builds a model (bin counts, one observation per channel, unique names, a POI that
 * is a parameter), and the rules this toolkit adds because pyhf would silently compute NaN or
 * nonsense: no negative yields or uncertainties, normsys factors > 0, finite numbers.
 *
 * Every error is one SpecError whose message names the channel, sample and modifier by the names the
 * user wrote, the value, and what was expected, e.g.
 *   `workspace: channel "sr1", sample "bkg_er", modifier "staterror_sr1" (staterror): data has 26
 *    entries; expected 27 (the channel's bins)`.
 */
import type { z } from 'zod';
import { SpecError } from '../../errors.js';
import { channelLabel, listWords, modifierLabel, sampleLabel } from './names.js';
import { parameterSets, type ParameterSet } from './parameters.js';
import { MODIFIER_TYPES, WorkspaceSchema, type Measurement, type Workspace } from './schema.js';

function fail(message: string, path: readonly (string | number)[] = []): never {
  throw new SpecError('invalid_spec', message, ['workspace', ...path]);
}

/** Name the place of a zod issue by the user's names where the raw input has them. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next =
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const parent = path[i - 1];
    const named =
      typeof key === 'number' &&
      next !== null &&
      typeof next === 'object' &&
      typeof (next as { name?: unknown }).name === 'string'
        ? (next as { name: string }).name
        : undefined;
    if (
      named !== undefined &&
      (parent === 'channels' ||
        parent === 'samples' ||
        parent === 'modifiers' ||
        parent === 'measurements' ||
        parent === 'observations' ||
        parent === 'parameters')
    ) {
      const noun = {
        channels: 'channel',
        samples: 'sample',
        modifiers: 'modifier',
        measurements: 'measurement',
        observations: 'observation',
        parameters: 'parameter',
      }[parent];
      parts.pop();
      parts.push(`${noun} "${named}"`);
    } else {
      parts.push(typeof key === 'number' ? `[${key}]` : String(key));
    }
    node = next;
  }
  return parts.join(', ').replace(/, \[/g, '[') || '(top level)';
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const where = describePath(raw, issue.path);
  const value = issue.input;
  const shown = value === undefined ? 'missing' : JSON.stringify(value)?.slice(0, 60);
  if (
    issue.code === 'invalid_union' ||
    (issue.code === 'invalid_value' && issue.path[issue.path.length - 1] === 'type')
  ) {
    // The discriminator issue carries the whole modifier as input; show its type.
    const type =
      value !== null && typeof value === 'object' && 'type' in value
        ? (value as { type: unknown }).type
        : value;
    return `${where.replace(/, type$/, '')}: ${JSON.stringify(type)} is not a modifier type; expected one of ${listWords(MODIFIER_TYPES.map((t) => `"${t}"`))}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown key(s) ${listWords(issue.keys.map((k) => `"${k}"`))}; pyhf's workspace schema 1.0.0 allows no other keys`;
  }
  if (issue.code === 'invalid_type' && value === undefined)
    return `${where} is missing; expected ${issue.expected}`;
  return `${where}: ${shown}: ${issue.message}`;
}

/** Structural and cross-field checks of channels, samples, modifiers and observations. */
function checkChannels(ws: Workspace): void {
  const seen = new Set<string>();
  ws.channels.forEach((c, ci) => {
    if (seen.has(c.name))
      fail(`${channelLabel(c)} is defined twice; expected unique channel names`, ['channels', ci]);
    seen.add(c.name);
    const nBins = c.samples[0]!.data.length;
    const samples = new Set<string>();
    c.samples.forEach((s, si) => {
      const path = ['channels', ci, 'samples', si];
      if (samples.has(s.name))
        fail(`${sampleLabel(c, s)} is defined twice in the channel; expected unique sample names`, path);
      samples.add(s.name);
      if (s.data.length !== nBins) {
        fail(
          `${sampleLabel(c, s)}: data has ${s.data.length} bins; expected ${nBins} (the bins of the channel's first sample "${c.samples[0]!.name}")`,
          [...path, 'data'],
        );
      }
      s.data.forEach((v, b) => {
        if (!(v >= 0))
          fail(`${sampleLabel(c, s)}: data[${b}] = ${v} is a negative yield; expected expected counts ≥ 0`, [
            ...path,
            'data',
            b,
          ]);
      });
      const mods = new Set<string>();
      s.modifiers.forEach((m, mi) => {
        const mpath = [...path, 'modifiers', mi];
        const label = modifierLabel(c, s, m);
        const key = `${m.type}/${m.name}`;
        if (mods.has(key))
          fail(`${label} appears twice on the sample; expected each modifier once per sample`, mpath);
        mods.add(key);
        const arrays: [string, readonly number[]][] =
          m.type === 'histosys'
            ? [
                ['data.lo_data', m.data.lo_data],
                ['data.hi_data', m.data.hi_data],
              ]
            : m.type === 'shapesys' || m.type === 'staterror'
              ? [['data', m.data]]
              : [];
        for (const [field, arr] of arrays) {
          if (arr.length !== nBins)
            fail(`${label}: ${field} has ${arr.length} entries; expected ${nBins} (the channel's bins)`, [
              ...mpath,
              field,
            ]);
          arr.forEach((v, b) => {
            if (!(v >= 0)) {
              const what = field === 'data' ? 'an uncertainty ≥ 0' : 'a varied yield ≥ 0';
              fail(`${label}: ${field}[${b}] = ${v} is negative; expected ${what}`, [...mpath, field, b]);
            }
          });
        }
        if (m.type === 'normsys') {
          for (const k of ['lo', 'hi'] as const) {
            if (!(m.data[k] > 0)) {
              fail(
                `${label}: data.${k} = ${m.data[k]}; expected a factor > 0 (normsys interpolation takes its logarithm)`,
                [...mpath, 'data', k],
              );
            }
          }
        }
      });
    });
  });
}

function checkObservations(ws: Workspace): void {
  const byName = new Map<string, number>();
  ws.observations.forEach((o, oi) => {
    if (byName.has(o.name))
      fail(`observation "${o.name}" is given twice; expected one observation per channel`, [
        'observations',
        oi,
      ]);
    byName.set(o.name, oi);
    const channel = ws.channels.find((c) => c.name === o.name);
    if (!channel) {
      fail(
        `observation "${o.name}" names no channel; expected one of ${listWords(ws.channels.map((c) => `"${c.name}"`))}`,
        ['observations', oi],
      );
    }
    const nBins = channel.samples[0]!.data.length;
    if (o.data.length !== nBins) {
      fail(
        `observation "${o.name}": data has ${o.data.length} bins; expected ${nBins} (the bins of ${channelLabel(channel)})`,
        ['observations', oi, 'data'],
      );
    }
    o.data.forEach((v, b) => {
      if (!(v >= 0))
        fail(`observation "${o.name}": data[${b}] = ${v} is negative; expected an observed count ≥ 0`, [
          'observations',
          oi,
          'data',
          b,
        ]);
    });
  });
  ws.channels.forEach((c) => {
    if (!byName.has(c.name))
      fail(
        `observations: no entry for channel "${c.name}"; expected one per channel (an observation named "${c.name}" with its observed counts)`,
        ['observations'],
      );
  });
}

function checkMeasurements(ws: Workspace): void {
  const names = new Set<string>();
  ws.measurements.forEach((m, mi) => {
    if (names.has(m.name))
      fail(`measurement "${m.name}" is defined twice; expected unique measurement names`, [
        'measurements',
        mi,
      ]);
    names.add(m.name);
    const sets = parameterSets(ws, m);
    checkPoi(m, sets);
  });
}

function checkPoi(m: Measurement, sets: readonly ParameterSet[]): void {
  const poi = sets.find((s) => s.name === m.config.poi);
  if (!poi) {
    const scalars = sets.filter((s) => s.n === 1).map((s) => `"${s.name}"`);
    fail(
      `measurement "${m.name}": the POI "${m.config.poi}" is not a parameter of the model; expected one of ${listWords(scalars)}`,
    );
  }
  if (poi.n !== 1) {
    fail(
      `measurement "${m.name}": the POI "${poi.name}" has ${poi.n} elements (${poi.types[0]}); expected a single-valued parameter`,
    );
  }
}

/**
 * Validate a workspace (an already-parsed JSON value). `source` (a file name) prefixes messages.
 * Throws SpecError with one line naming the place, the value and what was expected.
 */
export function parseWorkspace(raw: unknown, source = 'workspace'): Workspace {
  try {
    const r = WorkspaceSchema.safeParse(raw, { reportInput: true });
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new SpecError('invalid_spec', describeIssue(raw, issue), [
        'workspace',
        ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      ]);
    }
    const ws = r.data;
    checkChannels(ws);
    checkObservations(ws);
    checkMeasurements(ws);
    return ws;
  } catch (err) {
    if (err instanceof SpecError) {
      throw new SpecError(err.code, `${source}: ${err.message}`, err.path);
    }
    throw err;
  }
}

/** The named measurement, or the first one; a SpecError lists the names when it does not exist. */
export function selectMeasurement(ws: Workspace, name?: string): Measurement {
  if (name === undefined) return ws.measurements[0]!;
  const m = ws.measurements.find((x) => x.name === name);
  if (!m) {
    throw new SpecError(
      'invalid_input',
      `measurement "${name}" is not in the workspace; expected one of ${listWords(ws.measurements.map((x) => `"${x.name}"`))}`,
      ['measurement'],
    );
  }
  return m;
}
