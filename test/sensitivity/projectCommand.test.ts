/**
 * `coherency project` as a command module (registered on a fresh commander Program, as main.ts will):
 * bad input is one typed error naming the field (the CLI maps it to exit code 2); good input prints the
 * table, the JSON, and writes all files or none.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EXIT_BAD_INPUT, reportError } from '../../src/cli/io.js';
import { registerProject } from '../../src/cli/commands/project.js';
import { SpecError } from '../../src/errors.js';
import { presetSetupJson } from '../../src/sensitivity/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'coherency-project-'));

/** Run `project ...`; returns stdout and the thrown error, if any. */
async function run(args: string[]): Promise<{ stdout: string; error: unknown }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const p = new Command();
  p.exitOverride();
  registerProject(p);
  try {
    await p.parseAsync(['project', ...args], { from: 'user' });
    return { stdout, error: undefined };
  } catch (error) {
    return { stdout, error };
  } finally {
    spy.mockRestore();
  }
}

/** The error of a run, checked to be a one-line SpecError that the CLI maps to exit code 2. */
function userError(error: unknown): SpecError {
  expect(error).toBeInstanceOf(SpecError);
  const e = error as SpecError;
  expect(e.message).not.toMatch(/\n/);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(reportError(e)).toBe(EXIT_BAD_INPUT);
  } finally {
    spy.mockRestore();
  }
  return e;
}

function setupFile(dir: string, change: Record<string, unknown>): string {
  const path = join(dir, 'setup.json');
  writeFileSync(path, JSON.stringify({ ...presetSetupJson('ge-reactor'), ...change }));
  return path;
}

afterEach(() => vi.restoreAllMocks());

describe('coherency project: bad input → one line naming the field, exit code 2', () => {
  test.each([
    ['negative mass', { mass: { value: -2, unit: 'kg' } }, /setup\.json: mass\.value: -2 kg is not positive/],
    [
      'threshold above the end point',
      { threshold: '5 keVee' },
      /setup\.json: threshold: 5 keVee .*above the kinematic end point/,
    ],
    ['unknown target', { target: { name: 'Kr' } }, /setup\.json: target\.name: unknown target "Kr"/],
    ['missing unit', { liveTime: 365 }, /setup\.json: liveTime: 365 has no unit \(missing unit\)/],
  ])('%s', async (_what, change, message) => {
    const r = await run(['--setup', setupFile(tmp(), change)]);
    expect(userError(r.error).message).toMatch(message);
  });

  test('unknown preset / missing file; invalid JSON', async () => {
    expect(userError((await run(['--setup', 'no-such-preset'])).error).message).toMatch(
      /--setup "no-such-preset": not a preset \(ge-reactor, xe-solar, csi-dar, ar-dar\) and no such file/,
    );
    const path = join(tmp(), 'broken.json');
    writeFileSync(path, '{"mass": ');
    expect(userError((await run(['--setup', path])).error).message).toMatch(/broken\.json": not valid JSON/);
  });

  test('bad options name the option', async () => {
    expect(userError((await run(['--setup', 'ge-reactor', '--exposure', '10'])).error).message).toMatch(
      /--exposure "10": expected an exposure like "10 kg·yr"/,
    );
    expect(userError((await run(['--setup', 'ge-reactor', '--test-alpha', '2'])).error).message).toMatch(
      /--test-alpha/,
    );
    expect(userError((await run(['--setup', 'ge-reactor', '--model', 'lorentz'])).error).message).toMatch(
      /--model "lorentz": expected helm or alpha=<value in \[0, 1\]>/,
    );
  });

  test('a failing run writes nothing to --out', async () => {
    const out = join(tmp(), 'out');
    const r = await run(['--setup', setupFile(tmp(), { mass: '-1 kg' }), '--out', out]);
    userError(r.error);
    expect(existsSync(out)).toBe(false);
  });
});

describe('coherency project: output', () => {
  test('ge-reactor: the human table with the Eq. 10 coverage and the two exclusion tests', async () => {
    const r = await run(['--setup', 'ge-reactor']);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toMatch(
      /kinematic window \(T_min = 0\): T ∈ \[0, 1\.97\] keVnr, q² ∈ \[0, 256\] MeV², α ∈ \[0\.966, 1\.000\]/,
    );
    expect(r.stdout).toMatch(/exclude α = 1: median Z = /);
    expect(r.stdout).toMatch(/exclude α = 0: median Z = /);
  });

  test('--json with --exposure, --test-alpha and --toys; --out writes the JSON, CSV and figures', async () => {
    const out = join(tmp(), 'out');
    const r = await run([
      '--setup',
      'csi-dar',
      '--exposure',
      '20 kg·yr',
      '--test-alpha',
      '0.8',
      '--toys',
      '100',
      '--scan',
      'exposure',
      '--scan-points',
      '5',
      '--json',
      '--out',
      out,
    ]);
    expect(r.error).toBeUndefined();
    const j = JSON.parse(r.stdout) as {
      exposureKgDay: number;
      tests: { kind: string; toys?: { nToys: number } }[];
      scan: { points: unknown[] };
      setupInput: { name: string };
    };
    expect(j.setupInput.name).toBe('csi-dar');
    expect(j.exposureKgDay).toBeCloseTo(20 * 365.25, 6);
    expect(j.tests.map((t) => t.kind)).toEqual(['exclude-1', 'exclude-0', 'two-sided']);
    expect(j.tests[0]!.toys!.nToys).toBe(100);
    expect(j.scan.points).toHaveLength(5);
    const files = readdirSync(out).sort();
    for (const f of [
      'projection.json',
      'counts.csv',
      'rates.svg',
      'rates.png',
      'counts.svg',
      'sensitivity-vs-exposure.png',
    ]) {
      expect(files).toContain(f);
    }
    expect(readFileSync(join(out, 'counts.csv'), 'utf8').split('\n')[0]).toMatch(/^bin,E_lo \[keVee\]/);
  });

  test('--model alpha=1 makes the expected counts the α = 1 counts', async () => {
    const r = await run(['--setup', 'ar-dar', '--model', 'alpha=1', '--json']);
    const j = JSON.parse(r.stdout) as { expected: { totals: { signal1: number; signalModel: number } } };
    expect(j.expected.totals.signalModel).toBeCloseTo(j.expected.totals.signal1, 9);
  });
});
