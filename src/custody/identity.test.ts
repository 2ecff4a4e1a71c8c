import { describe, expect, it } from 'vitest';
import type { IdentityRegistration } from '../model/index.js';
import { Ledger } from './ledger.js';
import { ev, keyOf, lot, OPERATOR, World } from './testing/world.js';
import { BEGINNING_OF_TIME } from './time.js';

const ACME = 'did:web:acme.example';
const REGISTRAR = 'did:web:registrar.example';
const MINE = 'https://acme.example/mine';

function registration(
  w: World,
  subject: string,
  patch: Partial<IdentityRegistration> = {},
): IdentityRegistration {
  return {
    kind: 'identity',
    subject,
    legalName: 'Acme Mining',
    registeredId: '123',
    idScheme: { id: 'https://registry.example', name: 'Example' },
    country: 'CAN',
    roles: ['producer'],
    keys: [keyOf(subject)],
    validFrom: w.now,
    ...patch,
  };
}

describe('Ledger.signingKey', () => {
  const w = new World();
  w.register(ACME);

  it('returns the JWK of an active key of the issuer', () => {
    expect(w.ledger.signingKey(`${ACME}#key-1`, ACME, w.now)).toEqual(keyOf(ACME).jwk);
  });

  it('trusts the operator keys from the beginning of time', () => {
    expect(w.ledger.signingKey(`${OPERATOR}#key-1`, OPERATOR, '1900-01-01T00:00:00Z')).toEqual(
      keyOf(OPERATOR).jwk,
    );
  });

  it.each([
    ['a kid of another DID', `${OPERATOR}#key-1`, 'IDENTITY_ISSUER_MISMATCH'],
    ['a kid without fragment', ACME, 'IDENTITY_ISSUER_MISMATCH'],
    ['a kid with an empty fragment', `${ACME}#`, 'IDENTITY_ISSUER_MISMATCH'],
    ['an unknown kid', `${ACME}#key-9`, 'IDENTITY_UNKNOWN_KEY'],
  ])('when given %s, throws %s', (_, kid, code) => {
    w.rejects(code as 'IDENTITY_UNKNOWN_KEY', () => w.ledger.signingKey(kid, ACME, w.now));
  });

  it('refuses a key before it became active (IDENTITY_KEY_INACTIVE)', () => {
    w.rejects('IDENTITY_KEY_INACTIVE', () => w.ledger.signingKey(`${ACME}#key-1`, ACME, w.at(-3600)));
  });

  it('refuses a time that is not RFC 3339 (CUSTODY_BAD_TIME)', () => {
    w.rejects('CUSTODY_BAD_TIME', () => w.ledger.signingKey(`${ACME}#key-1`, ACME, '2025-01-01'));
  });
});

