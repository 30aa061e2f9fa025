/**
 * Coverage of the Feldman–Cousins intervals (nuisances profiled: each pseudo-experiment's own
 * construction at θ̂̂_pe(truth)) and of the one-sided upper limits (CLs+b) on the pyhf anchor
 * workspaces (../shared/data/pyhf-anchors), at true α ∈ {0, 0.5, 0.9, 1} and CL 68.27 % and 90 %.
 *
 * SMALL ON PURPOSE (seconds, not minutes): 200 pseudo-experiments per true α, each with 99 inner toys.
 * - Monte Carlo error of a coverage: √(CL(1 − CL)/200) = 0.033 at 68.27 %, 0.021 at 90 %.
 * - With N = 99 inner toys the exact Monte Carlo test (stats.ts `fcAccepted`) accepts with probability
 *   ⌈CL·(N + 1)⌉/(N + 1) for a continuous statistic: 0.69 at 68.27 % (0.9 at 90 %). That is the
 *   expected coverage here; it differs from 0.6827 by 0.007, a fifth of the MC error.
 * - Criterion: |coverage − expected| ≤ 3 σ_MC for each of 3 anchors × 4 truths × 2 CLs (24 checks;
 *   all would pass at the 0.27 % level each if the coverage is right; the seed is fixed, so the
 *   outcome is reproducible).
 * template_3run (89 parameters, ≈ 2000 fit pairs/s) is left out for time; its coverage is run with
 * `coherency coverage` (numbers in the toys-fc note).
 * Truths 0 and 1 of the upper limit are not checked: α = 0 is always below any limit (coverage 1 by
 * construction), and at α = 1 the limit is the bound whenever α = 1 is not excluded.
 */
import { expect, test } from 'vitest';
import { parseWorkspace } from '../../src/data/index.js';
import { coverageForAnalyses, workspaceAnalyses } from '../../src/toys/index.js';
import { describeWithAnchors, readAnchorWorkspace } from '../likelihood/histfactory/anchorData.js';

const N_EXPERIMENTS = 200;
const INNER = 99;
const expected = (cl: number) => Math.ceil(cl * (INNER + 1) - 1e-9) / (INNER + 1);
const mcError = (cl: number) => Math.sqrt((cl * (1 - cl)) / N_EXPERIMENTS);

const cases = [
  { name: 'csi_like_full', measurement: undefined },
  { name: 'two_band', measurement: 'alpha0_measurement' },
  { name: 'onoff_4bin', measurement: undefined },
];

describeWithAnchors('coverage on the pyhf anchors (small: see the file comment)', () => {
  test.for(cases)(
    '$name: FC and upper-limit coverage at α = 0, 0.5, 0.9, 1',
    async ({ name, measurement }) => {
      const ws = parseWorkspace(readAnchorWorkspace(name), name);
      const r = await coverageForAnalyses(
        workspaceAnalyses(ws, measurement === undefined ? {} : { measurement }),
        {
          seed: `anchor-coverage/${name}`,
          nExperiments: N_EXPERIMENTS,
          innerToys: INNER,
          truths: [[0], [0.5], [0.9], [1]],
          limit: 'upper',
        },
      );
      const fc = r.analyses.filter((p) => p.method === 'feldmanCousins');
      expect(fc).toHaveLength(8);
      for (const p of fc) {
        expect(p.failed, `failed pseudo-experiments at α = ${p.truth[0]}`).toBe(0);
        expect(
          Math.abs(p.coverage.value - expected(p.cl)),
          `FC coverage at α = ${p.truth[0]}, CL ${p.cl}: ${p.coverage.value}`,
        ).toBeLessThanOrEqual(3 * mcError(p.cl));
      }
      const ul = r.analyses.filter((p) => p.method === 'upperLimit' && p.truth[0]! > 0 && p.truth[0]! < 1);
      expect(ul).toHaveLength(4);
      for (const p of ul) {
        expect(
          Math.abs(p.coverage.value - expected(p.cl)),
          `upper-limit coverage at α = ${p.truth[0]}, CL ${p.cl}: ${p.coverage.value}`,
        ).toBeLessThanOrEqual(3 * mcError(p.cl));
      }
    },
  );
});
