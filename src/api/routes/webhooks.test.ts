import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFindingSource } from '../../../test/helpers/findings.js';
import { WebhookDispatcher } from '../../service/index.js';
import { SqliteStore } from '../../store/index.js';
import { toProblem } from '../problems.js';
import { PROBLEM_SCHEMA } from '../schemas.js';
import { webhookRoutes } from './webhooks.js';

const TOKEN = 'operator-token-for-tests';
const auth = { authorization: `Bearer ${TOKEN}` };

let dir: string;
let store: SqliteStore;
let dispatcher: WebhookDispatcher;
let app: FastifyInstance;
const source = new MemoryFindingSource();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lodestone-webhook-routes-'));
  store = SqliteStore.open(dir);
  source.add();
  source.add();
  // No receiver is ever called: no finding is raised after the webhooks are registered.
  const refuse = () => Promise.reject(new Error('no network in route tests'));
  dispatcher = new WebhookDispatcher({ store: store.webhooks, source, fetch: refuse });
  dispatcher.start();
  // As buildApp (app.ts) sets up Fastify: additional members refused, errors mapped to problems.
  app = Fastify({ ajv: { customOptions: { removeAdditional: false } } });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addSchema(PROBLEM_SCHEMA);
  app.setErrorHandler((err, _req, reply) => {
    const p = toProblem(err);
    return reply.code(p.status).type('application/problem+json').send(p);
  });
  webhookRoutes(app, { dispatcher, operatorToken: TOKEN });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await dispatcher.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const create = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: payload as object });

describe('webhook routes', () => {
  it('create, list, get and delete a webhook; the secret is shown only on creation', async () => {
    const created = await create({ url: 'https://example.org/hook', minSeverity: 'high', rules: ['R1'] });
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    expect(hook).toMatchObject({
      url: 'https://example.org/hook',
      minSeverity: 'high',
      rules: ['R1'],
      deliveredThrough: 2,
    });
    expect(hook.id).toMatch(/^wh_[\w-]{22}$/);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.headers.location).toBe(`/v1/webhooks/${hook.id}`);

    const list = await app.inject({ method: 'GET', url: '/v1/webhooks', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(expect.objectContaining({ id: hook.id, lag: 0 }));
    expect(list.body).not.toContain('whsec_');
    const one = await app.inject({ method: 'GET', url: `/v1/webhooks/${hook.id}`, headers: auth });
    expect(one.json()).toMatchObject({ id: hook.id, deliveredThrough: 2, lag: 0, stats: { attempts: 0 } });
    expect(one.body).not.toContain('whsec_');

    const deleted = await app.inject({ method: 'DELETE', url: `/v1/webhooks/${hook.id}`, headers: auth });
    expect(deleted.statusCode).toBe(204);
    for (const method of ['GET', 'DELETE'] as const) {
      const gone = await app.inject({ method, url: `/v1/webhooks/${hook.id}`, headers: auth });
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe('WEBHOOK_NOT_FOUND');
    }
  });

  it('replays from `since`, and refuses a `since` beyond the latest finding', async () => {
    expect((await create({ url: 'http://127.0.0.1:9/x', since: 0 })).json().deliveredThrough).toBe(0);
    const ahead = await create({ url: 'http://127.0.0.1:9/x', since: 3 });
    expect([ahead.statusCode, ahead.json().code]).toEqual([400, 'WEBHOOK_SINCE_INVALID']);
  });

  it('answers 401 without the operator token and 403 with another, before validating', async () => {
    const none = await app.inject({ method: 'POST', url: '/v1/webhooks', payload: { url: 'ftp://x' } });
    expect([none.statusCode, none.json().code]).toEqual([401, 'UNAUTHORIZED']);
    for (const [method, url] of [
      ['GET', '/v1/webhooks'],
      ['GET', '/v1/webhooks/wh_x'],
      ['DELETE', '/v1/webhooks/wh_x'],
      ['POST', '/v1/webhooks'],
    ] as const) {
      const wrong = await app.inject({ method, url, headers: { authorization: 'Bearer nope' } });
      expect([wrong.statusCode, wrong.json().code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it.each([
    ['ftp', 'WEBHOOK_URL_INVALID', 'ftp://example.org/hook'],
    ['not a URL', 'WEBHOOK_URL_INVALID', 'not a url'],
    ['relative', 'WEBHOOK_URL_INVALID', '/relative/path'],
    ['with credentials', 'WEBHOOK_URL_INVALID', 'https://user:pass@example.org/'],
    ['over 2048 characters', 'VALIDATION', `https://example.org/${'a'.repeat(2100)}`],
  ])('refuses a url %s with 400 %s', async (_label, code, url) => {
    const res = await create({ url });
    expect([res.statusCode, res.json().code]).toEqual([400, code]);
  });

  it.each([
    [{}, 'VALIDATION'],
    [{ url: 'https://example.org/', minSeverity: 'urgent' }, 'VALIDATION'],
    [{ url: 'https://example.org/', rules: [{}] }, 'VALIDATION'],
    [{ url: 'https://example.org/', since: -1 }, 'VALIDATION'],
    [{ url: 'https://example.org/', secret: 'whsec_mine' }, 'VALIDATION'],
  ])('refuses the body %j with 400 %s', async (body, code) => {
    const res = await create(body);
    expect([res.statusCode, res.json().code]).toEqual([400, code]);
  });

  it('never answers a 5xx, whatever the body', async () => {
    const field = fc.oneof(fc.jsonValue(), fc.webUrl(), fc.constantFrom('info', 'high', 'ftp://x'));
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        { url: field, minSeverity: field, rules: fc.oneof(fc.array(fc.string()), field), since: field },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/webhooks',
          headers: { ...auth, 'content-type': 'application/json' },
          payload: JSON.stringify(value),
        });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
