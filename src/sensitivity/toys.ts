/**
 * Toy-Monte-Carlo bands of the expected significance: pseudo-experiments drawn under the TRUE model
 * (Helm by default), each analysed exactly like data, so that the distribution of the significance a
 * real experiment would report is sampled directly (rather than through the Asimov/Wald shortcut of
 * asimov.ts). The bands are the quantiles of Z at Φ(−2), Φ(−1), ½, Φ(1), Φ(2).
 *
 * Generation (toys/ generate.ts, the unconditional frequentist ensemble): n_j ~ Poisson(μ_on,j),
 * n_off,j ~ Poisson(τ b_j) for measured backgrounds, and the global observables of the constrained
 * normalisations drawn about 1. Analysis (toys/ ModelFits: the likelihood layer's own fitters):
 * q = t̃(α0) with the two-boundary asymptotic distribution (likelihood `pValueTildeTBranches`): for
 * α0 = 1 or 0 one-sided, Z = √q up to the far branch point and (q + c)/(2√c) beyond it
 * (`boundaryZ`), for a user's α0 two-sided. The branch points are those of the Asimov dataset of the
 * true model (`branchPointsOf(asimov)`), fixed for all toys: each toy's own Asimov fits would cost
 * more than its analysis and change them only through the fitted nuisances.
 *
 * Reproducible: every toy comes from `createRng(seed, "project-toys")`, drawn in a fixed order.
 * The Monte Carlo error of the median is reported as the order-statistics 95 % interval
 * [z_(N/2 − 0.98√N), z_(N/2 + 0.98√N)] (binomial, normal approximation).
 */
import {
  boundaryZ,
  branchPointsOf,
  pValueTildeTBranches,
  significance,
  stdNormalCdf,
  type PoiLikelihood,
} from '../likelihood/index.js';
import { createRng, ModelFits, ModelToyDrawer } from '../toys/index.js';
import type { SetupCountingModel } from './asimov.js';
import type { ToyBands, ZBands } from './types.js';

/** Probabilities of the ±2σ, ±1σ and median quantiles. */
export const BAND_PROBABILITIES = [
  stdNormalCdf(-2),
  stdNormalCdf(-1),
  0.5,
  stdNormalCdf(1),
  stdNormalCdf(2),
] as const;

/** Quantile of sorted values at probability p (linear interpolation between order statistics). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function bandsOf(sorted: readonly number[]): ZBands {
  const [m2, m1, median, p1, p2] = BAND_PROBABILITIES.map((p) => quantileSorted(sorted, p)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { m2, m1, median, p1, p2 };
}

function medianCi(sorted: readonly number[]): [number, number] {
  const n = sorted.length;
  const half = 0.98 * Math.sqrt(n);
  const lo = Math.max(0, Math.floor(n / 2 - half));
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half));
  return [sorted[lo] ?? NaN, sorted[hi] ?? NaN];
}

export interface ToyOptions {
  readonly nToys: number;
  readonly seed: string | number;
}

/**
 * Toy bands for each tested α (1 and 0 one-sided, anything else two-sided), from the same toys.
 * `asimov` is the likelihood of the Asimov dataset (for the branch points of the distributions).
 */
export function toyBands(
  m: SetupCountingModel,
  asimov: PoiLikelihood,
  alphas: readonly number[],
  opts: ToyOptions,
): ToyBands[] {
  const rng = createRng(opts.seed, 'project-toys');
  const drawer = new ModelToyDrawer(m.model);
  const fits = new ModelFits(m.model);
  const gen = { muOn: m.muOn, muOff: m.muOff, thetaSig: 1, thetaBeam: 1 };
  const branchOf = branchPointsOf(asimov);
  const branches = alphas.map((a) => branchOf(a));
  const zs: number[][] = alphas.map(() => []);
  const alphaHats: number[] = [];
  let failed = 0;
  for (let t = 0; t < opts.nToys; t++) {
    drawer.draw(rng, gen);
    let ok = true;
    let alphaHat = NaN;
    const row: number[] = [];
    for (let h = 0; h < alphas.length; h++) {
      const a = alphas[h]!;
      if (!fits.evaluate(drawer.n, drawer.m, drawer.obsSig, drawer.obsBeam, a, drawer.obsKnown)) {
        ok = false;
        break;
      }
      const q = fits.shared;
      const br = branches[h]!;
      row.push(
        a === 1
          ? boundaryZ(q, br.lower)
          : a === 0
            ? boundaryZ(q, br.upper)
            : Math.max(0, significance(pValueTildeTBranches(q, a, br))),
      );
      if (h === 0) alphaHat = fits.poiHat;
    }
    if (!ok) {
      failed++;
      continue;
    }
    alphaHats.push(alphaHat);
    row.forEach((z, h) => zs[h]!.push(z));
  }
  return summarizeToys(zs, alphaHats, failed, opts);
}

/**
 * The bands of each test from its toys' Z values (one list per test, failed toys left out), with the
 * median's Monte Carlo interval and the median fitted α̂: what every toy projection reports.
 */
export function summarizeToys(
  zs: readonly (readonly number[])[],
  alphaHats: readonly number[],
  failed: number,
  opts: ToyOptions,
): ToyBands[] {
  const medianAlphaHat = quantileSorted(
    [...alphaHats].sort((x, y) => x - y),
    0.5,
  );
  return zs.map((list) => {
    const sorted = [...list].sort((x, y) => x - y);
    return {
      nToys: opts.nToys,
      failed,
      seed: String(opts.seed),
      z: bandsOf(sorted),
      medianCi95: medianCi(sorted),
      medianAlphaHat,
    };
  });
}
