/**
 * `coherency toys`, `coherency coverage` and `coherency merge` end to end (in-process, small toy
 * counts): a single run and merged shards write the same result bytes; bad input is one line and
 * exit code 2.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli/run.js';
import { validXiDataset } from '../data/datasetTestKit.js';
import { twoBandTemplate } from './twoBandTemplate.js';
import { ANCHOR_DIR, describeWithAnchors } from '../likelihood/histfactory/anchorData.js';

const cli = runCli;

const tmp = () => mkdtempSync(join(tmpdir(), 'coherency-toys-'));
const small = [
  '--n',
  '2000',
  '--fc-toys',
  '200',
  '--alpha-step',
  '0.25',
  '--combined-toys',
  '100',
  '--seed',
  '11',
  '--workers',
  '1',
];

describe('coherency toys / merge', () => {
  test('CsI fixture: tables on stdout, result files in --out; merged shards give the same toys.json', async () => {
    const dir = tmp();
    const single = await cli([
      'toys',
      'coherent-csi-2017',
      ...small,
      '--bins',
      '0,6',
      '--out',
      join(dir, 'one'),
    ]);
    expect(single.code, single.stderr).toBe(0);
    expect(single.stdout).toMatch(/p\(α=1\) toys/);
    expect(single.stdout).toMatch(/FC 68\.27 %/);
    expect(single.stdout).toMatch(/most significant bin/);
    for (const f of ['toys.json', 'toys.csv', 'toys.md', 'toys-intervals.svg', 'toys-intervals.png']) {
      expect(existsSync(join(dir, 'one', f)), f).toBe(true);
    }
    expect(existsSync(join(dir, 'one', '.chunks'))).toBe(false); // resume files removed after success
    // Issue 14: FC and asymptotic bars of a bin sit at the SAME q² (the bin's), told apart by a fixed
    // pixel offset, not by a shift in q² that, with few bins, read as another bin.
    const spec = JSON.parse(readFileSync(join(dir, 'one', 'toys-intervals.vl.json'), 'utf8'));
    for (const panel of spec.concat) {
      const rules = panel.layer.filter((l: { mark: { type: string } }) => l.mark.type === 'rule');
      // The interval bars (the legend's symbols are rules too, in pixel coordinates without x.field).
      const bars = rules.filter(
        (l: { encoding: { x?: { field?: string }; y2?: unknown } }) =>
          l.encoding.y2 !== undefined && l.encoding.x?.field === 'x',
      );
      expect(bars.map((l: { mark: { xOffset?: number } }) => l.mark.xOffset)).toEqual([-4, 4]);
      const xs = bars.map((l: { data: { values: { x: number }[] } }) => l.data.values.map((v) => v.x));
      expect(xs[0]).toEqual(xs[1]);
    }

    const shards: string[] = [];
    for (const k of [1, 2]) {
      const r = await cli([
        'toys',
        ...small,
        '--bins',
        '0,6',
        '--shard',
        `${k}/2`,
        '--out',
        join(dir, `s${k}`),
      ]);
      expect(r.code, r.stderr).toBe(0);
      shards.push(join(dir, `s${k}`, `shard-${k}-of-2.json`));
    }
    const merged = join(dir, 'merged.json');
    const m = await cli(['merge', ...shards, '--out', merged, '--quiet']);
    expect(m.code, m.stderr).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(join(dir, 'one', 'toys.json'), 'utf8'));

    const partial = await cli(['merge', shards[0]!, '--out', join(dir, 'p.json')]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/^coherency: error: merge: \d+ of \d+ units missing/);
    expect(existsSync(join(dir, 'p.json'))).toBe(false);
  });

  test('bad options: one line, exit code 2', async () => {
    const step = await cli(['toys', '--alpha-step', '0.3']);
    expect(step.code).toBe(2);
    expect(step.stderr).toMatch(/--alpha-step "0\.3": expected 1\/n/);
    const shard = await cli(['toys', '--shard', '3/2', '--out', tmp()]);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/--shard "3\/2": expected k\/n/);
    const bin = await cli(['toys', ...small, '--bins', '40']);
    expect(bin.code).toBe(2);
    expect(bin.stderr).toMatch(/bins: 40 is not an informative bin/);
    const analysis = await cli(['toys', 'coherent-csi-2021', '--analyses', 'band9']);
    expect(analysis.code).toBe(2);
    expect(analysis.stderr).toMatch(
      /--analyses: coherent-csi-2021 has no analysis "band9"; expected some of combined, band0, band1, band2, band3, band4, band5/,
    );
  });
});

describeWithAnchors('coherency toys --analyses', () => {
  test('one analysis of a template dataset: the same numbers as in the full job (streams named by key)', async () => {
    const dir = tmp();
    const file = join(dir, 'two-band.json');
    writeFileSync(file, JSON.stringify(twoBandTemplate()));
    const opts = ['--n', '200', '--fc-toys', '40', '--alpha-step', '0.25', '--workers', '1', '--json'];
    const all = await cli(['toys', file, ...opts]);
    const one = await cli(['toys', file, ...opts, '--analyses', 'band1']);
    expect([all.code, one.code]).toEqual([0, 0]);
    const a = JSON.parse(all.stdout).analyses as { key: string }[];
    const b = JSON.parse(one.stdout).analyses as { key: string }[];
    expect(b.map((x) => x.key)).toEqual(['band1']);
    expect(b[0]).toEqual(a.find((x) => x.key === 'band1'));
  });
});

describe('coherency coverage', () => {
  test('one bin, coarse: table, JSON and plot; FC coverage reported per α and CL', async () => {
    const dir = tmp();
    const r = await cli([
      'coverage',
      '--bins',
      '6',
      '--alpha-step',
      '0.5',
      '--experiments',
      '60',
      '--inner-toys',
      '100',
      '--seed',
      '3',
      '--workers',
      '1',
      '--out',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Feldman–Cousins 68\.27 %/);
    const j = JSON.parse(readFileSync(join(dir, 'coverage.json'), 'utf8')) as { points: { poi: number }[] };
    expect(new Set(j.points.map((p) => p.poi))).toEqual(new Set([0, 0.5, 1]));
    expect(existsSync(join(dir, 'coverage.png'))).toBe(true);
  });
});

describeWithAnchors('coherency toys / coverage on a pyhf workspace file and a ξ dataset', () => {
  const twoBand = join(ANCHOR_DIR, 'two_band.workspace.json');
  const quick = ['--n', '200', '--fc-toys', '40', '--alpha-step', '0.25', '--seed', '2', '--workers', '1'];

  test('--measurement, --limit upper --cls: tests, FC intervals, CLs limits, files', async () => {
    const dir = tmp();
    const r = await cli([
      'toys',
      twoBand,
      '--measurement',
      'alpha1_measurement',
      ...quick,
      '--limit',
      'upper',
      '--cls',
      '--out',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/alpha1 \(measurement alpha1_measurement\)/);
    expect(r.stdout).toMatch(/Feldman–Cousins intervals/);
    expect(r.stdout).toMatch(/alpha1 < x at 90\.00 % \(CLs\)/);
    for (const f of ['toys.json', 'toys-analyses.csv', 'toys-analyses.svg', 'toys-limit-poi-alpha1.svg']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const j = JSON.parse(readFileSync(join(dir, 'toys.json'), 'utf8')) as {
      analyses: { poi: string; limit: { method: string } }[];
      bins: unknown[];
    };
    expect(j.bins).toEqual([]);
    expect(j.analyses[0]!.poi).toBe('alpha1');
    expect(j.analyses[0]!.limit.method).toBe('CLs');
  });

  test('--poi alpha0,alpha1: a 2-D region with its grid and plot', async () => {
    const dir = tmp();
    const r = await cli([
      'toys',
      twoBand,
      '--poi',
      'alpha0,alpha1',
      '--region-step',
      '0.5',
      ...quick,
      '--out',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2-D Feldman–Cousins region/);
    expect(existsSync(join(dir, 'toys-region-region-alpha0-alpha1.svg'))).toBe(true);
  });

  test('coverage of a workspace POI at --truth values', async () => {
    const r = await cli([
      'coverage',
      twoBand,
      '--truth',
      '0.5,1',
      '--experiments',
      '10',
      '--inner-toys',
      '20',
      '--seed',
      '4',
      '--workers',
      '1',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      analyses: { truth: number[]; method: string; coverage: { n: number } }[];
    };
    expect(new Set(j.analyses.map((p) => p.truth[0]))).toEqual(new Set([0.5, 1]));
    expect(j.analyses.find((p) => p.method === 'feldmanCousins')!.coverage.n).toBe(10);
    // --csv on a study without per-bin points: the analyses' table only (it used to fail with
    // "a table needs at least one column" after the whole run).
    const csv = await cli([
      'coverage',
      twoBand,
      '--truth',
      '1',
      '--experiments',
      '5',
      '--inner-toys',
      '10',
      '--workers',
      '1',
      '--csv',
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split(/\r?\n/)[0]).toBe(
      'analysis,truth,cl,method,coverage,mcError,covered,experiments,failed',
    );
  });

  test('a ξ ± σ dataset file: combined and per-bin analyses', async () => {
    const dir = tmp();
    const file = join(dir, 'xi.json');
    writeFileSync(file, JSON.stringify(validXiDataset()));
    const r = await cli(['toys', file, ...quick]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/combined α \(shared by every bin\)/);
    expect(r.stdout).toMatch(/bin 1 \(q² 2500–3000 MeV²\)/);
  });

  test('bad input: one line, exit code 2', async () => {
    const poi = await cli(['toys', twoBand, '--poi', 'nope', ...quick]);
    expect(poi.code).toBe(2);
    expect(poi.stderr).toMatch(/^coherency: error: POI "nope" is not a single-valued parameter/);
    expect(poi.stderr.trim().split('\n')).toHaveLength(1);
    const cls = await cli(['toys', twoBand, '--cls', ...quick]);
    expect(cls.code).toBe(2);
    expect(cls.stderr).toMatch(/--cls: needs --limit upper\|lower/);
    const onDataset = await cli(['toys', 'coherent-csi-2017', '--poi', 'alpha', ...quick]);
    expect(onDataset.code).toBe(2);
    expect(onDataset.stderr).toMatch(/--poi: applies to pyhf workspace files/);
    const limit = await cli(['toys', twoBand, '--limit', 'sideways', ...quick]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/--limit "sideways"/);
  });
});
