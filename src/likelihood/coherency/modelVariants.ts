/**
 * Variants of ONE compiled template workspace that differ only in their parameter configuration —
 * which parameter is the POI, the bounds of one parameter, parameters held at their nominal value — so
 * that the analysis compiles the workspace once instead of once per variant. compileWorkspace is the
 * costly step (≈ 0.1 s for the 960-bin Ar 2020 release, of which the analysis needs eight variants);
 * the POI index, `init`, `lower`, `upper` and `fixed` are plain per-parameter arrays that no other part
 * of the compiled structure (occurrences, patterns, Hessian layout) depends on.
 *
 * Each variant is what compileWorkspace gives for the workspace with the same change made to its
 * measurement config (pyhf semantics: `fixed: true` holds a parameter at its init, `bounds` replaces
 * its bounds); the variant's `workspace` field carries that changed workspace, so it stays truthful.
 * test/likelihood/coherency/modelVariants.test.ts checks each against a fresh compile.
 */
import { SpecError } from '../../errors.js';
import { withPoi, type ParameterConfig, type Workspace } from '../../data/workspace/index.js';
import type { CompiledModel } from '../histfactory/index.js';

/** Replace (or add) one parameter's configuration in the measurement `measurement`. */
export function withParameterConfig(
  ws: Workspace,
  measurement: string,
  name: string,
  config: Omit<ParameterConfig, 'name'>,
): Workspace {
  return {
    ...ws,
    measurements: ws.measurements.map((m) =>
      m.name !== measurement
        ? m
        : {
            ...m,
            config: {
              ...m.config,
              parameters: [
                ...m.config.parameters.filter((p) => p.name !== name),
                { ...m.config.parameters.find((p) => p.name === name), name, ...config },
              ],
            },
          },
    ),
  };
}

/** Flat index range [first, first + n) of the parameter set `name`, or a SpecError naming it. */
function setRange(c: CompiledModel, name: string, what: string): [number, number] {
  const si = c.sets.findIndex((s) => s.name === name);
  if (si < 0) {
    throw new SpecError(
      'invalid_input',
      `${what}: "${name}" is not a parameter of the model; expected one of ${c.sets.map((s) => s.name).join(', ')}`,
      [what],
    );
  }
  return [c.setOffset[si]!, c.setOffset[si]! + c.sets[si]!.n];
}

/** The model with `poi` (a single-valued parameter) as its parameter of interest. */
export function withPoiIndex(c: CompiledModel, poi: string): CompiledModel {
  const [p, end] = setRange(c, poi, 'poi');
  if (end - p !== 1) throw new SpecError('no_poi', `POI "${poi}" is not a single-valued parameter`, ['poi']);
  return { ...c, poi: p, poiName: poi, workspace: withPoi(c.workspace, poi) };
}

/** The model with the single-valued parameter `name` bounded to [lo, hi] (its init clipped into them). */
export function withBounds(c: CompiledModel, name: string, lo: number, hi: number): CompiledModel {
  const [p] = setRange(c, name, 'bounds');
  const lower = Float64Array.from(c.lower);
  const upper = Float64Array.from(c.upper);
  const init = Float64Array.from(c.init);
  lower[p] = lo;
  upper[p] = hi;
  init[p] = Math.min(hi, Math.max(lo, init[p]!));
  const workspace = withParameterConfig(c.workspace, c.measurement, name, {
    bounds: [[lo, hi]],
    inits: [init[p]!],
  });
  return { ...c, lower, upper, init, workspace };
}

/** The model with every element of the named parameter sets held at its init (`fixed: true`). */
export function withFixed(c: CompiledModel, names: readonly string[]): CompiledModel {
  if (names.length === 0) return c;
  const fixed = Uint8Array.from(c.fixed);
  let workspace = c.workspace;
  for (const name of names) {
    const [first, end] = setRange(c, name, 'fix');
    for (let p = first; p < end; p++) fixed[p] = 1;
    workspace = withParameterConfig(workspace, c.measurement, name, { fixed: true });
  }
  return { ...c, fixed, workspace };
}

/** Names of the constrained parameter sets (the systematics: normsys, histosys, staterror, shapesys, lumi). */
export function constrainedParameters(c: CompiledModel): string[] {
  return c.sets.filter((s) => s.constraint !== null).map((s) => s.name);
}
