/**
 * Example: a parametric fit. The COHERENT CsI data fitted with Eq. 7 of the paper, ξ = [εZ F_Z − N F_N]² /
 * (εZ − N)², F_Z a Helm form factor at the measured proton radius and F_N a Helm form factor with a free
 * neutron rms radius Rn (model `helm-rn`): Levenberg–Marquardt on the Poisson deviance with the signal and
 * background normalisations profiled, profile-likelihood errors, and the fit's validity flags.
 * Cadeddu et al., PRL 120, 072501 (2018) found Rn = 5.5 (+0.9 −1.1) fm from the same data.
 * In your project: `import { fitDatasets, resolveModel } from 'cevns-coherency/fit'`.
 * Run: npx tsx examples/fitNeutronRadius.ts
 */
import { loadDataset } from '../src/data/index.js';
import { fitDatasets, resolveModel } from '../src/fit/index.js';

export function main() {
  const fit = fitDatasets([{ dataset: loadDataset('coherent-csi-2017'), model: resolveModel('helm-rn') }]);
  const rn = fit.profiles.Rn!;
  return {
    rnFm: rn.value,
    errorLowFm: rn.errorLow,
    errorHighFm: rn.errorHigh,
    intervalClosed: rn.valid && !rn.lowerOpen && !rn.upperOpen,
    converged: fit.fit.diagnostics.converged,
    covariancePosDef: fit.fit.diagnostics.covariancePosDef,
    chi2: fit.fit.chi2,
    ndf: fit.fit.ndf,
    pValue: fit.fit.pValue,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(main());
