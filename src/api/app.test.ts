import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestNode, samplePayload, type TestSigner } from '../../test/helpers/node.js';
import { generateEd25519, jwkFromPublicKey } from '../crypto/index.js';
import { decodeEntryBundle, openCheckpoint, parseVerifierKey } from '../log/index.js';
import { type LodestoneNode, verifyReceipt } from '../service/index.js';
import { buildApp } from './app.js';
import { PROBLEM_TYPE_PREFIX } from './problems.js';

const TOKEN = 'test-operator-token';
let app: FastifyInstance;
let node: LodestoneNode;
let signer: TestSigner;
let close: () => Promise<void>;

beforeEach(async () => {
  const t = openTestNode();
  node = t.node;
  signer = t.signer;
  close = t.close;
  app = await buildApp({ node: t.node, operatorToken: TOKEN, logLevel: false });
});
afterEach(async () => {
  await app.close();
  await close();
});

const post = (jws: string, type = 'application/jose') =>
  app.inject({ method: 'POST', url: '/v1/statements', headers: { 'content-type': type }, payload: jws });

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code, type: `${PROBLEM_TYPE_PREFIX}${code}` });
}

describe('POST /v1/statements', () => {
  it('registers a JWS sent as application/jose: 201 with a receipt that verifies', async () => {
    const jws = signer.sign(samplePayload(1));
    const res = await post(jws);
    expect(res.statusCode).toBe(201);
    const info = (await app.inject('/.well-known/lodestone')).json() as { vkey: string };
    expect(verifyReceipt(jws, res.json(), info.vkey).ok).toBe(true);
    expect(res.headers.location).toBe(`/v1/statements/${res.json().statement}`);
  });

  it('accepts {"jws": …} as JSON and answers a repeat with 200 and the same receipt', async () => {
    const jws = signer.sign(samplePayload(2));
    const first = await post(JSON.stringify({ jws }), 'application/json');
    const again = await post(jws);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().entry).toEqual(first.json().entry);
  });

  it.each([
    ['garbage', 'not-a-jws', 400, 'STATEMENT_MALFORMED'],
    ['bad base64 in the signature', 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsifQ.e30.***', 400, 'STATEMENT_MALFORMED'],
    [
      'an unknown kid',
      'eyJhbGciOiJFZERTQSIsImtpZCI6ImsifQ.e30.' + 'A'.repeat(86),
      422,
      'STATEMENT_UNKNOWN_KEY',
    ],
  ])('answers %s with a problem', async (_n, body, status, code) => {
    expectProblem(await post(body), status, code);
  });

  it('answers an unsupported media type with 415', async () => {
    expectProblem(await post('x', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed JSON with 400', async () => {
    expectProblem(await post('{"jws": ', 'application/json'), 400, 'MALFORMED_BODY');
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    expectProblem(await post('a'.repeat(2 * 1024 * 1024)), 413, 'BODY_TOO_LARGE');
    expect((await app.inject('/healthz')).json().size).toBe(0);
  });
});

describe('GET /v1/statements/{id}', () => {
  it('is for the operator only', async () => {
    const jws = signer.sign(samplePayload(3));
    const { statement } = (await post(jws)).json();
    expectProblem(await app.inject(`/v1/statements/${statement}`), 401, 'UNAUTHORIZED');
    expectProblem(
      await app.inject({ url: `/v1/statements/${statement}`, headers: { authorization: 'Bearer nope' } }),
      403,
      'FORBIDDEN',
    );
    const ok = await app.inject({
      url: `/v1/statements/${statement}`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe(jws);
  });

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expectProblem(await app.inject({ url: '/v1/statements/xyz', headers: auth }), 400, 'VALIDATION');
    expectProblem(
      await app.inject({ url: `/v1/statements/${'0'.repeat(64)}`, headers: auth }),
      404,
      'STATEMENT_NOT_FOUND',
    );
  });
});

describe('receipts and proofs', () => {
  it('serves a fresh receipt later, as JSON and as a tlog-proof bundle', async () => {
    const jws = signer.sign(samplePayload(4));
    const { statement } = (await post(jws)).json();
    await post(signer.sign(samplePayload(5)));
    const receipt = (await app.inject(`/v1/statements/${statement}/receipt`)).json();
    const info = (await app.inject('/.well-known/lodestone')).json();
    expect(verifyReceipt(jws, receipt, info.vkey)).toMatchObject({ ok: true, size: 2 });
    const bundle = await app.inject(`/v1/statements/${statement}/receipt?format=tlog-proof`);
    expect(bundle.body.startsWith('c2sp.org/tlog-proof@v1\n')).toBe(true);
  });

  it('serves inclusion and consistency proofs and rejects bad ranges with 400', async () => {
    for (let i = 0; i < 5; i++) await post(signer.sign(samplePayload(10 + i)));
    const inc = await app.inject('/v1/log/proof/inclusion?index=2&size=5');
    expect(inc.json()).toMatchObject({ index: 2, size: 5 });
    expect(inc.json().proof).toHaveLength(3);
    expect((await app.inject('/v1/log/proof/consistency?first=3')).json()).toMatchObject({
      first: 3,
      second: 5,
    });
    expectProblem(await app.inject('/v1/log/proof/inclusion?index=5&size=5'), 400, 'BAD_QUERY');
    expectProblem(await app.inject('/v1/log/proof/inclusion?index=-1'), 400, 'VALIDATION');
    expectProblem(await app.inject('/v1/log/proof/consistency?first=0'), 400, 'BAD_QUERY');
    expectProblem(await app.inject('/v1/log/proof/consistency?first=1&second=9'), 400, 'BAD_QUERY');
  });
});

describe('the tiled log under /log/', () => {
  it('serves a checkpoint signed by the vkey of /.well-known/lodestone', async () => {
    await post(signer.sign(samplePayload(6)));
    const info = (await app.inject('/.well-known/lodestone')).json();
    const cp = await app.inject('/log/checkpoint');
    expect(cp.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(openCheckpoint(cp.body, parseVerifierKey(info.vkey)).checkpoint.size).toBe(1);
  });

  it('serves partial tiles and entry bundles, gzipped on request', async () => {
    for (let i = 0; i < 3; i++) await post(signer.sign(samplePayload(20 + i)));
    const tile = await app.inject('/log/tile/0/000.p/3');
    expect(tile.statusCode).toBe(200);
    expect(tile.rawPayload).toHaveLength(96);
    const bundle = await app.inject('/log/tile/entries/000.p/3');
    expect(decodeEntryBundle(bundle.rawPayload)).toHaveLength(3);
    const gz = await app.inject({ url: '/log/tile/entries/000.p/2', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject('/log/tile/entries/000.p/2');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(decodeEntryBundle(gunzipSync(gz.rawPayload))).toEqual(decodeEntryBundle(plain.rawPayload));
    expect(decodeEntryBundle(plain.rawPayload)).toEqual(decodeEntryBundle(bundle.rawPayload).slice(0, 2));
  });

  it('gzips a full entry bundle once and serves the same bytes from then on', async () => {
    for (let i = 0; i < 256; i += 32) {
      await Promise.all(Array.from({ length: 32 }, (_, j) => post(signer.sign(samplePayload(1000 + i + j)))));
    }
    const url = '/log/tile/entries/000';
    const gzip = { url, headers: { 'accept-encoding': 'gzip' } };
    const plain = await app.inject(url);
    expect(plain.headers['cache-control']).toContain('immutable');
    expect(decodeEntryBundle(plain.rawPayload)).toHaveLength(256);
    const first = await app.inject(gzip);
    const read = vi.spyOn(node, 'entryBundle');
    const again = await app.inject(gzip);
    expect(read).not.toHaveBeenCalled();
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(again.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-type': 'application/octet-stream',
      vary: 'accept-encoding',
    });
    expect(gunzipSync(again.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it.each(['/log/tile/0/000.p/4', '/log/tile/0/000', '/log/tile/1/000.p/1', '/log/tile/entries/001.p/1'])(
    'answers %s, not yet published, with 404',
    async (url) => {
      await post(signer.sign(samplePayload(30)));
      await post(signer.sign(samplePayload(31)));
      await post(signer.sign(samplePayload(32)));
      expectProblem(await app.inject(url), 404, 'TILE_NOT_FOUND');
    },
  );

  it.each([
    '/log/tile/00/000',
    '/log/tile/0/0',
    '/log/tile/0/000.p/256',
    '/log/tile/0/%2e%2e/000',
    '/log/tile/0/x000/001',
    '/log/tile/64/000',
    '/log/tile/entries/x1/000',
    '/log/tile/',
  ])('answers the malformed tile path %s with 404 LOG_TILE_PATH', async (url) => {
    expectProblem(await app.inject(url), 404, 'LOG_TILE_PATH');
  });

  it.each([
    ['/log/tile/0/../../etc/passwd', '/log/etc/passwd'],
    ['/log/tile/../../etc/passwd', '/etc/passwd'],
  ])('answers %s, whose dot segments resolve to %s before routing, with 404 NOT_FOUND', async (url, to) => {
    const res = await app.inject(url);
    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.json().detail).toBe(`GET ${to}`);
  });
});

describe('keys', () => {
  it('lets only the operator register a key, then accepts statements signed with it', async () => {
    const k = generateEd25519();
    const body = { kid: 'did:web:mine.example#key-1', jwk: jwkFromPublicKey(k.publicKey) };
    expectProblem(await app.inject({ method: 'POST', url: '/v1/keys', payload: body }), 401, 'UNAUTHORIZED');
    const res = await app.inject({
      method: 'POST',
      url: '/v1/keys',
      payload: body,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(201);
    expect((await app.inject('/v1/keys')).json().map((x: { kid: string }) => x.kid)).toContain(body.kid);
  });

  it('rejects a private JWK with KEY_INVALID', async () => {
    const k = generateEd25519();
    const payload = { kid: 'did:web:x#1', jwk: { ...jwkFromPublicKey(k.publicKey), d: 'AAAA' } };
    const res = await app.inject({
      method: 'POST',
      url: '/v1/keys',
      payload,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expectProblem(res, 400, 'KEY_INVALID');
  });
});

describe('node endpoints', () => {
  it('serves health, metrics, OpenAPI and docs', async () => {
    expect((await app.inject('/healthz')).json()).toMatchObject({ status: 'ok', size: 0 });
    await post(signer.sign(samplePayload(40)));
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toMatch(/lodestone_registrations_total\{result="created"\} 1/);
    expect(metrics.body).toMatch(/lodestone_log_size 1/);
    const spec = (await app.inject('/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/v1/statements', '/log/checkpoint', '/.well-known/lodestone']),
    );
    expect((await app.inject('/docs/')).statusCode).toBe(200);
  });

  it('describes the registration, its problems and the operator routes in the OpenAPI document', async () => {
    const spec = (await app.inject('/openapi.json')).json();
    const register = spec.paths['/v1/statements'].post;
    expect(Object.keys(register.requestBody.content).sort()).toEqual([
      'application/jose',
      'application/json',
      'text/plain',
    ]);
    expect(register.requestBody.content['application/json'].schema).toMatchObject({
      required: ['jws'],
      properties: { jws: { type: 'string' } },
    });
    const receipt = { schema: { $ref: '#/components/schemas/Receipt' } };
    expect(register.responses['201'].content['application/json']).toEqual(receipt);
    expect(register.responses['200'].content['application/json']).toEqual(receipt);
    const problemBody = { schema: { $ref: '#/components/schemas/Problem' } };
    for (const status of ['400', '413', '415', '422', '503']) {
      expect(register.responses[status].content['application/problem+json'], status).toEqual(problemBody);
    }
    expect(register.responses['503'].headers['Retry-After'].schema.type).toBe('integer');
    expect(spec.components.schemas.Problem.properties).toEqual(
      expect.objectContaining({
        type: expect.anything(),
        title: expect.anything(),
        status: expect.anything(),
        code: expect.anything(),
        detail: expect.anything(),
        instance: expect.anything(),
      }),
    );
    expect(spec.components.schemas.Receipt.required).toEqual([
      'statement',
      'entry',
      'index',
      'proof',
      'checkpoint',
    ]);
    expect(spec.components.securitySchemes.operator).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operator = [{ operator: [] }];
    expect(spec.paths['/v1/keys'].post.security).toEqual(operator);
    expect(spec.paths['/v1/statements/{id}'].get.security).toEqual(operator);
    expect(spec.paths['/v1/keys'].get.security).toBeUndefined();
    // Every route documents its responses: none is left with Fastify's placeholder.
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      expect(path, 'an OpenAPI path names its parameters').toMatch(/^[/a-z0-9.{}-]*$/i);
      for (const op of Object.values(item) as { responses: Record<string, { description: string }> }[]) {
        for (const r of Object.values(op.responses)) expect(r.description, path).not.toBe('Default Response');
      }
    }
    expect(spec.paths['/log/tile/{path}'].get.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'path', required: true }),
    ]);
  });

  it('answers unknown routes with a 404 problem', async () => {
    expectProblem(await app.inject('/nope'), 404, 'NOT_FOUND');
  });
});

describe('the operator token check', () => {
  it.each([
    ['a token padded with a no-break space', `Bearer \u00a0${TOKEN}`],
    ['an empty credential', 'Bearer  '],
    ['a token with a trailing NBSP', `Bearer ${TOKEN}\u00a0`],
  ])('refuses %s', async (_n, authorization) => {
    const res = await app.inject({
      method: 'GET',
      url: `/v1/statements/${'0'.repeat(64)}`,
      headers: { authorization },
    });
    expect([401, 403]).toContain(res.statusCode);
  });

  it('accepts the scheme in any case, with spaces or tabs around the token', async () => {
    for (const authorization of [`bearer ${TOKEN}`, `BEARER\t${TOKEN} `]) {
      const res = await app.inject({
        method: 'GET',
        url: `/v1/statements/${'0'.repeat(64)}`,
        headers: { authorization },
      });
      expect(res.json().code).toBe('STATEMENT_NOT_FOUND');
    }
  });
});
