/**
 * Which systematic uncertainties matter for the combined α of a template dataset: each nuisance
 * parameter is FIXED in turn at its best-fit value (the unconditional fit of the one-α model) and the
 * combined results are recomputed — the exclusion of α = 0 (q0 = t̃(0), its Z from the boundary test), the
 * lower edges of the 68.27 % and 90 % intervals and p(α = 1). The rows are ranked by how much fixing
 * the parameter raises Z(α = 0) (the information its uncertainty costs), and "all fixed" gives the
 * statistics-only limit. This is the "fix one nuisance at a time" breakdown common in LHC analyses
 * (e.g. ATLAS/CMS impact tables); unlike a pull/impact on the POI it reports the quantities the
 * coherency statements rest on.
 *
 * A parameter set with several elements (staterror, shapesys, shapefactor) is fixed as a whole.
 */
import type { TemplateDataset } from '../../data/index.js';
import { compileWorkspace, HistFactoryModel } from '../histfactory/index.js';
import { WorkspaceLikelihood } from '../inference/workspaceLikelihood.js';
import { poiIntervals } from '../intervals.js';
import { boundaryTest } from '../testStatistics.js';
import { COMBINED_POI, templateModels } from './templateModels.js';

export interface ImpactResult {
  readonly zAlpha0: number;
  readonly pAlpha0: number;
  readonly pAlpha1: number;
  readonly alphaHat: number;
  readonly alpha68Lo: number;
  readonly alpha90Lo: number;
}

export interface NuisanceImpact extends ImpactResult {
  /** Parameter set name (e.g. `signal_eff`) and its best-fit value(s). */
  readonly name: string;
  readonly bestFit: readonly number[];
}

export interface NuisanceImpacts {
  /** Every nuisance profiled (the analysis as published). */
  readonly profiled: ImpactResult;
  /** Each nuisance fixed at its best fit, the others profiled; ranked by Z(α = 0), highest first. */
  readonly fixedOneAtATime: readonly NuisanceImpact[];
  /** Every nuisance fixed at its best fit (statistics only). */
  readonly allFixed: ImpactResult;
}

function evaluate(model: HistFactoryModel): ImpactResult {
  const lik = new WorkspaceLikelihood(model);
  const t0 = boundaryTest(lik, 0);
  const [i68, i90] = poiIntervals(lik, [0.6827, 0.9]);
  return {
    zAlpha0: t0.z,
    pAlpha0: t0.pValue,
    pAlpha1: boundaryTest(lik, 1).pValue,
    alphaHat: lik.fitUnconditional().poi,
    alpha68Lo: i68!.lower,
    alpha90Lo: i90!.lower,
  };
}

export function nuisanceImpacts(ds: TemplateDataset): NuisanceImpacts {
  const models = templateModels(ds);
  const c = models.combined.c;
  const best = new WorkspaceLikelihood(models.combined).fitUnconditional().pars!;
  const ws = c.workspace;
  const sets = c.sets
    .map((s, k) => ({ set: s, offset: c.setOffset[k]! }))
    .filter(({ set, offset }) => set.name !== COMBINED_POI && !set.fixed.every(Boolean) && offset !== c.poi);
  const fixedModel = (names: ReadonlySet<string>): HistFactoryModel => {
    const measurements = ws.measurements.map((m) => {
      if (m.name !== c.measurement) return m;
      const parameters = m.config.parameters.filter((p) => !names.has(p.name));
      for (const { set, offset } of sets) {
        if (!names.has(set.name)) continue;
        const old = m.config.parameters.find((p) => p.name === set.name);
        const inits = Array.from({ length: set.n }, (_, e) => best[offset + e]!);
        parameters.push({ ...old, name: set.name, inits, fixed: true });
      }
      return { ...m, config: { ...m.config, parameters } };
    });
    return new HistFactoryModel(
      compileWorkspace({ ...ws, measurements }, { measurement: c.measurement, poi: COMBINED_POI }),
    );
  };
  const fixedOneAtATime = sets
    .map(({ set, offset }) => ({
      name: set.name,
      bestFit: Array.from({ length: set.n }, (_, e) => best[offset + e]!),
      ...evaluate(fixedModel(new Set([set.name]))),
    }))
    .sort((a, b) => b.zAlpha0 - a.zAlpha0);
  return {
    profiled: evaluate(models.combined),
    fixedOneAtATime,
    allFixed: evaluate(fixedModel(new Set(sets.map((s) => s.set.name)))),
  };
}
