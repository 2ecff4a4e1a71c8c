import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batch, type Org, SupplyWorld } from '../../../test/helpers/supply.js';
import { signCompactJws } from '../../crypto/index.js';
import { ACCESS_TOKEN_TYPE } from '../../service/index.js';
import { buildApp } from '../app.js';

const TOKEN = 'overview-operator-token';
const KG = 1000;

let w: SupplyWorld;
let app: FastifyInstance;
let miner: Org;
let auditor: Org;
let mine: string;

/** An access token of `org` for this node, as `lodestone token` makes it. */
function tokenOf(org: Org): string {
  const iat = Math.floor(Date.now() / 1000);
  return signCompactJws(
    JSON.stringify({ iss: org.did, aud: w.node.info.origin, iat, exp: iat + 300 }),
    { kid: org.signer.kid, typ: ACCESS_TOKEN_TYPE },
    org.signer.keys.privateKey,
  );
}

const get = (url: string, bearer?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
  });

const verify = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/v1/receipts/verify', payload: payload as object });

beforeAll(async () => {
  w = await SupplyWorld.open();
  app = await buildApp({ node: w.node, operatorToken: TOKEN, logLevel: false });
  miner = await w.org('ovminer', 'CAN');
  auditor = await w.org('ovauditor', 'DEU', ['auditor']);
  mine = await w.facility(miner, 'pit', { kind: 'mine', country: 'CAN', at: [-79.4, 43.7] });
  await w.submit(miner, [w.extract(mine, batch('urn:ov:co-1', 'co.hydroxide', 100, { Co: 300_000 }))]);
  await w.submit(miner, [w.extract(mine, batch('urn:ov:co-2', 'co.hydroxide', 50, { Co: 300_000 }))]);
  await w.submit(miner, [
    w.extract(mine, batch('urn:ov:li-1', 'li.ore.spodumene-pegmatite', 1000, { Li: 10_000 })),
  ]);
});
afterAll(async () => {
  await app?.close();
  await w?.close();
});

describe('GET /v1/overview', () => {
  it('gives anyone the counts and the log state, without volumes', async () => {
    const res = await get('/v1/overview');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // The test signer openTestNode registers, the miner and the auditor.
    expect(body.counts).toEqual({ organizations: 3, facilities: 1, batches: 3, certificates: 0 });
    expect(body.access).toBe('public');
    expect(body).not.toHaveProperty('volumes');
    expect(body.node).toEqual({
      origin: w.node.info.origin,
      version: w.node.info.version,
      operator: w.node.info.operator,
    });
    expect(body.federation).toEqual({ peers: 0, alarms: 0 });
    const note = (await get('/log/checkpoint')).body;
    const [origin, size, root] = note.split('\n');
    expect(body.log).toEqual({ size: Number(size), pending: 0, root, checkpoint: note });
    expect(origin).toBe(w.node.info.origin);
    expect(body.log.size).toBe(w.node.size);
  });

  it('adds volumes by material and by stage for the operator', async () => {
    const body = (await get('/v1/overview', TOKEN)).json();
    expect(body.access).toBe('full');
    expect(body.volumes.byMaterial).toEqual([
      {
        material: 'li.ore.spodumene-pegmatite',
        name: 'Spodumene pegmatite ore',
        stage: 'ore',
        chains: ['lithium'],
        batches: 1,
        createdGrams: 1000 * KG,
        remainingGrams: 1000 * KG,
      },
      {
        material: 'co.hydroxide',
        name: 'Cobalt hydroxide (intermediate)',
        stage: 'intermediate',
        chains: ['cobalt'],
        batches: 2,
        createdGrams: 150 * KG,
        remainingGrams: 150 * KG,
      },
    ]);
    expect(body.volumes.byStage).toEqual([
      { stage: 'ore', batches: 1, createdGrams: 1000 * KG, remainingGrams: 1000 * KG },
      { stage: 'intermediate', batches: 2, createdGrams: 150 * KG, remainingGrams: 150 * KG },
    ]);
  });

  it('gives volumes to an auditor, not to an organisation that sees only its own batches', async () => {
    expect((await get('/v1/overview', tokenOf(auditor))).json()).toMatchObject({ access: 'full' });
    const producer = (await get('/v1/overview', tokenOf(miner))).json();
    expect(producer.access).toBe('public');
    expect(producer).not.toHaveProperty('volumes');
  });

  it('refuses a wrong operator token and a bad access token with their problems', async () => {
    const wrong = await get('/v1/overview', 'not-the-operator-token');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await get('/v1/overview', 'a.b.c');
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
  });

  it('follows the log: a new batch shows in the counts and volumes at once', async () => {
    const before = (await get('/v1/overview', TOKEN)).json();
    await w.submit(miner, [w.extract(mine, batch('urn:ov:co-3', 'co.hydroxide', 25, { Co: 300_000 }))]);
    const after = (await get('/v1/overview', TOKEN)).json();
    expect(after.counts.batches).toBe(before.counts.batches + 1);
    expect(after.log.size).toBe(before.log.size + 1);
    const cobalt = after.volumes.byMaterial.find((m: { material: string }) => m.material === 'co.hydroxide');
    expect(cobalt).toMatchObject({ batches: 3, createdGrams: 175 * KG });
  });

  it('is described in the OpenAPI document, public with an optional token', async () => {
    const spec = (await get('/openapi.json')).json();
    const op = spec.paths['/v1/overview'].get;
    expect(op.security).toEqual([{}, { operator: [] }, { accessToken: [] }]);
    expect(op.responses['200'].content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['counts', 'log', 'access']),
    );
    expect(
      spec.paths['/v1/receipts/verify'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['statement', 'receipt']);
  });
});

