/**
 * The toolkit's statistics door (`PoiLikelihood`, types.ts) onto a compiled HistFactory model, so that
 * t̃, the boundary tests, the intervals and the global tests of likelihood/ work unchanged on any
 * workspace: the toolkit's datasets, a release's template fixture, or a user's pyhf file.
 *
 * The PoiLikelihood convention is poi ∈ [0, 1]. A workspace POI with bounds [lo, hi] is mapped
 * affinely, value = lo + poi·(hi − lo); t̃ is invariant under that map, so every test statistic and
 * p-value is the one of the workspace's own parameter, and intervals map back by the same formula
 * (`poiValue`). For α (bounds [0, 1]) the map is the identity.
 *
 * - `fitPerBinPoi` needs the same data in a model with one POI per bin or band (`perBin`).
 * - `bin(i)`: a per-bin likelihood supplied by the caller (a closed-form fast path, or band i of the
 *   per-band model with the other bands profiled).
 */
import { SpecError } from '../../errors.js';
import type { HistFactoryModel } from '../histfactory/index.js';
import type { MinimizeResult } from '../minimize/index.js';
import type { FitDiagnostics, PerBinPoiFit, PoiFit, PoiLikelihood } from '../types.js';
import { asimovData, WorkspaceFits } from './fits.js';

export interface WorkspaceLikelihoodOptions {
  /** The same channels with one POI per bin/band: the model and the flat index of each POI. */
  readonly perBin?: { readonly model: HistFactoryModel; readonly pois: readonly number[] };
  /** The likelihood of bin/band i alone (fast path or band model); absent: bin() throws. */
  readonly bin?: (i: number) => PoiLikelihood;
  /** Number of bins/bands the per-bin views range over (default: perBin.pois.length or 1). */
  readonly nBins?: number;
  /** Bins/bands whose expectation depends on their POI (default: all). */
  readonly informativeBins?: readonly number[];
}

function diagnosticsOf(model: HistFactoryModel, r: MinimizeResult, poiIdentified: boolean): FitDiagnostics {
  return {
    converged: r.converged,
    iterations: r.iterations,
    // 'target' only ends fits that asked for it (toys' stopBelow), never these.
    reason: r.reason === 'target' ? 'tolerance' : r.reason,
    atLimit: r.atLimit.map((p) => model.c.parNames[p]!),
    poiIdentified,
  };
}

/** Copy main and auxiliary data into a model with the same channels, matching aux by parameter name. */
function transferData(
  from: HistFactoryModel,
  to: HistFactoryModel,
  main: ArrayLike<number>,
  aux: ArrayLike<number>,
): HistFactoryModel {
  if (from.c.nMain !== to.c.nMain) {
    throw new SpecError('invalid_spec', 'internal: per-bin model and model differ in their bins', []);
  }
  const auxByName = new Map<string, number>();
  for (let j = 0; j < from.c.nAux; j++) auxByName.set(from.c.parNames[from.c.auxPar[j]!]!, aux[j]!);
  const toAux = Float64Array.from(to.c.auxNominal);
  for (let j = 0; j < to.c.nAux; j++) {
    const v = auxByName.get(to.c.parNames[to.c.auxPar[j]!]!);
    if (v !== undefined) toAux[j] = v;
  }
  return to.withData(main, toAux);
}

export class WorkspaceLikelihood implements PoiLikelihood {
  readonly model: HistFactoryModel;
  readonly nBins: number;
  readonly informativeBins: readonly number[];
  private readonly fits: WorkspaceFits;
  private readonly options: WorkspaceLikelihoodOptions;
  private readonly lo: number;
  private readonly hi: number;
  private readonly identified: boolean;
  private uncond: PoiFit | undefined;
  private perBinCache: PerBinPoiFit | undefined;

  constructor(model: HistFactoryModel, options: WorkspaceLikelihoodOptions = {}) {
    const c = model.c;
    if (c.poi < 0) throw new SpecError('no_poi', 'the model has no parameter of interest', ['poi']);
    this.model = model;
    this.options = options;
    this.fits = new WorkspaceFits(model);
    this.lo = c.lower[c.poi]!;
    this.hi = c.upper[c.poi]!;
    this.nBins = options.nBins ?? options.perBin?.pois.length ?? 1;
    this.informativeBins = options.informativeBins ?? Array.from({ length: this.nBins }, (_, i) => i);
    // Does λ depend on the POI at all (e.g. a band with no expected signal)?
    const p = Float64Array.from(c.init);
    p[c.poi] = this.lo;
    const a = Float64Array.from(model.expected(p));
    p[c.poi] = this.hi;
    const b = model.expected(p);
    this.identified = a.some((v, i) => v !== b[i]);
  }

