/**
 * Model variants derived from one compile (src/likelihood/coherency/modelVariants.ts) equal the models
 * compileWorkspace builds from the workspace with the same change to its measurement config: same
 * POI, init, bounds and fixed flags, and the same NLL at random points (the structure is shared, so
 * equality is exact); and the analysis with parameters fixed equals the analysis of that workspace.
 */
import { describe, expect, test } from 'vitest';
import {
  parseWorkspace,
  selectMeasurement,
  withPoi,
  type Workspace,
} from '../../../src/data/workspace/index.js';
import {
  compileWorkspace,
  HistFactoryModel,
  type CompiledModel,
} from '../../../src/likelihood/histfactory/index.js';
import {
  constrainedParameters,
  withBounds,
  withFixed,
  withParameterConfig,
  withPoiIndex,
} from '../../../src/likelihood/coherency/modelVariants.js';
import { analyzeTemplateDataset, templateModels } from '../../../src/likelihood/index.js';
import { createRng } from '../../../src/toys/index.js';
import { syntheticTemplate } from './syntheticTemplate.js';

const ds = syntheticTemplate();
const ws = parseWorkspace(ds.workspace, 'synthetic');
const measurement = selectMeasurement(ws, ds.measurement).name;
const base = compileWorkspace(ws, { measurement, poi: null });

function expectSameModel(a: CompiledModel, b: CompiledModel): void {
  expect(a.poi).toBe(b.poi);
  expect(a.poiName).toBe(b.poiName);
  expect(Array.from(a.init)).toEqual(Array.from(b.init));
  expect(Array.from(a.lower)).toEqual(Array.from(b.lower));
  expect(Array.from(a.upper)).toEqual(Array.from(b.upper));
  expect(Array.from(a.fixed)).toEqual(Array.from(b.fixed));
  expect(a.parNames).toEqual(b.parNames);
  // Same likelihood at random points inside the bounds (exact: the same arrays are evaluated).
  const ma = new HistFactoryModel(a);
  const mb = new HistFactoryModel(b);
  const rng = createRng(3, 'model-variants');
  for (let k = 0; k < 5; k++) {
    const p = Float64Array.from(a.init, (_, i) => {
      const lo = Math.max(a.lower[i]!, -2);
      const hi = Math.min(a.upper[i]!, 2);
      return lo + (hi - lo) * rng.uniform();
    });
    expect(ma.nll(p)).toBe(mb.nll(p));
  }
}

const fresh = (w: Workspace, poi: string | null) => compileWorkspace(w, { measurement, poi });

describe('variants of one compile equal a fresh compile of the changed workspace', () => {
  test('POI of band j', () => {
    for (const j of [0, 1, 2]) {
      const name = `alpha_b${j}`;
      const v = withPoiIndex(base, name);
      expectSameModel(v, fresh(withPoi(ws, name), name));
      expect(v.workspace.measurements[0]!.config.poi).toBe(name);
    }
  });

  test('bounds of one parameter (the unbounded α for ξ̂ ± σ)', () => {
    const v = withBounds(withPoiIndex(base, 'alpha_b1'), 'alpha_b1', -5, 5);
    const w = withParameterConfig(withPoi(ws, 'alpha_b1'), measurement, 'alpha_b1', {
      bounds: [[-5, 5]],
      inits: [1],
    });
    expectSameModel(v, fresh(w, 'alpha_b1'));
  });

  test('fixed nuisance parameters, one or all constrained', () => {
    expect(constrainedParameters(base).sort()).toEqual(['bkg_norm', 'bkg_tilt', 'flux']);
    for (const names of [['flux'], ['bkg_norm', 'bkg_tilt'], constrainedParameters(base)]) {
      const v = withFixed(base, names);
      let w = ws;
      for (const n of names) w = withParameterConfig(w, measurement, n, { fixed: true });
      expectSameModel(v, fresh(w, null));
      expectSameModel(withPoiIndex(v, 'alpha_b0'), fresh(withPoi(w, 'alpha_b0'), 'alpha_b0'));
    }
  });

  test('an unknown name, or a band α given to fix, is a SpecError naming it', () => {
    expect(() => withFixed(base, ['no_such'])).toThrow(/fix: "no_such" is not a parameter of the model/);
    expect(() => templateModels(ds, { fix: ['alpha_b1'] })).toThrow(/fix: "alpha_b1" is a band's α/);
  });
});

describe('the analysis with parameters fixed', () => {
  test('equals the analysis of the workspace whose measurement fixes them; systematics reported', () => {
    let w: Workspace = ds.workspace as Workspace;
    for (const n of ['flux', 'bkg_tilt']) w = withParameterConfig(w, measurement, n, { fixed: true });
    const viaOption = analyzeTemplateDataset(ds, { fix: ['flux', 'bkg_tilt'] });
    const viaWorkspace = analyzeTemplateDataset({ ...ds, workspace: w });
    expect(viaOption.template.fixed).toEqual(['flux', 'bkg_tilt']);
    expect(viaOption.systematics).toBe('profiled');
    // The same models either way (derived from one compile or compiled from the changed workspace):
    // identical arithmetic, so agreement to 1e-9 absolute leaves room for nothing physical.
    viaOption.bins.forEach((b, j) => {
      const o = viaWorkspace.bins[j]!;
      expect(b.alphaHat).toBeCloseTo(o.alphaHat, 9);
      expect(b.alpha68.lo).toBeCloseTo(o.alpha68.lo, 9);
      expect(b.pAlpha0).toBeCloseTo(o.pAlpha0, 9);
    });
    expect(viaOption.template.signal.mu).toBeCloseTo(viaWorkspace.template.signal.mu, 9);
  });

  test('statistics only: every constrained parameter fixed; the combined interval no wider than with systematics', () => {
    const stat = analyzeTemplateDataset(ds, { fix: 'constrained' });
    const prof = analyzeTemplateDataset(ds);
    expect(stat.systematics).toBe('none');
    expect(stat.template.fixed).toEqual(constrainedParameters(base));
    // Profiling nuisances can only flatten the profile likelihood, so the 68.27 % interval of the
    // combined α widens (or stays) when the systematics are switched on.
    const width = (r: typeof stat) => r.combined.alpha68.hi - r.combined.alpha68.lo;
    expect(width(stat)).toBeLessThanOrEqual(width(prof) + 1e-9);
  });
});
