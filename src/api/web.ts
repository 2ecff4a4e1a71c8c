import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Cache-Control of the dashboard's hashed assets: their names change whenever their bytes do. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Where the built dashboard is: `dist/web` beside the compiled API (`dist/api/../web`), or, when the API
 * runs from its sources (tsx, vitest), the package's `dist/web`. Undefined when it was not built.
 */
export function defaultWebRoot(): string | undefined {
  const candidates = [new URL('../web/', import.meta.url), new URL('../../dist/web/', import.meta.url)];
  return candidates.map((u) => fileURLToPath(u)).find((dir) => existsSync(`${dir}index.html`));
}

/**
 * Serve the dashboard (DESIGN.md §10) at `/`: `index.html` (revalidated on every load) and its hashed
 * assets under `/assets/` (cached for a year, immutable). Only the files present at start are routes,
 * so every API route keeps precedence and an unknown path is still a 404 problem. Without a build, `/`
 * says how to make one.
 * @param root the built dashboard's directory; undefined when there is none
 */
export async function dashboardRoutes(app: FastifyInstance, root: string | undefined): Promise<void> {
  if (root === undefined || !existsSync(`${root.replace(/\/?$/, '/')}index.html`)) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // Routes for the built files only (no `/*` wildcard), so the API's own routes and 404s stay as they are.
    wildcard: false,
    // @fastify/swagger-ui registers @fastify/static too: one decorator is enough, and this one is unused.
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      const hashed = /[\\/]assets[\\/][^\\/]+$/.test(path);
      res.setHeader('cache-control', hashed ? ASSET_CACHE_CONTROL : 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lodestone node</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>Lodestone node</h1>
<p>The dashboard has not been built. Run <code>npm run build</code> in the package, then restart the node.</p>
<p>The API is up: its description is at <a href="/docs">/docs</a> (<a href="/openapi.json">/openapi.json</a>),
and the log at <a href="/log/checkpoint">/log/checkpoint</a>.</p>
</main>
</body>
</html>
`;
