import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestNode, tempDir } from '../../test/helpers/node.js';
import type { LodestoneNode } from '../service/index.js';
import { buildApp } from './app.js';
import { ASSET_CACHE_CONTROL, defaultWebRoot } from './web.js';

let node: LodestoneNode;
let closeNode: () => Promise<void>;
const fixture = tempDir('lodestone-web-');
const apps: FastifyInstance[] = [];

async function appWith(webRoot?: string): Promise<FastifyInstance> {
  const app = await buildApp({
    node,
    operatorToken: 'web-test-token',
    logLevel: false,
    ...(webRoot && { webRoot }),
  });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  ({ node, close: closeNode } = await openTestNode({ verifyThreads: 0 }));
  mkdirSync(join(fixture.dir, 'assets'));
  writeFileSync(join(fixture.dir, 'index.html'), '<!doctype html><title>fixture</title><div id="app"></div>');
  writeFileSync(join(fixture.dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await closeNode?.();
  fixture.cleanup();
});

describe('the dashboard at /', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith(fixture.dir);
  });

  it('serves index.html at / and /index.html, revalidated on every load', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<title>fixture</title>');
    }
    expect((await app.inject({ method: 'HEAD', url: '/' })).statusCode).toBe(200);
  });

  it('serves hashed assets for a year, immutable', async () => {
    const res = await app.inject('/assets/index-AbC123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    expect(res.headers.etag).toBeDefined();
  });

  it('leaves the API, the docs and 404 problems as they were', async () => {
    expect((await app.inject('/healthz')).json()).toMatchObject({ status: 'ok' });
    expect((await app.inject('/v1/overview')).json()).toMatchObject({ access: 'public' });
    expect((await app.inject('/docs/')).statusCode).toBe(200);
    expect((await app.inject('/log/checkpoint')).headers['content-type']).toMatch(/^text\/plain/);
    for (const url of ['/assets/missing.js', '/nope', '/v1/nope']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    const spec = (await app.inject('/openapi.json')).json();
    expect(Object.keys(spec.paths)).not.toContain('/');
    expect(Object.keys(spec.paths).some((p) => p.startsWith('/assets'))).toBe(false);
  });
});

describe('without a built dashboard', () => {
  it('answers / with a page saying how to build it', async () => {
    const app = await appWith(join(fixture.dir, 'not-built'));
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('npm run build');
    expect((await app.inject('/index.html')).statusCode).toBe(404);
  });
});

// `npm test` builds before it runs vitest, so the package's own dist/web is there to check.
describe('the built dashboard (dist/web)', () => {
  const root = defaultWebRoot();

  it('is found beside the API', () => {
    expect(root, 'dist/web/index.html is missing: run `npm run build` first').toBeDefined();
    expect(existsSync(join(root as string, 'index.html'))).toBe(true);
  });

  it('is served by default, with every asset index.html names, and nothing from elsewhere', async () => {
    const app = await appWith();
    const index = await app.inject('/');
    expect(index.statusCode).toBe(200);
    expect(index.body).toBe(readFileSync(join(root as string, 'index.html'), 'utf8'));
    const refs = [...index.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    const assets = refs.filter((r) => r.startsWith('./assets/'));
    expect(assets.length).toBeGreaterThanOrEqual(2);
    // No CDN, no web fonts: nothing but the node's own paths and inline data.
    for (const ref of refs) expect(ref, ref).not.toMatch(/^([a-z][a-z0-9+.-]*:(?!image\/)|\/\/)/i);
    for (const asset of assets) {
      const res = await app.inject(asset.slice(1));
      expect(res.statusCode, asset).toBe(200);
      expect(res.headers['cache-control'], asset).toBe(ASSET_CACHE_CONTROL);
      expect(res.headers['content-type'], asset).toMatch(
        asset.endsWith('.css') ? /^text\/css/ : /javascript/,
      );
    }
  });
});
