import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Paths from this file's URL, so the build works from any working directory.
const here = (path: string): string => decodeURIComponent(new URL(path, import.meta.url).pathname);

/**
 * The dashboard: a static single-page app built into the package's `dist/web/`, which the node serves at
 * `/`. Everything it needs is bundled (map data included); it talks to the node's HTTP API only.
 */
export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the dashboard also works behind a reverse proxy under a path prefix.
  base: './',
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: true })],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is one lazily loaded chunk of about 0.65 MB (220 kB gzipped): expected, not a warning.
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` (the node on :8700) and `vite --config web/vite.config.ts` together: the API is proxied.
    proxy: Object.fromEntries(
      ['/v1', '/log', '/.well-known', '/healthz', '/docs', '/openapi.json'].map((p) => [
        p,
        'http://127.0.0.1:8700',
      ]),
    ),
  },
});
