/**
 * The package as a user gets it (issue 13): `npm pack` of a copy of the sources (its `prepare` builds
 * dist/ and the bundled CLI there), then an install of the tarball into an empty directory, offline,
 * from the npm cache that `npm ci` filled (the npm registry only for metadata missing there), with the
 * versions of this repository's package-lock.json.
 * Then, in that directory: `npx coherency …` prints what the sources print; the library imports from
 * the root and every subpath, in JavaScript and TypeScript (node16/nodenext and bundler resolution);
 * the physics, likelihood and toys entry points bundle for a browser without Node built-ins; and the
 * bundled CLI loads no command code for `--help` and no statistics or @stdlib code for `alpha`.
 * One slow setup (~30 s: tsc + bundle + install), shared by every check.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli/run.js';
import { browserImportGraph } from './importGraph.js';
import rootExports from './rootExports.json' with { type: 'json' };

const repo = fileURLToPath(new URL('../..', import.meta.url));
const SUBPATHS = ['physics', 'data', 'likelihood', 'toys', 'fit', 'sensitivity', 'report'] as const;
/** Entry points that a browser bundle may use: no Node built-ins reachable (issue 13). */
const BROWSER_SAFE = ['physics', 'likelihood', 'toys'] as const;

let work = '';
let app = ''; // the consumer: an empty project with only the tarball installed
let pkg = ''; // app/node_modules/cevns-coherency
let packed: { filename: string; files: { path: string }[] };

const run = (cmd: string, args: readonly string[], cwd: string): string =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });

/** A lockfile for the consumer: the tarball plus this repository's locked production dependencies. */
function consumerLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { 'cevns-coherency': tarball } },
    'node_modules/cevns-coherency': {
      version: manifest.version,
      resolved: tarball,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages))
    if (path !== '' && !entry.dev) packages[path] = entry;
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'coherency-pack-'));
  // 1. A copy of what a fresh clone has, so the build cannot touch this checkout's dist/.
  const src = join(work, 'src-copy');
  for (const f of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'README.md',
  ]) {
    cpSync(join(repo, f), join(src, f));
  }
  for (const f of ['LICENSE', 'CHANGELOG.md', 'CITATION.cff', 'src', 'scripts', 'fixtures']) {
    if (existsSync(join(repo, f))) cpSync(join(repo, f), join(src, f), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(src, 'node_modules'), 'dir');
  // 2. npm pack runs `prepare` (= npm run build) in the copy.
  packed = (
    JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], src)) as (typeof packed)[]
  )[0]!;
  // 3. Install the tarball into an empty project, offline.
  app = join(work, 'app');
  const tarball = `file:../${packed.filename}`;
  cpSync(join(work, packed.filename), join(app, '.keep', packed.filename)); // creates app/
  rmSync(join(app, '.keep'), { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: { 'cevns-coherency': tarball },
    }),
  );
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(consumerLock(tarball)));
  try {
    run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], app);
  } catch (err) {
    // The lockfile has no `resolved` URLs, so npm needs each package's (abbreviated) metadata; `npm ci`
    // caches it, a cache filled otherwise may lack some: then ask the npm registry for that only.
    if (!String((err as { stderr?: string }).stderr).includes('ENOTCACHED')) throw err;
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], app);
  }
  pkg = join(app, 'node_modules', 'cevns-coherency');
}, 300_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
}, 120_000);

/** Project files reached through static imports from `file` in the bundled CLI (esbuild's `// path` comments). */
function bundledModules(binDir: string, file: string, seen = new Set<string>()): Set<string> {
  const modules = new Set<string>();
  if (seen.has(file)) return modules;
  seen.add(file);
  const code = readFileSync(join(binDir, file), 'utf8');
  for (const m of code.matchAll(/^\/\/ ((?:dist|node_modules)\/\S+)$/gm)) modules.add(m[1]!);
  for (const m of code.matchAll(/^(?:import|export)\s[^;]*?from\s+"\.\/([^"]+)"|^import\s+"\.\/([^"]+)"/gm)) {
    for (const x of bundledModules(binDir, (m[1] ?? m[2])!, seen)) modules.add(x);
  }
  return modules;
}

