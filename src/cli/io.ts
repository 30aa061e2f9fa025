/**
 * The CLI's only contact with the outside world: stdout/stderr, files, exit codes.
 * Files are written only when the whole command has succeeded, atomically (outputFiles.ts), so an
 * interrupted or failed command never leaves a half-written output behind.
 */
import { join } from 'node:path';
// The file-error helpers alone, not data/index.js: io.ts is in every command's start-up path.
import { describeFsError, isFsError } from '../fsErrors.js';
import { ToolkitError } from '../errors.js';
import type { TopLevelSpec } from '../report/index.js';
import { checkOutputDir, writeFilesAtomic } from './outputFiles.js';

export { checkOutputDir, checkOutputFile, writeFileAtomic } from './outputFiles.js';

export const EXIT_OK = 0;
export const EXIT_BUG = 1;
export const EXIT_BAD_INPUT = 2;
/** 128 + SIGINT, the shell convention for a run stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** Environment variable that makes internal errors print their stack trace. */
export const DEBUG_ENV = 'COHERENCY_DEBUG';

/**
 * Collect output files in memory and write them only when the whole command has succeeded
 * ("never a half-written output"): commands call `add` while computing and `commit` at the end.
 */
export class OutputSet {
  private readonly files: { path: string; content: string | Uint8Array }[] = [];
  constructor(
    readonly dir: string,
    readonly flag = '--out',
  ) {}
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
  /** Check the directory again (it may have changed while computing), then write every file. */
  commit(): string[] {
    checkOutputDir(this.dir, this.flag);
    return writeFilesAtomic(this.files, this.flag, this.dir);
  }
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** One line for stderr: newlines folded, so that a message never spans lines. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * One clear line for a user error, then exit 2. A file-system error that escaped a command's own
 * checks is an input or environment problem too (exit 2, one line). Anything else is a bug: one line
 * and exit 1, with the stack trace only when COHERENCY_DEBUG is set.
 */
export function reportError(err: unknown): number {
  if (err instanceof ToolkitError) {
    // Every ToolkitError message names its field (and bin/file) itself; the path is for programs.
    if (err.code === 'interrupted') {
      process.stderr.write(`coherency: ${oneLine(err.message)}\n`);
      return EXIT_INTERRUPTED;
    }
    process.stderr.write(`coherency: error: ${oneLine(err.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (isFsError(err)) {
    const where = err.path === undefined ? '' : ` ${JSON.stringify(err.path)}`;
    process.stderr.write(`coherency: error: ${err.syscall ?? 'file'}${where}: ${describeFsError(err)}\n`);
    return EXIT_BAD_INPUT;
  }
  const debug = process.env[DEBUG_ENV] !== undefined && process.env[DEBUG_ENV] !== '';
  const text = err instanceof Error ? (debug ? (err.stack ?? err.message) : err.message) : String(err);
  process.stderr.write(
    `coherency: internal error (please report): ${debug ? text : oneLine(text)}${debug ? '' : ` (set ${DEBUG_ENV}=1 for the stack trace)`}\n`,
  );
  return EXIT_BUG;
}

/**
 * End quietly when the reader of stdout or stderr goes away (`coherency table | head -1`), as Unix
 * tools do: an EPIPE is not an error of the command. Exit status 0: what the reader wanted it got.
 */
export function installPipeGuards(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      process.exit(err.code === 'EPIPE' ? EXIT_OK : EXIT_BUG);
    });
  }
}
