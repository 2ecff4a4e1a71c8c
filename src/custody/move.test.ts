import { describe, expect, it } from 'vitest';
import {
  ACME,
  ACME_REFINERY,
  BETA,
  BETA_MINE,
  BETA_REFINERY,
  hydroxide,
  MINE,
  scene,
} from './testing/scene.js';
import { ev, type World } from './testing/world.js';

describe('ship', () => {
  function shipped(): World {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000))]);
    return w;
  }

  it('puts a whole batch in transit', () => {
    const w = shipped();
    const effects = w.custody(ACME, [ev.ship('b', 1000, BETA, BETA_REFINERY)]);
    expect(effects.batches).toEqual([
      expect.objectContaining({
        id: 'b',
        status: 'in-transit',
        custodian: ACME,
        facility: MINE,
        inTransit: { to: BETA, toFacility: BETA_REFINERY, grams: 1000 },
      }),
    ]);
    expect(effects.edges).toEqual([]);
  });

  it('splits a part-shipment into a new batch with its share of the composition', () => {
    const w = shipped();
    const effects = w.custody(ACME, [ev.ship('b', 300, BETA, BETA_REFINERY, 'b-1')]);
    expect(effects.batches.map((b) => [b.id, b.status, b.remainingGrams])).toEqual([
      ['b', 'active', 700],
      ['b-1', 'in-transit', 300],
    ]);
    expect(w.ledger.batch('b-1')?.composition).toEqual({ Co: [[`industrial ${MINE}`, '90000000']] });
    expect(effects.events[0]!.batches).toEqual(['b', 'b-1']);
    expect(effects.edges).toEqual([
      {
        from: 'b',
        to: 'b-1',
        statement: effects.events[0]!.statement,
        grams: 300,
        elements: { Co: '90000000' },
      },
    ]);
  });

  it('consumes the parent when splitting off everything', () => {
    const w = shipped();
    w.custody(ACME, [ev.ship('b', 1000, BETA, BETA_REFINERY, 'b-1')]);
    expect(w.ledger.batch('b')).toMatchObject({ status: 'consumed', remainingGrams: 0 });
    expect(w.ledger.snapshot().remaining['b']).toEqual({ Co: [] });
  });

  it('needs splitInto for a part (CUSTODY_SPLIT_REQUIRED) and a fresh id for it (CUSTODY_BATCH_EXISTS)', () => {
    const w = shipped();
    w.rejects('CUSTODY_SPLIT_REQUIRED', () => w.custody(ACME, [ev.ship('b', 999, BETA, BETA_REFINERY)]));
    w.rejects('CUSTODY_BATCH_EXISTS', () => w.custody(ACME, [ev.ship('b', 999, BETA, BETA_REFINERY, 'b')]));
  });

  it('is by the custodian (CUSTODY_NOT_CUSTODIAN)', () => {
    const w = shipped();
    w.rejects('CUSTODY_NOT_CUSTODIAN', () => w.custody(BETA, [ev.ship('b', 1000, BETA, BETA_REFINERY)]));
  });

  it('cannot ship more than remains: no double spend (CUSTODY_INSUFFICIENT_QUANTITY)', () => {
    const w = shipped();
    w.custody(ACME, [ev.ship('b', 600, BETA, BETA_REFINERY, 'b-1')]);
    w.rejects('CUSTODY_INSUFFICIENT_QUANTITY', () =>
      w.custody(ACME, [ev.ship('b', 600, BETA, BETA_REFINERY, 'b-2')]),
    );
    w.rejects('CUSTODY_BAD_QUANTITY', () => w.custody(ACME, [ev.ship('b', 0, BETA, BETA_REFINERY, 'b-2')]));
    w.custody(ACME, [ev.ship('b', 400, BETA, BETA_REFINERY, 'b-2')]);
    w.rejects('CUSTODY_INSUFFICIENT_QUANTITY', () =>
      w.custody(ACME, [ev.ship('b', 1, BETA, BETA_REFINERY, 'b-3')]),
    );
  });

  it('cannot ship a batch in transit (CUSTODY_IN_TRANSIT)', () => {
    const w = shipped();
    w.custody(ACME, [ev.ship('b', 1000, ACME, ACME_REFINERY)]);
    w.rejects('CUSTODY_IN_TRANSIT', () => w.custody(ACME, [ev.ship('b', 1000, BETA, BETA_REFINERY)]));
  });

  it('goes to a registered organisation (IDENTITY_UNKNOWN_ORGANIZATION) at its facility', () => {
    const w = shipped();
    w.rejects('IDENTITY_UNKNOWN_ORGANIZATION', () =>
      w.custody(ACME, [ev.ship('b', 1000, 'did:web:nobody.example', BETA_REFINERY)]),
    );
    w.rejects('CUSTODY_NOT_FACILITY_OPERATOR', () =>
      w.custody(ACME, [ev.ship('b', 1000, BETA, ACME_REFINERY)]),
    );
    w.rejects('CUSTODY_UNKNOWN_FACILITY', () =>
      w.custody(ACME, [ev.ship('b', 1000, BETA, 'https://nowhere')]),
    );
  });
});

