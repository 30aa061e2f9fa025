/**
 * Goodness of fit of an `analyze` result, and the warnings a physicist needs before trusting its
 * p-values: data that no α ∈ [0, 1] describes, and bins that carry no information on α.
 *
 * The likelihoods are in the saturated ("deviance") form (deviance.ts), so twice the minimum NLL is
 * the deviance D = −2 ln(L/L_saturated) (S. Baker, R.D. Cousins, NIM 221 (1984) 437):
 *
 * - PER BIN: D_i = 2·NLL_i(α̂_i) of the bin alone with α̂_i bounded to [0, 1]. Each bin has as many
 *   free parameters as observations (α and b for n_on and n_off; the normalisations for their
 *   constraints), so D_i = 0 whenever ξ̂_i lies inside [ξ(α=0), 1]; D_i > 0 measures how far the data sit
 *   outside every α. Under the composite null "some α ∈ [0, 1]" the least favourable α is the nearer
 *   boundary, where D_i ~ ½δ(0) + ½χ²₁ (Chernoff 1954), so p_i = Φ(−√D_i) — the convention of the
 *   boundary tests (asymptotics.ts: a point mass never counts as extreme, so D_i = 0 gives 0.5).
 * - ONE α FOR ALL BINS: D = 2·NLL(α̂) of the whole model; with one shared α (and one background per
 *   bin against two observations per bin, the normalisations against their constraints) it has
 *   k − 1 degrees of freedom for k bins and D ~ χ²_{k−1} when α̂ is interior (Wilks). p from
 *   chiSquareSurvival, which holds for any k.
 *
 * Warnings (the thresholds are conventions, stated in each message):
 * - a bin with p_i below 3σ (p < 1.35e-3): no α ∈ [0, 1] describes it, so its p(α=1), p(α=0) test the
 *   model (background, normalisation), not α;
 * - every bin so: the data are inconsistent with every α;
 * - one α for all bins with p below 3σ;
 * - a bin whose σ(ξ̂) exceeds the whole lever arm 1 − ξ(α=0) between α = 0 and α = 1: it cannot tell
 *   complete coherency from decoherency at 1σ (no sensitivity to α);
 * - the same for the combined fit and the "α = 0/1 in every bin" tests, which are built from the bins:
 *   with ξ = ξ(α=0) + α(1 − ξ(α=0)) linear in α, σ(α̂_i) = σ(ξ̂_i)/(1 − ξ_i(α=0)) per bin, and the bins
 *   together give σ(α̂) ≈ (Σ_i σ(α̂_i)⁻²)^(−1/2) (Fisher information adds over independent bins). That
 *   leaves out the normalisations shared by the bins, which only widen σ(α̂), so it is a lower bound and
 *   the warning is never raised spuriously. Above 1 the combined p-values and the global tests come from
 *   data that cannot separate α = 0 from α = 1 (a p = 1e-5 there is an artefact of the asymptotic
 *   formulae far outside their range, not evidence about α). When only some bins lack sensitivity, a
 *   note says which share of the combined information on α they carry.
 */
import type { Dataset } from '../data/index.js';
import { chiSquareSurvival, pValueHalfChiSquare, significance } from './asymptotics.js';
import type { AnalysisResult } from './analysisTypes.js';
import { countsModel, xiModel } from './coherencyDataset.js';
import { countingLikelihood } from './countingLikelihood.js';
import { gaussianLikelihood } from './gaussianLikelihood.js';

/** p below which a warning is raised: one-sided 3σ, Φ(−3) = 1.35e-3. */
export const GOF_WARNING_P = 1.3498980316301e-3;

export interface BinGoodnessOfFit {
  readonly bin: number;
  /** D_i = 2·NLL_i(α̂_i), α̂_i ∈ [0, 1]. */
  readonly deviance: number;
  /** Φ(−√D_i): p-value of "some α ∈ [0, 1] describes this bin". */
  readonly pValue: number;
  /** ξ̂ relative to the allowed range [ξ(α=0), 1]: inside, below or above. */
  readonly xiPosition: 'inside' | 'below' | 'above';
  /** σ(ξ̂)/(1 − ξ(α=0)): above 1, the bin cannot separate α = 0 from α = 1 at 1σ. */
  readonly sigmaOverLever: number;
}

