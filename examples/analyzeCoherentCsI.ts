/**
 * Example: the COHERENT CsI analysis through the library — load the shipped dataset, run the
 * asymptotic analysis, and read the per-bin α intervals and the p-values for α = 1 and α = 0.
 * Run: npx tsx examples/analyzeCoherentCsI.ts
 */
import { analyzeDataset, loadDataset } from '../src/index.js';

export function main() {
  const dataset = loadDataset('coherent-csi-2017');
  const result = analyzeDataset(dataset, { systematics: 'profiled' });
  return result.bins.map((b) => ({
    q2MeV2: `${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)}`,
    alphaHat: b.alphaHat,
    alpha68: [b.alpha68.lo, b.alpha68.hi],
    pAlpha1: b.pAlpha1,
    pAlpha0: b.pAlpha0,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(main());
