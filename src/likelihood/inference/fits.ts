/**
 * Fits of a HistFactory model as the inference layer needs them: free, with parameters held, and the
 * Asimov data of a parameter point (CCGV §5: every observation replaced by its expectation; the
 * auxiliary data, i.e. the constraint centres, moved to the fitted nuisances, as pyhf's
 * `generate_asimov_data` does through `pdf.expected_data`).
 */
import type { HistFactoryModel } from '../histfactory/index.js';
import { Minimizer, type MinimizeOptions, type MinimizeResult } from '../minimize/index.js';

export class WorkspaceFits {
  readonly model: HistFactoryModel;
  readonly minimizer: Minimizer;

  constructor(model: HistFactoryModel) {
    this.model = model;
    this.minimizer = new Minimizer(model);
  }

  /** All free parameters fitted (fixed flags of the measurement respected). */
  free(options: Omit<MinimizeOptions, 'fix'> = {}): MinimizeResult {
    return this.minimizer.minimize(options);
  }

  /** Fit with the given parameters held at values. */
  fixed(
    fix: readonly (readonly [number, number])[],
    options: Omit<MinimizeOptions, 'fix'> = {},
  ): MinimizeResult {
    return this.minimizer.minimize({ ...options, fix });
  }

  /** twice_nll as pyhf reports it, −2 ln L, from a fit's saturated NLL. */
  twiceNll(fit: MinimizeResult): number {
    return 2 * (fit.nll + this.model.dataConstant());
  }
}

/**
 * Asimov data at `pars`: main = λ(pars); aux = θ for a Gaussian constraint, γ·τ for a Poisson one
 * (the expectation of each auxiliary measurement at pars).
 */
export function asimovData(
  model: HistFactoryModel,
  pars: ArrayLike<number>,
): { main: Float64Array; aux: Float64Array } {
  const c = model.c;
  const main = Float64Array.from(model.expected(pars));
  const aux = new Float64Array(c.nAux);
  for (let j = 0; j < c.gaussPar.length; j++) aux[c.gaussAux[j]!] = pars[c.gaussPar[j]!]!;
  for (let j = 0; j < c.poisPar.length; j++) aux[c.poisAux[j]!] = pars[c.poisPar[j]!]! * c.poisFactor[j]!;
  return { main, aux };
}
