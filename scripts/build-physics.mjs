// Third step of `npm run build` (after tsc and the CLI bundle): the physics entry point
// (`cevns-coherency/physics`, dist/physics/index.js) becomes one ES module with its dependencies inside.
//
// Why (issue 13: `import` of the physics in < 50 ms beyond node's own start): the physics core needs
// two @stdlib functions (erfcx and the normal CDF, in sources/darPiTiming.ts), and those CommonJS
// packages pull in ~140 modules of @stdlib infrastructure (typed-array and float64-word helpers,
// string formatting), which Node resolves, reads and compiles one by one: ~55 of the entry's ~65 ms of
// CPU (bench/startup.ts). Loading them lazily is not possible — the functions that use them are
// synchronous and the entry must stay free of Node built-ins (no createRequire) — and both are
// well-kept, exact routines we do not want to re-implement. One bundled file gives the same code, the
// same numbers, in ~11 ms.
//
// The bundle replaces dist/physics/index.js in place (the declaration files and the other compiled
// files stay for the types), so every importer — the package's own data/likelihood/… modules, the
// root entry and users of the subpath — gets one and the same copy of the physics code. Other folders
// import the physics only through this door (eslint), so no second, unbundled copy is loaded.
// `platform: 'neutral'`: no Node built-ins, no shims; the browser-bundle test (test/package) checks it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'physics', 'index.js');

await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
