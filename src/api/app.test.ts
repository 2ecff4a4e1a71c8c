import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  didOf,
  openTestNode,
  registerSigner,
  samplePayload,
  type TestSigner,
  testSigner,
} from '../../test/helpers/node.js';
import { generateEd25519, jwkFromPublicKey, parseCompactJws, signCompactJws } from '../crypto/index.js';
import { decodeEntryBundle, openCheckpoint, parseVerifierKey } from '../log/index.js';
import { ACCESS_TOKEN_TYPE, type LodestoneNode, verifyReceipt } from '../service/index.js';
import { buildApp } from './app.js';
import { PROBLEM_TYPE_PREFIX } from './problems.js';

const TOKEN = 'test-operator-token';
let app: FastifyInstance;
let node: LodestoneNode;
let signer: TestSigner;
let close: () => Promise<void>;

beforeEach(async () => {
  // Signatures verified inline: a verification thread per test costs more than the few checks here.
  const t = await openTestNode({ verifyThreads: 0 });
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

const operatorAuth = { authorization: `Bearer ${TOKEN}` };

/** An access token of `signer`'s organisation for this node (`lodestone token` makes the same). */
function accessToken(signer: TestSigner, key: TestSigner = signer): string {
  const iat = Math.floor(Date.now() / 1000);
  const claims = { iss: didOf(signer), aud: node.info.origin, iat, exp: iat + 600 };
  return signCompactJws(
    JSON.stringify(claims),
    { kid: signer.kid, typ: ACCESS_TOKEN_TYPE },
    key.keys.privateKey,
  );
}

/** A body for POST /v1/operator/identities registering `signer`'s organisation. */
function identityBody(signer: TestSigner, change: Record<string, unknown> = {}) {
  return {
    subject: didOf(signer),
    legalName: `Organisation ${didOf(signer)}`,
    registeredId: 'R-1',
    idScheme: { id: 'https://register.example/', name: 'Example register' },
    country: 'COD',
    roles: ['producer'],
    keys: [{ kid: signer.kid, jwk: jwkFromPublicKey(signer.keys.publicKey) }],
    ...change,
  };
}

const postIdentity = (payload: unknown, headers: Record<string, string> = operatorAuth) =>
  app.inject({ method: 'POST', url: '/v1/operator/identities', headers, payload: payload as object });

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
    ['garbage', () => 'not-a-jws', 400, 'STATEMENT_MALFORMED'],
    [
      'bad base64 in the signature',
      () => 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsifQ.e30.***',
      400,
      'STATEMENT_MALFORMED',
    ],
    [
      'a payload that is no credential',
      () => 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsifQ.e30.' + 'A'.repeat(86),
      422,
      'INTEROP_NOT_A_CREDENTIAL',
    ],
    [
      'a credential of another issuer than the kid',
      () => signer.sign({ ...samplePayload(7), issuer: 'did:web:mine.example' }),
      422,
      'INTEROP_ISSUER_MISMATCH',
    ],
    [
      'an organisation nobody registered',
      () =>
        testSigner('did:web:mine.example#k').sign({ ...samplePayload(8), issuer: 'did:web:mine.example' }),
      422,
      'IDENTITY_UNKNOWN_KEY',
    ],
    [
      'a wrong signature',
      () => testSigner(signer.kid).sign(samplePayload(9)),
      422,
      'STATEMENT_BAD_SIGNATURE',
    ],
  ])('answers %s with a problem', async (_n, body, status, code) => {
    expectProblem(await post(body()), status, code);
    expect(node.size).toBe(1);
  });

  it('answers an unsupported media type with 415', async () => {
    expectProblem(await post('x', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed JSON with 400', async () => {
    expectProblem(await post('{"jws": ', 'application/json'), 400, 'MALFORMED_BODY');
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    expectProblem(await post('a'.repeat(2 * 1024 * 1024)), 413, 'BODY_TOO_LARGE');
    expect((await app.inject('/healthz')).json().size).toBe(1);
  });
});

