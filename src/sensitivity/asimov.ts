/**
 * Asimov sensitivity of a setup (G. Cowan, K. Cranmer, E. Gross, O. Vitells, Eur. Phys. J. C 71 (2011)
 * 1554, "CCGV"): the counts of every bin are replaced by their expectation under the true Γ model
 * (Helm by default), and the likelihood layer's profile-likelihood tests and intervals are evaluated on
 * that dataset. The statistic on the Asimov dataset gives the MEDIAN expected result (CCGV §3.2,
 * Eq. 24: med[Z] = Z(q_A)), and in the Wald approximation the estimator α̂ ~ N(α', σ) shifts Z by ±N for
 * the ±Nσ quantiles (the discovery analogue of CCGV Eq. 89), so the bands are max(0, Z_A ± N). For the
 * one-sided tests of α = 1 and α = 0, Z(q) is √q up to the far branch point and (q + c)/(2√c) beyond it
 * (likelihood `boundaryZ`): Z = (1 − α̂_unbounded)/σ on both branches, which is why ±N is exact there
 * too.
 *
 * Counting model per bin j (likelihood/types.ts), with s_j(α) = s0_j + α (s1_j − s0_j) (Eq. 6):
 *   n_j ~ Poisson(b_j + θ_sig · s_j(α)),
 * θ_sig Gaussian-constrained by the setup's signal-normalisation uncertainty, and the background per
 * its `uncertainty`:
 *   - `normalisation`: b_j enters the likelihood's θ_beam slot (θ_beam·b_j, Gaussian σ = relative), i.e. a
 *     known shape with one normalisation shared by all bins;
 *   - `offSource`: b_j free per bin, measured by n_off,j ~ Poisson(τ b_j) (reactor-OFF data, beam-off or
 *     anti-coincidence windows), profiled in closed form;
 *   - `known`: b_j fixed.
 * Bins with neither signal nor background are left out.
 */
import {
  boundaryTest,
  countingLikelihood,
  poiInterval,
  significance,
  testPoi,
  type CountingBin,
  type CountingModel,
  type PoiInterval,
  type PoiLikelihood,
} from '../likelihood/index.js';
import type { ResolvedSetup } from '../data/index.js';
import type { AlphaInterval, ExpectedCounts, HypothesisTest, ZBands } from './types.js';

/** A counting model of the setup at some exposure, and what toys need to draw its datasets. */
export interface SetupCountingModel {
  /** The likelihood model with Asimov data of the true model. */
  readonly model: CountingModel;
  /** Index in `ExpectedCounts.bins` of each model bin. */
  readonly binIndex: readonly number[];
  /** Expected on- and off-source counts of each model bin under the true model. */
  readonly muOn: readonly number[];
  readonly muOff: readonly number[];
}

/** Build the counting model (Asimov data of the true model) of expected counts. */
export function countingModelFor(setup: ResolvedSetup, counts: ExpectedCounts): SetupCountingModel {
  const bg = setup.background;
  const unc = bg.kind === 'density' ? bg.uncertainty : undefined;
  const normSigma = unc?.kind === 'normalisation' && unc.relative > 0 ? unc.relative : 0;
  const bins: CountingBin[] = [];
  const binIndex: number[] = [];
  const muOn: number[] = [];
  const muOff: number[] = [];
  for (const b of counts.bins) {
    if (!(b.signal1 > 0 || b.background > 0)) continue;
    const nOn = b.background + b.signalModel;
    const base = { nOn, signal0: b.signal0, signal1: b.signal1 };
    let bin: CountingBin;
    if (unc?.kind === 'offSource') {
      bin = { ...base, background: { kind: 'measured', nOff: unc.tau * b.background, tau: unc.tau } };
      muOff.push(unc.tau * b.background);
    } else if (normSigma > 0) {
      bin = { ...base, beamBackground: b.background, background: { kind: 'known', expected: 0 } };
      muOff.push(0);
    } else {
      bin = { ...base, background: { kind: 'known', expected: b.background } };
      muOff.push(0);
    }
    bins.push(bin);
    binIndex.push(b.index);
    muOn.push(nOn);
  }
  const sig = setup.signalNormRelUncertainty;
  const model: CountingModel = {
    bins,
    ...(sig > 0 ? { signalNorm: { kind: 'gaussian', sigma: sig } } : {}),
    ...(normSigma > 0 ? { beamNorm: { kind: 'gaussian', sigma: normSigma } } : {}),
  };
  return { model, binIndex, muOn, muOff };
}

/** Asimov bands: Z_A ± N clipped at 0 (Wald approximation, module comment). */
export function asimovBands(z: number): ZBands {
  const c = (x: number) => Math.max(0, x);
  return { m2: c(z - 2), m1: c(z - 1), median: z, p1: z + 1, p2: z + 2 };
}

/** One test on an Asimov likelihood: exclude α = 1, α = 0 (one-sided), or a user's α (two-sided). */
export function asimovTest(lik: PoiLikelihood, alpha: number): HypothesisTest {
  if (alpha === 1 || alpha === 0) {
    // Two-boundary one-sided test: Z = √q up to the far branch point, (q + c)/(2√c) beyond it
    // (likelihood `boundaryZ`; finite even where p underflows to 0).
    const t = boundaryTest(lik, alpha);
    const z = Math.max(0, t.z);
    return {
      alpha,
      kind: alpha === 1 ? 'exclude-1' : 'exclude-0',
      qAsimov: t.q,
      pValue: t.pValue,
      z,
      bands: asimovBands(z),
    };
  }
  const t = testPoi(lik, alpha);
  const z = Math.max(0, significance(t.pValue));
  return { alpha, kind: 'two-sided', qAsimov: t.t, pValue: t.pValue, z, bands: asimovBands(z) };
}

function toInterval(i: PoiInterval): AlphaInterval {
  return { cl: i.cl, alphaHat: i.poiHat, lower: i.lower, upper: i.upper, kind: i.kind };
}

/** Grid of the interval scans (coarser than the likelihood default of 101: Brent refines the edges). */
const INTERVAL_GRID = 41;

/** Expected α interval (Asimov data of the true model) at a confidence level. */
export function asimovInterval(lik: PoiLikelihood, cl: number): AlphaInterval {
  return toInterval(poiInterval(lik, { cl, gridPoints: INTERVAL_GRID }));
}

/** The likelihood of a setup counting model (throws SpecError 'no_poi' if no bin has signal). */
export function setupLikelihood(m: SetupCountingModel): PoiLikelihood {
  return countingLikelihood(m.model);
}
