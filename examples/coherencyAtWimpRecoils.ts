/**
 * Example: α, ξ and the Helm F at the recoil energies the paper quotes for 1 TeV WIMPs
 * (Appendix A: Ar 99, Ge 74, Xe 35 keV_nr → α as low as 0.49, 0.22, 0.14).
 * Run: npx tsx examples/coherencyAtWimpRecoils.ts
 */
import { PAPER_HELM_MODEL, coherencyAtRecoil, keVToMeV, paperTarget } from '../src/index.js';

export function main(): { target: string; tKeV: number; alpha: number; xi: number }[] {
  return (
    [
      ['Ar', 99],
      ['Ge', 74],
      ['Xe', 35],
    ] as const
  ).map(([symbol, tKeV]) => {
    const nucleus = paperTarget(symbol).components[0]!.nucleus;
    const { alpha, xi } = coherencyAtRecoil(keVToMeV(tKeV), nucleus, PAPER_HELM_MODEL);
    return { target: symbol, tKeV, alpha, xi };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(main());
