/**
 * The CsI[Na] 2017 detector response as a RecoilResponse (src/data/response): the same chain as the
 * counts dataset's prediction (coherentCsi2017Signal.ts), restricted to the analysis PE bins:
 *
 *   T → μ = LY·QF(T)·T photoelectrons → n ~ Poisson(μ), an n-PE event in the 1-PE bin [n−1, n)
 *     (detectorResponse.poissonPeBinProbabilities, 'nPeBin') → × acceptance f(n − ½) (yaml)
 *     → summed over the 1-PE bins of each analysis bin.
 *
 * The quenching factor is the input varied for the histosys: QF scaled by (1 ± σ_QF/QF)
 * (coherent_parameters.yaml: 0.0878 ± 0.0166; coherentCsi2017Signal.scaledQuenching), the same
 * scaling as the counts dataset's QF ±1σ.
 * Rows are memoised per T (every flavour group and the Helm and q²-weighted folds evaluate the same
 * quadrature nodes).
 */
import { poissonPeBinProbabilities, quenchingFactor, type QuenchingModel } from '../../detectorResponse.js';
import { memoisedResponse, type RecoilResponse } from '../../response/index.js';

/** Number of 1-PE bins of the release (0–50 PE). */
const FINE_BINS = 50;

export function csi2017PeResponse(
  quenching: QuenchingModel,
  lightYieldPePerKeVee: number,
  acceptance: Float64Array,
  peEdges: readonly number[],
): RecoilResponse {
  const nBins = peEdges.length - 1;
  return memoisedResponse(nBins, (tKeV) => {
    const fine = poissonPeBinProbabilities(
      lightYieldPePerKeVee * quenchingFactor(quenching, tKeV) * tKeV,
      FINE_BINS,
      'nPeBin',
    );
    const r = new Float64Array(nBins);
    for (let p = 0; p < nBins; p++) {
      for (let j = peEdges[p]!; j < peEdges[p + 1]!; j++) r[p]! += fine[j]! * acceptance[j]!;
    }
    return r;
  });
}
