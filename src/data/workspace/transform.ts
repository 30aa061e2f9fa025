/**
 * Pure transformations of a workspace that stay within pyhf's schema (so the result exports as is):
 * tying parameters by renaming their modifiers, replacing observations, selecting channels.
 */
import { SpecError } from '../../errors.js';
import type { Measurement, ParameterConfig, Workspace } from './schema.js';

/**
 * Rename modifiers (and their measurement configurations): every modifier named `from` becomes
 * `to`. Several names mapped to one TIE those parameters (e.g. α per q² band → one α). The merged
 * parameter keeps the configuration of the first renamed name that has one (bounds, inits …); the
 * POI follows its renaming.
 */
export function renameParameters(ws: Workspace, mapping: ReadonlyMap<string, string>): Workspace {
  const rename = (n: string) => mapping.get(n) ?? n;
  const channels = ws.channels.map((c) => ({
    ...c,
    samples: c.samples.map((s) => {
      const seen = new Set<string>();
      const modifiers = s.modifiers.filter((m) => {
        const key = `${m.type}/${rename(m.name)}`;
        if (seen.has(key)) {
          // Two tied modifiers on one sample would multiply the parameter in twice.
          throw new SpecError(
            'invalid_spec',
            `channel "${c.name}", sample "${s.name}": tying gives two ${m.type} modifiers named "${rename(m.name)}"; expected the tied names on different samples`,
            ['workspace'],
          );
        }
        seen.add(key);
        return true;
      });
      return {
        ...s,
        modifiers: modifiers.map((m) => ({ ...m, name: rename(m.name) })) as typeof s.modifiers,
      };
    }),
  }));
  const measurements: Measurement[] = ws.measurements.map((m) => {
    const parameters: ParameterConfig[] = [];
    const done = new Set<string>();
    for (const p of m.config.parameters) {
      const name = rename(p.name);
      if (done.has(name)) continue;
      done.add(name);
      parameters.push({ ...p, name });
    }
    return { name: m.name, config: { poi: rename(m.config.poi), parameters } };
  });
  return { ...ws, channels, measurements };
}

/** The same workspace with other observed main data (per channel name, each the channel's bins). */
export function withObservations(ws: Workspace, data: ReadonlyMap<string, readonly number[]>): Workspace {
  return {
    ...ws,
    observations: ws.observations.map((o) => {
      const d = data.get(o.name);
      return d ? { name: o.name, data: [...d] } : o;
    }),
  };
}

/** A workspace whose measurements all use `poi` as the parameter of interest. */
export function withPoi(ws: Workspace, poi: string): Workspace {
  return { ...ws, measurements: ws.measurements.map((m) => ({ ...m, config: { ...m.config, poi } })) };
}

/**
 * Parse a comma-separated list of channel names (a CLI value such as `sr0,sr1`) and check it against
 * the workspace: every name non-empty, listed once, and a channel of the workspace. Returns the
 * names in the order given. One SpecError line otherwise, naming the value and what was expected.
 */
export function parseChannelList(ws: Workspace, list: string, field = 'channels'): string[] {
  const known = ws.channels.map((c) => c.name);
  const expected = `expected a comma-separated list of channels of the workspace (${known.join(', ')})`;
  const names = list.split(',').map((s) => s.trim());
  const seen = new Set<string>();
  for (const n of names) {
    if (n === '')
      throw new SpecError('invalid_input', `${field}: "${list}" has an empty name; ${expected}`, [field]);
    if (seen.has(n))
      throw new SpecError('invalid_input', `${field}: "${n}" is listed twice; ${expected}`, [field]);
    if (!known.includes(n)) {
      throw new SpecError('invalid_input', `${field}: "${n}" is not a channel; ${expected}`, [field]);
    }
    seen.add(n);
  }
  return names;
}

/** Names of every modifier (= parameter) in the workspace's channels. */
function modifierNames(channels: Workspace['channels']): Set<string> {
  const names = new Set<string>();
  for (const c of channels) for (const s of c.samples) for (const m of s.modifiers) names.add(m.name);
  return names;
}

