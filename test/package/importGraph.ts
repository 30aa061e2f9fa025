/**
 * The import graph of a built entry point as a browser bundler sees it: esbuild resolves every static
 * import, `export … from`, literal dynamic `import()` and CommonJS `require()` with browser conditions
 * (package.json `browser` fields honoured, as Vite does). Node built-ins are recorded, not resolved, so
 * one run lists all of them with the file that imports each; the project's own files reached are also
 * scanned for Node-only globals (`process`, `Buffer`, `__dirname`, `__filename`, `require`).
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';

export interface GraphReport {
  /** `specifier ← importing file` for every Node built-in reached. */
  readonly builtins: string[];
  /** `global in file` for every Node-only global used by a project file reached. */
  readonly globals: string[];
  /** Every input file reached (paths relative to `workingDir`). */
  readonly files: string[];
  /** Bundler errors and warnings (unresolvable imports and the like). */
  readonly messages: string[];
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
BUILTINS.add('node:test');

const NODE_GLOBALS: readonly [string, RegExp][] = [
  ['process', /(?<![.\w$])process\s*\.\s*\w/],
  ['Buffer', /(?<![.\w$])Buffer\s*\.\s*\w/],
  ['__dirname', /(?<![.\w$])__dirname\b/],
  ['__filename', /(?<![.\w$])__filename\b/],
  ['require', /(?<![.\w$])require\s*\(/],
];

/** Strip comments and string/template contents well enough for a global-usage scan. */
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

/**
 * Walk the graph of `entry` (a file path) with browser resolution from `workingDir`; `ownFiles` picks
 * the project's files among those reached (they get the global-usage scan).
 */
export async function browserImportGraph(
  entry: string,
  workingDir: string,
  ownFiles: (path: string) => boolean,
): Promise<GraphReport> {
  const builtins: string[] = [];
  const recordBuiltins: Plugin = {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (!BUILTINS.has(args.path) || args.pluginData === 'own-resolution') return undefined;
        // A package may map a built-in away for browsers (`"browser": { "crypto": false }`): ask
        // esbuild's own resolver first and record only what it cannot resolve.
        const own = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'own-resolution',
        });
        if (own.errors.length === 0) {
          // Mapped to a file (a browser replacement), or to `false` (an empty module).
          return own.path.startsWith('/') ? own : { path: args.path, namespace: 'browser-disabled' };
        }
        builtins.push(`${args.path} ← ${args.importer}`);
        return { path: args.path, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'browser-disabled' }, () => ({ contents: 'module.exports = {};' }));
    },
  };
  const result = await build({
    absWorkingDir: workingDir,
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    plugins: [recordBuiltins],
  }).catch((err: { errors?: { text: string }[] }) => {
    throw new Error(
      `bundling ${entry} for a browser failed: ${(err.errors ?? []).map((e) => e.text).join('; ')}`,
    );
  });
  const files = Object.keys(result.metafile.inputs);
  const globals: string[] = [];
  for (const f of files.filter(ownFiles)) {
    const code = codeOnly(readFileSync(`${workingDir}/${f}`, 'utf8'));
    for (const [name, re] of NODE_GLOBALS) if (re.test(code)) globals.push(`${name} in ${f}`);
  }
  const messages = [...result.errors, ...result.warnings].map((m) => m.text);
  return { builtins, globals, files, messages };
}
