import { SpecError } from '../errors.js';
import { chiBarSquarePValue, sidakGlobalPValue, significance } from './asymptotics.js';
import { boundaryTest } from './testStatistics.js';
import type { PerBinPoiFit, PoiFit, PoiLikelihood } from './types.js';

/**
 * Tests of a boundary hypothesis in ALL bins at once, and the most significant single bin.
 *
 * GLOBAL TEST. H0: poi_i = v for every bin (v = 1 "complete coherency" or v = 0 "complete
 * decoherency"); H1: every informative bin has its own poi_i ∈ [0, 1]; the shared normalisations and
 * per-bin backgrounds are profiled under both. The statistic is
 *
 *   Λ = −2 ln[ L(poi_i = v ∀i, θ̂̂) / L(p̂oi_1 … p̂oi_k, θ̂) ] = 2·(NLL_H0 − NLL_H1).
 *
 * H0 sits at a vertex of the box [0, 1]^k, and each poi_i can move away from it in one direction only,
 * so asymptotically Λ ~ χ̄² = Σ_{j=0}^{k} C(k, j) 2^{−k} χ²_j (Chernoff 1954; Self & Liang 1987,
 * Case 5; `chiBarSquarePValue`), with k the number of informative bins (bins whose expectation does not
 * depend on poi carry no information and are left out). The binomial weights assume the p̂oi_i are
 * asymptotically independent, which holds exactly when the shared normalisations are fixed (σ = 0);
 * with them profiled the weights become orthant probabilities of the p̂oi correlation matrix and
 * the binomial ones are an approximation (good when the normalisation uncertainties are small compared
 * with the per-bin statistical ones). The far boundary of each poi_i is also ignored (large samples).
 *
 * LOCAL TESTS AND THE LOOK-ELSEWHERE EFFECT. Each informative bin alone (same constraint terms) gets
 * the one-sided boundary test (q = t̃_i(v), p = Φ(−√q)). The smallest local p-value is converted to a
 * global one with the Šidák formula p_global = 1 − (1 − p_min)^k, exact for k independent bins.
 * APPROXIMATION: the bins' counts are independent, but each local test uses the same auxiliary
 * (constraint) measurements, so across repeated experiments the local statistics are correlated
 * through the shared normalisations. The correlation is positive, for which the Šidák value is
 * conservative (Z. Šidák, JASA 62 (1967) 626); it vanishes when σ_sig = σ_beam = 0.
 */
export interface LocalBinTest {
  readonly bin: number;
  readonly q: number;
  readonly poiHat: number;
  readonly pValue: number;
  readonly z: number;
}

export interface GlobalTestResult {
  /** The hypothesis tested in every bin. */
  readonly poiNull: 0 | 1;
  /** Λ = 2·(NLL_H0 − NLL_H1), clipped at 0. */
  readonly statistic: number;
  /** Number of informative bins = number of free poi_i under H1. */
  readonly dof: number;
  /** χ̄² p-value of Λ and its significance. */
  readonly pValue: number;
  readonly z: number;
  readonly nullFit: PoiFit;
  readonly alternativeFit: PerBinPoiFit;
  /** One-sided test of poiNull in each informative bin alone. */
  readonly local: readonly LocalBinTest[];
  /** The bin with the smallest local p-value and its Šidák-corrected global p-value. */
  readonly mostSignificant: LocalBinTest & { readonly pGlobal: number; readonly zGlobal: number };
}

export function globalBoundaryTest(lik: PoiLikelihood, poiNull: 0 | 1): GlobalTestResult {
  if (lik.informativeBins.length === 0) {
    throw new SpecError('no_poi', 'no bin depends on the parameter of interest: nothing to test', ['bins']);
  }
  const nullFit = lik.fitConditional(poiNull);
  const alternativeFit = lik.fitPerBinPoi();
  const d = nullFit.nll - alternativeFit.nll;
  const statistic = d > 0 ? 2 * d : 0;
  const dof = lik.informativeBins.length;
  const pValue = chiBarSquarePValue(statistic, dof);

  const local: LocalBinTest[] = lik.informativeBins.map((bin) => {
    const r = boundaryTest(lik.bin(bin), poiNull);
    return { bin, q: r.q, poiHat: r.poiHat, pValue: r.pValue, z: r.z };
  });
  let best = local[0] as LocalBinTest;
  for (const l of local) if (l.pValue < best.pValue) best = l;
  const pGlobal = sidakGlobalPValue(best.pValue, dof);
  return {
    poiNull,
    statistic,
    dof,
    pValue,
    z: significance(pValue),
    nullFit,
    alternativeFit,
    local,
    mostSignificant: { ...best, pGlobal, zGlobal: significance(pGlobal) },
  };
}