  /** The workspace value of the POI for an internal poi ∈ [0, 1]. */
  poiValue(poi: number): number {
    return this.lo + poi * (this.hi - this.lo);
  }

  private toPoiFit(r: MinimizeResult, fixed: boolean): PoiFit {
    const c = this.model.c;
    const range = this.hi - this.lo;
    return {
      poi: this.identified ? (r.pars[c.poi]! - this.lo) / range : 0.5,
      poiFixed: fixed,
      nll: r.nll,
      thetaSig: 1,
      thetaBeam: 1,
      background: [],
      knownBackground: [],
      diagnostics: diagnosticsOf(this.model, r, this.identified),
      pars: r.pars,
    };
  }

  fitUnconditional(): PoiFit {
    if (!this.uncond) this.uncond = this.toPoiFit(this.fits.free(), false);
    return this.uncond;
  }

  /**
   * Conditional fit at poi, warm-started from the last conditional fit (scans move in small steps) or
   * the unconditional one; results are cached per poi (t̃ and the Asimov σ at a point share one fit).
   */
  fitConditional(poi: number): PoiFit {
    if (!(poi >= 0 && poi <= 1)) {
      throw new SpecError('invalid_input', `poi: expected a value in [0, 1], got ${poi}`, ['poi']);
    }
    const hit = this.condCache.get(poi);
    if (hit) return hit;
    const init = this.lastCond ?? this.fitUnconditional().pars!;
    let r = this.fits.fixed([[this.model.c.poi, this.poiValue(poi)]], { init });
    if (!r.converged && init !== this.fitUnconditional().pars) {
      r = this.fits.fixed([[this.model.c.poi, this.poiValue(poi)]], { init: this.fitUnconditional().pars! });
    }
    const fit = this.toPoiFit(r, true);
    if (r.converged) this.lastCond = r.pars;
    if (this.condCache.size > 4096) this.condCache.clear();
    this.condCache.set(poi, fit);
    return fit;
  }

  private readonly condCache = new Map<number, PoiFit>();
  private lastCond: Float64Array | undefined;

  fitPerBinPoi(): PerBinPoiFit {
    if (this.perBinCache) return this.perBinCache;
    const pb = this.options.perBin;
    if (!pb) throw new SpecError('invalid_input', 'this likelihood has no per-bin POIs', []);
    const model = transferData(this.model, pb.model, this.model.main, this.model.aux);
    const r = new WorkspaceFits(model).free();
    this.perBinCache = {
      poi: pb.pois.map((p) => {
        const lo = pb.model.c.lower[p]!;
        const hi = pb.model.c.upper[p]!;
        return (r.pars[p]! - lo) / (hi - lo);
      }),
      nll: r.nll,
      thetaSig: 1,
      thetaBeam: 1,
      diagnostics: diagnosticsOf(model, r, this.identified),
    };
    return this.perBinCache;
  }

  bin(i: number): PoiLikelihood {
    if (!this.options.bin) throw new SpecError('invalid_input', 'this likelihood has no per-bin view', []);
    if (!(Number.isInteger(i) && i >= 0 && i < this.nBins)) {
      throw new SpecError('invalid_input', `bin: expected an index in [0, ${this.nBins - 1}], got ${i}`, [
        'bin',
      ]);
    }
    return this.options.bin(i);
  }

  /**
   * Asimov NLLs without a new likelihood object's unconditional fit: the Asimov data of the
   * conditional fit at poi0 are fitted at each poi, warm-started from the generating point (which is
   * the exact minimum at poi0).
   */
  asimovNlls(poi0: number, pois: readonly number[]): number[] {
    const cond = this.fitConditional(poi0);
    const { main, aux } = asimovData(this.model, cond.pars!);
    const fits = (this.asimovFits ??= new WorkspaceFits(this.model.withData(main, aux)));
    fits.model.setData(main, aux);
    return pois.map((p) => fits.fixed([[this.model.c.poi, this.poiValue(p)]], { init: cond.pars! }).nll);
  }

  private asimovFits: WorkspaceFits | undefined;

  asimov(poi: number): PoiLikelihood {
    const cond = this.fitConditional(poi);
    const { main, aux } = asimovData(this.model, cond.pars!);
    const model = this.model.withData(main, aux);
    const pb = this.options.perBin;
    return new WorkspaceLikelihood(model, {
      nBins: this.nBins,
      informativeBins: this.informativeBins,
      ...(pb ? { perBin: { model: transferData(this.model, pb.model, main, aux), pois: pb.pois } } : {}),
    });
  }
}
