/**
 * The toy engine of a compiled HistFactory workspace (likelihood/histfactory + minimize).
 *
 * GENERATION at a parameter point θ_gen, as pyhf's `ToyCalculator` samples the model's pdf
 * (`pdf.make_pdf(pars).sample()`: main and auxiliary data from their own pdfs), in a fixed order:
 *   main bins b = 0 … nMain − 1 (pyhf order):      n_b ~ Poisson(λ_b(θ_gen));
 *   then auxiliary data j = 0 … nAux − 1 (pyhf order):
 *     Gaussian constraints (normsys, histosys, lumi, staterror): a_j ~ N(θ_gen, σ_j);
 *     Poisson constraints (shapesys):                           a_j ~ Poisson(γ_gen·τ_j).
 * With θ_gen the conditional fit θ̂̂(poi) of the observed data this is the profile construction of
 * K. Cranmer, "Practical statistics for the LHC", arXiv:1503.07622, §7 (RooStats' ToyMCSampler with
 * global observables regenerated).
 *
 * FITS: one `Minimizer` per engine, reused for every toy with warm starts (the free fit from the
 * generating point, the conditional fit from the free fit), so the hot loop allocates only the
 * minimiser's small result objects. The toys' EDM tolerance is `TOY_EDM_TOLERANCE` (the ΔNLL error
 * of a fit is about its EDM, so t = 2ΔNLL is good to ~4e-9, far below the toy tie tolerance
 * `FIT_T_TIE` of teststat.ts); a fit that does not converge is retried once from the measurement's
 * suggested init, and a toy whose fits fail both times counts as failed.
 */
import { SpecError } from '../errors.js';
import { compileWorkspace, HistFactoryModel } from '../likelihood/histfactory/index.js';
import type { CompiledModel } from '../likelihood/histfactory/index.js';
import { qtildeTest, WorkspaceLikelihood } from '../likelihood/inference/index.js';
import { Minimizer } from '../likelihood/minimize/index.js';
import type { MinimizeResult } from '../likelihood/minimize/index.js';
import type { PoiLikelihood } from '../likelihood/index.js';
import type { DataSlot, ToyEngine } from './engine.js';
import type { WorkspaceModelSpec } from './modelSpec.js';
import type { Rng } from './rng.js';

/** EDM tolerance of the toy fits (NLL units); see the module comment. */
export const TOY_EDM_TOLERANCE = 1e-9;

/** Flat index of a single-valued, free, finitely bounded parameter; SpecError otherwise. */
export function poiIndex(c: CompiledModel, name: string): number {
  const set = c.sets.findIndex((s) => s.name === name);
  const singles = c.sets.filter((s) => s.n === 1).map((s) => `"${s.name}"`);
  if (set < 0 || c.sets[set]!.n !== 1) {
    throw new SpecError(
      'no_poi',
      `POI "${name}" is not a single-valued parameter of measurement "${c.measurement}"; expected one of ${singles.join(', ')}`,
      ['poi'],
    );
  }
  const p = c.setOffset[set]!;
  const lo = c.lower[p]!;
  const hi = c.upper[p]!;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new SpecError(
      'no_poi',
      `POI "${name}" has bounds [${lo}, ${hi}]; expected finite bounds lo < hi (Feldman–Cousins needs a bounded POI)`,
      ['poi'],
    );
  }
  if (c.fixed[p]) {
    throw new SpecError('no_poi', `POI "${name}" is fixed in measurement "${c.measurement}"`, ['poi']);
  }
  return p;
}

class WorkspaceEngine implements ToyEngine {
  readonly nPois: number;
  readonly poiLower: readonly number[];
  readonly poiUpper: readonly number[];
  readonly nPars: number;
  readonly parNames: readonly string[];
  readonly init: ArrayLike<number>;
  readonly fitCost: number;
  private readonly c: CompiledModel;
  private readonly model: HistFactoryModel;
  private readonly minimizer: Minimizer;
  private readonly pois: readonly number[];
  private readonly fix: [number, number][];
  private readonly lambda: Float64Array;
  private readonly main: readonly Float64Array[];
  private readonly aux: readonly Float64Array[];
  private current: DataSlot = 0;
  private free: MinimizeResult | undefined;
  private fixed: MinimizeResult | undefined;

  constructor(spec: WorkspaceModelSpec, poiNames: readonly string[]) {
    if (poiNames.length < 1 || poiNames.length > 2) {
      throw new SpecError('invalid_input', `pois: expected 1 or 2 POIs, got ${poiNames.length}`, ['poi']);
    }
    const c = compileWorkspace(spec.workspace, {
      measurement: spec.measurement,
      poi: poiNames[0]!,
      interpolation: spec.interpolation,
    });
    this.c = c;
    this.pois = poiNames.map((n) => poiIndex(c, n));
    if (new Set(this.pois).size !== this.pois.length) {
      throw new SpecError('invalid_input', `pois: "${poiNames.join('", "')}" name one parameter twice`, [
        'poi',
      ]);
    }
    this.nPois = this.pois.length;
    this.poiLower = this.pois.map((p) => c.lower[p]!);
    this.poiUpper = this.pois.map((p) => c.upper[p]!);
    this.nPars = c.nPars;
    this.parNames = c.parNames;
    this.init = c.init;
    this.model = new HistFactoryModel(c);
    this.minimizer = new Minimizer(this.model);
    this.fix = this.pois.map((p) => [p, 0]);
    this.lambda = new Float64Array(c.nMain);
    this.main = [c.observed, new Float64Array(c.nMain), new Float64Array(c.nMain)];
    this.aux = [c.auxNominal, new Float64Array(c.nAux), new Float64Array(c.nAux)];
    // One Newton iteration walks every (bin, sample) occurrence and its modifiers; a fit pair takes
    // ≈ 8 iterations. In single-bin toy fits (≈ 1 µs each): measured ≈ 0.4 ms per pair on the
    // 81-bin, 89-parameter template_3run anchor, ≈ 24 µs on the 9-bin csi_like_full (CPU time,
    // bench/toys.bench.ts).
    let work = 0;
    for (const o of c.occurrences) work += o.n * (1 + o.histo.length + o.scalar.length + o.perBin.length);
    this.fitCost = Math.max(4, Math.round(0.6 * work + 0.5 * c.nPars));
  }

