/**
 * A toy's conditional fit may stop as soon as its NLL proves the toy's statistic below the threshold
 * (teststat.ts `evaluate` with thresholds; minimiser option `stopBelow`). That must never change a
 * count, nor may the coarse first pass (fits to EDM ≤ 1e-3, the statistic bracketed, refined when the
 * bracket straddles the threshold): here the chunks of COHERENT CsI 2021 FC points (band 1 and the
 * combined α; points where most toys fall below t_obs and where most exceed it) and of an upper-limit
 * scan (one-sided q̃_μ, band 3) are rerun toy by toy from the same streams with fully converged fits,
 * and the numbers of toys at least as extreme as the data must be identical.
 */
import { describe, expect, test } from 'vitest';
import { loadAnyDataset } from '../../src/data/index.js';
import { datasetToyInputs, planToys, runChunk } from '../../src/toys/index.js';
import type { FitTask, ToyJob } from '../../src/toys/index.js';
import { TOY } from '../../src/toys/engine.js';
import { engineFor } from '../../src/toys/modelChunks.js';
import { createRng } from '../../src/toys/rng.js';
import { exceedThreshold } from '../../src/toys/stats.js';
import { FIT_T_TIE, StatEvaluator } from '../../src/toys/teststat.js';

/** runChunk's counts against the same toys evaluated one by one with fully converged fits. */
function expectSameCounts(job: ToyJob, i: number): void {
  const task = job.tasks[i] as FitTask;
  const counts = runChunk(job, { task: i, chunk: 0, size: task.nToys }).counts;
  const rng = createRng(job.settings.seed, task.key, 0);
  const engine = engineFor(job, task.analysis);
  const ev = new StatEvaluator(engine, task.tests);
  const out = new Float64Array(task.tests.length);
  const thr = task.tests.map((s) => exceedThreshold(s.tObs, FIT_T_TIE));
  const reference = new Array<number>(task.tests.length + 2).fill(0);
  for (let k = 0; k < task.nToys; k++) {
    engine.draw(rng, task.gen, TOY);
    engine.select(TOY);
    if (!ev.evaluate(task.gen, out)) {
      reference[task.tests.length + 1]!++;
      continue;
    }
    reference[0]!++;
    for (let j = 0; j < thr.length; j++) if (out[j]! >= thr[j]!) reference[1 + j]!++;
  }
  expect(counts).toEqual(reference);
}

describe('early-stopped and coarse fits give the same toy counts', () => {
  const ds = loadAnyDataset('coherent-csi-2021');
  const { analyses } = datasetToyInputs(ds);
  const picked = analyses.filter((a) => a.key === 'combined' || a.key === 'band1');
  const job = planToys(null, { seed: 5, nToys: 1, fcToys: 40, alphaStep: 0.25, analyses: picked });
  const fitTasks = (j: ToyJob) => j.tasks.flatMap((t, i) => (t.kind === 'fit' ? [{ i, label: t.key }] : []));

  test.for(fitTasks(job))('two-sided (FC): $label', ({ i }) => expectSameCounts(job, i));

  // One-sided tests (q̃_μ of upper limits): the coarse pass must also get p̂'s side of μ right.
  const upper = planToys(null, {
    seed: 6,
    nToys: 1,
    fcToys: 40,
    alphaStep: 0.25,
    analyses: analyses.filter((a) => a.key === 'band3'),
    limit: 'upper',
  });
  test.for(fitTasks(upper))('upper limit: $label', ({ i }) => expectSameCounts(upper, i));
});
