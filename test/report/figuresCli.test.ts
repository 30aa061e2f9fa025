import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { registerFigures } from '../../src/cli/commands/figures.js';
import { SpecError } from '../../src/errors.js';

const OUT = fileURLToPath(new URL('../.output/report/figures-cli/', import.meta.url)); // git-ignored

/** Run `coherency figures …` in-process; returns what it printed on stdout. */
async function runFigures(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerFigures(program);
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['figures', ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return printed.join('');
}

afterEach(() => rmSync(OUT, { recursive: true, force: true }));

describe('coherency figures', () => {
  test('--only 3 --format svg writes fig3.svg and fig3.vl.json, and lists them', async () => {
    const dir = join(OUT, 'svg-only');
    const stdout = await runFigures(['--out', dir, '--only', '3', '--format', 'svg']);
    expect(readdirSync(dir).sort()).toEqual(['fig3.svg', 'fig3.vl.json']);
    expect(stdout).toContain(join(dir, 'fig3.svg'));
    expect(readFileSync(join(dir, 'fig3.svg'), 'utf8')).toContain('q² [MeV²]');
    const spec = JSON.parse(readFileSync(join(dir, 'fig3.vl.json'), 'utf8')) as { $schema: string };
    expect(spec.$schema).toMatch(/vega-lite/);
  });

  test.for([
    [['--only', '5'], /--only "5": expected a comma-separated list of figure numbers/],
    [['--format', 'gif'], /--format "gif": expected a comma-separated list of svg, png/],
    [['--spectra', '/nonexistent-dir'], /--spectra "\/nonexistent-dir": no such file or directory/],
  ] as const)('bad input %j is a SpecError and writes nothing', async ([args, message]) => {
    const dir = join(OUT, 'bad');
    const run = runFigures(['--out', dir, ...args]);
    await expect(run).rejects.toThrow(SpecError);
    await expect(runFigures(['--out', dir, ...args])).rejects.toThrow(message);
    expect(existsSync(dir)).toBe(false);
  });
});
