/**
 * A toy's conditional fit may stop as soon as its NLL proves the toy's statistic below the threshold
 * (teststat.ts `evaluate` with thresholds; minimiser option `stopBelow`). That must never change a
 * count: here the chunks of COHERENT CsI 2021 FC points (band 1 and the combined α; points where most
 * toys fall below t_obs and where most exceed it) are rerun toy by toy from the same streams with fully
 * converged fits, and the numbers of toys at least as extreme as the data must be identical.
 */
import { describe, expect, test } from 'vitest';
import { loadAnyDataset } from '../../src/data/index.js';
import { datasetToyInputs, planToys, runChunk } from '../../src/toys/index.js';
import type { FitTask } from '../../src/toys/index.js';
import { TOY } from '../../src/toys/engine.js';
import { engineFor } from '../../src/toys/modelChunks.js';
import { createRng } from '../../src/toys/rng.js';
import { exceedThreshold } from '../../src/toys/stats.js';
import { FIT_T_TIE, StatEvaluator } from '../../src/toys/teststat.js';

describe('early-stopped conditional fits give the same toy counts', () => {
  const ds = loadAnyDataset('coherent-csi-2021');
  const { analyses } = datasetToyInputs(ds);
  const picked = analyses.filter((a) => a.key === 'combined' || a.key === 'band1');
  const job = planToys(null, { seed: 5, nToys: 1, fcToys: 40, alphaStep: 0.25, analyses: picked });
  const tasks = job.tasks.flatMap((t, i) => (t.kind === 'fit' ? [{ t, i }] : []));

  test.for(tasks.map(({ t, i }) => ({ i, label: t.key })))('$label', ({ i }) => {
    const task = job.tasks[i] as FitTask;
    const counts = runChunk(job, { task: i, chunk: 0, size: task.nToys }).counts;
    // The same toys with fully converged conditional fits (no thresholds).
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
  });
});