describe('receive', () => {
  function inTransit(): World {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000)), ev.ship('b', 1000, BETA, BETA_REFINERY)]);
    return w;
  }

  it('hands custody to the recipient at its facility', () => {
    const w = inTransit();
    const effects = w.custody(BETA, [ev.receive('b', BETA_REFINERY, 1000)]);
    expect(effects.batches[0]).toMatchObject({
      status: 'active',
      custodian: BETA,
      owner: ACME,
      facility: BETA_REFINERY,
    });
    expect(effects.batches[0]).not.toHaveProperty('inTransit');
  });

  it('records a loss: the remaining quantity and composition drop proportionally', () => {
    const w = inTransit();
    w.custody(BETA, [ev.receive('b', BETA_REFINERY, 990)]);
    expect(w.ledger.batch('b')).toMatchObject({ remainingGrams: 990, createdGrams: 1000 });
    expect(w.ledger.snapshot().remaining['b']).toEqual({ Co: [[`industrial ${MINE}`, '297000000']] });
  });

  it('needs a batch in transit (CUSTODY_NOT_IN_TRANSIT)', () => {
    const w = inTransit();
    w.custody(BETA, [ev.receive('b', BETA_REFINERY, 1000)]);
    w.rejects('CUSTODY_NOT_IN_TRANSIT', () => w.custody(BETA, [ev.receive('b', BETA_REFINERY, 1000)]));
  });

  it('is by the recipient (CUSTODY_NOT_RECIPIENT) at the destination (CUSTODY_WRONG_FACILITY)', () => {
    const w = inTransit();
    w.rejects('CUSTODY_NOT_RECIPIENT', () => w.custody(ACME, [ev.receive('b', BETA_REFINERY, 1000)]));
    w.rejects('CUSTODY_WRONG_FACILITY', () => w.custody(BETA, [ev.receive('b', BETA_MINE, 1000)]));
  });

  it('weighs in a positive amount, at most what was shipped', () => {
    const w = inTransit();
    w.rejects('CUSTODY_RECEIVED_MORE_THAN_SHIPPED', () =>
      w.custody(BETA, [ev.receive('b', BETA_REFINERY, 1001)]),
    );
    w.rejects('CUSTODY_BAD_QUANTITY', () => w.custody(BETA, [ev.receive('b', BETA_REFINERY, 0)]));
  });

  it('is not dated before the shipment (CUSTODY_EVENT_BEFORE_BATCH)', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000))]);
    w.tick(10);
    w.custody(ACME, [ev.ship('b', 1000, BETA, BETA_REFINERY)]);
    w.rejects('CUSTODY_EVENT_BEFORE_BATCH', () =>
      w.custody(BETA, [{ ...ev.receive('b', BETA_REFINERY, 1000), time: w.at(-5) }]),
    );
  });
});
