/**
 * export-pyhf writes the likelihood `analyze` uses, exactly (issue 9):
 * 1. JSON round trip: export → text → parse → compile gives the identical NLL at random parameter
 *    points (doubles survive JSON exactly, so the tolerance is 1e-12 relative: rounding only);
 * 2. the counting likelihood (nll.ts, closed forms) and the exported workspace (HistFactory engine)
 *    give the same NLL at random counting-model parameters mapped onto the workspace's
 *    (θ = 1 + σ·t for the histosys normalisations, b = γ·b̃ for the background shapefactor): 1e-10
 *    relative (both are the saturated form, equal by construction; only rounding differs);
 * 3. through the CLI: the exported combined workspace analysed as a pyhf file gives analyze's combined
 *    p-values, and pyhf's CLs+b of α = 1 (qtilde, asymptotic) equals analyze's p(α = 1).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadDataset, parseWorkspace, type CountsDataset } from '../../src/data/index.js';
import {
  compileWorkspace,
  countingNll,
  countsModel,
  HistFactoryModel,
  pyhfExport,
} from '../../src/likelihood/index.js';
import { createRng } from '../../src/toys/index.js';
import { expectRelClose } from '../helpers.js';
import { runCli } from '../cli/run.js';
import { validXiDataset } from '../data/datasetTestKit.js';

const dataset = loadDataset('coherent-csi-2017') as CountsDataset;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('export-pyhf round trip', () => {
  test('export → JSON → load: identical NLL at 50 random parameter points', () => {
    const { workspace, interpolation } = pyhfExport(countsModel(dataset));
    const a = new HistFactoryModel(compileWorkspace(workspace, { interpolation }));
    const b = new HistFactoryModel(
      compileWorkspace(parseWorkspace(JSON.parse(JSON.stringify(workspace)), 'round trip'), {
        interpolation,
      }),
    );
    const rng = createRng(11, 'round-trip');
    const c = a.c;
    for (let k = 0; k < 50; k++) {
      const pars = c.init.map(
        (_, p) => c.lower[p]! + (c.upper[p]! - c.lower[p]!) * (0.05 + 0.2 * rng.uniform()),
      );
      expectRelClose(b.nll(pars), a.nll(pars), 1e-12, 0, `point ${k}`);
      expectRelClose(b.logpdf(pars).total, a.logpdf(pars).total, 1e-12, 0, `logpdf ${k}`);
    }
  });

  test('counting likelihood = exported workspace at 50 random counting-model points', () => {
    const model = countsModel(dataset);
    const { workspace, interpolation } = pyhfExport(model);
    const ws = new HistFactoryModel(compileWorkspace(workspace, { interpolation }));
    const c = ws.c;
    const idx = (name: string) => c.parNames.indexOf(name);
    const onSteady = workspace.channels
      .find((ch) => ch.name === 'on')!
      .samples.find((s) => s.name === 'steady_state')!;
    const sigS = model.signalNorm!.sigma;
    const sigB = model.beamNorm!.sigma;
    const rng = createRng(12, 'counting-vs-workspace');
    for (let k = 0; k < 50; k++) {
      const poi = rng.uniform();
      const thetaSig = 1 + sigS * (2 * rng.uniform() - 1);
      const thetaBeam = 1 + sigB * (2 * rng.uniform() - 1);
      const background = model.bins.map((b) => {
        const bg = b.background as { nOff: number; tau: number };
        return ((bg.nOff + 1) / bg.tau) * (0.5 + rng.uniform());
      });
      const pars = Float64Array.from(c.init);
      pars[idx('poi')] = poi;
      pars[idx('signal_norm')] = (thetaSig - 1) / sigS;
      pars[idx('beam_norm')] = (thetaBeam - 1) / sigB;
      background.forEach((b, i) => (pars[idx(`steady_state[${i}]`)] = b / onSteady.data[i]!));
      expectRelClose(
        ws.nll(pars),
        countingNll(model, { poi, thetaSig, thetaBeam, background }),
        1e-10,
        0,
        `point ${k}`,
      );
    }
  });

  test('CLI: export-pyhf, then analyze the exported workspace: the same combined p-values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coherency-export-'));
    dirs.push(dir);
    const out = join(dir, 'px');
    const exp = await runCli(['export-pyhf', 'coherent-csi-2017', '--out', out, '--json']);
    expect(exp.code, exp.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'modifier_settings.json'), 'utf8'))).toEqual({
      normsys: { interpcode: 'code4' },
      histosys: { interpcode: 'code4p' },
    });
    const ours = await runCli(['analyze', 'coherent-csi-2017', '--json']);
    const theirs = await runCli(['analyze', join(out, 'combined.json'), '--json']);
    expect(ours.code, ours.stderr).toBe(0);
    expect(theirs.code, theirs.stderr).toBe(0);
    const a = JSON.parse(ours.stdout).combined;
    const w = JSON.parse(theirs.stdout);
    // Same likelihood, same statistics: equal to the fits' precision (t̃ to ~1e-10 → p to ~1e-9 rel).
    expectRelClose(w.toolkit.pAtUpper, a.pAlpha1, 1e-7, 0, 'p(α=1)');
    expectRelClose(w.toolkit.pAtLower, a.pAlpha0, 1e-7, 0, 'p(α=0)');
    expectRelClose(w.toolkit.poiHat, a.alphaHat, 1e-6, 0, 'α̂');
    // pyhf's q̃₁ test (CLs+b, asymptotic): what a pyhf user gets from the exported file.
    expectRelClose(w.pyhf.qtilde.CLsb, a.pAlpha1, 1e-7, 0, 'CLs+b vs p(α=1)');
  });

  test('a ξ ± σ dataset is refused with one line naming why, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coherency-export-'));
    dirs.push(dir);
    const file = join(dir, 'xi.json');
    writeFileSync(file, JSON.stringify(validXiDataset()));
    const r = await runCli(['export-pyhf', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/ξ ± σ dataset.*no HistFactory/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
