/**
 * What the CLI writes (issue 14, items 8, 14, 16, 17 and the I/O layer): numeric CSV with units in the
 * header, --json on every command, goodness of fit and warnings for absurd data, χ̄² p-values for more
 * than 2000 bins, worker caps, atomic group writes that clean up after themselves.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFilesAtomic } from '../../src/cli/outputFiles.js';
import { shippedDatasetPath } from '../../src/data/index.js';
import { SpecError } from '../../src/errors.js';
import { validXiDataset } from '../data/datasetTestKit.js';
import { runCli } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'coherency-out-'));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The CsI fixture after `mutate`, written to a temporary file. */
function csi(mutate: (d: Json) => void): string {
  const d = JSON.parse(readFileSync(shippedDatasetPath('coherent-csi-2017'), 'utf8')) as Json;
  mutate(d);
  const path = join(tmp(), 'ds.json');
  writeFileSync(path, JSON.stringify(d));
  return path;
}

describe('analyze output (items 14, 16)', () => {
  test('--csv: one number per cell, units in the header, no ranges or "±" in a cell', async () => {
    const r = await runCli(['analyze', '--csv']);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toContain('q2_lo [MeV2]');
    expect(header).toContain('n_on [events]');
    expect(header).toContain('xi_hat,xi_sigma');
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      for (const cell of row.split(',')) {
        if (cell !== '') expect(Number.isFinite(Number(cell)), `cell "${cell}"`).toBe(true);
      }
    }
  });

  test('--json: goodness of fit of the CsI fixture (one α: 11 dof) and no warning', async () => {
    const j = JSON.parse((await runCli(['analyze', '--json'])).stdout) as Json;
    expect(j.goodnessOfFit.oneAlpha.dof).toBe(11);
    expect(j.goodnessOfFit.oneAlpha.pValue).toBeGreaterThan(0.05);
    expect(j.goodnessOfFit.bins).toHaveLength(12);
    expect(j.warnings).toEqual([]);
    expect(j.combined.intervalMethod).toMatch(/asymptotic/);
  });

  test.each([
    // 9×10⁷ events on a 34-event signal: no α describes bin 2, and the fit of one α fails.
    [
      'a 9×10⁷-event excess',
      (d: Json) => (d.bins[2].nOn = 9e7),
      /bin 2 .*no α in \[0, 1\] describes the data/,
    ],
    // n_off = n_on = 10¹⁵: the background uncertainty swamps the signal.
    [
      'n_off = 10¹⁵',
      (d: Json) => ((d.bins[4].nOff = 1e15), (d.bins[4].nOn = 1e15)),
      /bin 4 .*no sensitivity to α — σ\(ξ̂\) = .* exceeds the whole lever arm/,
    ],
    [
      's_coh 10⁴ times too small',
      (d: Json) => {
        const b = d.bins[5];
        b.sCoh *= 1e-4;
        if (b.sHelm !== undefined) b.sHelm *= 1e-4;
        for (const n of b.nuclei) {
          n.sCoh *= 1e-4;
          if (n.sHelm !== undefined) n.sHelm *= 1e-4;
        }
      },
      /bin 5 .*no sensitivity to α/,
    ],
  ])('absurd data (%s): exit 0 with a warning in the report and the JSON', async (_n, mutate, warning) => {
    const path = csi(mutate);
    const human = await runCli(['analyze', path]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`warning: ${warning.source}`));
    const j = JSON.parse((await runCli(['analyze', path, '--json'])).stdout) as Json;
    expect((j.warnings as string[]).some((w) => warning.test(w))).toBe(true);
  });

  test('s_coh 10⁴ times too small in EVERY bin: the combined line and the every-bin tests are flagged', async () => {
    // The reviewer's case (issue 14 #14): every bin has σ(α̂_i) in the thousands, yet the asymptotic
    // combined p(α=0) comes out ~1e-5. Nothing about α may be printed without the warning beside it.
    const path = csi((d) => {
      for (const b of d.bins) {
        b.sCoh *= 1e-4;
        if (b.sHelm !== undefined) b.sHelm *= 1e-4;
        for (const n of b.nuclei) {
          n.sCoh *= 1e-4;
          if (n.sHelm !== undefined) n.sHelm *= 1e-4;
        }
      }
    });
    const human = await runCli(['analyze', path]);
    expect(human.code).toBe(0);
    const lines = human.stdout.split('\n');
    const flagged = /\[NO SENSITIVITY TO α: driven by bins without sensitivity, see the warning\]$/;
    expect(lines.find((l) => l.startsWith('Combined, one α for all bins'))).toMatch(flagged);
    expect(lines.filter((l) => /^"α = [01] in every bin"/.test(l) && flagged.test(l))).toHaveLength(2);
    const combinedWarning =
      /^combined fit and "α = 1\/0 in every bin" tests: no sensitivity to α — the 12 bins together give σ\(α̂\) ≥ \d+/;
    expect(human.stdout).toMatch(new RegExp(`warning: ${combinedWarning.source.slice(1)}`));
    const j = JSON.parse((await runCli(['analyze', path, '--json'])).stdout) as Json;
    expect(j.goodnessOfFit.sensitivity.combinedInsensitive).toBe(true);
    expect(j.goodnessOfFit.sensitivity.insensitiveBins).toHaveLength(12);
    expect(j.goodnessOfFit.sensitivity.sigmaAlpha).toBeGreaterThan(100);
    expect((j.warnings as string[]).some((w) => combinedWarning.test(w))).toBe(true);
  });

  test('some bins without sensitivity (Ar 1-D: bins 2–4): a note with their share, the combined line unflagged', async () => {
    const j = JSON.parse((await runCli(['analyze', 'coherent-ar-2020-1d', '--json'])).stdout) as Json;
    const s = j.goodnessOfFit.sensitivity;
    expect(s.combinedInsensitive).toBe(false);
    expect(s.insensitiveBins).toEqual([2, 3, 4]);
    // Share of Σ σ(α̂_i)⁻² recomputed from the per-bin σ(ξ̂)/lever arm in the JSON.
    const info = (j.goodnessOfFit.bins as Json[]).map((g) => g.sigmaOverLever ** -2);
    const share = [2, 3, 4].reduce((a, i) => a + info[i]!, 0) / info.reduce((a, b) => a + b, 0);
    expect(s.insensitiveShare).toBeCloseTo(share, 12);
    expect(s.sigmaAlpha).toBeCloseTo(info.reduce((a, b) => a + b, 0) ** -0.5, 12);
    expect(
      (j.warnings as string[]).some((w) =>
        w.startsWith('3 of 5 bins have no sensitivity to α (bins 2, 3, 4)'),
      ),
    ).toBe(true);
  });

  test('more than 2000 bins (item 8): the "every bin" p-values are probabilities, never NaN', async () => {
    // 2001 ξ ± σ bins (the Gaussian likelihood keeps this fast): ξ = 1 − 0.1·(i mod 3), σ = 0.2.
    const d = validXiDataset() as Json;
    const b0 = d.bins[0];
    d.bins = Array.from({ length: 2001 }, (_, i) => ({
      q2LoMeV2: 100 + 10 * i,
      q2HiMeV2: 110 + 10 * i,
      xi: 1 - 0.1 * (i % 3),
      sigma: 0.2,
    }));
    expect(b0).toBeDefined();
    const path = join(tmp(), 'xi2001.json');
    writeFileSync(path, JSON.stringify(d));
    const r = await runCli(['analyze', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    for (const g of [j.combined.allBinsAlpha1, j.combined.allBinsAlpha0]) {
      expect(g.dof).toBe(2001);
      expect(typeof g.pValue).toBe('number');
      expect(g.pValue >= 0 && g.pValue <= 1).toBe(true);
    }
    expect(j.goodnessOfFit.oneAlpha.dof).toBe(2000);
    expect(Number.isFinite(j.goodnessOfFit.oneAlpha.pValue)).toBe(true);
    expect(r.stdout).not.toMatch(/NaN/);
  });
});

