/**
 * Projections on the XENONnT release's real response (sensitivity/templateProjection.ts, templateScan.ts,
 * `coherency project --setup xe-solar`): the workspace scaled by exposure with Asimov data of the
 * Standard Model. Checked: exact exposure scaling, the Asimov data, the √exposure growth of Z where
 * statistics dominate, the saturation of Z(α = 1) by the signal-normalisation uncertainties, the
 * crossings, and the command's options and bad inputs.
 */
import { describe, expect, test } from 'vitest';
import { loadAnyDataset, scaleSamples, parseWorkspace, type TemplateDataset } from '../../src/data/index.js';
import { SpecError } from '../../src/errors.js';
import {
  asimovTemplateDataset,
  nominalExposureTonneYear,
  projectTemplate,
  templateExposureScan,
  templateMedianZ,
} from '../../src/sensitivity/index.js';
import { runCli } from '../cli/run.js';
import { expectRelClose } from '../helpers.js';

const run = (args: string[]) => runCli(['project', ...args]);

const xe = loadAnyDataset('xenonnt-8b') as TemplateDataset;
type Ws = { channels: { samples: { data: number[] }[] }[]; observations: { data: number[] }[] };
const total = (ws: Ws) =>
  ws.channels.reduce((t, c) => t + c.samples.reduce((u, s) => u + s.data.reduce((v, x) => v + x, 0), 0), 0);

describe('scaling and Asimov data', () => {
  test('scaleSamples multiplies every sample and its histosys templates; relative uncertainties stay', () => {
    const ws = parseWorkspace(xe.workspace);
    const s = scaleSamples(ws, 2.5);
    expectRelClose(total(s as Ws), 2.5 * total(ws as Ws), 1e-12);
    const hs = s.channels[0]!.samples[0]!.modifiers.find((m) => m.type === 'histosys')!;
    const h0 = ws.channels[0]!.samples[0]!.modifiers.find((m) => m.type === 'histosys')!;
    if (hs.type !== 'histosys' || h0.type !== 'histosys') throw new Error('no histosys');
    expectRelClose(hs.data.hi_data[40]!, 2.5 * h0.data.hi_data[40]!, 1e-12);
    expect(() => scaleSamples(ws, 0)).toThrow('scale: 0; expected a finite factor > 0');
  });

  test('exposure = Σ exposure_<run> of the fixture (6.767 t·yr); Asimov data = the SM expectation', () => {
    expectRelClose(nominalExposureTonneYear(xe)!, 1.174398 + 2.342593 + 3.249665, 1e-12);
    const { dataset, alphas } = asimovTemplateDataset(xe, { scale: 3 });
    const obs = (dataset.workspace as Ws).observations.flatMap((o) => o.data).reduce((t, v) => t + v, 0);
    const p = projectTemplate(xe, { scale: 3, intervals: false });
    const sm = p.channels.reduce((t, c) => t + c.background + c.signalTruth, 0);
    expectRelClose(obs, sm, 1e-12);
    // The SM signal in the Asimov data is Σ s_Helm (α_Helm per band, by its definition), × 3.
    expectRelClose(
      p.channels.reduce((t, c) => t + c.signalTruth, 0),
      3 * xe.bands[0]!.nuclei.reduce((t, n) => t + n.sHelm!, 0),
      1e-9,
    );
    expect(alphas[0]).toBeGreaterThan(0.92);
    expect(alphas[0]).toBeLessThan(0.94);
  });
});