  draw(rng: Rng, gen: ArrayLike<number>, slot: DataSlot): void {
    const c = this.c;
    const main = this.main[slot]!;
    const aux = this.aux[slot]!;
    const lam = this.model.expected(gen, this.lambda);
    // A generating point may extrapolate an empty bin's λ slightly below 0 (histosys; the likelihood
    // allows it as pyhf does, histfactory/model.ts): a Poisson mean < 0 is no distribution, draw 0.
    for (let b = 0; b < c.nMain; b++) main[b] = rng.poisson(Math.max(0, lam[b]!));
    // Auxiliary data in pyhf order: walk the aux slots, each Gaussian or Poisson.
    let g = 0;
    let q = 0;
    for (let j = 0; j < c.nAux; j++) {
      if (g < c.gaussAux.length && c.gaussAux[g] === j) {
        aux[j] = gen[c.gaussPar[g]!]! + c.gaussSigma[g]! * rng.normal();
        g++;
      } else {
        aux[j] = rng.poisson(gen[c.poisPar[q]!]! * c.poisFactor[q]!);
        q++;
      }
    }
  }

  load(slot: DataSlot, main: ArrayLike<number>, aux?: ArrayLike<number>): void {
    if (slot === 0) throw new RangeError('slot 0 holds the observed data');
    this.main[slot]!.set(main);
    if (aux !== undefined) this.aux[slot]!.set(aux);
  }

  select(slot: DataSlot): void {
    this.current = slot;
    this.model.setData(this.main[slot]!, this.aux[slot]!);
  }

  private fit(
    warm: ArrayLike<number>,
    fix?: readonly (readonly [number, number])[],
    precise = false,
    stopBelow?: { readonly nll: number; readonly floor: number },
    edmTolerance?: number,
  ): MinimizeResult {
    // A conditional fit warm-started at the free fit starts from its linear response (the
    // minimiser's default when the start is its previous minimum on the same data).
    const opts = {
      ...(precise ? {} : { edmTolerance: edmTolerance ?? TOY_EDM_TOLERANCE }),
      ...(fix ? { fix } : {}),
      ...(stopBelow ? { stopBelow } : {}),
    };
    const r = this.minimizer.minimize({ init: warm, ...opts });
    if (r.converged) return (this.last = r);
    const retry = this.minimizer.minimize({ init: this.c.init, ...opts });
    return (this.last = retry.converged || retry.nll < r.nll ? retry : r);
  }

  private last: MinimizeResult | undefined;

  get lastEdm(): number {
    return this.last?.edm ?? Infinity;
  }

  fitFree(warm: ArrayLike<number>, precise = false, edmTolerance?: number): boolean {
    this.free = this.fit(warm, undefined, precise, undefined, edmTolerance);
    return this.free.converged && Number.isFinite(this.free.nll);
  }

  get freeNll(): number {
    return this.free?.nll ?? NaN;
  }

  freePoi(i: number): number {
    return this.free?.pars[this.pois[i]!] ?? NaN;
  }

  freePars(): ArrayLike<number> {
    return this.free?.pars ?? this.c.init;
  }

  fitFixed(
    values: ArrayLike<number>,
    warm: ArrayLike<number>,
    stopBelow?: { readonly nll: number; readonly floor: number },
    edmTolerance?: number,
  ): number {
    for (let i = 0; i < this.fix.length; i++) this.fix[i]![1] = values[i]!;
    this.fixed = this.fit(warm, this.fix, false, stopBelow, edmTolerance);
    return this.fixed.converged ? this.fixed.nll : NaN;
  }

  fixedPars(): ArrayLike<number> {
    return this.fixed?.pars ?? this.c.init;
  }

  likelihood(): PoiLikelihood {
    const s = this.current;
    return new WorkspaceLikelihood(this.model.withData(this.main[s]!, this.aux[s]!));
  }

  asymptoticQtilde(mu: number): { clsb: number; cls: number } | null {
    if (this.poiLower[0] !== 0 || this.nPois !== 1) return null;
    const q = qtildeTest(this.model, mu);
    return { clsb: q.CLsb, cls: q.CLs };
  }
}

export function buildWorkspaceEngine(spec: WorkspaceModelSpec, pois: readonly string[]): ToyEngine {
  return new WorkspaceEngine(spec, pois);
}
