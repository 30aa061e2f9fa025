/**
 * pyhf's hypothesis tests and profile intervals on the anchors (../shared/data/pyhf-anchors, README
 * "What to expect when comparing"): q̃₁ with its Asimov q̃_A and CLs+b/CLb/CLs, q0 and p0, the profile
 * t on pyhf's grid, and the Wilks 68.27 % / 90 % intervals.
 */
import { expect, test } from 'vitest';
import { parseWorkspace } from '../../../src/data/index.js';
import { compileWorkspace, HistFactoryModel } from '../../../src/likelihood/histfactory/index.js';
import { profileIntervals, q0Test, qtildeTest } from '../../../src/likelihood/inference/index.js';
import { expectRelClose } from '../../helpers.js';
import {
  ANCHOR_NAMES,
  ANCHORS_AVAILABLE,
  describeWithAnchors,
  readAnchorResults,
  readAnchorWorkspace,
} from './anchorData.js';

const cases = ANCHOR_NAMES.flatMap((name) =>
  ANCHORS_AVAILABLE
    ? Object.keys(readAnchorResults(name).measurements).map((measurement) => ({ name, measurement }))
    : [],
);

function modelOf(name: string, measurement: string): HistFactoryModel {
  return new HistFactoryModel(
    compileWorkspace(parseWorkspace(readAnchorWorkspace(name), name), { measurement }),
  );
}

describeWithAnchors('pyhf anchors: tests and intervals', () => {
  test.for(cases)('$name / $measurement: q̃(1), CLs+b, CLb, CLs; q0, p0', ({ name, measurement }) => {
    const m = readAnchorResults(name).measurements[measurement];
    const model = modelOf(name, measurement);
    const q = qtildeTest(model, 1);
    const h = m.hypotests.qtilde_mu1;
    expect(q.converged).toBe(true);
    // README: q̃ and q0 "~1e-7 absolute" (differences of fitted 2NLL, each within ~1e-10 of the minimum).
    expect(Math.abs(q.qtilde - h.qtilde_obs)).toBeLessThan(1e-7);
    // q̃_A comes from three more fits on Asimov data; pyhf's own are at its optimiser tolerance: 1e-5.
    expect(Math.abs(q.qtildeAsimov - h.qtilde_asimov)).toBeLessThan(1e-5);
    // README: "CLsb, CLb, CLs, p0 ~1e-4 relative" (the bar); ours agree to ≤ 2e-8, 1e-6 leaves margin.
    expectRelClose(q.CLsb, h.CLsb, 1e-6, 0, 'CLs+b');
    expectRelClose(q.CLb, h.CLb, 1e-6, 0, 'CLb');
    expectRelClose(q.CLs, h.CLs, 1e-6, 0, 'CLs');
    const z = q0Test(model);
    expect(Math.abs(z.q0 - m.hypotests.q0_mu0.q0_obs)).toBeLessThan(1e-7);
    expectRelClose(z.p0, m.hypotests.q0_mu0.p0, 1e-6, 0, 'p0');
  });

  test.for(cases)(
    '$name / $measurement: profile t on pyhf’s grid and Wilks intervals',
    ({ name, measurement }) => {
      const m = readAnchorResults(name).measurements[measurement];
      const model = modelOf(name, measurement);
      const { scan, intervals } = profileIntervals(model, [1, 2.705543454095404], m.profile.grid);
      // README: profile t "~1e-7 absolute".
      scan.t.forEach((t, j) =>
        expect(Math.abs(t - m.profile.t[j]), `t at ${m.profile.grid[j]}`).toBeLessThan(1e-7),
      );
      const ref = [m.profile.intervals['68.27%'], m.profile.intervals['90%']];
      intervals.forEach((iv, k) => {
        // README: "Wilks interval edges ~1e-6 absolute".
        expect(Math.abs(iv.lo - ref[k].lo)).toBeLessThan(1e-6);
        expect(Math.abs(iv.hi - ref[k].hi)).toBeLessThan(1e-6);
        expect(iv.loKind).toBe(ref[k].lo_kind);
        expect(iv.hiKind).toBe(ref[k].hi_kind);
      });
    },
  );
});
