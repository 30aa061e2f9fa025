/**
 * Example: project the sensitivity of a future setup — the `ge-reactor` preset (a germanium detector at
 * a reactor, the paper's Ge case). The preset is an ordinary setup file (`presetSetupJson` shows it;
 * edit a copy for your own detector and load it with `loadSetup`). The projection folds the physics
 * through the detector response and gives expected counts, the α and q² range the setup covers (the
 * paper's Eq. 10: "Ge at reactor, T ∈ [0, 1.9] keV_nr, α ∈ [1.00, 0.97]") and Asimov significances.
 * In your project: `import { presetSetup, projectSetup } from 'cevns-coherency/sensitivity'`.
 * Run: npx tsx examples/projectGeReactor.ts
 */
import { presetSetup, projectSetup } from '../src/sensitivity/index.js';

export function main() {
  const p = projectSetup(presetSetup('ge-reactor'));
  const k = p.coverage.kinematic!;
  return {
    exposureKgDay: p.exposureKgDay,
    signalAtAlpha1: p.expected.totals.signal1,
    background: p.expected.totals.background,
    kinematicTKeVnr: k.tKeVnr,
    kinematicAlpha: k.alpha,
    tests: p.tests.map((t) => ({ kind: t.kind, alpha: t.alpha, z: t.z, pValue: t.pValue })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(main(), null, 2));
