import { describe, expect, it } from 'vitest';
import { ACME, ACME_REFINERY, BETA, BETA_REFINERY, CERT, hydroxide, MINE, scene } from './testing/scene.js';
import { ev, lot, type World } from './testing/world.js';

describe('new batches', () => {
  it.each([
    ['an unknown material', lot('b', 'co.unobtainium', 1000, { Co: 1 }), 'CUSTODY_UNKNOWN_MATERIAL'],
    ['zero grams', lot('b', 'co.hydroxide', 0, { Co: 300_000 }), 'CUSTODY_BAD_QUANTITY'],
    ['fractional grams', lot('b', 'co.hydroxide', 1.5, { Co: 300_000 }), 'CUSTODY_BAD_QUANTITY'],
    ['unsafe grams', lot('b', 'co.hydroxide', 2 ** 53, { Co: 300_000 }), 'CUSTODY_BAD_QUANTITY'],
    [
      'no content of a tracked element',
      lot('b', 'co.hydroxide', 1000, { Mn: 1000 }),
      'CUSTODY_MISSING_CONTENT',
    ],
    ['content below range', lot('b', 'co.hydroxide', 1000, { Co: 100_000 }), 'CUSTODY_IMPLAUSIBLE_CONTENT'],
    ['content above range', lot('b', 'co.hydroxide', 1000, { Co: 500_000 }), 'CUSTODY_IMPLAUSIBLE_CONTENT'],
    [
      'an unexpected element',
      lot('b', 'co.hydroxide', 1000, { Co: 300_000, Li: 2000 }),
      'CUSTODY_IMPLAUSIBLE_CONTENT',
    ],
    ['fractional ppm', lot('b', 'co.hydroxide', 1000, { Co: 300_000.5 }), 'CUSTODY_BAD_CONTENT'],
    ['ppm above a million', lot('b', 'co.metal', 1000, { Co: 1_000_001 }), 'CUSTODY_BAD_CONTENT'],
    [
      'an unknown element',
      lot('b', 'co.hydroxide', 1000, { Co: 300_000, Xx: 1 } as never),
      'CUSTODY_BAD_CONTENT',
    ],
  ])('refuses %s (%s)', (_, batch, code) => {
    const w = scene();
    w.rejects(code as 'CUSTODY_BAD_CONTENT', () => w.custody(ACME, [ev.extract(MINE, batch)]));
  });

  it('accepts an element without a range up to the trace limit', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, lot('b', 'co.hydroxide', 1000, { Co: 300_000, Li: 1000 }))]);
    expect(w.ledger.batch('b')?.content).toEqual({ Co: 300_000, Li: 1000 });
  });

  it('refuses an id in use, also within one statement (CUSTODY_BATCH_EXISTS)', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b'))]);
    w.rejects('CUSTODY_BATCH_EXISTS', () => w.custody(ACME, [ev.extract(MINE, hydroxide('b'))]));
    w.rejects('CUSTODY_BATCH_EXISTS', () =>
      w.custody(ACME, [ev.extract(MINE, hydroxide('c')), ev.extract(MINE, hydroxide('c'))]),
    );
  });
});

describe('extract', () => {
  it('creates an active batch owned and held by the mine operator, all of it from the mine', () => {
    const w = scene();
    const effects = w.custody(ACME, [ev.extract(MINE, hydroxide('b', 2000), 'artisanal')]);
    expect(effects.batches).toEqual([
      {
        id: 'b',
        material: 'co.hydroxide',
        createdGrams: 2000,
        remainingGrams: 2000,
        content: { Co: 300_000 },
        status: 'active',
        custodian: ACME,
        owner: ACME,
        facility: MINE,
        custodyModel: 'controlled-blending',
        createdBy: effects.events[0]!.statement,
        createdAt: w.at(-1),
        composition: { Co: [[`artisanal ${MINE}`, '600000000']] },
      },
    ]);
    expect(effects.events).toEqual([
      {
        statement: expect.any(String),
        seq: 0,
        event: expect.objectContaining({ type: 'extract' }),
        actor: ACME,
        batches: ['b'],
      },
    ]);
  });

  it('happens at a mine (CUSTODY_NOT_A_MINE)', () => {
    const w = scene();
    w.rejects('CUSTODY_NOT_A_MINE', () => w.custody(ACME, [ev.extract(ACME_REFINERY, hydroxide('b'))]));
  });

  it('yields ore, concentrate or intermediates only (CUSTODY_STAGE_MISMATCH)', () => {
    const w = scene();
    w.rejects('CUSTODY_STAGE_MISMATCH', () =>
      w.custody(ACME, [ev.extract(MINE, lot('b', 'co.sulfate.battery', 1000, { Co: 208_000 }))]),
    );
  });

  it('tracks a material’s chain elements only (rare earths: those it has a range for)', () => {
    const w = scene();
    const content = { La: 150_000, Ce: 250_000, Pr: 30_000, Nd: 90_000 };
    w.custody(ACME, [ev.extract(MINE, lot('ree', 'ree.concentrate.bastnaesite', 1000, content))]);
    expect(Object.keys(w.ledger.batch('ree')!.composition)).toEqual(['La', 'Ce', 'Pr', 'Nd']);
  });
});

describe('commission', () => {
  it('creates a batch of undeclared origin at a facility that is not a mine', () => {
    const w = scene();
    w.custody(ACME, [ev.commission(ACME_REFINERY, hydroxide('b', 10))]);
    expect(w.ledger.batch('b')?.composition).toEqual({ Co: [[`undeclared ${ACME_REFINERY}`, '3000000']] });
  });

  it('is refused at a mine (CUSTODY_MINE_MUST_EXTRACT)', () => {
    const w = scene();
    w.rejects('CUSTODY_MINE_MUST_EXTRACT', () => w.custody(ACME, [ev.commission(MINE, hydroxide('b'))]));
  });
});