/**
 * The workspace restricted to some channels (pyhf `Workspace.prune(channels=…)` keeps the others;
 * this keeps the named ones): the other channels and their observations are dropped, and with them
 * every parameter that then affects nothing — its measurement configurations go, and a measurement
 * whose POI went is dropped. Per-bin parameter sets (staterror, shapesys, shapefactor) keep their
 * length, since an element covers the same bin in every channel it appears in (parameters.ts).
 *
 * Channel order stays the workspace's. SpecError when a name is not a channel, when nothing is kept,
 * or when no measurement keeps its POI (the subset removed everything the measurements test).
 */
export function selectChannels(ws: Workspace, names: readonly string[]): Workspace {
  const keep = new Set(names);
  for (const n of keep) {
    if (!ws.channels.some((c) => c.name === n)) {
      throw new SpecError(
        'invalid_input',
        `channels: "${n}" is not a channel; expected one of ${ws.channels.map((c) => c.name).join(', ')}`,
        ['channels'],
      );
    }
  }
  const channels = ws.channels.filter((c) => keep.has(c.name));
  if (channels.length === 0) {
    throw new SpecError('invalid_input', 'channels: the subset is empty; expected at least one channel', [
      'channels',
    ]);
  }
  const live = modifierNames(channels);
  const measurements = ws.measurements
    .filter((m) => live.has(m.config.poi))
    .map((m) => ({
      name: m.name,
      config: { poi: m.config.poi, parameters: m.config.parameters.filter((p) => live.has(p.name)) },
    }));
  if (measurements.length === 0) {
    throw new SpecError(
      'invalid_input',
      `channels: ${names.join(', ')} carry no measurement's parameter of interest (${[...new Set(ws.measurements.map((m) => m.config.poi))].join(', ')}); expected a subset where it still enters`,
      ['channels'],
    );
  }
  return {
    ...ws,
    channels,
    observations: ws.observations.filter((o) => keep.has(o.name)),
    measurements,
  };
}

/**
 * Every sample scaled by `factor` (an exposure scaling): its nominal data, its histosys templates and
 * the absolute per-bin uncertainties of staterror and shapesys (so their RELATIVE size, which is what
 * constrains the model, stays). Normalisation modifiers (normsys, normfactor, lumi, shapefactor) are
 * relative and unchanged; observations are left as they are (replace them, e.g. by Asimov data).
 */
export function scaleSamples(ws: Workspace, factor: number): Workspace {
  if (!(factor > 0 && Number.isFinite(factor))) {
    throw new SpecError('invalid_input', `scale: ${factor}; expected a finite factor > 0`, ['scale']);
  }
  const s = (a: readonly number[]) => a.map((v) => v * factor);
  return {
    ...ws,
    channels: ws.channels.map((c) => ({
      ...c,
      samples: c.samples.map((sample) => ({
        ...sample,
        data: s(sample.data),
        modifiers: sample.modifiers.map((m) => {
          switch (m.type) {
            case 'histosys':
              return { ...m, data: { lo_data: s(m.data.lo_data), hi_data: s(m.data.hi_data) } };
            case 'staterror':
            case 'shapesys':
              return { ...m, data: s(m.data) };
            default:
              return m;
          }
        }),
      })),
    })),
  };
}

/**
 * The workspace with the named parameters held constant (pyhf `fixed: true`) in measurement
 * `measurement` (default: every measurement), at their inits (their nominal values unless the
 * measurement sets others): the "remove one systematic" check, as `pyhf` does with `fixed_params`.
 * Unknown names are an error naming them.
 */
export function withFixedParameters(
  ws: Workspace,
  names: readonly string[],
  measurement?: string,
): Workspace {
  const known = new Set(ws.channels.flatMap((c) => c.samples.flatMap((s) => s.modifiers.map((m) => m.name))));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new SpecError(
      'invalid_input',
      `fixed parameters: ${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is not a modifier' : 'are not modifiers'} of the workspace`,
      ['fixed'],
    );
  }
  return {
    ...ws,
    measurements: ws.measurements.map((m) => {
      if (measurement !== undefined && m.name !== measurement) return m;
      const parameters = m.config.parameters.filter((p) => !names.includes(p.name));
      for (const name of names) {
        const old = m.config.parameters.find((p) => p.name === name);
        parameters.push({ ...old, name, fixed: true });
      }
      return { ...m, config: { ...m.config, parameters } };
    }),
  };
}
