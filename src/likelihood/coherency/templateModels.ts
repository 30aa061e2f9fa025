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
 * perBand, band(j) and bandUnbounded(j) share one compile (modelVariants.ts: only the POI index, and for
 * the unbounded view the POI's bounds, differ; compiling the CsI 2021 workspace costs ~40 ms); combined
 * and signalStrength change the structure (tied or added parameters) and are compiled on their own.
 * `fix` holds nuisance parameters at nominal in every model (systematics switched off one by one, or
 * all of them for a statistics-only analysis).
 */
// The workspace door of data/ (browser-safe: no file I/O), not data/index.js.
import {
  parseWorkspace,
  renameParameters,
  selectMeasurement,
  withFixedParameters,
  type Workspace,
} from '../../data/workspace/index.js';
import type { TemplateDataset } from '../../data/index.js';
import { SpecError } from '../../errors.js';
import { compileWorkspace, HistFactoryModel, type CompiledModel } from '../histfactory/index.js';
import {
  constrainedParameters,
  withBounds,
  withFixed,
  withParameterConfig,
  withPoiIndex,
} from './modelVariants.js';
import { pureSignalNormalisations, shapeOnlyHistosys, withSignalStrength } from './signalStrength.js';

export const COMBINED_POI = 'alpha';
export const SIGNAL_STRENGTH = 'mu_cevns';
/** Bounds of a band's α in the unbounded fit (ξ̂ may lie outside [0, 1]). */
export const UNBOUNDED_ALPHA: [number, number] = [-5, 5];

export interface TemplateModelOptions {
  /**
   * Nuisance parameters held at their nominal values in every model (pyhf `fixed: true`), by name;
   * 'constrained': every constrained parameter (normsys, histosys, staterror, shapesys, lumi) — the
   * statistics-only analysis. Band POIs cannot be fixed.
   */
  readonly fix?: readonly string[] | 'constrained';
}

export interface TemplateModels {
  readonly workspace: Workspace;
  readonly measurement: string;
  readonly perBand: HistFactoryModel;
  /** Flat indices of the band POIs in `perBand`. */
  readonly bandPois: readonly number[];
  readonly combined: HistFactoryModel;
  /** The parameters held at nominal (TemplateModelOptions.fix resolved to names). */
  readonly fixed: readonly string[];
  band(j: number): HistFactoryModel;
  bandUnbounded(j: number): HistFactoryModel;
  signalStrength(alphas: readonly number[]): HistFactoryModel;
  /** Sample names of the CEvNS signal (every band's excess and floor). */
  readonly signalSamples: ReadonlySet<string>;
  /** Pure signal normalisations held at nominal in `signalStrength` (signalStrength.ts). */
  readonly heldInSignalStrength: readonly string[];
}

/** The names to fix, validated: parameters of the model, none of them a band POI. */
function resolveFix(c: CompiledModel, fix: TemplateModelOptions['fix'], pois: readonly string[]): string[] {
  const names = fix === undefined ? [] : fix === 'constrained' ? constrainedParameters(c) : [...fix];
  for (const name of names) {
    if (pois.includes(name)) {
      throw new SpecError(
        'invalid_input',
        `fix: "${name}" is a band's α (what is measured); expected a nuisance parameter`,
        ['fix'],
      );
    }
  }
  return names;
}

export function templateModels(ds: TemplateDataset, options: TemplateModelOptions = {}): TemplateModels {
  const workspace = parseWorkspace(ds.workspace, `${ds.id}: workspace`);
  const measurement = selectMeasurement(workspace, ds.measurement).name;
  const bands = ds.bands.map((b) => b.poi);
  // One compile serves perBand, every band(j) and bandUnbounded(j) (modelVariants.ts).
  const compiled = compileWorkspace(workspace, { measurement, poi: null });
  const fixed = resolveFix(compiled, options.fix, bands);
  const perBandC = withFixed(compiled, fixed);
  const perBand = new HistFactoryModel(perBandC);
  const bandPois = bands.map((name) => perBandC.parNames.indexOf(name));
  const tied = renameParameters(workspace, new Map(bands.map((b) => [b, COMBINED_POI])));
  const combined = new HistFactoryModel(
    withFixed(compileWorkspace(tied, { measurement, poi: COMBINED_POI }), fixed),
  );
  const signalSamples = new Set(ds.bands.flatMap((b) => [b.excessSample, b.floorSample]));
  const held = pureSignalNormalisations(workspace, signalSamples);
  const bandCache = new Map<number, HistFactoryModel>();
  return {
    workspace,
    measurement,
    perBand,
    bandPois,
    combined,
    fixed,
    signalSamples,
    heldInSignalStrength: held,
    band(j) {
      let m = bandCache.get(j);
      if (!m) {
        m = new HistFactoryModel(withPoiIndex(perBandC, bands[j]!));
        bandCache.set(j, m);
      }
      return m;
    },
    bandUnbounded(j) {
      const c = withPoiIndex(perBandC, bands[j]!);
      return new HistFactoryModel(withBounds(c, bands[j]!, UNBOUNDED_ALPHA[0], UNBOUNDED_ALPHA[1]));
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
      ws = withFixedParameters(ws, held, measurement);
      ws = withParameterConfig(ws, measurement, SIGNAL_STRENGTH, { bounds: [[0, 10]], inits: [1] });
      return new HistFactoryModel(
        withFixed(compileWorkspace(ws, { measurement, poi: SIGNAL_STRENGTH }), fixed),
      );
    },
  };
}
