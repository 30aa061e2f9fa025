/**
 * The closed-form single-bin kernels (likelihood `SingleBinKernel`, the fast path of the per-bin toys)
 * and the combined counting fitter (toys `ModelFits`) agree with the general engine (the counting
 * model as its exact pyhf workspace, likelihood `countingWorkspace`, fitted by the HistFactory engine
 * through the toy engine's own StatEvaluator) on the SAME toys: counts and global observables drawn
 * by the counting drawers and handed to both.
 *
 * Tolerance: the toy engine stops its fits at EDM ≤ 1e-9 (workspaceEngine.ts TOY_EDM_TOLERANCE), so
 * each NLL lies within ~1e-9 of its minimum and t = 2(NLL_cond − NLL_free) within 2·(1e-9 + 1e-9) =
 * 4e-9; the kernels are exact to rounding. Measured: ≤ 2.0e-9 on every toy here. 1e-8 absolute keeps
 * a factor 2.5 over that bound (and is 10× below the toy tie tolerance FIT_T_TIE).
 */
import { describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import {
  countingLikelihood,
  countingWorkspace,
  countsModel,
  SingleBinKernel,
} from '../../src/likelihood/index.js';
import type { CountingModel } from '../../src/likelihood/index.js';
import {
  BinToyDrawer,
  binGenerator,
  buildEngine,
  countingAnalyses,
  createRng,
  ModelFits,
  ModelToyDrawer,
  modelGenerator,
  StatEvaluator,
  TOY,
} from '../../src/toys/index.js';
import type { ToyEngine } from '../../src/toys/index.js';

const TOL = 1e-8;

const dataset = loadDataset('coherent-csi-2017');
if (dataset.kind !== 'counts') throw new Error('expected the CsI counts fixture');
const model = countsModel(dataset, 'profiled');

/** The toy engine of a counting model's workspace, and a loader of counting data into it. */
function engineOf(m: CountingModel): {
  engine: ToyEngine;
  load: (n: ArrayLike<number>, nOff: ArrayLike<number>, obsSig: number, obsBeam: number) => void;
} {
  const cw = countingWorkspace(m, { poi: 'shared' });
  const spec = countingAnalyses(m)[0]!.spec;
  const engine = buildEngine(spec, ['poi']);
  // pyhf order: channels sorted by name ("off" before "on" before "on_known"); the off-source channel
  // has one bin per measured bin ("on").
  const size = (ch: string) => cw.binChannel.filter((c) => c === (ch === 'off' ? 'on' : ch)).length;
  const offsets = new Map<string, number>();
  let off = 0;
  for (const ch of cw.workspace.channels.map((c) => c.name).sort()) {
    offsets.set(ch, off);
    off += size(ch);
  }
  const main = new Float64Array(off);
  const auxNames = engine.parNames
    .filter((n) => n === 'beam_norm' || n === 'signal_norm')
    .sort((a, b) => engine.parNames.indexOf(a) - engine.parNames.indexOf(b));
  const aux = new Float64Array(auxNames.length);
  return {
    engine,
    load: (n, nOff, obsSig, obsBeam) => {
      m.bins.forEach((_, i) => {
        const ch = cw.binChannel[i]!;
        main[offsets.get(ch)! + cw.binIndex[i]!] = n[i]!;
        if (ch === 'on') main[offsets.get('off')! + cw.binIndex[i]!] = nOff[i]!;
      });
      auxNames.forEach((name, j) => {
        const spec = name === 'signal_norm' ? m.signalNorm! : m.beamNorm!;
        const obs = name === 'signal_norm' ? obsSig : obsBeam;
        aux[j] = (obs - 1) / spec.sigma; // θ = 1 + σ·t, so the global observable of t is (θ0 − 1)/σ
      });
      engine.load(TOY, main, aux);
      engine.select(TOY);
    },
  };
}

describe('closed-form kernels = general engine on the same toys (CsI 2017 fixture, systematics profiled)', () => {
  test.for([0, 6, 10])('bin %i alone: t̃(α) at α = 0, 0.5, 1 on 100 toys each', (bin) => {
    const one: CountingModel = { ...model, bins: [model.bins[bin]!] };
    const kernel = new SingleBinKernel(model, bin);
    const drawer = new BinToyDrawer(model, bin);
    const { engine, load } = engineOf(one);
    const lik = countingLikelihood(model).bin(bin);
    const rng = createRng(42, 'agreement', bin);
    const out = new Float64Array(1);
    let worst = 0;
    let compared = 0;
    for (const poi of [0, 0.5, 1]) {
      const gen = binGenerator(model, bin, poi, lik.fitConditional(poi));
      const ev = new StatEvaluator(engine, [{ values: [poi], side: 'two-sided' }]);
      for (let i = 0; i < 100; i++) {
        drawer.draw(rng, gen);
        kernel.obsSig = drawer.obsSig;
        kernel.obsBeam = drawer.obsBeam;
        const tKernel = kernel.tildeT(drawer.n, drawer.m, poi);
        load([drawer.n], [drawer.m], drawer.obsSig, drawer.obsBeam);
        expect(ev.evaluate(engine.init, out)).toBe(true);
        worst = Math.max(worst, Math.abs(out[0]! - tKernel));
        compared++;
      }
    }
    expect(compared).toBe(300);
    expect(worst, `largest |t_engine − t_kernel| over 300 toys`).toBeLessThan(TOL);
  });

  test('all 12 bins, shared α: q = t̃(v) of the counting fitter at v = 1 and 0 on 60 toys each', () => {
    const fits = new ModelFits(model);
    const drawer = new ModelToyDrawer(model);
    const { engine, load } = engineOf(model);
    const lik = countingLikelihood(model);
    const rng = createRng(43, 'agreement', 'combined');
    const out = new Float64Array(1);
    let worst = 0;
    for (const v of [1, 0]) {
      const gen = modelGenerator(model, v, lik.fitConditional(v));
      const ev = new StatEvaluator(engine, [{ values: [v], side: 'two-sided' }]);
      for (let i = 0; i < 60; i++) {
        drawer.draw(rng, gen);
        expect(fits.evaluate(drawer.n, drawer.m, drawer.obsSig, drawer.obsBeam, v)).toBe(true);
        load(drawer.n, drawer.m, drawer.obsSig, drawer.obsBeam);
        expect(ev.evaluate(engine.init, out)).toBe(true);
        worst = Math.max(worst, Math.abs(out[0]! - fits.shared));
      }
    }
    expect(worst, 'largest |q_engine − q_counting| over 120 toys').toBeLessThan(TOL);
  });
});
