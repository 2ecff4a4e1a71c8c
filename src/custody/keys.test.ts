import { describe, expect, it } from 'vitest';
import type { IdentityRegistration } from '../model/index.js';
import { keyOf, OPERATOR, World } from './testing/world.js';

const ACME = 'did:web:acme.example';
const REGISTRAR = 'did:web:registrar.example';

function registration(w: World, keys = [keyOf(ACME)]): IdentityRegistration {
  return {
    kind: 'identity',
    subject: ACME,
    legalName: 'Acme Mining',
    registeredId: '123',
    idScheme: { id: 'https://registry.example', name: 'Example' },
    country: 'CAN',
    roles: ['producer'],
    keys,
    validFrom: w.now,
  };
}

describe('key rotation', () => {
  it('adds keys and retires others from validFrom', () => {
    const w = new World();
    w.register(ACME);
    w.tick(10);
    const from = w.now;
    const effects = w.submit(ACME, {
      kind: 'key-rotation',
      subject: ACME,
      add: [keyOf(ACME, 2)],
      retire: [`${ACME}#key-1`],
      validFrom: from,
    });
    expect(effects.keys.map((k) => [k.kid, k.activeFrom, k.retiredFrom])).toEqual([
      [`${ACME}#key-1`, w.at(-12), from],
      [`${ACME}#key-2`, from, undefined],
    ]);
    expect(w.ledger.signingKey(`${ACME}#key-2`, ACME, from)).toEqual(keyOf(ACME, 2).jwk);
  });

  it('is the subject’s own act (IDENTITY_NOT_AUTHORIZED)', () => {
    const w = new World();
    w.register(ACME);
    w.rejects('IDENTITY_NOT_AUTHORIZED', () =>
      w.submit(OPERATOR, {
        kind: 'key-rotation',
        subject: ACME,
        add: [keyOf(ACME, 2)],
        retire: [],
        validFrom: w.now,
      }),
    );
  });

  it('retires only the subject’s keys (IDENTITY_UNKNOWN_KEY) and needs something to do (IDENTITY_NO_KEYS)', () => {
    const w = new World();
    w.register(ACME);
    w.rejects('IDENTITY_UNKNOWN_KEY', () =>
      w.submit(ACME, {
        kind: 'key-rotation',
        subject: ACME,
        add: [],
        retire: [`${OPERATOR}#key-1`],
        validFrom: w.now,
      }),
    );
    w.rejects('IDENTITY_NO_KEYS', () =>
      w.submit(ACME, { kind: 'key-rotation', subject: ACME, add: [], retire: [], validFrom: w.now }),
    );
  });
});

describe('key revocation', () => {
  const revoke = (w: World, by: string, kid = `${ACME}#key-1`) =>
    w.submit(by, {
      kind: 'key-revocation',
      subject: ACME,
      kid,
      revokedFrom: w.at(-1),
      reason: 'compromised',
    });

  it('makes the key refuse everything, whatever the date (IDENTITY_KEY_REVOKED)', () => {
    const w = new World();
    w.register(ACME);
    w.submit(ACME, {
      kind: 'key-rotation',
      subject: ACME,
      add: [keyOf(ACME, 2)],
      retire: [],
      validFrom: w.now,
    });
    const before = w.at(-1);
    const effects = revoke(w, ACME);
    expect(effects.keys[0]).toMatchObject({ kid: `${ACME}#key-1`, revokedFrom: w.at(-2) });
    w.rejects('IDENTITY_KEY_REVOKED', () => w.ledger.signingKey(`${ACME}#key-1`, ACME, before));
    w.rejects('IDENTITY_KEY_REVOKED', () =>
      w.submit(OPERATOR, registration(w, [keyOf(ACME), keyOf(ACME, 2)])),
    );
  });

  it('may come from the operator or a registrar, not from another organisation', () => {
    const w = new World();
    w.register(ACME);
    w.register(REGISTRAR, ['registrar']);
    w.register('did:web:x.example');
    w.rejects('IDENTITY_NOT_AUTHORIZED', () => revoke(w, 'did:web:x.example'));
    revoke(w, REGISTRAR);
  });

  it('names a key of the subject (IDENTITY_UNKNOWN_KEY)', () => {
    const w = new World();
    w.register(ACME);
    w.rejects('IDENTITY_UNKNOWN_KEY', () => revoke(w, OPERATOR, `${ACME}#key-7`));
  });
});
