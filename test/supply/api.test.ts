/**
 * Issue 3 items 10 and 11 over HTTP: registration through POST /v1/statements with coded problems, the
 * registry and batch reads with filters and pagination, and who may read what — anything else is a 404
 * that does not reveal whether the thing exists.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { jwkFromPublicKey, signCompactJws } from '../../src/crypto/index.js';
import { identityCredential, validateEpcis } from '../../src/interop/index.js';
import { ACCESS_TOKEN_TYPE } from '../../src/service/index.js';
import { type TestSigner, testSigner } from '../helpers/node.js';
import { batch, nextTime, type Org, SupplyWorld } from '../helpers/supply.js';

const publicJwk = (s: TestSigner) => ({
  kty: 'OKP' as const,
  crv: 'Ed25519' as const,
  x: jwkFromPublicKey(s.keys.publicKey).x,
});

const TOKEN = 'supply-api-operator-token';
const KG = 1000;

describe('supply-chain API', () => {
  let w: SupplyWorld;
  let app: FastifyInstance;
  let miner: Org;
  let refiner: Org;
  let other: Org;
  let auditor: Org;
  let mine: string;
  let plant: string;

  /** An access token for `org`, as `lodestone token` makes it. */
  const tokenOf = (org: Org, claims: Record<string, unknown> = {}): string => {
    const iat = Math.floor(Date.now() / 1000);
    return signCompactJws(
      JSON.stringify({ iss: org.did, aud: w.node.info.origin, iat, exp: iat + 300, ...claims }),
      { kid: org.signer.kid, typ: ACCESS_TOKEN_TYPE },
      org.signer.keys.privateKey,
    );
  };
  const get = (url: string, bearer?: string) =>
    app.inject({ method: 'GET', url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const enc = encodeURIComponent;

  beforeAll(async () => {
    w = await SupplyWorld.open();
    app = await buildApp({ node: w.node, operatorToken: TOKEN, logLevel: false });
    miner = await w.org('apiminer', 'CAN');
    refiner = await w.org('apirefiner', 'JPN');
    other = await w.org('apiother', 'FRA');
    auditor = await w.org('apiauditor', 'DEU', ['auditor']);
    mine = await w.facility(miner, 'pit', { kind: 'mine', country: 'CAN' });
    plant = await w.facility(refiner, 'plant', { kind: 'refinery', country: 'JPN' });
    for (let i = 0; i < 5; i++) {
      await w.submit(miner, [w.extract(mine, batch(`urn:api:${i}`, 'co.hydroxide', 100, { Co: 300_000 }))]);
    }
    await w.submit(miner, [
      {
        type: 'ship',
        id: w.eventId(),
        time: nextTime(),
        batch: 'urn:api:0',
        grams: 40 * KG,
        splitInto: 'urn:api:0/a',
        to: refiner.did,
        toFacility: plant,
      },
    ]);
    await w.submit(refiner, [
      {
        type: 'receive',
        id: w.eventId(),
        time: nextTime(),
        batch: 'urn:api:0/a',
        facility: plant,
        grams: 40 * KG,
      },
    ]);
  });
  afterAll(async () => {
    await app.close();
    await w.close();
  });

  it('registers custody statements over HTTP and answers a violation with its code and status', async () => {
    const jws = w.sign(miner, [
      {
        type: 'ship',
        id: w.eventId(),
        time: nextTime(),
        batch: 'urn:api:1',
        grams: 101 * KG,
        splitInto: 'urn:api:1/x',
        to: refiner.did,
        toFacility: plant,
      },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/statements',
      headers: { 'content-type': 'application/jose' },
      payload: jws,
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'CUSTODY_INSUFFICIENT_QUANTITY', status: 409 });
  });

  it('lists organisations and facilities publicly, with filters and pagination', async () => {
    const orgs = (await get('/v1/organizations?country=CAN')).json();
    expect(orgs.items.map((o: { did: string }) => o.did)).toContain(miner.did);
    const one = (await get(`/v1/organizations/${enc(miner.did)}`)).json();
    expect(one).toMatchObject({ did: miner.did, country: 'CAN', roles: ['producer'] });
    expect(one.keys[0]).toMatchObject({ kid: miner.signer.kid });
    expect((await get(`/v1/facilities?kind=mine&operator=${enc(miner.did)}`)).json().items).toHaveLength(1);
    expect((await get(`/v1/facilities/${enc(plant)}`)).json()).toMatchObject({ id: plant, country: 'JPN' });
    expect((await get(`/v1/facilities/${enc('https://nowhere.example/x')}`)).json()).toMatchObject({
      code: 'REGISTRY_NOT_FOUND',
    });
    // Pages of 2 walk all organisations once.
    const seen: string[] = [];
    let after = '';
    for (let page = 0; page < 20; page++) {
      const r = (await get(`/v1/organizations?limit=2${after && `&after=${enc(after)}`}`)).json();
      seen.push(...r.items.map((o: { did: string }) => o.did));
      if (!r.next) break;
      after = r.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([miner.did, refiner.did, other.did, auditor.did]));
  });

  it('batch reads need credentials; each organisation sees what it holds', async () => {
    expect((await get('/v1/batches')).statusCode).toBe(401);
    expect((await get('/v1/batches', 'not-the-token-at-all')).statusCode).toBe(403);
    const mine = (await get('/v1/batches?limit=100', tokenOf(miner))).json();
    // Shipping moves custody, not ownership: the miner still owns the part it shipped.
    expect(mine.items.map((b: { id: string }) => b.id).sort()).toEqual([
      'urn:api:0',
      'urn:api:0/a',
      'urn:api:1',
      'urn:api:2',
      'urn:api:3',
      'urn:api:4',
    ]);
    const theirs = (await get('/v1/batches', tokenOf(refiner))).json();
    expect(theirs.items.map((b: { id: string }) => b.id)).toEqual(['urn:api:0/a']);
    expect((await get('/v1/batches', tokenOf(other))).json().items).toEqual([]);
    expect((await get('/v1/batches?limit=100', TOKEN)).json().items).toHaveLength(6);
    expect((await get('/v1/batches?limit=100&status=active', tokenOf(auditor))).json().items).toHaveLength(6);
    const page = (await get('/v1/batches?limit=2', TOKEN)).json();
    expect(page.items).toHaveLength(2);
    expect(page.next).toBe('urn:api:1');
  });

  it('provenance is readable by the holder and downstream holders; others get the same 404 as for nothing', async () => {
    const url = `/v1/batches/${enc('urn:api:0')}/provenance`;
    expect((await get(url, tokenOf(miner))).statusCode).toBe(200);
    // The refiner holds a batch made from urn:api:0, so it may see urn:api:0's provenance.
    expect((await get(url, tokenOf(refiner))).json().elements[0].byCountry).toEqual([
      expect.objectContaining({ key: 'CAN', share: '1/1' }),
    ]);
    const hidden = await get(url, tokenOf(other));
    const missing = await get(`/v1/batches/${enc('urn:api:none')}/provenance`, tokenOf(other));
    expect(hidden.statusCode).toBe(404);
    expect({ ...hidden.json(), detail: '' }).toEqual({ ...missing.json(), detail: '' });
    expect((await get(url, tokenOf(auditor))).statusCode).toBe(200);
    // The refiner holds urn:api:0/a but nothing of urn:api:1.
    expect((await get(`/v1/batches/${enc('urn:api:1')}`, tokenOf(refiner))).statusCode).toBe(404);
    expect((await get(`/v1/batches/${enc('urn:api:0/a')}`, tokenOf(refiner))).statusCode).toBe(200);
  });

  it('history shows the events the viewer is party to', async () => {
    const url = `/v1/batches/${enc('urn:api:0/a')}/history`;
    const refinerView = (await get(url, tokenOf(refiner)))
      .json()
      .items.map((e: { event: { type: string } }) => e.event.type);
    expect(refinerView).toEqual(['ship', 'receive']);
    const auditorView = (await get(url, TOKEN)).json().items;
    expect(auditorView.map((e: { index: number }) => e.index)).toEqual(
      [...auditorView.map((e: { index: number }) => e.index)].sort((a, b) => a - b),
    );
  });

  it('statements: registry statements are public, custody statements only for their parties', async () => {
    const shipment = (await get(`/v1/batches/${enc('urn:api:0/a')}/history`, TOKEN)).json().items[0]
      .statement;
    expect((await get(`/v1/statements/${shipment}`)).statusCode).toBe(404);
    expect((await get(`/v1/statements/${shipment}`, tokenOf(other))).statusCode).toBe(404);
    expect((await get(`/v1/statements/${shipment}`, tokenOf(refiner))).statusCode).toBe(200);
    expect((await get(`/v1/statements/${shipment}`, tokenOf(miner))).statusCode).toBe(200);
    expect((await get(`/v1/statements/${shipment}`, tokenOf(auditor))).statusCode).toBe(200);
    const registration = (await get(`/v1/facilities/${enc(plant)}`)).json().statement;
    expect((await get(`/v1/statements/${registration}`)).statusCode).toBe(200);
  });

  it('refuses bad access tokens with ACCESS_TOKEN_INVALID', async () => {
    const bad = [
      tokenOf(miner, { aud: 'another.example/log' }),
      tokenOf(miner, { exp: Math.floor(Date.now() / 1000) - 1 }),
      tokenOf(miner, { iss: refiner.did }),
      tokenOf(miner, { exp: Math.floor(Date.now() / 1000) + 7200 }),
      `${tokenOf(miner).slice(0, -4)}AAAA`,
      'a.b.c',
    ];
    for (const token of bad) {
      const res = await get('/v1/batches', token);
      expect(res.statusCode, token).toBe(401);
      expect(res.json().code).toBe('ACCESS_TOKEN_INVALID');
    }
    // A statement is not an access token (typ differs).
    const statement = w.sign(miner, [
      { type: 'assay', id: w.eventId(), time: nextTime(), batch: 'urn:api:2', content: { Co: 300_000 } },
    ]);
    expect((await get('/v1/batches', statement)).statusCode).toBe(401);
  });

  it('the operator registers registrars; a registrar registers organisations', async () => {
    const registrar = testSigner('did:web:registrar.example#k1');
    const body = {
      subject: 'did:web:registrar.example',
      legalName: 'Registrar of Companies',
      registeredId: 'REG-1',
      idScheme: { id: 'https://registers.example/companies', name: 'Companies register' },
      country: 'GBR',
      roles: ['registrar'],
      keys: [{ kid: registrar.kid, jwk: publicJwk(registrar) }],
    };
    const post = (payload: object, token?: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/operator/identities',
        payload,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await post(body)).statusCode).toBe(401);
    expect((await post(body, 'wrong-operator-token')).statusCode).toBe(403);
    expect((await post({ ...body, roles: ['king'] }, TOKEN)).json().code).toBe('VALIDATION');
    // Unknown members are refused, not dropped: above all a private key sent by mistake.
    expect((await post({ ...body, motto: 'x' }, TOKEN)).json().code).toBe('VALIDATION');
    const withPrivate = {
      ...body,
      keys: [{ ...body.keys[0]!, jwk: { ...body.keys[0]!.jwk, d: 'A'.repeat(43) } }],
    };
    expect((await post(withPrivate, TOKEN)).json()).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect((await post(body, TOKEN)).statusCode).toBe(201);

    // The registrar registers a producer; the producer can then register statements.
    const producer = testSigner('did:web:newco.example#k1');
    const registration = (roles: string[]) =>
      registrar.sign(
        identityCredential(
          {
            kind: 'identity',
            subject: 'did:web:newco.example',
            legalName: 'NewCo',
            registeredId: 'N-1',
            idScheme: body.idScheme,
            country: 'GBR',
            roles: roles as never,
            keys: [{ kid: producer.kid, jwk: publicJwk(producer) }],
            validFrom: new Date().toISOString(),
          },
          { id: 'did:web:registrar.example', name: 'Registrar of Companies' },
        ),
      );
    // Only the operator may make registrars.
    const tooMuch = await app.inject({
      method: 'POST',
      url: '/v1/statements',
      headers: { 'content-type': 'application/jose' },
      payload: registration(['registrar']),
    });
    expect(tooMuch.json()).toMatchObject({ code: 'IDENTITY_NOT_AUTHORIZED', status: 403 });
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/statements',
      headers: { 'content-type': 'application/jose' },
      payload: registration(['producer']),
    });
    expect(ok.statusCode).toBe(201);
    expect((await get(`/v1/organizations/${enc('did:web:newco.example')}`)).json()).toMatchObject({
      roles: ['producer'],
      registeredBy: 'did:web:registrar.example',
    });
  });

  it('exports a batch history as an EPCIS 2.0 document valid against the EPCIS schema', async () => {
    const res = await get(`/v1/batches/${enc('urn:api:0/a')}/epcis`, TOKEN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = res.json();
    expect(validateEpcis(doc)).toEqual({ ok: true, errors: [] });
    expect(doc.epcisBody.eventList.map((e: { bizStep: string }) => e.bizStep)).toEqual([
      'shipping',
      'receiving',
    ]);
    // What the caller may not see is not exported either.
    expect((await get(`/v1/batches/${enc('urn:api:0/a')}/epcis`, tokenOf(other))).statusCode).toBe(404);
  });

  it('documents the routes in OpenAPI', async () => {
    const spec = (await get('/openapi.json')).json();
    for (const path of [
      '/v1/batches',
      '/v1/batches/{id}',
      '/v1/batches/{id}/provenance',
      '/v1/batches/{id}/history',
      '/v1/batches/{id}/epcis',
      '/v1/organizations',
      '/v1/organizations/{did}',
      '/v1/facilities',
      '/v1/facilities/{id}',
      '/v1/operator/identities',
    ]) {
      expect(spec.paths[path], path).toBeDefined();
    }
  });
});
