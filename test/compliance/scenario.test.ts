/**
 * Issue 5 "done means": a scenario with red flags planted in an otherwise clean chain yields exactly
 * those findings. Everything goes through a real node: signed identity, facility, trust, certificate
 * and custody statements, evaluated by the node's compliance monitor under the default rule set
 * (2026.2), against the shipped CAHRA seed and the fictional OFAC SDN fixture.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwkFromPublicKey } from '../../src/crypto/index.js';
import type { CustodyEvent, NewBatch } from '../../src/model/index.js';
import type { FindingView } from '../../src/service/findings/types.js';
import { didOf, testSigner } from '../helpers/node.js';
import { batch, type Org } from '../helpers/supply.js';
import { TrustWorld } from '../helpers/trust.js';

const KG = 1000;
const T = 1000 * KG;

const SDN_FIXTURE = fileURLToPath(
  new URL('../../assets/compliance/fixtures/ofac-sdn-fictional.csv', import.meta.url),
);

/** The statement id of a JWS: lowercase hex SHA-256 of its bytes. */
function statementIdOf(jws: string): string {
  return createHash('sha256').update(jws).digest('hex');
}

/** What a finding is about, and which statement raised it: the triple the scenario plants. */
type Key = readonly [rule: string, subject: string, statement: string];

function keyOf(f: FindingView): string {
  return JSON.stringify([f.rule, f.subject.id, f.statement]);
}