describe('median significances', () => {
  test('Z(exclude α = 0) ∝ √exposure while statistics dominate (small exposures)', () => {
    // At 1 % and 4 % of the release's exposure the background and signal normalisations are far
    // better known than the counts: Z_A = √q_A scales as √N, i.e. doubles for 4× (to a few %).
    const r = templateMedianZ(xe, 0.04, 0) / templateMedianZ(xe, 0.01, 0);
    expect(r).toBeGreaterThan(1.9);
    expect(r).toBeLessThan(2.05);
  });

  test('Z(exclude α = 1) saturates with the signal-normalisation uncertainties, and grows without them', () => {
    // SM vs α = 1 is a 7 % normalisation difference; signal efficiency (25 %) and the yields (≈ 30 %)
    // absorb it at any exposure. With every nuisance known (statistics only) Z_A grows ∝ √exposure:
    // ×2 for 4× exposure (the Asimov q_A is exactly linear in a common scale of all counts).
    expect(templateMedianZ(xe, 1e3, 1)).toBeLessThan(0.5);
    const fix = parseWorkspace(xe.workspace)
      .channels.flatMap((c) => c.samples.flatMap((s) => s.modifiers))
      .filter((m) => m.type !== 'normfactor')
      .map((m) => m.name);
    const r =
      templateMedianZ(xe, 400, 1, { fix: [...new Set(fix)] }) /
      templateMedianZ(xe, 100, 1, { fix: [...new Set(fix)] });
    expectRelClose(r, 2, 1e-3);
  });

  test('the 3σ/5σ crossings are where the median Z is 3 and 5 (bisection to 1e-3 in ln f)', () => {
    const s = templateExposureScan(xe, { points: 3 });
    expect(s.alpha1.z3Scale).toBeNull();
    expect(s.alpha1.zAtSearchMax).toBeLessThan(1);
    const z3 = s.alpha0.z3Scale!;
    expectRelClose(templateMedianZ(xe, z3, 0), 3, 2e-3);
    expectRelClose(s.alpha0.z5TonneYear!, s.alpha0.z5Scale! * nominalExposureTonneYear(xe)!, 1e-12);
  });

  test('a nuisance name that is not in the workspace is a SpecError listing them', () => {
    expect(() => projectTemplate(xe, { fix: ['signal_efficiency'] })).toThrow(SpecError);
    expect(() => projectTemplate(xe, { fix: ['signal_efficiency'] })).toThrow(
      /^fix: "signal_efficiency" is not a parameter of the workspace; expected one of .*signal_eff/,
    );
  });
});

describe('coherency project --setup xe-solar', () => {
  test('projects the release templates by default; --engine counting gives the setup’s counting model', async () => {
    const t = await run(['--setup', 'xe-solar', '--exposure', '3.517 t·yr', '--json']);
    expect(t.code).toBe(0);
    const j = JSON.parse(t.stdout) as { engine: string; scale: number; tests: { kind: string; z: number }[] };
    expect(j.engine).toBe('template');
    expectRelClose(j.scale, 3.517 / nominalExposureTonneYear(xe)!, 1e-3);
    expect(j.tests.map((x) => x.kind)).toEqual(['exclude-1', 'exclude-0']);
    const c = await run(['--setup', 'xe-solar', '--engine', 'counting', '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toHaveProperty('coverage');
  });

  test('human output says the medians are Asimov without --toys', async () => {
    const r = await run(['--setup', 'xe-solar']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Projection on the real response');
    expect(r.stdout).toMatch(/exclude α = 0: median Z = \d\.\d\d/);
    expect(r.stdout).toContain('Asimov medians and Z_A ± N bands; --toys N for toy medians and bands');
    expect(r.stdout).not.toContain('toys (');
  });

  test.each([
    [
      ['--setup', 'ge-reactor', '--engine', 'template'],
      /--engine template: ge-reactor has no template likelihood; expected a preset with one \(xe-solar\)/,
    ],
    [
      ['--setup', 'ge-reactor', '--fix', 'flux'],
      /--fix: only the template engine has named nuisance parameters/,
    ],
    [['--setup', 'xe-solar', '--fix', 'nope'], /fix: "nope" is not a parameter of the workspace/],
    [['--setup', 'xe-solar', '--engine', 'fast'], /--engine "fast"/],
  ])('%j: exit 2, one line', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
