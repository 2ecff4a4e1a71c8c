/**
 * Issue 4 items 4–6: certification flows into provenance (certified shares as of a time, revocation
 * changes only what is reported from its time on), the claims check, offline verification with a trust
 * bundle, and the HTTP surface.
 */
import fc from 'fast-check';
import { compactVerify, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { validateCredential } from '../../src/interop/index.js';
import type { CustodyEvent, NewBatch } from '../../src/model/index.js';
import { loadTrustBundle, type Provenance, verifyPresented } from '../../src/service/index.js';
import { batch, nextTime, type Org } from '../helpers/supply.js';
import { TrustWorld } from '../helpers/trust.js';

const KG = 1000;

function certifiedShares(p: Provenance | undefined): Record<string, string> {
  const co = p?.elements.find((e) => e.element === 'Co');
  return Object.fromEntries((co?.byCertification ?? []).map((s) => [s.key, s.share]));
}

describe('certified provenance, claims, bundles and the API', () => {
  let t: TrustWorld;
  let katanga: Org;
  let voisey: Org;
  let refiner: Org;
  let certifier: Org;
  let mineK: string;
  let mineV: string;
  let cert: { jws: string; id: string };

  async function extract(by: Org, mine: string, lot: NewBatch) {
    const event: CustodyEvent = {
      type: 'extract',
      id: t.world.eventId(),
      time: nextTime(),
      facility: mine,
      method: 'industrial',
      batch: lot,
      custodyModel: 'segregated',
    };
    await t.world.submit(by, [event]);
  }

  async function ship(from: Org, lot: string, kg: number, to: Org, facility: string) {
    await t.world.submit(from, [
      {
        type: 'ship',
        id: t.world.eventId(),
        time: nextTime(),
        batch: lot,
        grams: kg * KG,
        to: to.did,
        toFacility: facility,
      },
    ]);
    await t.world.submit(to, [
      { type: 'receive', id: t.world.eventId(), time: nextTime(), batch: lot, facility, grams: kg * KG },
    ]);
  }

  beforeAll(async () => {
    t = await TrustWorld.open('2026-01-01T00:00:00.000Z');
    const w = t.world;
    const dakks = await w.org('dakks', 'DEU', ['accreditor']);
    certifier = await w.org('certifier', 'DEU', ['certifier']);
    katanga = await w.org('katanga', 'COD');
    voisey = await w.org('voisey', 'CAN');
    refiner = await w.org('electra', 'CAN');
    mineK = await w.facility(katanga, 'kamoto', { kind: 'mine', country: 'COD' });
    mineV = await w.facility(voisey, 'bay', { kind: 'mine', country: 'CAN' });
    const plant = await w.facility(refiner, 'refinery', { kind: 'refinery', country: 'CAN' });
    await t.trustList([{ did: dakks.did, name: 'DAkkS', country: 'DEU' }]);
    await t.accredit(dakks, certifier);
    t.clock.set('2026-02-01T00:00:00.000Z');
    cert = await t.issue(
      certifier,
      t.certificate(
        certifier,
        katanga,
        [
          {
            subjects: [{ kind: 'facility', id: mineK }],
            criteria: ['https://schemes.example/rmap-cobalt#child-labour'],
          },
        ],
        { index: 7 },
      ),
    );
    await extract(katanga, mineK, batch('urn:lot:K1', 'co.hydroxide', 70_000, { Co: 300_000 }));
    await extract(voisey, mineV, batch('urn:lot:V1', 'co.hydroxide', 50_000, { Co: 360_000 }));
    await ship(katanga, 'urn:lot:K1', 70_000, refiner, plant);
    await ship(voisey, 'urn:lot:V1', 50_000, refiner, plant);
    await t.world.submit(refiner, [
      {
        type: 'transform',
        id: t.world.eventId(),
        time: nextTime(),
        facility: plant,
        process: 'refine',
        inputs: [
          { batch: 'urn:lot:K1', grams: 70_000 * KG },
          { batch: 'urn:lot:V1', grams: 50_000 * KG },
        ],
        outputs: [batch('urn:lot:CS1', 'co.sulfate.battery', 130_000, { Co: 209_000 })],
        tolerancePpm: 0,
        custodyModel: 'controlled-blending',
      },
    ]);
    t.clock.set('2026-05-01T00:00:00.000Z');
    await t.setStatus(certifier, 'revocation', [7]);
  });

  afterAll(() => t.close());

  it('reports the certified share of cobalt: 7/13 from the certified Congolese mine (hand-computed)', () => {
    // Katanga: 70 t × 30 % = 21 t Co; Voisey: 50 t × 36 % = 18 t Co; 21/39 = 7/13.
    const p = t.node.supply.provenance('urn:lot:CS1', { at: '2026-03-01T00:00:00.000Z' });
    expect(certifiedShares(p)).toEqual({ certified: '7/13', uncertified: '6/13' });
    expect(p?.at).toBe('2026-03-01T00:00:00.000Z');
  });

  it('counts a certificate only from its registration, and a revocation only from its time', () => {
    // Before the certificate was registered (2026-02-01), nothing was certified.
    expect(
      certifiedShares(t.node.supply.provenance('urn:lot:CS1', { at: '2026-01-15T00:00:00.000Z' })),
    ).toEqual({
      uncertified: '1/1',
    });
    // After the revocation (2026-05-01) nothing is; what was reported for March is unchanged.
    expect(
      certifiedShares(t.node.supply.provenance('urn:lot:CS1', { at: '2026-05-02T00:00:00.000Z' })),
    ).toEqual({
      uncertified: '1/1',
    });
    expect(
      certifiedShares(t.node.supply.provenance('urn:lot:CS1', { at: '2026-03-01T00:00:00.000Z' })),
    ).toEqual({
      certified: '7/13',
      uncertified: '6/13',
    });
    // Default: the node's clock (after the revocation).
    expect(certifiedShares(t.node.supply.provenance('urn:lot:CS1'))).toEqual({ uncertified: '1/1' });
  });

  it('filters the certified dimension by scheme', () => {
    const other = t.node.supply.provenance('urn:lot:CS1', {
      at: '2026-03-01T00:00:00.000Z',
      scheme: 'https://other.example/scheme',
    });
    expect(certifiedShares(other)).toEqual({ uncertified: '1/1' });
  });

  it("reports a facility's certification at a time with each certificate's verdict", () => {
    const march = t.node.certificates.certification(mineK, '2026-03-01T00:00:00.000Z');
    expect(march.certified).toBe(true);
    expect(march.certificates.map((c) => c.id)).toEqual([cert.id]);
    const june = t.node.certificates.certification(mineK, '2026-06-01T00:00:00.000Z');
    expect(june.certified).toBe(false);
    expect(june.certificates[0]?.result.checks.find((c) => c.status === 'fail')?.check).toBe('status');
  });

  it('checks the claims of a facility record against trusted certificates', () => {
    const record = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://test.uncefact.org/vocabulary/untp/dfr/0.6.1/',
      ],
      type: ['VerifiableCredential', 'DigitalFacilityRecord'],
      credentialSubject: {
        facility: { id: mineK, name: 'Kamoto' },
        conformityClaim: [
          {
            id: 'https://katanga.example/claims/1',
            conformityTopic: 'social.labour',
            conformance: true,
            assessmentCriteria: [{ id: 'https://schemes.example/rmap-cobalt#child-labour' }],
          },
          {
            id: 'https://katanga.example/claims/2',
            conformityTopic: 'social.labour',
            conformance: true,
            assessmentCriteria: [
              { id: 'https://schemes.example/rmap-cobalt#child-labour' },
              { id: 'https://schemes.example/rmap-cobalt#forced-labour' },
            ],
          },
          { id: 'https://katanga.example/claims/3', conformityTopic: 'environment.water', conformance: true },
        ],
      },
    };
    const march = t.node.certificates.claims(record, '2026-03-01T00:00:00.000Z');
    expect(march.map((c) => c.status)).toEqual(['verified', 'partially-verified', 'unverified']);
    expect(march[0]?.certificates).toEqual([cert.id]);
    expect(march[1]?.reason).toMatch(/forced-labour/);
    // After the revocation no certificate backs anything.
    expect(t.node.certificates.claims(record, '2026-06-01T00:00:00.000Z').map((c) => c.status)).toEqual([
      'unverified',
      'unverified',
      'unverified',
    ]);
  });

  it('verifies offline with a trust bundle exactly as the node does, and refuses a tampered bundle', () => {
    const bundle = t.node.trustBundle();
    const loaded = loadTrustBundle(JSON.parse(JSON.stringify(bundle)), t.node.operator.did);
    for (const at of ['2026-03-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z']) {
      expect(verifyPresented(cert.jws, loaded.view, at)).toEqual(t.node.certificates.verify(cert.jws, at));
    }
    const tampered = JSON.parse(JSON.stringify(bundle));
    tampered.statements.pop();
    expect(() => loadTrustBundle(tampered)).toThrow(/signature does not verify/);
    expect(() => loadTrustBundle(bundle, 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).toThrow(
      /not did:key:z6Mkha/,
    );
    expect(() => loadTrustBundle({ type: 'nope' })).toThrow(/not a LodestoneTrustBundle/);
  });

  it('issues certificates any JOSE library verifies, valid against the W3C VC 2.0 and UNTP 0.6.1 DCC schemas', async () => {
    const [, payload] = cert.jws.split('.') as [string, string];
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const key = t.node.certificates.view.key(certifier.signer.kid)!;
    const { protectedHeader, payload: verified } = await compactVerify(
      cert.jws,
      await importJWK(key.jwk, 'EdDSA'),
    );
    expect(protectedHeader).toMatchObject({
      alg: 'EdDSA',
      typ: 'vc+jwt',
      cty: 'vc',
      kid: certifier.signer.kid,
    });
    expect(JSON.parse(Buffer.from(verified).toString('utf8'))).toEqual(json);
    const report = await validateCredential(json);
    expect(report).toEqual({ ok: true, errors: [] });
  });

  describe('over HTTP', () => {
    let app: Awaited<ReturnType<typeof buildApp>>;
    beforeAll(async () => {
      app = await buildApp({
        node: t.node,
        operatorToken: 'test-operator-token-0123456789abcdef',
        logLevel: false,
      });
    });
    afterAll(() => app.close());

    it('POST /v1/credentials/verify answers a structured verdict', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/credentials/verify',
        payload: { credential: cert.jws, at: '2026-03-01T00:00:00.000Z' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ verified: true, credential: { id: cert.id } });
      const late = await app.inject({
        method: 'POST',
        url: '/v1/credentials/verify',
        payload: { credential: cert.jws },
      });
      expect(late.json().checks.find((c: { check: string }) => c.check === 'status')).toMatchObject({
        status: 'fail',
      });
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/credentials/verify',
        payload: { credential: cert.jws, extra: 1 },
      });
      expect(bad.statusCode).toBe(400);
    });

    it('answers hostile verification and claims requests with a verdict or a 4xx problem, never a 5xx', async () => {
      const [h, p] = cert.jws.split('.') as [string, string];
      const mutated = fc.oneof(
        fc.anything(),
        fc.string().map((x) => `${h}.${p}.${x}`),
        fc.json().map((j) => `${h}.${Buffer.from(j).toString('base64url')}.AAAA`),
        fc.record({
          type: fc.constant('EnvelopedVerifiableCredential'),
          id: fc.string().map((x) => `data:application/vc+jwt,${x}`),
        }),
      );
      await fc.assert(
        fc.asyncProperty(mutated, async (credential) => {
          const res = await app.inject({
            method: 'POST',
            url: '/v1/credentials/verify',
            payload: { credential },
          });
          expect(res.statusCode === 200 || res.statusCode === 400, res.body).toBe(true);
          if (res.statusCode === 200) expect(res.json().verified).toBe(false);
          const claims = await app.inject({
            method: 'POST',
            url: '/v1/claims/check',
            payload: { credential },
          });
          expect([200, 400, 422], claims.body).toContain(claims.statusCode);
        }),
        { numRuns: 150 },
      );
    });

    it('serves status lists, certificates, certification, the registry and the bundle', async () => {
      const list = await app.inject({
        url: `/v1/status-lists/${encodeURIComponent('https://certifier.example/status/revocation')}`,
      });
      expect(list.statusCode).toBe(200);
      expect(list.headers['content-type']).toMatch(/^application\/vc\+jwt/);
      expect(list.body.split('.')).toHaveLength(3);
      expect((await app.inject({ url: '/v1/status-lists/nope' })).json()).toMatchObject({
        code: 'CREDENTIAL_NOT_FOUND',
      });
      const one = await app.inject({
        url: `/v1/certificates/${encodeURIComponent(cert.id)}?at=2026-03-01T00:00:00.000Z`,
      });
      expect(one.json()).toMatchObject({ summary: { id: cert.id, verified: true }, jws: cert.jws });
      const listAll = await app.inject({ url: `/v1/certificates?subject=${encodeURIComponent(mineK)}` });
      expect(listAll.json().items).toHaveLength(1);
      const certification = await app.inject({
        url: `/v1/certification?subject=${encodeURIComponent(mineK)}&at=2026-03-01T00:00:00.000Z`,
      });
      expect(certification.json()).toMatchObject({ certified: true });
      const registry = (await app.inject({ url: '/v1/trust' })).json();
      expect(registry.trustLists).toHaveLength(1);
      expect(registry.accreditations).toHaveLength(1);
      const bundle = (await app.inject({ url: '/v1/trust/bundle' })).json();
      expect(loadTrustBundle(bundle, t.node.operator.did).book.certificates()).toHaveLength(1);
    });
  });
});
