import { SpecError } from '../errors.js';
import { sidakGlobalPValue, significance } from './asymptotics.js';
import { boundedChiBarPValue } from './boundedChiBar.js';
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
 * H0 sits at a vertex of the box [0, 1]^k and each poi_i can move away from it in one direction only.
 * With the bins independent (see below), Λ = Σ_i q_i, each q_i distributed as the bounded one-sided
 * statistic of its bin: ½δ(0), then Φ(−√q) up to the bin's far branch point c_i (q_i of the Asimov
 * data at the far boundary, ≈ 1/σ_i²) and a linear branch beyond it (asymptotics.ts
 * `pValueTildeTBranches`). The asymptotic null distribution of Λ is the convolution of these
 * (`boundedChiBarPValue`); with every c_i → ∞ (bins that constrain poi_i well) it is the χ̄² mixture
 * Σ_{j=0}^{k} C(k, j) 2^{−k} χ²_j (Chernoff 1954; Self & Liang 1987, Case 5). The far boundary matters
 * exactly in the bins that barely constrain poi_i (small c_i): their q_i grow only linearly, and
 * counting each as a full χ̄² degree of freedom would overstate p. k is the number of informative
 * bins (bins whose expectation does not depend on poi are left out). The bins are taken as
 * independent, which holds exactly when the shared normalisations are fixed (σ = 0); with them
 * profiled the q_i are correlated through the normalisations (the χ̄² weights would become orthant
 * probabilities of the p̂oi correlation matrix) and the convolution is an approximation, good when the
 * normalisation uncertainties are small compared with the per-bin statistical ones.
 *
 * LOCAL TESTS AND THE LOOK-ELSEWHERE EFFECT. Each informative bin alone (same constraint terms) gets
 * the one-sided boundary test (q = t̃_i(v), two-boundary distribution, `boundaryTest`). Under H0 each
 * local p-value is uniform below ½ (in the Wald approximation p_i = Φ(u_i) on both branches), so the
 * smallest of k independent ones is converted to a global p-value with the Šidák formula
 * p_global = 1 − (1 − p_min)^k, exact for k independent bins.
 * APPROXIMATION: the bins' counts are independent, but each local test uses the same auxiliary
 * (constraint) measurements, so across repeated experiments the local statistics are correlated
 * through the shared normalisations. The correlation is positive, for which the Šidák value is
 * conservative (Z. Šidák, JASA 62 (1967) 626); it vanishes when σ_sig = σ_beam = 0.
 */
export interface LocalBinTest {
  readonly bin: number;
  readonly q: number;
  readonly poiHat: number;
  /** Far branch point of the bin's q (q of its Asimov data at the far boundary, ≈ 1/σ²). */
  readonly farBranch: number;
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
  /** p-value of Λ (bounded χ̄², `boundedChiBarPValue`) and its significance. */
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
  const local: LocalBinTest[] = lik.informativeBins.map((bin) => {
    const r = boundaryTest(lik.bin(bin), poiNull);
    return { bin, q: r.q, poiHat: r.poiHat, farBranch: r.farBranch, pValue: r.pValue, z: r.z };
  });
  const pValue = boundedChiBarPValue(
    statistic,
    local.map((l) => l.farBranch),
  );
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
