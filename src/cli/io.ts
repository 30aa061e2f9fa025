/**
 * The CLI's only contact with the outside world: stdout/stderr, files, exit codes.
 * Files are written atomically (temporary file + rename), so an interrupted or failed command never
 * leaves a half-written output behind.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ToolkitError } from '../errors.js';
import type { TopLevelSpec } from '../report/index.js';

export const EXIT_OK = 0;
export const EXIT_BUG = 1;
export const EXIT_BAD_INPUT = 2;
/** 128 + SIGINT, the shell convention for a run stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** Write a file atomically: `path.tmp-<pid>` then rename. Creates the parent directory. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/**
 * Collect output files in memory and write them only when the whole command has succeeded
 * ("never a half-written output"): commands call `add` while computing and `commit` at the end.
 */
export class OutputSet {
  private readonly files: { path: string; content: string | Uint8Array }[] = [];
  constructor(readonly dir: string) {}
  add(name: string, content: string | Uint8Array): void {
    this.files.push({ path: join(this.dir, name), content });
  }
  /** Render a Vega-Lite spec and add it as NAME.svg, NAME.png and NAME.vl.json. */
  async addFigure(name: string, spec: TopLevelSpec): Promise<void> {
    // Imported here, not at the top: every command imports this file, few of them draw (start-up, issue 13).
    const { renderVegaLite } = await import('../report/index.js');
    const r = await renderVegaLite(spec);
    this.add(`${name}.svg`, r.svg);
    this.add(`${name}.png`, r.png);
    this.add(`${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
  }
  commit(): string[] {
    for (const f of this.files) writeFileAtomic(f.path, f.content);
    return this.files.map((f) => f.path);
  }
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** One clear line for a user error, then exit 2; anything else is a bug (stack trace, exit 1). */
export function reportError(err: unknown): number {
  if (err instanceof ToolkitError) {
    // Every ToolkitError message names its field (and bin/file) itself; the path is for programs.
    if (err.code === 'interrupted') {
      process.stderr.write(`coherency: ${err.message}\n`);
      return EXIT_INTERRUPTED;
    }
    process.stderr.write(`coherency: error: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_BAD_INPUT;
  }
  process.stderr.write(
    `coherency: internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return EXIT_BUG;
}