describe('every custody event', () => {
  it('has a unique id (CUSTODY_DUPLICATE_EVENT)', () => {
    const w = scene();
    w.custody(ACME, [{ ...ev.extract(MINE, hydroxide('a')), id: 'urn:e:1' }]);
    w.rejects('CUSTODY_DUPLICATE_EVENT', () =>
      w.custody(ACME, [{ ...ev.extract(MINE, hydroxide('b')), id: 'urn:e:1' }]),
    );
    w.rejects('CUSTODY_DUPLICATE_EVENT', () =>
      w.custody(ACME, [
        { ...ev.extract(MINE, hydroxide('c')), id: 'urn:e:2' },
        { ...ev.extract(MINE, hydroxide('d')), id: 'urn:e:2' },
      ]),
    );
  });

  it('is not dated before its batch (CUSTODY_EVENT_BEFORE_BATCH)', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b'))]);
    w.rejects('CUSTODY_EVENT_BEFORE_BATCH', () =>
      w.custody(ACME, [{ ...ev.trade('b', BETA), time: w.at(-2) }]),
    );
  });

  it('names an existing batch (CUSTODY_UNKNOWN_BATCH)', () => {
    const w = scene();
    w.rejects('CUSTODY_UNKNOWN_BATCH', () => w.custody(ACME, [ev.trade('nope', BETA)]));
  });

  it('is not dated too far ahead of registration (CUSTODY_FUTURE_TIME)', () => {
    const w = scene();
    w.rejects('CUSTODY_FUTURE_TIME', () =>
      w.custody(ACME, [{ ...ev.extract(MINE, hydroxide('b')), time: w.at(301) }]),
    );
  });

  it('is signed with a key active at its own time (IDENTITY_KEY_INACTIVE)', () => {
    const w = scene();
    w.rejects('IDENTITY_KEY_INACTIVE', () =>
      w.custody(ACME, [{ ...ev.extract(MINE, hydroxide('b')), time: '2024-01-01T00:00:00Z' }]),
    );
  });

  it('comes in a statement with at least one event (CUSTODY_NO_EVENTS)', () => {
    const w = scene();
    w.rejects('CUSTODY_NO_EVENTS', () => w.custody(ACME, []));
  });

  it('applies all or nothing: a later failing event undoes the earlier ones', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000))]);
    w.rejects('CUSTODY_INSUFFICIENT_QUANTITY', () =>
      w.custody(ACME, [
        ev.extract(MINE, hydroxide('c')),
        ev.ship('b', 400, BETA, BETA_REFINERY, 'b-1'),
        ev.ship('b', 700, BETA, BETA_REFINERY, 'b-2'),
      ]),
    );
    expect(w.ledger.batch('c')).toBeUndefined();
    expect(w.ledger.batch('b')?.remainingGrams).toBe(1000);
  });
});

describe('assay', () => {
  function assayed(): World {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000))]);
    return w;
  }

  it('is recorded and leaves the batch unchanged, by the custodian or a certifier', () => {
    const w = assayed();
    const effects = w.custody(ACME, [ev.assay('b', { Co: 310_000 })]);
    expect(effects.batches).toEqual([]);
    expect(effects.events[0]).toMatchObject({ actor: ACME, batches: ['b'] });
    w.custody(CERT, [ev.assay('b', { Co: 290_000 })]);
    expect(w.ledger.batch('b')?.content).toEqual({ Co: 300_000 });
  });

  it('by anyone else is refused (CUSTODY_NOT_CUSTODIAN)', () => {
    const w = assayed();
    w.rejects('CUSTODY_NOT_CUSTODIAN', () => w.custody(BETA, [ev.assay('b', { Co: 300_000 })]));
  });

  it('must be plausible (CUSTODY_IMPLAUSIBLE_CONTENT)', () => {
    const w = assayed();
    w.rejects('CUSTODY_IMPLAUSIBLE_CONTENT', () => w.custody(ACME, [ev.assay('b', { Co: 700_000 })]));
  });

  it('needs the producer or certifier role (IDENTITY_NOT_AUTHORIZED)', () => {
    const w = assayed();
    w.register('did:web:auditor.example', ['auditor']);
    w.rejects('IDENTITY_NOT_AUTHORIZED', () =>
      w.custody('did:web:auditor.example', [ev.assay('b', { Co: 300_000 })]),
    );
  });
});

describe('trade', () => {
  it('changes the owner, not the custodian, even in transit', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000)), ev.ship('b', 1000, BETA, BETA_REFINERY)]);
    const effects = w.custody(ACME, [ev.trade('b', BETA)]);
    expect(effects.batches[0]).toMatchObject({ owner: BETA, custodian: ACME, status: 'in-transit' });
  });

  it('is by the owner (CUSTODY_NOT_OWNER) to a registered buyer (IDENTITY_UNKNOWN_ORGANIZATION)', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000))]);
    w.rejects('CUSTODY_NOT_OWNER', () => w.custody(BETA, [ev.trade('b', BETA)]));
    w.rejects('IDENTITY_UNKNOWN_ORGANIZATION', () =>
      w.custody(ACME, [ev.trade('b', 'did:web:nobody.example')]),
    );
  });

  it('cannot sell a consumed batch (CUSTODY_INSUFFICIENT_QUANTITY)', () => {
    const w = scene();
    w.custody(ACME, [ev.extract(MINE, hydroxide('b', 1000)), ev.ship('b', 1000, BETA, BETA_REFINERY, 'b-1')]);
    w.rejects('CUSTODY_INSUFFICIENT_QUANTITY', () => w.custody(ACME, [ev.trade('b', BETA)]));
  });
});
