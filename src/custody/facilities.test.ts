import { describe, expect, it } from 'vitest';
import type { FacilityRecord } from '../model/index.js';
import { ev, lot, OPERATOR, World } from './testing/world.js';

const ACME = 'did:web:acme.example';
const BETA = 'did:web:beta.example';
const MINE = 'https://acme.example/mine';

function record(w: World, patch: Partial<FacilityRecord> = {}): FacilityRecord {
  return {
    kind: 'facility',
    id: MINE,
    name: 'Acme mine',
    operator: ACME,
    facilityKind: 'mine',
    country: 'CAN',
    location: { type: 'Point', coordinates: [-79.4, 43.7] },
    processCategories: ['mining'],
    validFrom: w.now,
    ...patch,
  };
}

function world(): World {
  const w = new World();
  w.register(ACME);
  w.register(BETA);
  return w;
}

describe('facility registration', () => {
  it('stores the record without its kind, with the statement id', () => {
    const w = world();
    const effects = w.submit(ACME, record(w));
    const { kind: _, ...fields } = record(w, { validFrom: w.at(-1) });
    expect(effects.facilities).toEqual([{ ...fields, statement: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(w.ledger.facility(MINE)).toEqual(effects.facilities[0]);
  });

  it('lets the same operator replace it', () => {
    const w = world();
    w.submit(ACME, record(w));
    w.submit(ACME, record(w, { name: 'Acme North' }));
    expect(w.ledger.facility(MINE)?.name).toBe('Acme North');
  });

  it('is the operator’s own act (IDENTITY_NOT_AUTHORIZED)', () => {
    const w = world();
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.submit(BETA, record(w)));
  });

  it('needs the producer role (IDENTITY_NOT_AUTHORIZED)', () => {
    const w = new World();
    w.register(ACME, ['certifier']);
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.submit(ACME, record(w)));
  });

  it('refuses an id another operator registered (CUSTODY_FACILITY_CONFLICT)', () => {
    const w = world();
    w.submit(ACME, record(w));
    w.rejects('CUSTODY_FACILITY_CONFLICT', () => w.submit(BETA, record(w, { operator: BETA })));
  });

  it('refuses a validFrom too far ahead (CUSTODY_FUTURE_TIME) or malformed (CUSTODY_BAD_TIME)', () => {
    const w = world();
    w.rejects('CUSTODY_FUTURE_TIME', () => w.submit(ACME, record(w, { validFrom: w.at(3600) })));
    w.rejects('CUSTODY_BAD_TIME', () => w.submit(ACME, record(w, { validFrom: '2025-01-01 00:00:00' })));
  });
});

describe('events at a facility', () => {
  let n = 0;
  const batch = () => lot(`b-${++n}`, 'co.hydroxide', 1000, { Co: 300_000 });

  it('need a registered facility (CUSTODY_UNKNOWN_FACILITY)', () => {
    const w = world();
    w.rejects('CUSTODY_UNKNOWN_FACILITY', () => w.custody(ACME, [ev.extract(MINE, batch())]));
  });

  it('must be by its operator (CUSTODY_NOT_FACILITY_OPERATOR)', () => {
    const w = world();
    w.submit(ACME, record(w));
    w.rejects('CUSTODY_NOT_FACILITY_OPERATOR', () => w.custody(BETA, [ev.extract(MINE, batch())]));
  });

  it('must not precede its validFrom (CUSTODY_FACILITY_INACTIVE)', () => {
    const w = world();
    w.submit(ACME, record(w, { validFrom: w.at(60) }));
    w.rejects('CUSTODY_FACILITY_INACTIVE', () => w.custody(ACME, [ev.extract(MINE, batch())]));
    w.tick(60);
    w.custody(ACME, [ev.extract(MINE, batch())]);
  });

  it('are refused to an operator that is not a producer (IDENTITY_NOT_AUTHORIZED)', () => {
    const w = world();
    w.submit(ACME, record(w));
    w.submit(OPERATOR, {
      kind: 'identity',
      subject: ACME,
      legalName: 'Acme',
      registeredId: '1',
      idScheme: { id: 'x', name: 'x' },
      country: 'CAN',
      roles: [],
      keys: [{ kid: `${ACME}#key-1`, jwk: { kty: 'OKP', crv: 'Ed25519', x: `${ACME}/1` } }],
      validFrom: w.now,
    });
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.custody(ACME, [ev.extract(MINE, batch())]));
  });
});