/** How much the bins together say about α (see the file comment). */
export interface CombinedSensitivity {
  /** σ(α̂) of one α for all bins, (Σ_i σ(α̂_i)⁻²)^(−1/2): a lower bound (shared normalisations left out). */
  readonly sigmaAlpha: number;
  /** Bins with σ(α̂_i) > 1 (no sensitivity to α). */
  readonly insensitiveBins: readonly number[];
  /** Their share of Σ_i σ(α̂_i)⁻², the information on α of the combined fit. */
  readonly insensitiveShare: number;
  /** sigmaAlpha > 1: the combined results and the global tests carry no information on α. */
  readonly combinedInsensitive: boolean;
}

export interface GoodnessOfFit {
  readonly method: string;
  readonly bins: readonly BinGoodnessOfFit[];
  /** One α for all bins: deviance, degrees of freedom (bins − 1) and χ² p-value (null with one bin). */
  readonly oneAlpha: { readonly deviance: number; readonly dof: number; readonly pValue: number | null };
  readonly sensitivity: CombinedSensitivity;
  /** Human-readable warnings (empty when none applies). */
  readonly warnings: readonly string[];
}

const fmt = (x: number, digits = 3): string =>
  !Number.isFinite(x)
    ? String(x)
    : Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3)
      ? x.toExponential(digits - 1)
      : Number(x.toPrecision(digits)).toString();
/** "p = 3.1e-5" or "p < 1e-300" (underflow). */
const pText = (p: number): string => (p === 0 ? 'p < 1e-300' : `p = ${fmt(p, 2)}`);
const zText = (p: number): string => {
  const z = significance(p);
  return z === Infinity ? 'Z > 37' : `Z = ${fmt(z)}`;
};

/** Goodness of fit and warnings for an analysis of `dataset` (same systematics treatment as `result`). */
export function analysisGoodnessOfFit(dataset: Dataset, result: AnalysisResult): GoodnessOfFit {
  const counts = dataset.kind === 'counts' ? countsModel(dataset, result.systematics) : undefined;
  const gaussian = dataset.kind === 'xi' ? xiModel(dataset) : undefined;
  const lik = counts ? countingLikelihood(counts) : gaussianLikelihood(gaussian!);
  // ξ(α=0) of each bin as the likelihood sees it (s0/s1, resp. x0), as in coherencyAnalysis.ts.
  const dBar = (i: number): number =>
    counts ? counts.bins[i]!.signal0 / counts.bins[i]!.signal1 : gaussian!.bins[i]!.expected0;
  const bins: BinGoodnessOfFit[] = result.bins.map((b) => {
    const d = 2 * lik.bin(b.index).fitUnconditional().nll;
    const deviance = d > 0 ? d : 0;
    const xiPosition = b.alphaHatUnbounded > 1 ? 'above' : b.alphaHatUnbounded < 0 ? 'below' : 'inside';
    return {
      bin: b.index,
      deviance,
      pValue: pValueHalfChiSquare(deviance),
      xiPosition,
      sigmaOverLever: b.xiSigma / (1 - dBar(b.index)),
    };
  });
  const total = 2 * lik.fitUnconditional().nll;
  const deviance = total > 0 ? total : 0;
  const dof = result.bins.length - 1;
  const oneAlpha = { deviance, dof, pValue: dof > 0 ? chiSquareSurvival(deviance, dof) : null };
  const sensitivity = combinedSensitivity(bins);
  return {
    method:
      'deviance −2 ln(L/L_saturated): per bin with α̂ ∈ [0, 1] (p = Φ(−√D), boundary null), one α for all bins (χ² with bins − 1 dof)',
    bins,
    oneAlpha,
    sensitivity,
    warnings: [...warningsOf(result, bins, oneAlpha), ...sensitivityWarnings(result, bins, sensitivity)],
  };
}

/** Fisher sum of the per-bin σ(α̂_i) = σ(ξ̂_i)/(1 − ξ_i(α=0)) (file comment). */
function combinedSensitivity(bins: readonly BinGoodnessOfFit[]): CombinedSensitivity {
  // σ(α̂_i) is Infinity (information 0) for a bin without signal; a NaN (no fit) counts as no information.
  const info = bins.map((g) => (g.sigmaOverLever > 0 ? 1 / g.sigmaOverLever ** 2 : 0) || 0);
  const total = info.reduce((a, b) => a + b, 0);
  const insensitiveBins = bins.filter((g) => !(g.sigmaOverLever <= 1)).map((g) => g.bin);
  const insensitiveInfo = bins.reduce((a, g, i) => a + (g.sigmaOverLever <= 1 ? 0 : info[i]!), 0);
  const sigmaAlpha = total > 0 ? 1 / Math.sqrt(total) : Infinity;
  return {
    sigmaAlpha,
    insensitiveBins,
    insensitiveShare: total > 0 ? insensitiveInfo / total : 1,
    combinedInsensitive: !(sigmaAlpha <= 1),
  };
}

