/**
 * The bad-input corpus of issue 14 (cases in badInputs/cases.ts), run through the in-process CLI: each
 * case exits 2 with exactly one line on stderr naming the problem, no stack trace, nothing on stdout,
 * nothing written under its --out path and no temporary file left anywhere in the workspace. The few
 * failure modes that need a real process (a closed pipe, Ctrl-C) run as child processes below.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BAD_CASES } from './badInputs/cases.js';
import { makeWorkspace, type Workspace } from './badInputs/workspace.js';
import { runCli } from './run.js';

/** Every path under `root` (relative), or null if it does not exist. */
function listing(root: string): string[] | null {
  if (!existsSync(root)) return null;
  if (!statSync(root).isDirectory()) return [`<file ${statSync(root).size} bytes>`];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      out.push(relative(root, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out.sort();
}

/** Temporaries (`name.tmp-<pid>…`) left anywhere under `root`. */
const temporaries = (root: string): string[] => (listing(root) ?? []).filter((p) => /\.tmp-\d+/.test(p));

describe('bad inputs (issue 14 corpus): exit 2, one line, nothing written', () => {
  let w: Workspace;
  beforeAll(async () => {
    w = await makeWorkspace();
  });

  test('the corpus has at least 100 cases over all ten commands, with unique names', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(BAD_CASES.map((c) => c.name)).size).toBe(BAD_CASES.length);
  });

  test.each(BAD_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const args = c.args(w);
    const out = c.out?.(w);
    const before = out === undefined ? undefined : listing(out);
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^coherency: [^\n]+\n$/); // exactly one line
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack frame
    expect(r.stderr).toMatch(c.error);
    expect(r.stdout).toBe('');
    if (out !== undefined) expect(listing(out)).toEqual(before);
    expect(temporaries(w.root)).toEqual([]);
  });

  test('every command appears in the corpus', () => {
    const commands = [
      'analyze',
      'alpha',
      'table',
      'figures',
      'toys',
      'coverage',
      'merge',
      'project',
      'export-pyhf',
      'fit',
    ];
    const first = (c: (typeof BAD_CASES)[number]) => c.args(w)[0];
    for (const cmd of commands)
      expect(
        BAD_CASES.some((c) => first(c) === cmd),
        cmd,
      ).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Child processes: what only a real process shows.

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: readonly string[], opts: { closeStdout?: boolean } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  });
  let stdout = '';
  let stderr = '';
  if (opts.closeStdout) child.stdout.destroy();
  else child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<Finished>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('child processes: closed pipes and Ctrl-C', () => {
  let w: Workspace;
  beforeAll(async () => {
    w = await makeWorkspace();
  });

  // Issue item 5: `coherency table | head -1` ended in an EPIPE stack trace. The reader closing first
  // is made certain by closing our end of the pipe before the child writes anything.
  test.each([['table'], ['alpha', '--target', 'CsI', '--q2', '3000']])(
    'a closed stdout ends `%s` quietly (exit 0, nothing on stderr)',
    async (...args) => {
      const r = await start(args, { closeStdout: true }).done;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    },
  );

  test('Ctrl-C during a toy run: exit 130, one line, finished units kept for resume, nothing half-written', async () => {
    const out = w.fresh('sigint-toys');
    const run = start([
      'toys',
      ...['--n', '20000000', '--fc-toys', '20', '--alpha-step', '0.5', '--combined-toys', '0', '--bins', '0'],
      ...['--workers', '1', '--out', out],
    ]);
    // Wait for the first finished unit on disk, then interrupt.
    const units = () => (listing(out) ?? []).filter((p) => /unit-\d+\.json$/.test(p));
    for (let i = 0; i < 600 && units().length === 0; i++) await sleep(50);
    expect(units().length).toBeGreaterThan(0);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/coherency: interrupted after \d+ of \d+ units: finished units are kept/);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    expect(existsSync(join(out, 'toys.json'))).toBe(false);
    expect(units().length).toBeGreaterThan(0);
    expect(temporaries(out)).toEqual([]);
  });

  test('Ctrl-C during a long synchronous analysis ends the process at once, writing nothing', async () => {
    // 1200 bins: several seconds of fitting before anything is printed or written.
    const many = w.dataset('many-bins.json', (d) => {
      const bins = d.bins;
      d.bins = Array.from({ length: 1200 }, (_, i) => {
        const b = structuredClone(bins[i % bins.length]!) as Record<string, unknown> & {
          nuclei: Record<string, number>[];
        };
        const shift = Math.floor(i / bins.length) * 1e6;
        for (const k of ['observableLo', 'observableHi', 'tLoKeV', 'tHiKeV', 'q2LoMeV2', 'q2HiMeV2'])
          b[k] = (b[k] as number) + shift;
        for (const n of b.nuclei) {
          n.q2LoMeV2! += shift;
          n.q2HiMeV2! += shift;
          if (n.q2MeanMeV2 !== undefined) n.q2MeanMeV2 += shift;
        }
        return b;
      });
    });
    const out = w.fresh('sigint-analyze');
    const run = start(['analyze', many, '--out', out]);
    await sleep(2500);
    const sent = performance.now();
    run.child.kill('SIGINT');
    const r = await run.done;
    // No handler is installed outside toy runs: the default action ends the process immediately.
    expect(performance.now() - sent).toBeLessThan(5000);
    expect(r.signal === 'SIGINT' || r.code === 130).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
