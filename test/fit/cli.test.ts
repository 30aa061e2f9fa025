/**
 * `coherency fit`, run in-process through the CLI's main(): output layouts, files written only on success, exit 2 with one line for bad input,
 * and fits that cannot be trusted saying so.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli/run.js';
import type { FitSummary } from '../../src/fit/index.js';

const runFit = (args: readonly string[]) => runCli(['fit', ...args]);

describe('coherency fit', () => {
  test('CsI, helm-rn, --json: a trusted fit with covariance and profile errors of Rn', async () => {
    const r = await runFit(['coherent-csi-2017', '--model', 'helm-rn', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as FitSummary & { model: { name: string } };
    expect(j.model.name).toBe('helm-rn');
    expect(j.trusted).toBe(true);
    const rn = j.parameters.find((p) => p.name === 'Rn')!;
    expect(rn.error).toBeGreaterThan(0);
    expect(rn.profile!.lowerOpen || rn.profile!.upperOpen).toBe(false);
    expect(j.correlation!.order).toContain('Rn');
    expect(j.pValue).toBeGreaterThan(0);
  });

  test('human output of a fit the data cannot bound says so (Ar alone, r0 at its limit)', async () => {
    const r = await runFit(['coherent-ar-2020-1d', '--model', 'helm-r0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT TRUSTED');
    expect(r.stdout).toContain('AT LIMIT');
    expect(r.stdout).toMatch(/warning: .*r0/);
  });

  test('--out writes fit.json and the two plots; a failing command writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'coherency-fit-')), 'out');
    const r = await runFit([
      'coherent-csi-2017',
      'coherent-ar-2020-1d',
      '--model',
      'helm-r0',
      '--free',
      'r0',
      '--out',
      dir,
    ]);
    expect(r.code).toBe(0);
    for (const f of ['fit.json', 'fit-xi.svg', 'fit-xi.png', 'fit-profiles.svg', 'fit-profiles.png']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const j = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8')) as FitSummary;
    expect(j.datasets.map((d) => d.id)).toEqual(['coherent-csi-2017', 'coherent-ar-2020-1d']);
    const dir2 = join(mkdtempSync(join(tmpdir(), 'coherency-fit-')), 'out');
    const bad = await runFit(['coherent-csi-2017', '--model', 'helm-r0', '--free', 'Rn', '--out', dir2]);
    expect(bad.code).toBe(2);
    expect(existsSync(dir2)).toBe(false);
  });

  test.each([
    [['coherent-csi-2017', '--model', 'nope'], /unknown model "nope"/],
    [
      ['coherent-csi-2017', '--model', 'helm-rn', '--free', 'R'],
      /--free: model helm-rn has no parameter "R"/,
    ],
    [['coherent-csi-2017', '--model', 'helm', '--set', 's=x'], /--set/],
    [['missing.json', '--model', 'helm'], /no such file/],
  ])('bad input %j: exit 2 with one line', async (args, message) => {
    const r = await runFit(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