describe('identity registration', () => {
  it('creates the organisation and its keys, and returns their rows', () => {
    const w = new World();
    const effects = w.register(ACME, ['producer'], 'CAN');
    expect(effects.organizations).toEqual([
      expect.objectContaining({ did: ACME, country: 'CAN', roles: ['producer'], registeredBy: OPERATOR }),
    ]);
    expect(effects.keys).toEqual([{ ...keyOf(ACME), did: ACME, activeFrom: w.at(-1) }]);
    expect(w.ledger.organization(ACME)?.statement).toBe(effects.organizations[0]!.statement);
  });

  it('replaces name and roles from validFrom, adds new keys and retires unlisted ones then', () => {
    const w = new World();
    w.register(ACME);
    w.tick(60);
    const from = w.now;
    const effects = w.submit(
      OPERATOR,
      registration(w, ACME, { legalName: 'Acme 2', keys: [keyOf(ACME, 2)] }),
    );
    expect(effects.organizations[0]).toMatchObject({ legalName: 'Acme 2', validFrom: from });
    expect(effects.keys).toEqual([
      expect.objectContaining({ kid: `${ACME}#key-1`, retiredFrom: from }),
      expect.objectContaining({ kid: `${ACME}#key-2`, activeFrom: from }),
    ]);
    w.rejects('IDENTITY_KEY_INACTIVE', () => w.ledger.signingKey(`${ACME}#key-1`, ACME, from));
    expect(w.ledger.signingKey(`${ACME}#key-1`, ACME, w.at(-30))).toEqual(keyOf(ACME).jwk);
  });

  it('checks roles at the event time, from the role history', () => {
    const w = new World();
    w.register(ACME);
    w.facility(ACME, MINE, 'mine', 'CAN');
    const before = w.at(-1);
    w.tick(60);
    w.submit(OPERATOR, registration(w, ACME, { roles: ['certifier'] }));
    // Dated while it was a producer: accepted even though it no longer is one.
    w.custody(ACME, [ev.extract(MINE, lot('b1', 'co.hydroxide', 1000, { Co: 300_000 }))], { time: before });
    w.rejects('IDENTITY_NOT_AUTHORIZED', () =>
      w.custody(ACME, [ev.extract(MINE, lot('b2', 'co.hydroxide', 1000, { Co: 300_000 }))]),
    );
  });

  it('lets a registrar register producers (IDENTITY_NOT_AUTHORIZED for anyone else)', () => {
    const w = new World();
    w.register(REGISTRAR, ['registrar']);
    w.register(ACME, ['producer'], 'CAN', REGISTRAR);
    w.rejects('IDENTITY_NOT_AUTHORIZED', () =>
      w.register('did:web:other.example', ['producer'], 'CAN', ACME),
    );
  });

  it('lets only the operator grant registrar or operator (IDENTITY_NOT_AUTHORIZED)', () => {
    const w = new World();
    w.register(REGISTRAR, ['registrar']);
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.register(ACME, ['producer', 'registrar'], 'CAN', REGISTRAR));
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.register(ACME, ['operator'], 'CAN', REGISTRAR));
    w.register(ACME, ['registrar'], 'CAN', OPERATOR);
  });

  it('lets an organisation the operator made an operator grant registrar, but not rewrite the root', () => {
    const w = new World();
    w.register(ACME, ['operator']);
    w.register(REGISTRAR, ['registrar'], 'CAN', ACME);
    expect(w.ledger.organization(REGISTRAR)?.registeredBy).toBe(ACME);
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.register(OPERATOR, ['producer'], 'CAN', ACME));
  });

  it('does not let a registrar rewrite another registrar or the operator', () => {
    const w = new World();
    w.register(REGISTRAR, ['registrar']);
    w.register(ACME, ['registrar']);
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.register(ACME, ['producer'], 'CAN', REGISTRAR));
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => w.register(OPERATOR, ['producer'], 'CAN', REGISTRAR));
  });

  it('lets the operator register itself, keeping every role', () => {
    const w = new World();
    expect(w.ledger.organization(OPERATOR)).toBeUndefined();
    w.submit(OPERATOR, registration(w, OPERATOR, { roles: [], keys: [keyOf(OPERATOR)] }));
    expect(w.ledger.organization(OPERATOR)?.roles).toContain('registrar');
    expect(w.ledger.snapshot().keys[0]).toMatchObject({
      kid: `${OPERATOR}#key-1`,
      activeFrom: BEGINNING_OF_TIME,
    });
  });

  it('requires at least one key (IDENTITY_NO_KEYS)', () => {
    const w = new World();
    w.rejects('IDENTITY_NO_KEYS', () => w.submit(OPERATOR, registration(w, ACME, { keys: [] })));
  });

  it('requires keys named by DID URLs of the subject (IDENTITY_KEY_MISMATCH)', () => {
    const w = new World();
    w.rejects('IDENTITY_KEY_MISMATCH', () =>
      w.submit(OPERATOR, registration(w, ACME, { keys: [keyOf(REGISTRAR)] })),
    );
  });

  it('refuses a kid bound to another key, or listed twice differently (IDENTITY_KEY_CONFLICT)', () => {
    const w = new World();
    w.register(ACME);
    const other = { kid: `${ACME}#key-1`, jwk: keyOf(REGISTRAR).jwk };
    w.rejects('IDENTITY_KEY_CONFLICT', () => w.submit(OPERATOR, registration(w, ACME, { keys: [other] })));
    w.rejects('IDENTITY_KEY_CONFLICT', () =>
      w.submit(
        OPERATOR,
        registration(w, 'did:web:b.example', {
          keys: [keyOf('did:web:b.example'), { ...other, kid: 'did:web:b.example#key-1' }],
        }),
      ),
    );
  });

  it('refuses a retired kid coming back (IDENTITY_KEY_CONFLICT)', () => {
    const w = new World();
    w.register(ACME);
    w.submit(
      ACME,
      {
        kind: 'key-rotation',
        subject: ACME,
        add: [keyOf(ACME, 2)],
        retire: [`${ACME}#key-1`],
        validFrom: w.now,
      },
      {},
    );
    w.rejects('IDENTITY_KEY_CONFLICT', () =>
      w.submit(OPERATOR, registration(w, ACME, { keys: [keyOf(ACME), keyOf(ACME, 2)] })),
    );
  });

  it('refuses changes dated before the subject last changed (IDENTITY_BACKDATED)', () => {
    const w = new World();
    w.register(ACME);
    w.rejects('IDENTITY_BACKDATED', () =>
      w.submit(OPERATOR, registration(w, ACME, { validFrom: w.at(-10) })),
    );
  });

  it('refuses an unregistered issuer (IDENTITY_UNKNOWN_ORGANIZATION)', () => {
    const w = new World();
    w.rejects('IDENTITY_UNKNOWN_ORGANIZATION', () => w.register(ACME, ['producer'], 'CAN', REGISTRAR));
  });

  it('refuses a validFrom too far ahead of registration (CUSTODY_FUTURE_TIME)', () => {
    const w = new World();
    w.rejects('CUSTODY_FUTURE_TIME', () =>
      w.submit(OPERATOR, registration(w, ACME, { validFrom: w.at(301) })),
    );
    w.submit(OPERATOR, registration(w, ACME, { validFrom: w.at(299) }));
  });

  it('refuses an operator key that is not of the operator DID', () => {
    expect(() => new Ledger({ operator: { did: OPERATOR, keys: [keyOf(ACME)] } })).toThrow(/not a key of/);
  });
});

describe('statements of registered organisations', () => {
  it('refuses an issuer that is not registered (IDENTITY_UNKNOWN_ORGANIZATION)', () => {
    const w = new World();
    w.rejects('IDENTITY_UNKNOWN_ORGANIZATION', () => w.submit(ACME, { kind: 'opaque', types: ['X'] }));
  });

  it('accepts opaque statements from any registered organisation with an active key', () => {
    const w = new World();
    w.register(ACME, []);
    expect(w.submit(ACME, { kind: 'opaque', types: ['DigitalProductPassport'] })).toEqual({
      organizations: [],
      keys: [],
      facilities: [],
      batches: [],
      events: [],
      edges: [],
    });
    w.rejects('IDENTITY_KEY_INACTIVE', () =>
      w.submit(ACME, { kind: 'opaque', types: ['X'] }, { time: w.at(-60) }),
    );
  });

  it('refuses a statement time too far ahead of registration (CUSTODY_FUTURE_TIME)', () => {
    const w = new World(1000);
    w.register(ACME);
    w.rejects('CUSTODY_FUTURE_TIME', () =>
      w.submit(ACME, { kind: 'opaque', types: ['X'] }, { time: w.at(2) }),
    );
  });
});