describe('GET /v1/statements/{id}', () => {
  const get = (id: string, authorization?: string) =>
    app.inject({
      url: `/v1/statements/${id}`,
      ...(authorization !== undefined && { headers: { authorization } }),
    });

  it('serves a statement to its issuer, auditors, regulators and the operator; 404 to anyone else', async () => {
    const rival = testSigner('did:web:rival.example#key-1');
    const auditor = testSigner('did:web:audit.example#key-1');
    const regulator = testSigner('did:web:regulator.example#key-1');
    await registerSigner(node, rival);
    await registerSigner(node, auditor, ['auditor']);
    await registerSigner(node, regulator, ['regulator']);
    const jws = signer.sign(samplePayload(3));
    const { statement } = (await post(jws)).json();
    for (const [who, authorization] of [
      ['the issuer', `Bearer ${accessToken(signer)}`],
      ['an auditor', `Bearer ${accessToken(auditor)}`],
      ['a regulator', `bearer ${accessToken(regulator)}`],
      ['the operator', `Bearer ${TOKEN}`],
    ] as const) {
      const ok = await get(statement, authorization);
      expect(ok.statusCode, who).toBe(200);
      expect(ok.headers['content-type'], who).toMatch(/^application\/jose/);
      expect(ok.body, who).toBe(jws);
    }
    // Existence is not revealed: the same 404 as for a statement that does not exist.
    for (const [who, authorization] of [
      ['anyone', undefined],
      ['another organisation', `Bearer ${accessToken(rival)}`],
    ] as const) {
      const res = await get(statement, authorization);
      expectProblem(res, 404, 'STATEMENT_NOT_FOUND');
      expect(res.body, who).not.toContain(jws.split('.')[1]);
    }
  });

  it('serves registry statements to anyone', async () => {
    const id = node.supply.organization(didOf(signer))!.statement;
    const res = await get(id);
    expect(res.statusCode).toBe(200);
    expect(parseCompactJws(res.body).header.kid).toBe(node.operator.kid);
  });

  it('refuses bad credentials: 401 for an unusable access token or none, 403 for a wrong operator token', async () => {
    const { statement } = (await post(signer.sign(samplePayload(4)))).json();
    const stranger = testSigner('did:web:nobody.example#k');
    expectProblem(await get(statement, 'Bearer nope-not-the-token'), 403, 'FORBIDDEN');
    expectProblem(await get(statement, 'Bearer '), 401, 'ACCESS_REQUIRED');
    expectProblem(await get(statement, `Basic ${TOKEN}`), 401, 'ACCESS_REQUIRED');
    expectProblem(
      await get(statement, `Bearer ${accessToken(signer, stranger)}`),
      401,
      'ACCESS_TOKEN_INVALID',
    );
    expectProblem(await get(statement, `Bearer ${accessToken(stranger)}`), 401, 'ACCESS_TOKEN_INVALID');
    expectProblem(await get(statement, 'Bearer a.b.c'), 401, 'ACCESS_TOKEN_INVALID');
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
    expect(verifyReceipt(jws, receipt, info.vkey)).toMatchObject({ ok: true, size: 3 });
    const bundle = await app.inject(`/v1/statements/${statement}/receipt?format=tlog-proof`);
    expect(bundle.body.startsWith('c2sp.org/tlog-proof@v1\n')).toBe(true);
  });

  it('serves inclusion and consistency proofs and rejects bad ranges with 400', async () => {
    for (let i = 0; i < 4; i++) await post(signer.sign(samplePayload(10 + i)));
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
    expect(openCheckpoint(cp.body, parseVerifierKey(info.vkey)).checkpoint.size).toBe(2);
  });

  it('serves partial tiles and entry bundles, gzipped on request', async () => {
    for (let i = 0; i < 2; i++) await post(signer.sign(samplePayload(20 + i)));
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

describe('the identity registry', () => {
  it('lets only the operator register an organisation, whose statements are then accepted', async () => {
    const mine = testSigner('did:web:mine.example#key-1');
    const body = identityBody(mine);
    expectProblem(await postIdentity(body, {}), 401, 'UNAUTHORIZED');
    expectProblem(await postIdentity(body, { authorization: 'Bearer wrong-token' }), 403, 'FORBIDDEN');
    expectProblem(
      await postIdentity(body, { authorization: `Bearer ${accessToken(signer)}` }),
      403,
      'FORBIDDEN',
    );
    expect(node.size).toBe(1);
    const res = await postIdentity(body);
    expect(res.statusCode).toBe(201);
    const receipt = res.json();
    expect(res.headers.location).toBe(`/v1/statements/${receipt.statement}`);
    expect(
      verifyReceipt((await app.inject(`/v1/statements/${receipt.statement}`)).body, receipt, node.info.vkey)
        .ok,
    ).toBe(true);
    expect(receipt.index).toBe(1);
    const registered = await post(mine.sign({ ...samplePayload(50), issuer: 'did:web:mine.example' }));
    expect(registered.statusCode).toBe(201);
    expect(registered.json().index).toBe(2);
  });

  it('serves organisations with their keys: one by DID, all by page and country', async () => {
    const mine = testSigner('did:web:mine.example#key-1');
    expect((await postIdentity(identityBody(mine))).statusCode).toBe(201);
    const org = await app.inject(`/v1/organizations/${encodeURIComponent('did:web:mine.example')}`);
    expect(org.statusCode).toBe(200);
    expect(org.json()).toMatchObject({
      did: 'did:web:mine.example',
      country: 'COD',
      roles: ['producer'],
      registeredBy: node.operator.did,
      keys: [{ kid: mine.kid, jwk: jwkFromPublicKey(mine.keys.publicKey), did: 'did:web:mine.example' }],
    });
    const all = (await app.inject('/v1/organizations')).json();
    expect(all.items.map((o: { did: string }) => o.did)).toEqual([
      'did:web:refiner.example',
      'did:web:mine.example',
    ]);
    const page = (await app.inject('/v1/organizations?limit=1')).json();
    expect(page).toMatchObject({
      items: [{ did: 'did:web:refiner.example' }],
      next: 'did:web:refiner.example',
    });
    const rest = (
      await app.inject(`/v1/organizations?limit=1&after=${encodeURIComponent(page.next)}`)
    ).json();
    expect(rest).toEqual({ items: [expect.objectContaining({ did: 'did:web:mine.example' })] });
    const cod = (await app.inject('/v1/organizations?country=COD')).json();
    expect(cod.items.map((o: { did: string }) => o.did)).toEqual(['did:web:mine.example']);
    expectProblem(
      await app.inject('/v1/organizations/did%3Aweb%3Anobody.example'),
      404,
      'REGISTRY_NOT_FOUND',
    );
    expectProblem(await app.inject('/v1/organizations?country=cod'), 400, 'VALIDATION');
    expectProblem(
      await app.inject('/v1/facilities/https%3A%2F%2Fnowhere.example%2Ff'),
      404,
      'REGISTRY_NOT_FOUND',
    );
    expect((await app.inject('/v1/facilities')).json()).toEqual({ items: [] });
  });

  it('refuses another key for a bound kid (409), a kid of another DID (422) and malformed bodies (400)', async () => {
    const other = { kid: signer.kid, jwk: jwkFromPublicKey(generateEd25519().publicKey) };
    expectProblem(await postIdentity(identityBody(signer, { keys: [other] })), 409, 'IDENTITY_KEY_CONFLICT');
    const mine = testSigner('did:web:mine.example#key-1');
    const foreignKid = { kid: 'did:web:elsewhere.example#1', jwk: jwkFromPublicKey(mine.keys.publicKey) };
    expectProblem(await postIdentity(identityBody(mine, { keys: [foreignKid] })), 422, 'INTEROP_INVALID');
    expectProblem(await postIdentity(identityBody(mine, { country: 'ZZZ' })), 422, 'INTEROP_INVALID');
    expectProblem(await postIdentity(identityBody(mine, { keys: [] })), 400, 'VALIDATION');
    expectProblem(await postIdentity(identityBody(mine, { country: 'cd' })), 400, 'VALIDATION');
    expectProblem(await postIdentity(identityBody(mine, { roles: ['emperor'] })), 400, 'VALIDATION');
    const { subject: _, ...noSubject } = identityBody(mine);
    expectProblem(await postIdentity(noSubject), 400, 'VALIDATION');
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/operator/identities',
        headers: { ...operatorAuth, 'content-type': 'application/json' },
        payload: '{"subject":',
      }),
      400,
      'MALFORMED_BODY',
    );
    expect(node.size).toBe(1);
  });

  it('never stores the private part of a JWK sent to it', async () => {
    const mine = testSigner('did:web:mine.example#key-1');
    const d = 'c2VjcmV0LXNlZWQtYnl0ZXMtMzItbG9uZy0tLS0tLS0';
    const jwk = { ...jwkFromPublicKey(mine.keys.publicKey), d };
    const res = await postIdentity(identityBody(mine, { keys: [{ kid: mine.kid, jwk }] }));
    // Refusing it (400) would do too; logging it would not.
    if (res.statusCode !== 201) expectProblem(res, 400, 'VALIDATION');
    else {
      expect((await app.inject(`/v1/statements/${res.json().statement}`)).body).not.toContain(
        Buffer.from(d).toString('base64url').slice(0, 20),
      );
      const stored = parseCompactJws((await app.inject(`/v1/statements/${res.json().statement}`)).body);
      expect(stored.payload.toString('utf8')).not.toContain(d);
      expect((await app.inject('/v1/organizations/did:web:mine.example')).body).not.toContain(d);
    }
  });
});

describe('node endpoints', () => {
  it('serves health, metrics, OpenAPI and docs', async () => {
    expect((await app.inject('/healthz')).json()).toMatchObject({ status: 'ok', size: 1 });
    await post(signer.sign(samplePayload(40)));
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toMatch(/lodestone_registrations_total\{result="created"\} 1/);
    expect(metrics.body).toMatch(/lodestone_log_size 2/);
    expect((await app.inject('/.well-known/lodestone')).json()).toEqual({
      origin: node.info.origin,
      vkey: node.info.vkey,
      operator: node.operator.did,
      version: node.info.version,
      log: '/log/',
      witness: node.witness.info,
    });
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
    expect(spec.components.securitySchemes.accessToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operator = [{ operator: [] }];
    const reader = [{ operator: [] }, { accessToken: [] }];
    const identities = spec.paths['/v1/operator/identities'].post;
    expect(identities.security).toEqual(operator);
    expect(identities.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['subject', 'legalName', 'country', 'roles', 'keys']),
    );
    for (const status of ['201', '400', '401', '403', '409', '422'])
      expect(identities.responses).toHaveProperty(status);
    expect(spec.paths['/v1/statements/{id}'].get.security).toEqual(reader);
    expect(spec.paths['/v1/statements/{id}'].get.responses).toHaveProperty('404');
    for (const path of [
      '/v1/batches',
      '/v1/batches/{id}',
      '/v1/batches/{id}/provenance',
      '/v1/batches/{id}/history',
    ]) {
      expect(spec.paths[path]?.get?.security, path).toEqual(reader);
    }
    for (const path of [
      '/v1/organizations',
      '/v1/organizations/{did}',
      '/v1/facilities',
      '/v1/facilities/{id}',
    ]) {
      expect(spec.paths[path]?.get, path).toBeDefined();
      expect(spec.paths[path].get.security, `${path} is public`).toBeUndefined();
    }
    expect(Object.keys(spec.paths)).not.toContain('/v1/keys');
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
  const operatorOnly = (authorization: string) =>
    app.inject({ method: 'POST', url: '/v1/operator/identities', headers: { authorization }, payload: {} });
  const reader = (authorization: string) =>
    app.inject({ method: 'GET', url: `/v1/statements/${'0'.repeat(64)}`, headers: { authorization } });

  it.each([
    ['a token padded with a no-break space', `Bearer \u00a0${TOKEN}`],
    ['an empty credential', 'Bearer  '],
    ['a token with a trailing NBSP', `Bearer ${TOKEN}\u00a0`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
  ])('refuses %s', async (_n, authorization) => {
    for (const res of [await operatorOnly(authorization), await reader(authorization)]) {
      expect([401, 403]).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('accepts the scheme in any case, with spaces or tabs around the token', async () => {
    for (const authorization of [`bearer ${TOKEN}`, `BEARER\t${TOKEN} `]) {
      expect((await reader(authorization)).json().code).toBe('STATEMENT_NOT_FOUND');
      // Past the token check: the empty body fails the schema.
      expect((await operatorOnly(authorization)).json().code).toBe('VALIDATION');
    }
  });
});
