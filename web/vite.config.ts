/**
 * Vite build of the browser explorer (web/): a static page that runs the library's physics, likelihood
 * and toys in the browser. `npm run web:build` → web/dist/ (relative URLs: serve it from any path);
 * `npm run web:dev` → a dev server. The page imports the library from ../src (TypeScript, compiled by
 * Vite), so it always shows what the sources compute, and bundles the shipped CsI 2017 fixture.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webDir,
  base: './',
  // The repository root: the page imports ../src and ../fixtures.
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // vega, vega-lite and the library make one ~1.5 MB chunk (≈ 450 kB gzipped); that is expected here.
    chunkSizeWarningLimit: 3000,
    reportCompressedSize: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry explanatory comments beside its pure annotations; Rollup drops them, harmlessly.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
