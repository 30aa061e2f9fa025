/**
 * `coherency analyze` on the two shipped Ar 2020 datasets: `coherent-ar-2020`, the full release (a
 * template dataset), and `coherent-ar-2020-1d`, its counts view; the JSON each writes; and bad inputs
 * (a corrupt template fixture, --fix misuse, a template dataset where counts are needed) → exit 2 with
 * one line. The numbers themselves are checked against the collaboration's in the README's Ar section;
 * here only what must hold whatever the statistics code does (layouts, identities, exit codes).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { shippedDatasetPath } from '../../src/data/index.js';
import { runCli } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'coherency-ar-'));

describe('analyze coherent-ar-2020 (the full release, template)', () => {
  // One run (≈ 3 s of CPU) serves every check: human report on stdout, analysis.json and figures in --out.
  let run: { code: number; stdout: string; stderr: string };
  let dir: string;
  let json: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    dir = join(tmp(), 'out');
    run = await runCli(['analyze', 'coherent-ar-2020', '--out', dir]);
    json = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8'));
  }, 120_000);

  test('runs the template analysis: exit 0, three bands, the signal fit beside the published numbers', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      '[coherent-ar-2020], 3 true-q² band(s), 1 channel(s); all nuisances profiled',
    );
    expect(run.stdout).toMatch(
      /degenerate with μ: cevns_norm\): μ̂ = .*fitted \d+\.\d \(\+\d+\.\d −\d+\.\d\) events/,
    );
    expect(run.stdout).toContain('published fitted CEvNS events: 159 ± 43 events');
    for (const f of ['fig5-alpha.png', 'fig6-pvalues.png', 'fig5-alpha.svg', 'fig6-pvalues.svg']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
  });

  test('analysis.json: dataset, bands with intervals and p-values, combined, global tests, signal, yields', () => {
    expect(json.dataset.id).toBe('coherent-ar-2020');
    expect(json.dataset.kind).toBe('template');
    expect(json.systematics).toBe('profiled');
    expect(json.fixed).toEqual([]);
    expect(json.bands).toHaveLength(3);
    for (const b of json.bands) {
      for (const k of [
        'q2LoMeV2',
        'q2HiMeV2',
        'q2MeanMeV2',
        'sCoh',
        'xiHat',
        'xiSigma',
        'alphaHat',
        'alphaHelm',
      ]) {
        expect(Number.isFinite(b[k]), k).toBe(true);
      }
      // Intervals nest: the 90 % interval contains the 68.27 % one, which contains α̂.
      expect(b.alpha90[0]).toBeLessThanOrEqual(b.alpha68[0]);
      expect(b.alpha68[0]).toBeLessThanOrEqual(b.alphaHat);
      expect(b.alphaHat).toBeLessThanOrEqual(b.alpha68[1]);
      expect(b.alpha68[1]).toBeLessThanOrEqual(b.alpha90[1]);
      for (const p of [b.pAlpha1, b.pAlpha0]) expect(p > 0 && p <= 1).toBe(true);
      // φ = arccos α beside α, as for counts bins: arccos reverses the order, so φ's interval runs from
      // arccos(α_hi) to arccos(α_lo); degrees and radians agree.
      expect(b.phiHatRad).toBeCloseTo(Math.acos(b.alphaHat), 12);
      expect(b.phiHatDeg).toBeCloseTo((b.phiHatRad * 180) / Math.PI, 10);
      for (const cl of ['68', '90']) {
        const [lo, hi] = b[`alpha${cl}`];
        expect(b[`phi${cl}Rad`][0]).toBeCloseTo(Math.acos(hi), 12);
        expect(b[`phi${cl}Rad`][1]).toBeCloseTo(Math.acos(lo), 12);
        expect(b[`phi${cl}Deg`][1]).toBeCloseTo((Math.acos(lo) * 180) / Math.PI, 10);
      }
      // Every p-value and interval names its method, in the layout counts bins use.
      for (const m of [b.pAlpha1Method, b.pAlpha0Method]) {
        expect(m.kind).toBe('asymptotic');
        expect(m.distribution).toBe('two-boundary-tilde-t');
        expect(m.farBranch).toBeGreaterThan(0);
      }
      expect(b.intervalMethod).toEqual({ kind: 'asymptotic', distribution: 'two-boundary-tilde-t' });
      expect(typeof b.alpha68Connected).toBe('boolean');
    }
    expect(json.phiConvention).toMatch(/φ = arccos α/);
    // Contiguous bands from q² = 0.
    expect(json.bands[0].q2LoMeV2).toBe(0);
    expect(json.bands[1].q2LoMeV2).toBe(json.bands[0].q2HiMeV2);
    expect(json.combined.allBinsAlpha0.dof).toBe(3);
    const s = json.signal;
    expect(s.fittedEventsLo).toBeLessThan(s.fittedEvents);
    expect(s.fittedEvents).toBeLessThan(s.fittedEventsHi);
    expect(s.muLo).toBeLessThan(s.mu);
    expect(s.heldAtNominal).toEqual(['cevns_norm']);
    // The SM prediction is the release template's normalisation (128 in cevnspdf.txt).
    expect(s.predictedEvents).toBeCloseTo(128, 4);
    // q0, p0 and Z are one statistic: Z = √q0 and p0 = Φ(−Z).
    expect(s.z).toBeCloseTo(Math.sqrt(s.q0), 9);
    const y = new Map(s.yields.map((e: { sample: string; fitted: number }) => [e.sample, e.fitted]));
    expect([...y.keys()].sort()).toEqual(['brn_delayed', 'brn_prompt', 'cevns', 'steady_state']);
    expect(y.get('cevns')).toBeCloseTo(s.fittedEvents, 9);
    expect(json.channels).toEqual([expect.objectContaining({ name: 'cenns10_anlA', observed: 3752 })]);
    expect(json.published.map((p: { value: number }) => p.value)).toEqual(
      expect.arrayContaining([159, 128, 553, 10, 3131]),
    );
  });
});

describe('analyze coherent-ar-2020-1d (the counts view)', () => {
  test('--json: five energy bins with on/off counts and the per-bin results', async () => {
    const r = await runCli(['analyze', 'coherent-ar-2020-1d', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dataset.id).toBe('coherent-ar-2020-1d');
    expect(j.dataset.kind).toBe('counts');
    expect(j.bins).toHaveLength(5);
    expect(j.bins.reduce((a: number, b: { nOn: number }) => a + b.nOn, 0)).toBe(3752);
    for (const b of j.bins) {
      for (const k of ['nOff', 'sCoh', 'xiHat', 'alphaHat', 'pAlpha1', 'pAlpha0']) {
        expect(Number.isFinite(b[k]), k).toBe(true);
      }
    }
    expect(Number.isFinite(j.combined.alphaHat)).toBe(true);
  });
});

describe('bad inputs: exit 2, one line, nothing written', () => {
  const raw = readFileSync(shippedDatasetPath('coherent-ar-2020'), 'utf8');
  const write = (text: string) => {
    const d = tmp();
    const path = join(d, 'coherent-ar-2020-bad.json');
    writeFileSync(path, text);
    return { path, out: join(d, 'out') };
  };
  const expectOneLine = (r: { code: number; stderr: string }, pattern: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  test('a truncated fixture (invalid JSON)', async () => {
    const { path, out } = write(raw.slice(0, Math.floor(raw.length / 2)));
    const r = await runCli(['analyze', path, '--out', out]);
    expectOneLine(r, /coherent-ar-2020-bad\.json.*not valid JSON/);
    expect(existsSync(out)).toBe(false);
  });

  test('a negative template entry and a bin count that disagrees with the observations', async () => {
    const d = JSON.parse(raw);
    d.workspace.channels[0].samples[0].data[5] = -3;
    const a = write(JSON.stringify(d));
    const r = await runCli(['analyze', a.path, '--out', a.out]);
    expectOneLine(r, /coherent-ar-2020-bad\.json: .*sample "cevns_excess_b0": data\[5\] = -3 is a negative/);
    expect(existsSync(a.out)).toBe(false);
    const e = JSON.parse(raw);
    e.workspace.observations[0].data.pop();
    const b = write(JSON.stringify(e));
    expectOneLine(await runCli(['analyze', b.path]), /coherent-ar-2020-bad\.json: .*(observations|bins)/);
  });

  test('--fix with an unknown parameter or a band α, and --fix on a counts dataset', async () => {
    expectOneLine(
      await runCli(['analyze', 'coherent-ar-2020', '--fix', 'no_such']),
      /fix: "no_such" is not a parameter/,
    );
    expectOneLine(
      await runCli(['analyze', 'coherent-ar-2020', '--fix', 'alpha_b1']),
      /fix: "alpha_b1" is a band's α/,
    );
    expectOneLine(
      await runCli(['analyze', 'coherent-ar-2020-1d', '--fix', 'x']),
      /--fix: only for template datasets/,
    );
  });

  test('a template dataset where a counts dataset is needed names the counts view', async () => {
    const r = await runCli(['fit', 'coherent-ar-2020', '--model', 'helm-r0']);
    expectOneLine(
      r,
      /a template dataset; this command needs a counts or ξ ± σ dataset \(its counts view is shipped as coherent-ar-2020-1d\)/,
    );
  });
});