describe('POST /v1/receipts/verify', () => {
  /** A registered custody statement and its receipt. */
  async function registered(id: string): Promise<{ jws: string; receipt: Record<string, unknown> }> {
    const jws = w.sign(miner, [w.extract(mine, batch(id, 'co.hydroxide', 10, { Co: 300_000 }))]);
    const { receipt } = await w.node.register(jws);
    return { jws, receipt: receipt as unknown as Record<string, unknown> };
  }

  it('verifies a statement and its receipt with the node key, check by check', async () => {
    const { jws, receipt } = await registered('urn:ov:r-1');
    const res = await verify({ statement: `\n${jws}\n`, receipt });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, origin: w.node.info.origin, index: receipt.index });
    expect(body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['receipt-format', true],
      ['statement-digest', true],
      ['entry', true],
      ['checkpoint-signature', true],
      ['inclusion', true],
    ]);
  });

  it('accepts a receipt fetched over HTTP later, against a later checkpoint', async () => {
    const { jws, receipt } = await registered('urn:ov:r-2');
    await registered('urn:ov:r-3');
    const later = (await get(`/v1/statements/${receipt.statement}/receipt`)).json();
    expect(later.checkpoint).not.toBe(receipt.checkpoint);
    expect((await verify({ statement: jws, receipt: later })).json()).toMatchObject({ ok: true });
  });

  it('fails at the statement digest for another statement, and stops there', async () => {
    const { receipt } = await registered('urn:ov:r-4');
    const other = w.sign(miner, [w.extract(mine, batch('urn:ov:never', 'co.hydroxide', 1, { Co: 300_000 }))]);
    const body = (await verify({ statement: other, receipt })).json();
    expect(body.ok).toBe(false);
    expect(body.checks.map((c: { name: string }) => c.name)).toEqual(['receipt-format', 'statement-digest']);
    expect(body.checks[1]).toMatchObject({ ok: false, detail: expect.stringContaining('statement digest') });
  });

  it('fails at the checkpoint signature for a forged checkpoint', async () => {
    const { jws, receipt } = await registered('urn:ov:r-5');
    const note = receipt.checkpoint as string;
    const forged = note.replace(
      /^(.*\n)(\d+)\n/,
      (_m, origin: string, size: string) => `${origin}${Number(size) + 1}\n`,
    );
    const body = (await verify({ statement: jws, receipt: { ...receipt, checkpoint: forged } })).json();
    expect(body.ok).toBe(false);
    expect(body.checks.at(-1)).toMatchObject({ name: 'checkpoint-signature', ok: false });
  });

  it('fails at the inclusion proof for another index', async () => {
    const { jws, receipt } = await registered('urn:ov:r-6');
    const body = (await verify({ statement: jws, receipt: { ...receipt, index: 0 } })).json();
    expect(body.ok).toBe(false);
    expect(body.checks.at(-1)).toMatchObject({ name: 'inclusion', ok: false });
  });

  it('answers a malformed receipt with a failed format check, and a malformed body with a problem', async () => {
    const { jws } = await registered('urn:ov:r-7');
    const body = (await verify({ statement: jws, receipt: { statement: 1 } })).json();
    expect(body).toMatchObject({ ok: false, checks: [{ name: 'receipt-format', ok: false }] });
    for (const payload of [
      { statement: jws },
      { statement: jws, receipt: 'text' },
      { statement: '', receipt: {} },
    ]) {
      const res = await verify(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION' });
    }
  });
});
