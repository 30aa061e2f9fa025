/**
 * Toy medians and bands of a template projection (templateProjection.ts): pseudo-experiments drawn
 * from the exposure-scaled template workspace at the TRUE hypothesis, each analysed like data, so the
 * distribution of the significance an experiment of that exposure would report is sampled directly
 * instead of through the Asimov/Wald shortcut (median √q_A, bands Z_A ± N).
 *
 * The machinery is the general toy engine of src/toys (the one `coherency toys` and `analyze --toys`
 * run on any compiled workspace), not a loop of its own:
 *   - model: the dataset's combined analysis (toys `templateAnalyses`: one α for every band, pyhf's
 *     default interpolation codes), compiled by `buildEngine`;
 *   - generation (`ToyEngine.draw`, pyhf's `pdf.sample()`): main bins n_b ~ Poisson(λ_b(θ_gen)), then
 *     the auxiliary data of every constrained nuisance fluctuated about θ_gen (Gaussian a ~ N(θ, σ),
 *     Poisson for shapesys) — the unconditional ensemble, global observables regenerated;
 *     θ_gen = α_true with the nuisances at their nominal values (the measurement's inits), the point
 *     whose expectation IS the projection's Asimov dataset;
 *   - statistics (`StatEvaluator`, the same code as for observed data): q1 = t̃(1) one-sided ('upper'),
 *     q0 = t̃(0) one-sided ('lower'), a user's α two-sided.
 *
 * Z PER TOY is the asymptotic significance of its statistic, the same map as the Asimov median
 * (asimov.ts `asimovTest`) and as the counting toys (toys.ts): for α = 1, 0 likelihood `boundaryZ`
 * (√q up to the far branch point, (q + c)/(2√c) beyond), for a user's α the two-boundary p
 * (`pValueTildeTBranches`); the branch points are those of the Asimov dataset of the true model, fixed
 * for all toys. This is the standard "toy median of the expected significance": it replaces the Wald
 * assumption on the distribution of q under the TRUE model (which is what the bands need) by toys,
 * while the p of each q still comes from the asymptotic null distribution. Calibrating that p with
 * toys at α = 0 as well would need ≈ 10/p null toys per point — 3·10³ at 3σ, 3·10⁷ at 5σ (p = 2.9e-7) —
 * beyond a CLI run; at the exposures of the 3σ/5σ crossings the XENONnT template likelihood holds
 * ≈ 13–39 CEvNS and 32–95 background events, where the ½χ²₁ null of q0 holds: 20 000 toys at α = 0
 * (toys `toysForAnalyses`, seed 1) on the Asimov data at 5.07 t·yr, q0 = 9.00, give p = 0.00140 ±
 * 0.00026 against the asymptotic 0.00135 (README, "Projected sensitivity").
 *
 * Every toy comes from one stream `createRng(seed, "template-project-toys")`, drawn in a fixed order,
 * so the same seed gives the same numbers; the stream does NOT depend on the exposure, so scans and
 * crossing searches use common random numbers (the toy median then moves smoothly with exposure
 * instead of jumping by its Monte Carlo error from point to point). One thread: the fits are
 * sequential here, ≈ 1–2 ms per toy on the XENONnT template (bench/sensitivity.bench.ts).
 */
import type { TemplateDataset } from '../data/index.js';
import { SpecError } from '../errors.js';
import {
  boundaryZ,
  branchPointsOf,
  pValueTildeTBranches,
  significance,
  type PoiLikelihood,
} from '../likelihood/index.js';
import {
  buildEngine,
  createRng,
  StatEvaluator,
  templateAnalyses,
  TOY,
  type StatTest,
} from '../toys/index.js';
import { summarizeToys, type ToyOptions } from './toys.js';
import type { ToyBands } from './types.js';

export interface TemplateToyOptions extends ToyOptions {
  /** Called after each toy with (done, total) (a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Name of the toys' random stream (with the run's seed). */
export const TEMPLATE_TOY_STREAM = 'template-project-toys';

const sideOf = (alpha: number): StatTest['side'] =>
  alpha === 1 ? 'upper' : alpha === 0 ? 'lower' : 'two-sided';

/**
 * Toy bands of each tested α (1 and 0 one-sided, others two-sided) for `dataset`, a scaled template
 * dataset whose truth is `alphas` (one α per band, asimovTemplateDataset); `asimov` is the likelihood
 * of its Asimov data (branch points of the asymptotic Z). Bands are in `alphas` test order.
 */
export function templateToyBands(
  dataset: TemplateDataset,
  truthAlphas: readonly number[],
  asimov: PoiLikelihood,
  tested: readonly number[],
  opts: TemplateToyOptions,
): ToyBands[] {
  const alpha = truthAlphas[0]!;
  if (truthAlphas.some((a) => a !== alpha)) {
    throw new SpecError(
      'invalid_input',
      `--toys: ${dataset.id} has ${truthAlphas.length} bands with different true α (${truthAlphas.map((a) => a.toFixed(4)).join(', ')}); toys generate from the combined one-α model, expected one band or --model alpha=<value>`,
      ['toys'],
    );
  }
  const analysis = templateAnalyses(dataset)[0]!;
  const engine = buildEngine(analysis.spec, analysis.pois);
  const poi = engine.parNames.indexOf(analysis.pois[0]!);
  const gen = Float64Array.from(engine.init);
  gen[poi] = alpha;
  const tests: StatTest[] = tested.map((a) => ({ values: [a], side: sideOf(a) }));
  const evaluator = new StatEvaluator(engine, tests);
  const branchOf = branchPointsOf(asimov);
  const branches = tested.map((a) => branchOf(a));
  const zOf = (q: number, h: number): number => {
    const a = tested[h]!;
    const br = branches[h]!;
    if (a === 1) return boundaryZ(q, br.lower);
    if (a === 0) return boundaryZ(q, br.upper);
    return Math.max(0, significance(pValueTildeTBranches(q, a, br)));
  };
  const rng = createRng(opts.seed, TEMPLATE_TOY_STREAM);
  const q = new Float64Array(tests.length);
  const zs: number[][] = tested.map(() => []);
  const alphaHats: number[] = [];
  let failed = 0;
  for (let t = 0; t < opts.nToys; t++) {
    engine.draw(rng, gen, TOY);
    engine.select(TOY);
    const row = evaluator.evaluate(gen, q) ? Array.from(q, zOf) : null;
    if (row === null || row.some((z) => !Number.isFinite(z))) failed++;
    else {
      row.forEach((z, h) => zs[h]!.push(z));
      alphaHats.push(evaluator.fittedPois[0]!);
    }
    opts.onProgress?.(t + 1, opts.nToys);
  }
  return summarizeToys(zs, alphaHats, failed, opts);
}
