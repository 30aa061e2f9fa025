import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { shippedDatasetPath } from '../../src/data/index.js';
import { runCli } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'coherency-'));

describe('coherency analyze', () => {
  test('default dataset: the CsI fixture, with the --json layout of the issue', async () => {
    const r = await runCli(['analyze', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      dataset: { id: string };
      bins: Record<string, unknown>[];
      combined: Record<string, unknown>;
    };
    expect(j.dataset.id).toBe('coherent-csi-2017');
    expect(j.bins).toHaveLength(12);
    for (const key of [
      'q2LoMeV2',
      'q2HiMeV2',
      'q2CenterMeV2',
      'nOn',
      'nOff',
      'sCoh',
      'xiHat',
      'alphaHat',
      'alpha68',
      'alpha90',
      'pAlpha1',
      'pAlpha0',
    ]) {
      expect(j.bins[0]).toHaveProperty(key);
    }
    expect(j.combined).toHaveProperty('allBinsAlpha1');
  });

  test('--json bins carry observable edges, φ intervals (deg and rad) and the method of every p-value', async () => {
    const r = await runCli(['analyze', 'coherent-ar-2020', '--json', '--systematics', 'none']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      phiConvention: string;
      bins: {
        observable: { name: string; unit: string; lo: number; hi: number };
        alpha68: [number, number];
        alphaHat: number;
        phiHatDeg: number;
        phi68Deg: [number, number];
        phi68Rad: [number, number];
        pAlpha1: number;
        pAlpha1Method: { kind: string; distribution: string; farBranch: number };
        pAlpha0Method: { kind: string; distribution: string };
      }[];
      combined: { allBinsAlpha1: { pValueMethod: { distribution: string; bins: number } } };
    };
    const dataset = JSON.parse(readFileSync(shippedDatasetPath('coherent-ar-2020'), 'utf8')) as {
      observable: { name: string; unit: string };
      bins: { observableLo: number; observableHi: number }[];
    };
    expect(j.phiConvention).toMatch(/degrees/);
    j.bins.forEach((b, i) => {
      expect(b.observable).toEqual({
        ...dataset.observable,
        lo: dataset.bins[i]!.observableLo,
        hi: dataset.bins[i]!.observableHi,
      });
      // φ = arccos α, decreasing: [arccos α_hi, arccos α_lo]
      expect(b.phi68Rad[0]).toBeCloseTo(Math.acos(b.alpha68[1]), 12);
      expect(b.phi68Rad[1]).toBeCloseTo(Math.acos(b.alpha68[0]), 12);
      expect(b.phi68Deg[0]).toBeCloseTo((b.phi68Rad[0] * 180) / Math.PI, 10);
      expect(b.phiHatDeg).toBeCloseTo((Math.acos(b.alphaHat) * 180) / Math.PI, 10);
      expect(b.pAlpha1Method).toMatchObject({ kind: 'asymptotic', distribution: 'two-boundary-tilde-t' });
      expect(b.pAlpha1Method.farBranch).toBeGreaterThan(0);
      expect(b.pAlpha0Method.distribution).toBe('two-boundary-tilde-t');
    });
    expect(j.combined.allBinsAlpha1.pValueMethod).toEqual({
      kind: 'asymptotic',
      distribution: 'bounded-chi-bar-squared',
      bins: 5,
    });
    // The case: Ar bin 4 (40–120 keV_ee), p(α = 1) = 0.0207 with the far boundary (pyhf: 0.0207;
    // the ½χ²₁ reading gave 0.363). Exact to its printed 3 digits.
    expect(j.bins[4]!.pAlpha1).toBeCloseTo(0.0207, 4);
  });

  test('the human table shows the observable edges, φ and the p-value method', async () => {
    const r = await runCli(['analyze', 'coherent-ar-2020']);
    expect(r.stdout).toContain('40–120 keVee');
    expect(r.stdout).toContain('φ 68.27 % [deg]');
    expect(r.stdout).toContain('p-values: asymptotic, two-boundary t̃');
  });

  test("the paper's CsI p-values (0.025 for α=1 at 3.5e3 MeV², 0.012 for α=0 at 2.6e3), statistics only", async () => {
    const r = await runCli(['analyze', '--json', '--systematics', 'none']);
    const bins = (
      JSON.parse(r.stdout) as {
        bins: { q2LoMeV2: number; q2HiMeV2: number; pAlpha1: number; pAlpha0: number }[];
      }
    ).bins;
    const at = (q2: number) => bins.find((b) => b.q2LoMeV2 <= q2 && q2 < b.q2HiMeV2)!;
    // Our numbers, as the README's comparison table prints them (0.031 and 0.016, i.e. ×1.24 and
    // ×1.30 the paper's): to their printed rounding, ±0.0005.
    expect(Math.abs(at(3.5e3).pAlpha1 - 0.031)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(at(2.6e3).pAlpha0 - 0.016)).toBeLessThanOrEqual(0.0005);
    // Against the paper: its analysis choices are not published, and those that matter move these
    // p-values by factors of 2–100 (README: time window, PE binning, QF), so no bound follows from a
    // reason; "within a factor 1.5" is the acceptance criterion this comparison was built to (issue 3).
    const r1 = at(3.5e3).pAlpha1 / 0.025;
    const r0 = at(2.6e3).pAlpha0 / 0.012;
    expect(r1).toBeGreaterThan(1 / 1.5);
    expect(r1).toBeLessThan(1.5);
    expect(r0).toBeGreaterThan(1 / 1.5);
    expect(r0).toBeLessThan(1.5);
  });

  test('human output prints the comparison with the paper', async () => {
    const r = await runCli(['analyze']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('paper p = 0.025');
    expect(r.stdout).toContain('paper p = 0.012');
  });

  test('--out writes analysis.json and Figures 5 and 6 as SVG and PNG', async () => {
    const dir = tmp();
    const r = await runCli(['analyze', '--out', dir]);
    expect(r.code).toBe(0);
    for (const f of [
      'analysis.json',
      'fig5-alpha.svg',
      'fig5-alpha.png',
      'fig6-pvalues.svg',
      'fig6-pvalues.png',
    ]) {
      expect(existsSync(join(dir, f))).toBe(true);
    }
    expect(readFileSync(join(dir, 'fig5-alpha.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  const base = JSON.parse(readFileSync(shippedDatasetPath('coherent-csi-2017'), 'utf8')) as {
    bins: Record<string, unknown>[];
  } & Record<string, unknown>;
  const mutate = (f: (d: typeof base) => void) => {
    const d = structuredClone(base);
    f(d);
    const dir = tmp();
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(d));
    return { path, dir };
  };

  test.each([
    ['negative count', (d: typeof base) => (d.bins[3]!.nOff = -2), /bins\[3\]\.nOff/],
    ['missing field', (d: typeof base) => delete d.bins[1]!.nOn, /bins\[1\]\.nOn/],
    ['τ ≤ 0', (d: typeof base) => (d.bins[2]!.tau = 0), /bins\[2\]\.tau/],
    [
      'q² edges out of order',
      (d: typeof base) => ((d.bins[4]!.q2LoMeV2 = 5000), (d.bins[4]!.q2HiMeV2 = 4000)),
      /bins\[4\]/,
    ],
    ['NaN (null in JSON)', (d: typeof base) => (d.bins[0]!.sCoh = null), /bins\[0\]\.sCoh/],
    [
      'wrong unit',
      (d: typeof base) => ((d.observable as { unit: string }).unit = 'furlong'),
      /observable\.unit/,
    ],
  ])(
    'bad dataset (%s): exit 2, one line naming field and bin, nothing written',
    async (_name, f, pattern) => {
      const { path, dir } = mutate(f);
      const out = join(dir, 'out');
      const r = await runCli(['analyze', path, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(existsSync(out)).toBe(false);
    },
  );

  test('unknown option value and missing file exit 2 with one line', async () => {
    const a = await runCli(['analyze', '--systematics', 'maybe']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--systematics/);
    const b = await runCli(['analyze', '/nonexistent/data.json']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('coherency alpha and table', () => {
  test('alpha at the WIMP point Xe 35 keV_nr gives α ≈ 0.14 (paper Appendix A)', async () => {
    const r = await runCli(['alpha', '--target', 'Xe', '--t-kev', '35', '--json']);
    expect(r.code).toBe(0);
    const alpha = (JSON.parse(r.stdout) as { rows: { alpha: number }[] }).rows[0]!.alpha;
    expect(Math.abs(alpha - 0.14)).toBeLessThanOrEqual(0.01);
  });
  test('alpha with both or neither of --q2/--t-kev, or an unknown target, exits 2', async () => {
    expect((await runCli(['alpha', '--target', 'Xe'])).code).toBe(2);
    expect((await runCli(['alpha', '--target', 'Xe', '--q2', '1', '--t-kev', '1'])).code).toBe(2);
    const r = await runCli(['alpha', '--target', 'Unobtainium', '--q2', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--target/);
  });
  test('table --json: 24 rows with the documented fields', async () => {
    const r = await runCli(['table', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(24);
    for (const k of ['target', 'source', 'thresholdKeV', 'meanAlpha', 'meanXi', 'rate', 'rateUnit', 'paper'])
      expect(rows[0]).toHaveProperty(k);
  });
});

describe('coherency analyze --toys', () => {
  test('toy-calibrated p-values and Feldman–Cousins intervals, reproducible from the seed', async () => {
    const args = ['analyze', '--json', '--toys', '2000', '--seed', '7', '--workers', '1'];
    const a = await runCli(args);
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout) as {
      calibration: { seed: string; nToys: number };
      bins: {
        alphaHat: number;
        alpha68: number[];
        alpha90: number[];
        pAlpha1: number;
        pAlpha1Method: { kind: string; nToys: number; seed: string; mcError: number };
        intervalMethod: { kind: string; toysPerPoint: number };
      }[];
    };
    expect(j.calibration).toMatchObject({ seed: '7', nToys: 2000 });
    // every toy p-value says so, with its N, seed and binomial MC error; intervals say Feldman–Cousins
    for (const b of j.bins) {
      expect(b.pAlpha1Method).toMatchObject({ kind: 'toys', nToys: 2000, seed: '7' });
      expect(b.pAlpha1Method.mcError).toBeCloseTo(Math.sqrt((b.pAlpha1 * (1 - b.pAlpha1)) / 2000), 12);
      expect(b.intervalMethod).toMatchObject({ kind: 'feldman-cousins', toysPerPoint: 2000 });
    }
    // Feldman–Cousins intervals contain the MLE and nest (68.27 % inside 90 %).
    for (const b of j.bins) {
      expect(b.alpha68[0]!).toBeLessThanOrEqual(b.alphaHat);
      expect(b.alpha68[1]!).toBeGreaterThanOrEqual(b.alphaHat);
      expect(b.alpha90[0]!).toBeLessThanOrEqual(b.alpha68[0]! + 1e-12);
      expect(b.alpha90[1]!).toBeGreaterThanOrEqual(b.alpha68[1]! - 1e-12);
    }
    const b = await runCli(args);
    expect(b.stdout).toBe(a.stdout);
  });
});
