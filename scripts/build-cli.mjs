// Second step of `npm run build` (after tsc): bundle the CLI for a fast start, and write its help index.
//
// Why a bundle (issue 13): Node resolves, reads and compiles every ES module separately; the CLI's
// dependencies are about a thousand small modules (zod, commander and the @stdlib packages alone are
// ~700), and that, not the work, was most of a command's start-up. esbuild joins the CLI, the project
// code and those pure-JS dependencies into a few files, split at each command's dynamic import so a
// command loads only its own code. Dependencies that are large and used by a few commands (vega,
// vega-lite, resvg, h5wasm), native or worker-based (resvg, tinypool) or that locate files beside
// themselves (fonts) stay external and are imported where they are used.
//
// Output: dist/bin/coherency.js (the `coherency` bin), dist/bin/threadPool.js and dist/bin/worker.js (the
// toys' Node thread pool and worker-thread entry: src/toys/runner.ts loads both by URL beside its own
// file, which in the bundle is dist/bin/),
// shared chunks dist/bin/chunk-*.js, and dist/bin/help-index.json (commandIndex.ts) computed from the
// real commands of the tsc build in dist/cli.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bin');

/** Loaded lazily by the commands that need them, or not bundleable (native, workers, data files). */
const EXTERNAL = [
  'vega',
  'vega-lite',
  '@resvg/resvg-js',
  'h5wasm',
  'tinypool',
  'cli-progress',
  'dejavu-fonts-ttf',
];

rmSync(outdir, { recursive: true, force: true }); // chunk names carry content hashes
await build({
  absWorkingDir: root,
  entryPoints: {
    coherency: 'dist/cli/main.js',
    worker: 'dist/toys/worker.js',
    threadPool: 'dist/toys/threadPool.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  logLevel: 'warning',
  // CommonJS dependencies bundled into ES modules (the @stdlib packages, seedrandom) may call require().
  banner: {
    js: "import { createRequire as __cjsRequire } from 'node:module'; const require = __cjsRequire(import.meta.url);",
  },
});

const { buildProgram } = await import(pathToFileURL(join(root, 'dist/cli/main.js')).href);
const { helpEntries, HELP_INDEX_FILE } = await import(
  pathToFileURL(join(root, 'dist/cli/commandIndex.js')).href
);
const index = `${JSON.stringify(helpEntries(await buildProgram()), null, 2)}\n`;
for (const dir of [outdir, join(root, 'dist', 'cli')]) writeFileSync(join(dir, HELP_INDEX_FILE), index);