describe('compliance scenario: red flags planted in a clean chain (issue 5)', () => {
  let t: TrustWorld;
  let certifier: Org;
  let voisey: Org;
  let sudbury: Org;
  let raglan: Org;
  let katanga: Org;
  let hydromet: Org;
  let osaka: Org;
  let buyer: Org;
  let voiseyMine: string;
  let sudburyRefinery: string;
  let raglanMine: string;
  let katangaMine: string;
  let katangaDepot: string;
  let hydrometPlant: string;
  let osakaPlant: string;
  let raglanCertificate: string;
  let raglanExtract: string;
  const planted: { key: Key; evidence: string[] }[] = [];

  /** Set the node's clock to `time` and register `events` (each dated `time`) as `by`; the statement id. */
  async function at(time: string, by: Org, events: readonly DistributiveOmit<CustodyEvent, 'time'>[]) {
    t.clock.set(time);
    const dated = events.map((e) => ({ ...e, time }) as CustodyEvent);
    const registration = await t.world.submit(by, dated);
    return registration.receipt.statement;
  }

  function extract(mine: string, lot: NewBatch) {
    return {
      type: 'extract' as const,
      id: t.world.eventId(),
      facility: mine,
      method: 'industrial' as const,
      batch: lot,
      custodyModel: 'segregated' as const,
    };
  }

  function ship(lot: string, grams: number, to: Org, facility: string, mode: string) {
    return {
      type: 'ship' as const,
      id: t.world.eventId(),
      batch: lot,
      grams,
      to: to.did,
      toFacility: facility,
      transportMode: mode,
    };
  }

  function receive(lot: string, grams: number, facility: string) {
    return { type: 'receive' as const, id: t.world.eventId(), batch: lot, facility, grams };
  }

  function transform(
    facility: string,
    process: 'refine' | 'leach' | 'precipitate' | 'manufacture',
    inputs: { batch: string; grams: number }[],
    outputs: NewBatch[],
  ) {
    return {
      type: 'transform' as const,
      id: t.world.eventId(),
      facility,
      process,
      inputs,
      outputs,
      tolerancePpm: 0,
      custodyModel: 'controlled-blending' as const,
    };
  }

  /** `certifier` certifies `facility` (operated by `holder`) for labour and human rights. */
  async function certify(holder: Org, facility: string, index: number) {
    const subjects = [{ kind: 'facility' as const, id: facility }];
    const cert = await t.issue(
      certifier,
      t.certificate(
        certifier,
        holder,
        [
          { topic: 'social.labour', subjects },
          { topic: 'social.rights', subjects },
        ],
        { index },
      ),
    );
    return statementIdOf(cert.jws);
  }

  function plant(rule: string, subject: string, statement: string, related: string[] = []) {
    planted.push({ key: [rule, subject, statement], evidence: [statement, ...related] });
  }

  function findings(): FindingView[] {
    return t.node.compliance.query({ limit: 1000 });
  }

  beforeAll(async () => {
    t = await TrustWorld.open('2026-01-01T00:00:00.000Z');
    // The node reads its sanctions lists from <data>/compliance-data at open: put the fictional SDN
    // fixture there and reopen before anything but the helper's own identity is registered.
    const folder = join(t.world.dir, 'compliance-data');
    mkdirSync(folder, { recursive: true });
    copyFileSync(SDN_FIXTURE, join(folder, 'sdn.csv'));
    await t.reopen();
    expect(t.node.compliance.reference.sanctions.length).toBeGreaterThan(0);

    const w = t.world;
    const dakks = await w.org('dakks', 'DEU', ['accreditor']);
    certifier = await w.org('certifier', 'DEU', ['certifier']);
    voisey = await w.org('voisey', 'CAN');
    sudbury = await w.org('sudbury', 'CAN');
    raglan = await w.org('raglan', 'CAN');
    katanga = await w.org('katanga', 'COD');
    hydromet = await w.org('hydromet', 'CAN');
    osaka = await w.org('osaka', 'JPN');
    buyer = await w.org('buyer', 'DEU');
    voiseyMine = await w.facility(voisey, 'voisey-bay', { kind: 'mine', country: 'CAN', at: [-62.1, 56.33] });
    sudburyRefinery = await w.facility(sudbury, 'sudbury', {
      kind: 'refinery',
      country: 'CAN',
      at: [-80.99, 46.49],
    });
    raglanMine = await w.facility(raglan, 'raglan', { kind: 'mine', country: 'CAN', at: [-73.7, 61.7] });
    katangaMine = await w.facility(katanga, 'kamoto', { kind: 'mine', country: 'COD', at: [25.47, -10.72] });
    katangaDepot = await w.facility(katanga, 'lubumbashi', {
      kind: 'refinery',
      country: 'COD',
      at: [27.48, -11.66],
    });
    hydrometPlant = await w.facility(hydromet, 'long-harbour', {
      kind: 'refinery',
      country: 'CAN',
      at: [-53.8, 47.43],
    });
    osakaPlant = await w.facility(osaka, 'osaka', { kind: 'cathode', country: 'JPN', at: [135.5, 34.69] });
    await t.trustList([{ did: dakks.did, name: 'DAkkS', country: 'DEU' }]);
    await t.accredit(dakks, certifier);
    t.clock.set('2026-01-10T00:00:00.000Z');
    await certify(voisey, voiseyMine, 1);
    await certify(sudbury, sudburyRefinery, 2);
    raglanCertificate = await certify(raglan, raglanMine, 3);
    await certify(katanga, katangaMine, 4);
    // hydromet's leach plant is deliberately left uncertified.

    // The clean chain: a Canadian mine, a certified refinery, a plausible refine, a true assay, a sale.
    await at('2026-02-01T00:00:00.000Z', voisey, [
      extract(voiseyMine, batch('urn:lot:V1', 'co.hydroxide', 50_000, { Co: 360_000 })),
    ]);
    raglanExtract = await at('2026-02-01T06:00:00.000Z', raglan, [
      extract(raglanMine, batch('urn:lot:R1', 'co.hydroxide', 20_000, { Co: 300_000 })),
    ]);
    // ~1,500 km by road in 2 days.
    await at('2026-02-02T00:00:00.000Z', voisey, [
      ship('urn:lot:V1', 50 * T, sudbury, sudburyRefinery, 'road'),
    ]);
    await at('2026-02-04T00:00:00.000Z', sudbury, [receive('urn:lot:V1', 50 * T, sudburyRefinery)]);
    // 18 t Co in, 16.72 t out: 93 % recovery.
    await at('2026-02-05T00:00:00.000Z', sudbury, [
      transform(
        sudburyRefinery,
        'refine',
        [{ batch: 'urn:lot:V1', grams: 50 * T }],
        [batch('urn:lot:CS1', 'co.sulfate.battery', 80_000, { Co: 209_000 })],
      ),
    ]);
    await at('2026-02-06T00:00:00.000Z', sudbury, [
      { type: 'assay', id: t.world.eventId(), batch: 'urn:lot:CS1', content: { Co: 208_000 } },
    ]);
    await at('2026-02-07T00:00:00.000Z', sudbury, [
      { type: 'trade', id: t.world.eventId(), batch: 'urn:lot:CS1', buyer: buyer.did },
    ]);
  });

  afterAll(() => t?.close());

  it('finds nothing in the clean chain', async () => {
    await t.node.compliance.idle();
    expect(t.node.compliance.ruleSet.version).toBe('2026.2');
    expect(findings()).toEqual([]);
  });

  describe('with red flags planted', () => {
    beforeAll(async () => {
      // LS-CAHRA-ORIGIN: an extraction at a (certified) mine in the Democratic Republic of the Congo.
      const k1 = await at('2026-03-01T00:00:00.000Z', katanga, [
        extract(katangaMine, batch('urn:lot:K1', 'co.hydroxide', 10_000, { Co: 300_000 })),
      ]);
      plant('LS-CAHRA-ORIGIN', katangaMine, k1);

      // LS-SANCTIONS-MATCH: the operator registers an organisation named like a (fictional) SDN entry.
      t.clock.set('2026-03-02T00:00:00.000Z');
      const zelvanor = testSigner('did:web:zelvanor.example#key-1');
      const registered = await t.node.registerIdentity({
        subject: didOf(zelvanor),
        legalName: 'Zelvanor Metall Trading LLC',
        registeredId: 'RU-7700000000',
        idScheme: { id: 'urn:lodestone:scheme:test', name: 'test register' },
        country: 'RUS',
        roles: ['producer'],
        keys: [
          {
            kid: zelvanor.kid,
            jwk: { kty: 'OKP', crv: 'Ed25519', x: jwkFromPublicKey(zelvanor.keys.publicKey).x },
          },
        ],
        validFrom: '2026-03-02T00:00:00.000Z',
      });
      plant('LS-SANCTIONS-MATCH', didOf(zelvanor), registered.receipt.statement);

      // LS-TRANSPORT-IMPLAUSIBLE: ~10,000 km by sea, received an hour after shipping.
      await at('2026-03-03T00:00:00.000Z', voisey, [
        extract(voiseyMine, batch('urn:lot:V2', 'co.hydroxide', 20_000, { Co: 360_000 })),
      ]);
      const shipV2 = await at('2026-03-04T00:00:00.000Z', voisey, [
        ship('urn:lot:V2', 20 * T, osaka, osakaPlant, 'sea'),
      ]);
      const receiveV2 = await at('2026-03-04T01:00:00.000Z', osaka, [
        receive('urn:lot:V2', 20 * T, osakaPlant),
      ]);
      plant('LS-TRANSPORT-IMPLAUSIBLE', 'urn:lot:V2', receiveV2, [shipV2]);

      // LS-STRUCTURING: three 9.95 t shipments by one shipper within five days (threshold 10 t, 2 %).
      await at('2026-03-05T00:00:00.000Z', voisey, [
        extract(voiseyMine, batch('urn:lot:S1', 'co.hydroxide', 9_950, { Co: 360_000 })),
        extract(voiseyMine, batch('urn:lot:S2', 'co.hydroxide', 9_950, { Co: 360_000 })),
        extract(voiseyMine, batch('urn:lot:S3', 'co.hydroxide', 9_950, { Co: 360_000 })),
      ]);
      const s1 = await at('2026-03-06T00:00:00.000Z', voisey, [
        ship('urn:lot:S1', 9_950 * KG, sudbury, sudburyRefinery, 'road'),
      ]);
      const s2 = await at('2026-03-08T00:00:00.000Z', voisey, [
        ship('urn:lot:S2', 9_950 * KG, sudbury, sudburyRefinery, 'road'),
      ]);
      const s3 = await at('2026-03-10T00:00:00.000Z', voisey, [
        ship('urn:lot:S3', 9_950 * KG, sudbury, sudburyRefinery, 'road'),
      ]);
      plant('LS-STRUCTURING', voisey.did, s3, [s1, s2]);

      // LS-ASSAY-MISMATCH: declared 36 % Co, measured 25.2 % (30 % off; tolerance 10 %).
      const v4 = await at('2026-03-11T00:00:00.000Z', voisey, [
        extract(voiseyMine, batch('urn:lot:V4', 'co.hydroxide', 5_000, { Co: 360_000 })),
      ]);
      const assay = await at('2026-03-12T00:00:00.000Z', voisey, [
        { type: 'assay', id: t.world.eventId(), batch: 'urn:lot:V4', content: { Co: 252_000 } },
      ]);
      plant('LS-ASSAY-MISMATCH', 'urn:lot:V4', assay, [v4]);

      // An uncertified hydrometallurgical plant: ore in from the certified mine (clean), then
      await at('2026-03-13T00:00:00.000Z', voisey, [
        extract(
          voiseyMine,
          batch('urn:lot:O1', 'co.ore.copper-cobalt', 1_000_000, { Co: 3_000, Cu: 20_000 }),
        ),
      ]);
      await at('2026-03-14T00:00:00.000Z', voisey, [
        ship('urn:lot:O1', 1_000 * T, hydromet, hydrometPlant, 'road'),
      ]);
      await at('2026-03-16T00:00:00.000Z', hydromet, [receive('urn:lot:O1', 1_000 * T, hydrometPlant)]);
      // LS-CERT-MISSING: a leach (checked in 2026.2) at the uncertified plant; 3 t Co in, 2.4 t out (80 %).
      const leach = await at('2026-03-17T00:00:00.000Z', hydromet, [
        transform(
          hydrometPlant,
          'leach',
          [{ batch: 'urn:lot:O1', grams: 1_000 * T }],
          [batch('urn:lot:H1', 'co.hydroxide', 8_000, { Co: 300_000 })],
        ),
      ]);
      plant('LS-CERT-MISSING', hydrometPlant, leach);
      // LS-YIELD-IMPLAUSIBLE: a precipitation recovering 37.5 % of the cobalt (minimum 75 %).
      const lossy = await at('2026-03-18T00:00:00.000Z', hydromet, [
        transform(
          hydrometPlant,
          'precipitate',
          [{ batch: 'urn:lot:H1', grams: 4 * T }],
          [batch('urn:lot:H2', 'co.hydroxide', 1_500, { Co: 300_000 })],
        ),
      ]);
      plant('LS-YIELD-IMPLAUSIBLE', hydrometPlant, lossy);
      // LS-UNKNOWN-ORIGIN: 0.9 t of 2.1 t Co (43 %) from a batch of undeclared origin blended in.
      await at('2026-03-19T00:00:00.000Z', hydromet, [
        {
          type: 'commission',
          id: t.world.eventId(),
          facility: hydrometPlant,
          batch: batch('urn:lot:U1', 'co.hydroxide', 3_000, { Co: 300_000 }),
          custodyModel: 'controlled-blending',
        },
      ]);
      const blend = await at('2026-03-20T00:00:00.000Z', hydromet, [
        transform(
          hydrometPlant,
          'precipitate',
          [
            { batch: 'urn:lot:H1', grams: 4 * T },
            { batch: 'urn:lot:U1', grams: 3 * T },
          ],
          [batch('urn:lot:H3', 'co.hydroxide', 6_000, { Co: 300_000 })],
        ),
      ]);
      plant('LS-UNKNOWN-ORIGIN', 'urn:lot:H3', blend);

      // LS-CAHRA-TRANSIT: shipped to a depot in the DRC (the ship) and received there (the receive).
      await at('2026-03-21T00:00:00.000Z', voisey, [
        extract(voiseyMine, batch('urn:lot:V5', 'co.hydroxide', 12_000, { Co: 360_000 })),
      ]);
      const shipV5 = await at('2026-03-22T00:00:00.000Z', voisey, [
        ship('urn:lot:V5', 12 * T, katanga, katangaDepot, 'sea'),
      ]);
      plant('LS-CAHRA-TRANSIT', katangaDepot, shipV5);
      const receiveV5 = await at('2026-04-25T00:00:00.000Z', katanga, [
        receive('urn:lot:V5', 12 * T, katangaDepot),
      ]);
      plant('LS-CAHRA-TRANSIT', katangaDepot, receiveV5);

      // LS-SINGLE-COUNTRY: a cathode (component stage) with 86 % of its cobalt from one Australian mine
      // (certified, so no other finding), and, planned alongside on the same statement, LS-UNKNOWN-ORIGIN
      // for its lithium, commissioned from outside the system (undeclared origin never counts for a country).
      t.clock.set('2026-04-26T00:00:00.000Z');
      const greenbushes = await t.world.org('greenbushes', 'AUS');
      const ausMine = await t.world.facility(greenbushes, 'greenbushes', {
        kind: 'mine',
        country: 'AUS',
        at: [116.06, -33.86],
      });
      await certify(greenbushes, ausMine, 5);
      await at('2026-04-27T00:00:00.000Z', greenbushes, [
        extract(ausMine, batch('urn:lot:A1', 'co.hydroxide', 30_000, { Co: 360_000 })),
      ]);
      // ~7,700 km by sea in 14 days.
      await at('2026-04-28T00:00:00.000Z', greenbushes, [
        ship('urn:lot:A1', 30 * T, osaka, osakaPlant, 'sea'),
      ]);
      await at('2026-05-12T00:00:00.000Z', osaka, [receive('urn:lot:A1', 30 * T, osakaPlant)]);
      await at('2026-05-13T00:00:00.000Z', osaka, [
        {
          type: 'commission',
          id: t.world.eventId(),
          facility: osakaPlant,
          batch: batch('urn:lot:L1', 'li.carbonate.battery', 8_000, { Li: 188_000 }),
          custodyModel: 'controlled-blending',
        },
      ]);
      // Co: 10.8 t (AUS) + 1.8 t (CAN) in, 12 t out (95 %); Li: 1.504 t in, 1.42 t out (94 %).
      const cathode = await at('2026-05-14T00:00:00.000Z', osaka, [
        transform(
          osakaPlant,
          'manufacture',
          [
            { batch: 'urn:lot:A1', grams: 30 * T },
            { batch: 'urn:lot:V2', grams: 5 * T },
            { batch: 'urn:lot:L1', grams: 8 * T },
          ],
          [batch('urn:lot:LCO1', 'cam.lco', 20_000, { Co: 600_000, Li: 71_000 })],
        ),
      ]);
      plant('LS-SINGLE-COUNTRY', 'urn:lot:LCO1', cathode);
      plant('LS-UNKNOWN-ORIGIN', 'urn:lot:LCO1', cathode);

      // LS-REVOKED-UPSTREAM: the Raglan mine's certificate is revoked, then its lot is sold.
      t.clock.set('2026-06-01T00:00:00.000Z');
      const revocation = await t.setStatus(certifier, 'revocation', [3]);
      const trade = await at('2026-06-02T00:00:00.000Z', raglan, [
        { type: 'trade', id: t.world.eventId(), batch: 'urn:lot:R1', buyer: buyer.did },
      ]);
      plant('LS-REVOKED-UPSTREAM', 'urn:lot:R1', trade, [
        raglanExtract,
        raglanCertificate,
        revocation.receipt.statement,
      ]);

      await t.node.compliance.idle();
    });

    it('yields exactly the planted findings: no more, no fewer', () => {
      const got = findings().map(keyOf).sort();
      const want = planted.map((p) => JSON.stringify(p.key)).sort();
      expect(got).toEqual(want);
      // Every one of the eleven rules is planted, one of them twice (transit out and in).
      expect(new Set(planted.map((p) => p.key[0])).size).toBe(11);
      expect(planted).toHaveLength(13);
    });

    it("names the raising statement first in each finding's evidence, then the related ones", () => {
      const byKey = new Map(findings().map((f) => [keyOf(f), f]));
      for (const p of planted) {
        const f = byKey.get(JSON.stringify(p.key));
        expect(f, JSON.stringify(p.key)).toBeDefined();
        expect(f?.evidence.statements[0]).toBe(p.key[2]);
        // Order beyond the first is the rule's (time order for structuring, upstream first for a recall).
        expect([...(f?.evidence.statements ?? [])].sort(), f?.rule).toEqual([...p.evidence].sort());
        expect(f?.evidence.statements).toHaveLength(p.evidence.length);
        expect(f?.ruleSet).toBe('2026.2');
      }
    });

    it('explains each finding with the figures the rule compared', () => {
      const one = (rule: string, subject?: string) => {
        const f = findings().find(
          (x) => x.rule === rule && (subject === undefined || x.subject.id === subject),
        );
        if (f === undefined) throw new Error(`no ${rule} finding`);
        return f;
      };
      expect(one('LS-CAHRA-ORIGIN').evidence.facts).toMatchObject({ country: 'COD', batch: 'urn:lot:K1' });
      expect(one('LS-SANCTIONS-MATCH').evidence.facts).toMatchObject({
        role: 'registered organisation',
        name: 'Zelvanor Metall Trading LLC',
        entry: { list: expect.any(String) },
      });
      expect(one('LS-SANCTIONS-MATCH').evidence.facts.score).toBeGreaterThanOrEqual(0.85);
      const transport = one('LS-TRANSPORT-IMPLAUSIBLE').evidence.facts;
      expect(transport).toMatchObject({ mode: 'sea', maxKmPerHour: 50, hours: 1 });
      expect(transport.km).toBeGreaterThan(9_000);
      expect(one('LS-STRUCTURING').evidence.facts).toMatchObject({ count: 3, thresholdGrams: 10_000_000 });
      expect(one('LS-ASSAY-MISMATCH').evidence.facts).toMatchObject({
        elements: [{ element: 'Co', declaredPpm: 360_000, measuredPpm: 252_000, relativeDifference: 0.3 }],
      });
      expect(one('LS-CERT-MISSING').evidence.facts).toMatchObject({
        activity: 'leach transform',
        missing: ['social.labour', 'social.rights'],
      });
      expect(one('LS-YIELD-IMPLAUSIBLE').evidence.facts).toMatchObject({
        process: 'precipitate',
        minRecovery: 0.75,
        elements: [{ element: 'Co', recovery: 0.375 }],
      });
      expect(one('LS-UNKNOWN-ORIGIN', 'urn:lot:H3').evidence.facts).toMatchObject({
        elements: [{ element: 'Co', share: 0.428571 }],
      });
      expect(one('LS-UNKNOWN-ORIGIN', 'urn:lot:LCO1').evidence.facts).toMatchObject({
        elements: [{ element: 'Li', share: 1 }],
      });
      expect(one('LS-SINGLE-COUNTRY').evidence.facts).toMatchObject({
        material: 'cam.lco',
        maxShare: 0.65,
        elements: [{ element: 'Co', country: 'AUS' }],
      });
      // 10.8 of 12.6 t = 6/7, as the output's composition (integer micrograms) carries it.
      const [n, d] = String(
        (one('LS-SINGLE-COUNTRY').evidence.facts.elements as { share: string }[])[0]?.share,
      ).split('/');
      expect(Number(n) / Number(d)).toBeCloseTo(6 / 7, 9);
      expect(one('LS-REVOKED-UPSTREAM').evidence.facts).toMatchObject({
        buyer: buyer.did,
        revoked: [{ facility: raglanMine, revokedAt: '2026-06-01T00:00:00.000Z' }],
      });
    });

    it('keeps the findings across a restart, same ids and seqs, without evaluating anything again', async () => {
      const before = findings();
      const through = t.node.compliance.evaluatedThrough;
      const reopened = await t.reopen();
      await reopened.compliance.idle();
      expect(reopened.compliance.evaluations).toBe(0);
      expect(reopened.compliance.evaluatedThrough).toBe(through);
      const after = reopened.compliance.query({ limit: 1000 });
      expect(after).toHaveLength(before.length);
      expect(after.map((f) => [f.id, f.seq])).toEqual(before.map((f) => [f.id, f.seq]));
      expect(after).toEqual(before);
    });
  });
});

/** Omit over each member of a union (the events' `time` is stamped by {@link at}). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
