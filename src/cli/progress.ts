/**
 * A progress bar for long synchronous computations that are not toy runs (e.g. `analyze` on thousands
 * of bins): on a terminal (not in CI logs), shown only once the work has run for `delayMs`, so quick
 * runs print nothing. Updates render synchronously (the work does not yield to the event loop).
 */
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';

type SingleBar = CliProgress.SingleBar;
/** cli-progress is CommonJS: required synchronously, and only when a bar is shown (start-up cost). */
const requireCjs = createRequire(import.meta.url);

export interface ProgressReporter {
  (done: number, total: number): void;
  /** Remove the bar (call when the work is finished or failed). */
  stop(): void;
}

export function progressReporter(label: string, delayMs = 1000): ProgressReporter {
  const enabled = process.stderr.isTTY === true && !process.env.CI;
  const start = Date.now();
  let bar: SingleBar | undefined;
  let latest: [number, number] = [0, 1];
  const report = ((done: number, total: number) => {
    latest = [done, total];
    if (!enabled) return;
    if (bar) {
      bar.setTotal(total);
      bar.update(done);
      return;
    }
    if (Date.now() - start < delayMs) return;
    const cliProgress = requireCjs('cli-progress') as typeof CliProgress;
    bar = new cliProgress.SingleBar(
      {
        format: `${label} |{bar}| {percentage}% | {value}/{total} | ETA {eta_formatted}`,
        stream: process.stderr,
        fps: 5,
        hideCursor: true,
        clearOnComplete: true,
        synchronousUpdate: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(latest[1], latest[0]);
  }) as ProgressReporter;
  report.stop = () => bar?.stop();
  return report;
}
