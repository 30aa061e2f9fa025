/**
 * Helpers of the explorer test: build the page once (Vite, into a temporary folder), serve it on
 * localhost with a tiny node:http server, and launch Debian's Chromium through playwright-core (never a
 * downloaded browser). `chromiumUnavailable()` says why Chromium cannot run here, or undefined.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Why Chromium cannot be used here, or undefined when it can. */
export function chromiumUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) {
    return `${CHROMIUM} not found (install Debian's chromium: apt-get install -y --no-install-recommends chromium; .ci/run does)`;
  }
  return undefined;
}

/** Build web/ with Vite into a fresh temporary folder (web/dist stays untouched); returns the folder. */
export async function buildExplorer(): Promise<string> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'coherency-web-'));
  await build({
    configFile: join(repo, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    // Unminified: the test needs the page, not its smallest form (saves a third of the build time).
    build: { outDir, emptyOutDir: true, minify: false },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serve `dir` on 127.0.0.1 (a free port); resolves to the server and its base URL. */
export async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/**
 * Headless Debian Chromium with a fresh profile folder (playwright's persistent context: it passes the
 * folder as --user-data-dir), no network beyond localhost, nothing downloaded. Closing the context ends
 * the browser; the caller removes `profile`.
 */
export async function launchChromium(
  viewport = { width: 1400, height: 1000 },
): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'coherency-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { context, profile };
}
