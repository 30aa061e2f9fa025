/**
 * Pure transformations of a workspace that stay within pyhf's schema (so the result exports as is):
 * tying parameters by renaming their modifiers, and replacing observations.
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