describe('--json and --csv on every command (item 16)', () => {
  test('figures --json lists the files written', async () => {
    const dir = join(tmp(), 'figs');
    const r = await runCli(['figures', '--only', '3', '--format', 'svg', '--out', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.figures[0].number).toBe(3);
    expect(j.figures[0].files.map((f: string) => f.split('/').pop()).sort()).toEqual([
      'fig3.svg',
      'fig3.vl.json',
    ]);
  });

  test('export-pyhf --json names the workspaces and the parameter of interest', async () => {
    const dir = join(tmp(), 'pyhf');
    const j = JSON.parse((await runCli(['export-pyhf', '--out', dir, '--json'])).stdout) as Json;
    expect(j.poi).toEqual({ name: 'alpha', bounds: [0, 1] });
    expect(j.workspaces).toHaveLength(13);
    expect(j.workspaces.at(-1).bins).toHaveLength(12);
  });

  test('toys --csv and merge --json; --workers above the units of work is capped and said so', async () => {
    const dir = tmp();
    const small = [
      '--n',
      '200',
      '--fc-toys',
      '20',
      '--alpha-step',
      '0.5',
      '--combined-toys',
      '0',
      '--bins',
      '0',
    ];
    const csv = await runCli(['toys', ...small, '--csv', '--workers', '64']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^bin,label,alphaHat,q1,p1Asymptotic,p1Toys,p1ToysError/);
    expect(csv.stderr).toMatch(/^coherency: --workers 64: using 1 \(.*1 unit\(s\) of work\)$/m);
    const shards = [1, 2].map((k) => join(dir, `s${k}`));
    for (const [k, out] of shards.entries()) {
      expect(
        (await runCli(['toys', ...small, '--workers', '1', '--shard', `${k + 1}/2`, '--out', out])).code,
      ).toBe(0);
    }
    const merged = await runCli([
      'merge',
      ...shards.map((s, k) => join(s, `shard-${k + 1}-of-2.json`)),
      '--out',
      join(dir, 'merged.json'),
      '--json',
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8')));
  });
});

describe('setups with an atmospheric source (item 15)', () => {
  test('a Xe setup with the shipped atmospheric table projects', async () => {
    const setup = {
      $schemaVersion: '1.0.0',
      name: 'xe-atmospheric',
      target: { name: 'Xe-nat' },
      mass: '10 t',
      liveTime: '10 yr',
      source: { kind: 'atmospheric' },
      threshold: '1 keVnr',
      binning: { unit: 'keVnr', edges: [1, 5, 10, 20, 40] },
    };
    const path = join(tmp(), 'atm.json');
    writeFileSync(path, JSON.stringify(setup));
    const r = await runCli(['project', '--setup', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.setup.neutrinos).toMatch(/atmospheric/i);
    expect(j.expected.totals.signal1).toBeGreaterThan(0);
  });
});

describe('atomic group writes (outputFiles.ts)', () => {
  test('a failure in the middle leaves nothing: no file, no temporary, no created directory', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'blocker'), 'a file where a directory is needed');
    const files = [
      { path: join(dir, 'new', 'a.json'), content: 'a' },
      { path: join(dir, 'blocker', 'b.json'), content: 'b' },
    ];
    expect(() => writeFilesAtomic(files)).toThrow(SpecError);
    expect(existsSync(join(dir, 'new'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['blocker']);
  });

  test('an existing file is replaced whole; a directory in its place is refused before writing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.json'), 'old');
    mkdirSync(join(dir, 'taken.json'));
    expect(writeFilesAtomic([{ path: join(dir, 'x.json'), content: 'new' }])).toEqual([join(dir, 'x.json')]);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('new');
    expect(() =>
      writeFilesAtomic([
        { path: join(dir, 'y.json'), content: 'y' },
        { path: join(dir, 'taken.json'), content: 't' },
      ]),
    ).toThrow(/exists as a directory/);
    expect(readdirSync(dir).sort()).toEqual(['taken.json', 'x.json']);
  });
});