function sensitivityWarnings(
  result: AnalysisResult,
  bins: readonly BinGoodnessOfFit[],
  s: CombinedSensitivity,
): string[] {
  const c = result.combined;
  const k = s.insensitiveBins.length;
  const n = bins.length;
  if (s.combinedInsensitive) {
    return [
      `combined fit and "α = 1/0 in every bin" tests: no sensitivity to α — the ${n} bins together give σ(α̂) ≥ ${fmt(s.sigmaAlpha)} (Fisher sum of the per-bin σ(ξ̂)/lever arm), more than the whole range α ∈ [0, 1], and ${k} of them have no sensitivity of their own; the combined p(α=1) = ${fmt(c.pAlpha1, 2)}, p(α=0) = ${fmt(c.pAlpha0, 2)} and the every-bin tests (p = ${fmt(c.allBinsAlpha1.pValue, 2)}, ${fmt(c.allBinsAlpha0.pValue, 2)}; asymptotic) are driven by bins without sensitivity and say nothing about α`,
    ];
  }
  if (k === 0) return [];
  return [
    `${k} of ${n} bins have no sensitivity to α (bin${k > 1 ? 's' : ''} ${s.insensitiveBins.join(', ')}): they carry ${fmt(100 * s.insensitiveShare, 2)} % of the combined fit's information on α, so the combined results and the "α = 1/0 in every bin" tests rest mainly on the other ${n - k}`,
  ];
}

function warningsOf(
  result: AnalysisResult,
  bins: readonly BinGoodnessOfFit[],
  oneAlpha: GoodnessOfFit['oneAlpha'],
): string[] {
  const out: string[] = [];
  const where = (i: number): string => {
    const b = result.bins[i]!;
    return `bin ${i} (q² ${fmt(b.q2LoMeV2, 4)}–${fmt(b.q2HiMeV2, 4)} MeV²)`;
  };
  const bad = bins.filter((g) => g.pValue < GOF_WARNING_P);
  for (const g of bad) {
    const b = result.bins[g.bin]!;
    out.push(
      `${where(g.bin)}: no α in [0, 1] describes the data — ξ̂ = ${fmt(b.xiHat)} ± ${fmt(b.xiSigma)} lies ${g.xiPosition === 'above' ? 'above complete coherency (ξ = 1)' : 'below complete decoherency'} (deviance ${fmt(g.deviance)}, ${pText(g.pValue)}, ${zText(g.pValue)}; warned below 3σ); its p(α=1) and p(α=0) test the background and normalisation model, not α`,
    );
  }
  if (bins.length > 1 && bad.length === bins.length) {
    out.push(
      'the data are inconsistent with every α ∈ [0, 1] in every bin: check the dataset before reading any p-value',
    );
  }
  if (oneAlpha.pValue !== null && oneAlpha.pValue < GOF_WARNING_P) {
    out.push(
      `one α for all bins does not describe the data: deviance ${fmt(oneAlpha.deviance)} for ${oneAlpha.dof} degrees of freedom (${pText(oneAlpha.pValue)}, ${zText(oneAlpha.pValue)}; warned below 3σ)`,
    );
  }
  for (const g of bins) {
    // A bin no α describes is already flagged; its σ(ξ̂) is inflated by the huge ξ̂ itself.
    if (g.sigmaOverLever > 1 && g.pValue >= GOF_WARNING_P) {
      const b = result.bins[g.bin]!;
      out.push(
        `${where(g.bin)}: no sensitivity to α — σ(ξ̂) = ${fmt(b.xiSigma)} exceeds the whole lever arm 1 − ξ(α=0) = ${fmt(b.xiSigma / g.sigmaOverLever)} between α = 0 and α = 1 (×${fmt(g.sigmaOverLever, 2)})`,
      );
    }
  }
  return out;
}
