/**
 * `coherency toys`, `coherency coverage` and `coherency merge` end to end (in-process, small toy
 * counts): a single run and merged shards write the same result bytes; bad input is one line and
 * exit code 2.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli/run.js';

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
