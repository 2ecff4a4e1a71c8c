/**
 * Issue 3 item 5 through the node: each violation class is refused with its code and leaves nothing
 * behind — the log does not grow and no derived row changes — including two concurrent submissions
 * spending the same remaining quantity, of which exactly one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519, jwkFromPublicKey, signCompactJws } from '../../src/crypto/index.js';
import { keyRevocationCredential, keyRotationCredential } from '../../src/interop/index.js';
import type { CustodyEvent } from '../../src/model/index.js';
import { DERIVED_TABLES, SqliteStore } from '../../src/store/index.js';
import { batch, nextTime, type Org, SupplyWorld } from '../helpers/supply.js';

const KG = 1000;

describe('conservation and registry rules at registration', () => {
  let w: SupplyWorld;
  let miner: Org;
  let refiner: Org;
  let stranger: Org;
  let mine: string;
  let plant: string;
  let reader: SqliteStore;

  /** Every derived row, and the log size: what a refused statement must leave untouched. */
  const state = (): string =>
    JSON.stringify([w.node.size, ...DERIVED_TABLES.map((t) => [...reader.derived.dump(t)])]);

  /** Register and expect the code, with nothing changed. */
  async function refused(jws: string, code: string): Promise<void> {
    const before = state();
    await expect(w.node.register(jws)).rejects.toMatchObject({ code });
    expect(state()).toBe(before);
  }

  const extract = (id: string, kg: number, co = 300_000): CustodyEvent => ({
    type: 'extract',
    id: w.eventId(),
    time: nextTime(),
    facility: mine,
    method: 'industrial',
    batch: batch(id, 'co.hydroxide', kg, { Co: co }),
    custodyModel: 'segregated',
  });
  const ship = (lot: string, kg: number, split?: string): CustodyEvent => ({
    type: 'ship',
    id: w.eventId(),
    time: nextTime(),
    batch: lot,
    grams: kg * KG,
    ...(split !== undefined && { splitInto: split }),
    to: refiner.did,
    toFacility: plant,
  });
  const receive = (lot: string, kg: number): CustodyEvent => ({
    type: 'receive',
    id: w.eventId(),
    time: nextTime(),
    batch: lot,
    facility: plant,
    grams: kg * KG,
  });
  const refine = (
    inputs: [string, number][],
    out: string,
    kg: number,
    co: number,
    tolerancePpm = 0,
  ): CustodyEvent => ({
    type: 'transform',
    id: w.eventId(),
    time: nextTime(),
    facility: plant,
    process: 'refine',
    inputs: inputs.map(([b, g]) => ({ batch: b, grams: g * KG })),
    outputs: [batch(out, 'co.sulfate.battery', kg, { Co: co })],
    tolerancePpm,
    custodyModel: 'segregated',
  });

  beforeAll(async () => {
    w = await SupplyWorld.open();
    miner = await w.org('miner', 'COD');
    refiner = await w.org('refinery', 'FIN');
    stranger = await w.org('stranger', 'USA');
    mine = await w.facility(miner, 'mine', { kind: 'mine', country: 'COD' });
    plant = await w.facility(refiner, 'plant', { kind: 'refinery', country: 'FIN' });
    reader = SqliteStore.open(w.dir, { readonly: true });
    await w.submit(miner, [extract('urn:v:A', 100_000)]);
  });
  afterAll(async () => {
    reader.close();
    await w.close();
  });

  it('only the custodian ships a batch', async () => {
    await refused(w.sign(stranger, [ship('urn:v:A', 10)]), 'CUSTODY_NOT_CUSTODIAN');
  });

  it('an unknown batch is refused', async () => {
    await refused(w.sign(miner, [ship('urn:v:nothing', 10)]), 'CUSTODY_UNKNOWN_BATCH');
  });

  it('no shipment beyond what remains', async () => {
    await refused(
      w.sign(miner, [ship('urn:v:A', 100_001, 'urn:v:A-too-much')]),
      'CUSTODY_INSUFFICIENT_QUANTITY',
    );
  });

  it('a statement is all or nothing: a valid first event does not survive a refused second', async () => {
    await refused(
      w.sign(miner, [extract('urn:v:B', 1_000), ship('urn:v:B', 2_000, 'urn:v:B1')]),
      'CUSTODY_INSUFFICIENT_QUANTITY',
    );
    expect(w.node.supply.batch('urn:v:B')).toBeUndefined();
  });

  it('two concurrent shipments of the same remaining quantity: exactly one wins', async () => {
    await w.submit(miner, [extract('urn:v:C', 1_000)]);
    const a = w.sign(miner, [ship('urn:v:C', 800, 'urn:v:C-a')]);
    const b = w.sign(miner, [ship('urn:v:C', 800, 'urn:v:C-b')]);
    const size = w.node.size;
    const results = await Promise.allSettled([w.node.register(a), w.node.register(b)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual(['CUSTODY_INSUFFICIENT_QUANTITY']);
    expect(w.node.size).toBe(size + 1);
    expect(w.node.supply.batch('urn:v:C')?.remainingGrams).toBe(200 * KG);
  });

  it('many concurrent spends of one batch never exceed it', async () => {
    await w.submit(miner, [extract('urn:v:D', 1_000)]);
    const bids = Array.from({ length: 20 }, (_, i) => w.sign(miner, [ship('urn:v:D', 150, `urn:v:D-${i}`)]));
    const results = await Promise.allSettled(bids.map((jws) => w.node.register(jws)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
    expect(w.node.supply.batch('urn:v:D')?.remainingGrams).toBe(100 * KG);
  });

  it('element mass out may not exceed mass in beyond the declared tolerance', async () => {
    await w.submit(miner, [extract('urn:v:E', 10_000, 300_000)]); // 3,000 kg Co
    await w.submit(miner, [ship('urn:v:E', 10_000)]);
    await w.submit(refiner, [receive('urn:v:E', 10_000)]);
    // 14,400 kg of sulfate at 20.9 % is 3,009.6 kg Co: 0.32 % more than went in.
    await refused(
      w.sign(refiner, [refine([['urn:v:E', 10_000]], 'urn:v:E-out', 14_400, 209_000)]),
      'CUSTODY_ELEMENT_NOT_CONSERVED',
    );
    await refused(
      w.sign(refiner, [refine([['urn:v:E', 10_000]], 'urn:v:E-out', 14_400, 209_000, 3_000)]),
      'CUSTODY_ELEMENT_NOT_CONSERVED',
    );
    // Within a 0.5 % measurement tolerance it is accepted.
    await w.submit(refiner, [refine([['urn:v:E', 10_000]], 'urn:v:E-out', 14_400, 209_000, 5_000)]);
    expect(w.node.supply.batch('urn:v:E')?.status).toBe('consumed');
  });

  it('declared content must be plausible for the material', async () => {
    await refused(w.sign(miner, [extract('urn:v:F', 1_000, 600_000)]), 'CUSTODY_IMPLAUSIBLE_CONTENT');
  });

  it('events at an unknown facility, or one operated by someone else, are refused', async () => {
    const atUnknown = { ...extract('urn:v:G', 10), facility: 'https://nowhere.example/mine' } as CustodyEvent;
    await refused(w.sign(miner, [atUnknown]), 'CUSTODY_UNKNOWN_FACILITY');
    await refused(w.sign(stranger, [extract('urn:v:G', 10)]), 'CUSTODY_NOT_FACILITY_OPERATOR');
  });

  it('only the recipient receives, and not more than was shipped', async () => {
    await w.submit(miner, [extract('urn:v:H', 100)]);
    await w.submit(miner, [ship('urn:v:H', 100)]);
    await refused(w.sign(stranger, [receive('urn:v:H', 100)]), 'CUSTODY_NOT_RECIPIENT');
    await refused(w.sign(refiner, [receive('urn:v:H', 101)]), 'CUSTODY_RECEIVED_MORE_THAN_SHIPPED');
    // Until it is received, the recipient cannot consume it, and the shipper cannot ship it again.
    await refused(
      w.sign(refiner, [refine([['urn:v:H', 100]], 'urn:v:H-out', 1, 209_000)]),
      'CUSTODY_NOT_CUSTODIAN',
    );
    await refused(w.sign(miner, [ship('urn:v:H', 100)]), 'CUSTODY_IN_TRANSIT');
  });

  it('a key unknown to the registry, a retired key, a revoked key are refused', async () => {
    const rogue = generateEd25519();
    const forged = signCompactJws(
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: miner.did,
      }),
      { kid: `${miner.did}#key-9`, typ: 'vc+jwt', cty: 'vc' },
      rogue.privateKey,
    );
    await refused(forged, 'IDENTITY_UNKNOWN_KEY');

    // The miner rotates to key-2 from now on; key-1 may still sign events dated before that.
    const key2 = generateEd25519();
    const rotation = nextTime();
    const kid2 = `${miner.did}#key-2`;
    await w.node.register(
      miner.signer.sign(
        keyRotationCredential(
          {
            kind: 'key-rotation',
            subject: miner.did,
            add: [{ kid: kid2, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwkFromPublicKey(key2.publicKey).x } }],
            retire: [miner.signer.kid],
            validFrom: rotation,
          },
          miner.issuer,
        ),
      ),
    );
    await refused(w.sign(miner, [extract('urn:v:I', 10)]), 'IDENTITY_KEY_INACTIVE');
    const withKey2 = (events: CustodyEvent[]) =>
      signCompactJws(
        JSON.stringify(traceability(events)),
        { kid: kid2, typ: 'vc+jwt', cty: 'vc' },
        key2.privateKey,
      );
    const traceability = (events: CustodyEvent[]) =>
      JSON.parse(Buffer.from(w.sign(miner, events).split('.')[1]!, 'base64url').toString());
    await w.node.register(withKey2([extract('urn:v:I', 10)]));

    // Revoked: nothing new is registered with it, whatever its date.
    await w.node.register(
      signCompactJws(
        JSON.stringify(
          keyRevocationCredential(
            {
              kind: 'key-revocation',
              subject: miner.did,
              kid: kid2,
              revokedFrom: nextTime(),
              reason: 'key compromise',
            },
            miner.issuer,
          ),
        ),
        { kid: kid2, typ: 'vc+jwt', cty: 'vc' },
        key2.privateKey,
      ),
    );
    await refused(withKey2([extract('urn:v:J', 10)]), 'IDENTITY_KEY_REVOKED');
  });

  it('a producer role is needed for custody events', async () => {
    const auditor = await w.org('auditor', 'DEU', ['auditor']);
    const site = `https://auditor.example/facilities/x`;
    await refused(
      w.sign(auditor, [{ ...extract('urn:v:K', 10), facility: site } as CustodyEvent]),
      'IDENTITY_NOT_AUTHORIZED',
    );
  });
});
