/**
 * The models a template dataset (data/templateDataset.ts) is analysed with, all compiled from its one
 * workspace (α_j = the normfactor of true-q² band j):
 *
 * - `perBand`: the workspace as given, every α_j free (the alternative of the global tests);
 * - `band(j)`: the same with α_j the POI and the other bands' α profiled in [0, 1] (the bands overlap
 *   in the observables, so they cannot be analysed one at a time);
 * - `combined`: every α_j renamed to one `alpha` (one α for the whole q² range);
 * - `bandUnbounded(j)`: band j with α_j's bounds widened, for ξ̂ ± σ (a measured suppression may lie
 *   outside the physical [0, 1]);
 * - `signalStrength(alphas)`: a normfactor `mu_cevns` on every CEvNS sample with the band α's held at
 *   given values (the Standard-Model shape at α_Helm), the pure signal normalisations (the flux:
 *   exactly degenerate with mu_cevns) held at nominal and the signal's histosys made shape-only
 *   (signalStrength.ts): the collaboration-style fit of the CEvNS count N = mu_cevns·N_SM and the
 *   signal significance against background only (mu_cevns = 0).
 *
 * The workspace is compiled once per distinct parameter set: `band(j)` and `bandUnbounded(j)` share the
 * compiled arrays of `perBand` (only the POI index, and for the unbounded view the POI's bounds,
 * differ), since compiling the CsI 2021 workspace (115 parameters, 198 bins, 21 samples) costs ~40 ms.
 */
// The workspace door of data/ (browser-safe: no file I/O), not data/index.js.
import {
  parseWorkspace,
  renameParameters,
  selectMeasurement,
  type Workspace,
} from '../../data/workspace/index.js';
import type { TemplateDataset } from '../../data/index.js';
import { compileWorkspace, HistFactoryModel, type CompiledModel } from '../histfactory/index.js';
import { pureSignalNormalisations, shapeOnlyHistosys, withSignalStrength } from './signalStrength.js';

export const COMBINED_POI = 'alpha';
export const SIGNAL_STRENGTH = 'mu_cevns';
/** Bounds of a band's α in the unbounded fit (ξ̂ may lie outside [0, 1]). */
export const UNBOUNDED_ALPHA: [number, number] = [-5, 5];

export interface TemplateModels {
  readonly workspace: Workspace;
  readonly measurement: string;
  readonly perBand: HistFactoryModel;
  /** Flat indices of the band POIs in `perBand`. */
  readonly bandPois: readonly number[];
  readonly combined: HistFactoryModel;
  band(j: number): HistFactoryModel;
  bandUnbounded(j: number): HistFactoryModel;
  signalStrength(alphas: readonly number[]): HistFactoryModel;
  /** Sample names of the CEvNS signal (every band's excess and floor). */
  readonly signalSamples: ReadonlySet<string>;
  /** Pure signal normalisations held at nominal in `signalStrength` (signalStrength.ts). */
  readonly heldInSignalStrength: readonly string[];
}

/**
 * The compiled model `c` with another POI (and optionally other bounds for it): the same arrays, so no
 * recompilation. Equal to compiling the workspace with that POI (and bounds), since neither enters the
 * compiled structure beyond `poi`, `poiName`, `lower` and `upper`.
 */
function retarget(c: CompiledModel, poiName: string, bounds?: readonly [number, number]): CompiledModel {
  const poi = c.parNames.indexOf(poiName);
  if (poi < 0) throw new Error(`internal: ${poiName} is not a parameter of the compiled model`);
  if (!bounds) return { ...c, poi, poiName };
  const lower = Float64Array.from(c.lower);
  const upper = Float64Array.from(c.upper);
  lower[poi] = bounds[0];
  upper[poi] = bounds[1];
  return { ...c, poi, poiName, lower, upper };
}

/** Replace one parameter's configuration in the chosen measurement (added if absent). */
function withParameterConfig(
  ws: Workspace,
  measurement: string,
  name: string,
  config: Omit<Workspace['measurements'][number]['config']['parameters'][number], 'name'>,
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
              parameters: [...m.config.parameters.filter((p) => p.name !== name), { name, ...config }],
            },
          },
    ),
  };
}

export function templateModels(ds: TemplateDataset): TemplateModels {
  const workspace = parseWorkspace(ds.workspace, `${ds.id}: workspace`);
  const measurement = selectMeasurement(workspace, ds.measurement).name;
  const bands = ds.bands.map((b) => b.poi);
  const perBandC = compileWorkspace(workspace, { measurement, poi: null });
  const perBand = new HistFactoryModel(perBandC);
  const bandPois = bands.map((name) => perBandC.parNames.indexOf(name));
  const tied = renameParameters(workspace, new Map(bands.map((b) => [b, COMBINED_POI])));
  const combined = new HistFactoryModel(compileWorkspace(tied, { measurement, poi: COMBINED_POI }));
  const signalSamples = new Set(ds.bands.flatMap((b) => [b.excessSample, b.floorSample]));
  const held = pureSignalNormalisations(workspace, signalSamples);
  const bandCache = new Map<number, HistFactoryModel>();
  return {
    workspace,
    measurement,
    perBand,
    bandPois,
    combined,
    signalSamples,
    heldInSignalStrength: held,
    band(j) {
      let m = bandCache.get(j);
      if (!m) {
        m = new HistFactoryModel(retarget(perBandC, bands[j]!));
        bandCache.set(j, m);
      }
      return m;
    },
    bandUnbounded(j) {
      return new HistFactoryModel(retarget(perBandC, bands[j]!, UNBOUNDED_ALPHA));
    },
    signalStrength(alphas) {
      let ws: Workspace = {
        ...workspace,
        channels: workspace.channels.map((c) => ({
          ...c,
          samples: c.samples.map((s) =>
            signalSamples.has(s.name) ? withSignalStrength(shapeOnlyHistosys(s), SIGNAL_STRENGTH) : s,
          ),
        })),
      };
      bands.forEach((b, j) => {
        ws = withParameterConfig(ws, measurement, b, { bounds: [[0, 1]], inits: [alphas[j]!], fixed: true });
      });
      const config = workspace.measurements.find((m) => m.name === measurement)!.config.parameters;
      for (const name of held) {
        const { name: _, ...rest } = config.find((p) => p.name === name) ?? { name };
        ws = withParameterConfig(ws, measurement, name, { ...rest, fixed: true });
      }
      ws = withParameterConfig(ws, measurement, SIGNAL_STRENGTH, { bounds: [[0, 10]], inits: [1] });
      return new HistFactoryModel(compileWorkspace(ws, { measurement, poi: SIGNAL_STRENGTH }));
    },
  };
}