describe('npm pack → install → use', () => {
  test('the tarball holds dist, fixtures and the package documents, and no sources or tests', () => {
    const paths = packed.files.map((f) => f.path);
    for (const f of ['LICENSE', 'README.md', 'CHANGELOG.md', 'CITATION.cff', 'package.json'])
      expect(paths).toContain(f);
    expect(paths).toContain('dist/bin/coherency.js');
    expect(paths).toContain('fixtures/coherent-csi-2017.json');
    for (const s of SUBPATHS) expect(paths).toContain(`dist/${s}/index.d.ts`);
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);
  });

  test('npx coherency analyze prints what the sources print', async () => {
    const installed = run('npx', ['coherency', 'analyze'], app);
    const fromSources = await runCli(['analyze']);
    expect(fromSources.code).toBe(0);
    expect(installed).toBe(fromSources.stdout);
    expect(installed).toMatch(/COHERENT CsI/);
  });

  test('npx coherency --help and alpha print what the sources print', async () => {
    expect(run('npx', ['coherency', '--help'], app)).toBe((await runCli(['--help'])).stdout);
    const args = ['alpha', '--target', 'Xe', '--q2', '3500'];
    expect(run('npx', ['coherency', ...args], app)).toBe((await runCli(args)).stdout);
  });

  test('the library imports from the root and from every subpath', () => {
    const script = `
      import * as root from 'cevns-coherency';
      const subpaths = {};
      for (const s of ${JSON.stringify(SUBPATHS)}) subpaths[s] = Object.keys(await import('cevns-coherency/' + s)).length;
      const { paperTarget, coherencyAtRecoil, PAPER_HELM_MODEL } = await import('cevns-coherency/physics');
      const xe = paperTarget('Xe').components[0].nucleus;
      console.log(JSON.stringify({ root: Object.keys(root), subpaths, alpha: coherencyAtRecoil(35e-3, xe, PAPER_HELM_MODEL).alpha }));`;
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script], app)) as {
      root: string[];
      subpaths: Record<string, number>;
      alpha: number;
    };
    // The root entry keeps every name it exported before the subpaths existed (rootExports.json).
    expect(out.root).toEqual(expect.arrayContaining(rootExports.names));
    for (const s of SUBPATHS) expect(out.subpaths[s], s).toBeGreaterThan(0);
    // The paper's Appendix A value for Xe at 35 keV_nr: α ≈ 0.14 (README; test/physics/paperValues.test.ts).
    expect(out.alpha).toBeCloseTo(0.143, 3);
  });

  test('the bundled physics entry exports the sources’ names and computes the same bits', async () => {
    // scripts/build-physics.mjs bundles the physics with its @stdlib functions: the same code, so the
    // same names and bit-identical values (Object.is), here for the two functions that call @stdlib
    // (erfcx and the normal CDF, sources/darPiTiming.ts) on both of their branches, and α.
    const points = [-400, -50, 0, 120, 600, 2500, 9000];
    const script = `
      const p = await import('cevns-coherency/physics');
      const trace = { meanNs: 350, widthNs: 140 };
      const xe = p.paperTarget('Xe').components[0].nucleus;
      console.log(JSON.stringify({
        names: Object.keys(p).sort(),
        prompt: ${JSON.stringify(points)}.map((t) => p.promptArrivalCdf(t, trace)),
        delayed: ${JSON.stringify(points)}.map((t) => p.delayedArrivalCdf(t, trace)),
        alpha: p.coherencyAtRecoil(35e-3, xe, p.PAPER_HELM_MODEL).alpha,
      }));`;
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script], app)) as {
      names: string[];
      prompt: number[];
      delayed: number[];
      alpha: number;
    };
    const src = await import('../../src/physics/index.js');
    const trace = { meanNs: 350, widthNs: 140 };
    const xe = src.paperTarget('Xe').components[0]!.nucleus;
    expect(out.names).toEqual(Object.keys(src).sort());
    expect(out.prompt).toEqual(points.map((t) => src.promptArrivalCdf(t, trace)));
    expect(out.delayed).toEqual(points.map((t) => src.delayedArrivalCdf(t, trace)));
    expect(out.alpha).toBe(src.coherencyAtRecoil(35e-3, xe, src.PAPER_HELM_MODEL).alpha);
  });

  test.each(['nodenext', 'bundler'] as const)(
    'TypeScript (moduleResolution %s) finds the types of every subpath',
    (resolution) => {
      const dir = join(app, `ts-${resolution}`);
      const lines = SUBPATHS.map((s, i) => `import * as m${i} from 'cevns-coherency/${s}';\nvoid m${i};`);
      writeFileSync(
        join(dir, '..', `ts-${resolution}.ts`),
        `${lines.join('\n')}
import { paperTarget, helmFormFactor, type FormFactor } from 'cevns-coherency/physics';
import type { Dataset } from 'cevns-coherency/data';
import { analyzeDataset } from 'cevns-coherency';
const ff: FormFactor = helmFormFactor();
const a: number = ff(1000, paperTarget('Xe').components[0]!.nucleus);
// @ts-expect-error — a Dataset is not a number: the types are real, not any
const d: Dataset = 1;
void a; void d; void analyzeDataset;
`,
      );
      const tsconfig = {
        compilerOptions: {
          module: resolution === 'bundler' ? 'ESNext' : 'NodeNext',
          moduleResolution: resolution === 'bundler' ? 'Bundler' : 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true, // consumers' usual setting; our .d.ts are checked when tsc emits them
          types: ['node'],
          typeRoots: [join(repo, 'node_modules', '@types')],
        },
        files: [`../ts-${resolution}.ts`],
      };
      cpSync(join(app, 'package.json'), join(dir, 'package.json'));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
      expect(() => run('node', [tsc, '-p', dir], app)).not.toThrow();
    },
  );

  test.each(BROWSER_SAFE)('cevns-coherency/%s bundles for a browser with no Node built-in', async (entry) => {
    const graph = await browserImportGraph(`node_modules/cevns-coherency/dist/${entry}/index.js`, app, (f) =>
      f.startsWith('node_modules/cevns-coherency/'),
    );
    if (entry === 'physics') {
      // One bundled file (scripts/build-physics.mjs) with its @stdlib code inside, so the scan for
      // Node-only globals below covers that code too; esbuild's `// …node_modules/@stdlib/…` comments show it.
      expect(graph.files).toEqual(['node_modules/cevns-coherency/dist/physics/index.js']);
      expect(readFileSync(join(app, graph.files[0]!), 'utf8')).toMatch(/^\/\/ \S*node_modules\/@stdlib\//m);
    } else {
      expect(graph.files.length).toBeGreaterThan(5); // the walk went somewhere
    }
    expect(graph.builtins).toEqual([]);
    expect(graph.globals).toEqual([]);
    expect(graph.messages).toEqual([]);
  });

  test('bundled CLI: --help loads no command, alpha no statistics, toys, data or @stdlib code', () => {
    const bin = join(pkg, 'dist', 'bin');
    const help = [...bundledModules(bin, 'coherency.js')];
    expect(help).toContain('dist/cli/main.js'); // the walk reads esbuild's module comments
    expect(
      help.filter((m) => /dist\/(cli\/commands|physics|likelihood)\/|node_modules\/(zod|@stdlib)\//.test(m)),
    ).toEqual([]);
    const alphaChunk = readdirSync(bin).find((f) => /^alpha-\w+\.js$/.test(f))!;
    const alpha = [...bundledModules(bin, alphaChunk)];
    expect(alpha).toContain('dist/physics/formFactor.js');
    const heavy =
      /dist\/(likelihood|toys|data|sensitivity|fit)\/|node_modules\/(@stdlib|vega|vega-lite|tinypool|cli-progress)\//;
    expect(alpha.filter((m) => heavy.test(m))).toEqual([]);
    expect(existsSync(join(bin, 'help-index.json'))).toBe(true);
  });
});
