/**
 * `coherency fit`, run in-process on a program holding only this command (the lead wires it into
 * src/cli/main.ts): output layouts, files written only on success, exit 2 with one line for bad input,
 * and fits that cannot be trusted saying so.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, test, vi } from 'vitest';
import { registerFit } from '../../src/cli/commands/fit.js';
import { EXIT_BAD_INPUT, reportError } from '../../src/cli/io.js';
import type { FitSummary } from '../../src/fit/index.js';

async function runFit(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    const program = new Command()
      .exitOverride()
      .configureOutput({ writeErr: (s) => process.stderr.write(s) });
    registerFit(program);
    await program.parseAsync(['fit', ...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const code = e instanceof CommanderError ? (e.exitCode === 0 ? 0 : EXIT_BAD_INPUT) : reportError(e);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

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
    const r = await runFit(['coherent-ar-2020', '--model', 'helm-r0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT TRUSTED');
    expect(r.stdout).toContain('AT LIMIT');
    expect(r.stdout).toMatch(/warning: .*r0/);
  });

  test('--out writes fit.json and the two plots; a failing command writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'coherency-fit-')), 'out');
    const r = await runFit([
      'coherent-csi-2017',
      'coherent-ar-2020',
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
    expect(j.datasets.map((d) => d.id)).toEqual(['coherent-csi-2017', 'coherent-ar-2020']);
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
