import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  didOf,
  openTestNode,
  registerSigner,
  samplePayload,
  type TestSigner,
  testSigner,
} from '../../test/helpers/node.js';
import { generateEd25519, jwkFromPublicKey, parseCompactJws, signCompactJws } from '../crypto/index.js';
import { formatSignerKey, openCheckpoint, parseVerifierKey, verifyConsistency } from '../log/index.js';
import { ACCESS_TOKEN_TYPE } from './access.js';
import { LOCK_FILE } from './lock.js';
import { type IdentityInput, LodestoneNode } from './node.js';
import { OPERATOR_KEY_FILE } from './operator.js';
import { loadOrCreateOperatorToken } from './operator-token.js';
import { verifyReceipt } from './verify-receipt.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup(options = {}) {
  const t = await openTestNode(options);
  cleanup = t.close;
  return t;
}

/** A call's synchronous throw or rejection, as a rejected promise (registerIdentity may do either). */
const settle = <T>(call: () => Promise<T>): Promise<T> => Promise.resolve().then(call);

/** `samplePayload(n)` issued by `did` (the credential's issuer must be the kid's DID). */
const issuedBy = (did: string, n: number) => ({ ...samplePayload(n), issuer: { id: did, name: did } });

const publicJwk = (signer: TestSigner) => ({
  kty: 'OKP' as const,
  crv: 'Ed25519' as const,
  x: jwkFromPublicKey(signer.keys.publicKey).x,
});

const MINE: Omit<IdentityInput, 'keys'> = {
  subject: 'did:web:mine.example',
  legalName: 'Example Mining SARL',
  registeredId: 'CD-KIN-01',
  idScheme: { id: 'https://rccm.example/register', name: 'RCCM' },
  country: 'COD',
  roles: ['producer'],
  validFrom: '2021-01-01T00:00:00.000Z',
};

describe('LodestoneNode.register', () => {
  it('returns a receipt that verifies offline with only the vkey', async () => {
    const { node, signer } = await setup();
    const jws = signer.sign(samplePayload(1));
    const { receipt, created } = await node.register(jws);
    expect(created).toBe(true);
    expect(receipt.index).toBe(1); // entry 0 is the signer's identity registration
    const result = verifyReceipt(jws, receipt, node.info.vkey);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['receipt-format', true],
      ['statement-digest', true],
      ['entry', true],
      ['checkpoint-signature', true],
      ['inclusion', true],
    ]);
  });

  it('answers identical bytes with the original receipt, also when submitted concurrently', async () => {
    const { node, signer } = await setup();
    const jws = signer.sign(samplePayload(2));
    const [a, b] = await Promise.all([node.register(jws), node.register(jws)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.receipt.entry).toEqual(b.receipt.entry);
    const again = await node.register(jws);
    expect(again.created).toBe(false);
    expect(again.receipt.index).toBe(a.receipt.index);
    expect(again.receipt.entry).toEqual(a.receipt.entry);
    expect(node.size).toBe(2);
  });

  it('integrates concurrent submissions in batches, each receipt verifying', async () => {
    const { node, signer } = await setup({ maxBatch: 16 });
    const jwss = Array.from({ length: 100 }, (_, i) => signer.sign(samplePayload(100 + i)));
    const regs = await Promise.all(jwss.map((j) => node.register(j)));
    expect(new Set(regs.map((r) => r.receipt.index)).size).toBe(100);
    for (const [i, r] of regs.entries())
      expect(verifyReceipt(jwss[i]!, r.receipt, node.info.vkey).ok).toBe(true);
    expect(node.size).toBe(101);
  });

  it.each([
    ['not a JWS', () => 'hello', 'STATEMENT_MALFORMED'],
    ['an alg other than EdDSA', () => 'eyJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ.e30.AAAA', 'STATEMENT_UNSUPPORTED'],
  ])('rejects %s', async (_name, make, code) => {
    const { node } = await setup();
    await expect(node.register(make())).rejects.toMatchObject({ code });
    expect(node.size).toBe(1);
  });

  it('rejects a bad payload, a non-credential, a foreign issuer, unknown keys and a wrong key with distinct codes', async () => {
    const { node, signer } = await setup();
    const stranger = testSigner('did:web:nobody.example#k');
    const unregisteredKid = testSigner('did:web:refiner.example#key-2');
    const forged = signCompactJws(
      JSON.stringify(samplePayload(3)),
      { kid: signer.kid },
      stranger.keys.privateKey,
    );
    const cases: [string, string, string][] = [
      ['a payload array', signer.sign([1]), 'STATEMENT_BAD_PAYLOAD'],
      ['a JSON object that is no credential', signer.sign({}), 'INTEROP_NOT_A_CREDENTIAL'],
      [
        'a credential of another issuer',
        signer.sign(issuedBy('did:web:mine.example', 4)),
        'INTEROP_ISSUER_MISMATCH',
      ],
      ['an unregistered organisation', stranger.sign(issuedBy(didOf(stranger), 5)), 'IDENTITY_UNKNOWN_KEY'],
      [
        'an unregistered kid of a registered organisation',
        unregisteredKid.sign(samplePayload(6)),
        'IDENTITY_UNKNOWN_KEY',
      ],
      ['a signature by another key', forged, 'STATEMENT_BAD_SIGNATURE'],
    ];
    for (const [what, jws, code] of cases) {
      await expect(node.register(jws), what).rejects.toMatchObject({ code });
    }
    expect(node.size).toBe(1);
  });

  it('rejects statements over the size limit before parsing them', async () => {
    const { node, signer } = await setup({ maxStatementBytes: 2048 });
    const big = signer.sign({ pad: 'x'.repeat(4096) });
    await expect(node.register(big)).rejects.toMatchObject({ code: 'STATEMENT_TOO_LARGE' });
  });

  it('answers LOG_PUSHBACK instead of queueing beyond maxPending', async () => {
    const { node, signer } = await setup({ maxPending: 4, maxBatch: 1000, maxDelayMs: 50 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => node.register(signer.sign(samplePayload(i)))),
    );
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(rejected.map((r) => (r.reason as { code: string }).code)).toEqual(Array(6).fill('LOG_PUSHBACK'));
  });
});

describe('LodestoneNode across restarts', () => {
  it('keeps its origin, key, entries and checkpoints; old and new checkpoints are consistent', async () => {
    const t = await setup();
    const first = await t.node.register(t.signer.sign(samplePayload(1)));
    const before = t.node.checkpoint();
    await t.node.close();
    const node = LodestoneNode.open({ dataDir: t.dir, origin: 'test.lodestone.example/log', maxDelayMs: 1 });
    t.node = node;
    expect(node.checkpoint()).toBe(before);
    // The registry is rebuilt from the log: the signer is still known.
    const second = await node.register(t.signer.sign(samplePayload(2)));
    expect(second.receipt.index).toBe(2);
    const verifier = parseVerifierKey(node.info.vkey);
    const old = openCheckpoint(before, verifier).checkpoint;
    const now = openCheckpoint(node.checkpoint(), verifier).checkpoint;
    const { proof } = node.consistencyProof(old.size, now.size);
    expect(() =>
      verifyConsistency(
        old.size,
        now.size,
        old.rootHash,
        now.rootHash,
        proof.map((p) => Buffer.from(p, 'base64')),
      ),
    ).not.toThrow();
    const refreshed = node.receipt(first.receipt.statement)!;
    expect(verifyReceipt(t.signer.sign(samplePayload(1)), refreshed, node.info.vkey).ok).toBe(true);
  });

  it('refuses to open a data directory under another origin', async () => {
    const t = await setup();
    await t.node.close();
    expect(() => LodestoneNode.open({ dataDir: t.dir, origin: 'other.example/log' })).toThrow(
      expect.objectContaining({ code: 'NODE_IDENTITY_MISMATCH' }),
    );
    t.node = LodestoneNode.open({ dataDir: t.dir });
  });
});

describe('the operator', () => {
  it('has a did:key kept in a 0600 operator.key, the same after a restart, and published in info', async () => {
    const t = await setup();
    const { operator } = t.node;
    expect(operator.did).toMatch(/^did:key:z6Mk/);
    expect(operator.kid.startsWith(`${operator.did}#`)).toBe(true);
    expect(operator.keys).toEqual([{ kid: operator.kid, jwk: expect.objectContaining({ kty: 'OKP' }) }]);
    expect(t.node.info.operator).toBe(operator.did);
    expect(statSync(join(t.dir, OPERATOR_KEY_FILE)).mode & 0o777).toBe(0o600);
    await t.node.close();
    t.node = LodestoneNode.open({ dataDir: t.dir });
    expect(t.node.operator.did).toBe(operator.did);
    expect(t.node.info.operator).toBe(operator.did);
  });

  it('registers an organisation as one logged statement it signs; the organisation may sign from then on', async () => {
    const t = await setup();
    const mine = testSigner('did:web:mine.example#key-1');
    const { receipt, created } = await t.node.registerIdentity({
      ...MINE,
      keys: [{ kid: mine.kid, jwk: publicJwk(mine) }],
    });
    expect(created).toBe(true);
    expect([receipt.index, t.node.size]).toEqual([1, 2]);
    const jws = t.node.statement(receipt.statement)!.toString('ascii');
    expect(verifyReceipt(jws, receipt, t.node.info.vkey).ok).toBe(true);
    const { header, payload } = parseCompactJws(jws);
    expect(header.kid).toBe(t.node.operator.kid);
    expect(JSON.parse(payload.toString('utf8'))).toMatchObject({
      type: expect.arrayContaining(['VerifiableCredential', 'DigitalIdentityAnchor']),
      issuer: expect.objectContaining({ id: t.node.operator.did }),
    });
    expect(t.node.supply.organization(MINE.subject)).toMatchObject({
      did: MINE.subject,
      legalName: MINE.legalName,
      country: 'COD',
      roles: ['producer'],
      registeredBy: t.node.operator.did,
      statement: receipt.statement,
      keys: [{ kid: mine.kid, jwk: publicJwk(mine), did: MINE.subject, activeFrom: MINE.validFrom }],
    });
    const signed = await t.node.register(mine.sign(issuedBy(MINE.subject, 1)));
    expect(signed.receipt.index).toBe(2);
  });

  it.each([
    ['an empty kid', () => '', () => jwkFromPublicKey(generateEd25519().publicKey), 'INTEROP_INVALID'],
    [
      'a kid with spaces',
      () => 'did:web:mine.example#a b',
      () => jwkFromPublicKey(generateEd25519().publicKey),
      'INTEROP_INVALID',
    ],
    [
      'a kid of another DID',
      () => 'did:web:x.example#1',
      () => jwkFromPublicKey(generateEd25519().publicKey),
      'INTEROP_INVALID',
    ],
    [
      'the bare DID as kid',
      () => 'did:web:mine.example',
      () => jwkFromPublicKey(generateEd25519().publicKey),
      'IDENTITY_KEY_MISMATCH',
    ],
    [
      'an RSA JWK',
      () => 'did:web:mine.example#1',
      () => ({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }),
      'INTEROP_INVALID',
    ],
    [
      'a short key',
      () => 'did:web:mine.example#1',
      () => ({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }),
      'INTEROP_INVALID',
    ],
  ])('refuses a registration with %s, logging nothing', async (_n, kid, jwk, code) => {
    const { node } = await setup();
    const input = { ...MINE, keys: [{ kid: kid(), jwk: jwk() }] } as IdentityInput;
    await expect(settle(() => node.registerIdentity(input))).rejects.toMatchObject({ code });
    expect(node.size).toBe(1);
    expect(node.supply.organization(MINE.subject)).toBeUndefined();
  });

  it('refuses a registration without keys, of an unassigned country, or dated in the future', async () => {
    const { node } = await setup();
    const keys = [{ kid: 'did:web:mine.example#1', jwk: jwkFromPublicKey(generateEd25519().publicKey) }];
    const cases: [Partial<IdentityInput>, string][] = [
      [{ keys: [] }, 'IDENTITY_NO_KEYS'],
      [{ country: 'ZZZ' }, 'INTEROP_INVALID'],
      [{ validFrom: '2999-01-01T00:00:00.000Z' }, 'CUSTODY_FUTURE_TIME'],
    ];
    for (const [change, code] of cases) {
      const input = { ...MINE, keys, ...change };
      await expect(
        settle(() => node.registerIdentity(input)),
        code,
      ).rejects.toMatchObject({ code });
    }
    expect(node.size).toBe(1);
  });

  it('never logs the private part of a JWK it is handed', async () => {
    const { node } = await setup();
    const pair = generateEd25519();
    const jwk = { ...jwkFromPublicKey(pair.publicKey), d: 'c2VjcmV0LXNlZWQtYnl0ZXMtMzItbG9uZy0tLS0tLS0' };
    const input = { ...MINE, keys: [{ kid: 'did:web:mine.example#1', jwk }] } as IdentityInput;
    // Refusing it would do too; storing it would not.
    const outcome = await settle(() => node.registerIdentity(input)).catch(
      (err: { code: string }) => err.code,
    );
    if (typeof outcome === 'string') expect(outcome).toMatch(/^(INTEROP|IDENTITY)_/);
    else {
      const jws = node.statement(outcome.receipt.statement)!.toString('ascii');
      expect(parseCompactJws(jws).payload.toString('utf8')).not.toContain(jwk.d);
      expect(JSON.stringify(node.supply.organization(MINE.subject))).not.toContain(jwk.d);
    }
  });

  it('accepts a re-registration with the same key, and refuses another key for a bound kid', async () => {
    const { node, signer } = await setup();
    const input: IdentityInput = {
      ...MINE,
      subject: didOf(signer),
      roles: ['producer', 'auditor'],
      keys: [{ kid: signer.kid, jwk: publicJwk(signer) }],
      validFrom: '2022-01-01T00:00:00.000Z',
    };
    const again = await node.registerIdentity(input);
    expect(again).toMatchObject({ created: true, receipt: { index: 1 } });
    expect(node.supply.organization(didOf(signer))).toMatchObject({
      roles: ['producer', 'auditor'],
      statement: again.receipt.statement,
      keys: [{ kid: signer.kid, jwk: publicJwk(signer), activeFrom: '2020-01-01T00:00:00.000Z' }],
    });
    const other = { kid: signer.kid, jwk: jwkFromPublicKey(generateEd25519().publicKey) };
    await expect(
      settle(() => node.registerIdentity({ ...input, keys: [other], validFrom: '2023-01-01T00:00:00.000Z' })),
    ).rejects.toMatchObject({ code: 'IDENTITY_KEY_CONFLICT' });
    await expect(
      settle(() => node.registerIdentity({ ...input, validFrom: '2021-01-01T00:00:00.000Z' })),
    ).rejects.toMatchObject({ code: 'IDENTITY_BACKDATED' });
    expect(node.size).toBe(2);
    // The kid still verifies with its first key.
    expect((await node.register(signer.sign(samplePayload(1)))).created).toBe(true);
  });
});

/** An access token for `signer`'s organisation, with claims and header overridable. */
function accessToken(
  signer: TestSigner,
  aud: string,
  change: { iss?: string; iat?: number; exp?: number; typ?: string; key?: TestSigner } = {},
): string {
  const iat = change.iat ?? Math.floor(Date.now() / 1000);
  const claims = { iss: change.iss ?? didOf(signer), aud, iat, exp: change.exp ?? iat + 600 };
  const typ = change.typ ?? ACCESS_TOKEN_TYPE;
  return signCompactJws(
    JSON.stringify(claims),
    { kid: signer.kid, typ },
    (change.key ?? signer).keys.privateKey,
  );
}

describe('who may read a statement', () => {
  it('registry statements are public; others are for their issuer, auditors, regulators and the operator', async () => {
    const { node, signer } = await setup();
    const rival = testSigner('did:web:rival.example#key-1');
    const auditor = testSigner('did:web:audit.example#key-1');
    const regulator = testSigner('did:web:regulator.example#key-1');
    await registerSigner(node, rival);
    await registerSigner(node, auditor, ['auditor']);
    await registerSigner(node, regulator, ['regulator'], 'FIN');
    const identity = node.supply.organization(didOf(rival))!.statement;
    const { receipt } = await node.register(signer.sign(samplePayload(1)));
    const aud = node.info.origin;
    const as = (s: TestSigner) => node.authenticate(accessToken(s, aud));
    expect(as(signer)).toEqual({ kind: 'organization', did: didOf(signer), roles: ['producer'] });
    const viewers = {
      anonymous: { kind: 'anonymous' } as const,
      operator: { kind: 'operator' } as const,
      issuer: as(signer),
      rival: as(rival),
      auditor: as(auditor),
      regulator: as(regulator),
    };
    const reads = (id: string) =>
      Object.fromEntries(
        Object.entries(viewers).map(([k, v]) => [k, node.statementFor(v, id) !== undefined]),
      );
    expect(reads(identity)).toEqual({
      anonymous: true,
      operator: true,
      issuer: true,
      rival: true,
      auditor: true,
      regulator: true,
    });
    expect(reads(receipt.statement)).toEqual({
      anonymous: false,
      operator: true,
      issuer: true,
      rival: false,
      auditor: true,
      regulator: true,
    });
    expect(node.statementFor(viewers.issuer, receipt.statement)).toEqual(node.statement(receipt.statement));
    expect(node.statementFor(viewers.operator, 'f'.repeat(64))).toBeUndefined();
  });

  it('refuses access tokens that are expired, too long-lived, for another log, of another typ or wrongly signed', async () => {
    const { node, signer } = await setup();
    const aud = node.info.origin;
    const now = Math.floor(Date.now() / 1000);
    const stranger = testSigner('did:web:nobody.example#k');
    const bad: [string, string][] = [
      ['expired', accessToken(signer, aud, { iat: now - 700, exp: now - 100 })],
      ['issued in the future', accessToken(signer, aud, { iat: now + 600, exp: now + 900 })],
      ['over an hour', accessToken(signer, aud, { iat: now, exp: now + 3601 })],
      ['another audience', accessToken(signer, 'other.example/log')],
      ['a statement typ', accessToken(signer, aud, { typ: 'vc+jwt' })],
      ['another key', accessToken(signer, aud, { key: stranger })],
      ['another issuer', accessToken(signer, aud, { iss: 'did:web:mine.example' })],
      ['an unregistered organisation', accessToken(stranger, aud)],
      ['not a JWS', 'a.b.c'],
    ];
    for (const [what, token] of bad) {
      expect(() => node.authenticate(token), what).toThrow(
        expect.objectContaining({ code: 'ACCESS_TOKEN_INVALID' }),
      );
    }
  });
});

describe('LodestoneNode.open', () => {
  it('refuses a data directory another live node holds, and takes over a dead one’s lock', async () => {
    const t = await setup();
    expect(() => LodestoneNode.open({ dataDir: t.dir })).toThrow(
      expect.objectContaining({ code: 'NODE_LOCKED' }),
    );
    await t.node.close();
    writeFileSync(join(t.dir, LOCK_FILE), '2147483646\n'); // a pid that does not run
    t.node = LodestoneNode.open({ dataDir: t.dir });
    expect(t.node.size).toBe(1);
  });
});

describe('the log identity on disk', () => {
  it('refuses to re-key a log whose key file went missing', async () => {
    const t = await setup();
    await t.node.register(t.signer.sign(samplePayload(1)));
    await t.node.close();
    rmSync(join(t.dir, 'log.key'));
    expect(() => LodestoneNode.open({ dataDir: t.dir })).toThrow(
      expect.objectContaining({ code: 'NODE_IDENTITY_MISMATCH' }),
    );
    expect(existsSync(join(t.dir, 'log.key'))).toBe(false);
    t.node = LodestoneNode.open({ dataDir: mkdtempSync(join(tmpdir(), 'lodestone-other-')) });
  });

  it('refuses a key that did not sign the log', async () => {
    const t = await setup();
    await t.node.close();
    writeFileSync(
      join(t.dir, 'log.key'),
      `${formatSignerKey('test.lodestone.example/log', randomBytes(32))}\n`,
    );
    expect(() => LodestoneNode.open({ dataDir: t.dir })).toThrow(
      expect.objectContaining({ code: 'NODE_IDENTITY_MISMATCH' }),
    );
    t.node = LodestoneNode.open({ dataDir: mkdtempSync(join(tmpdir(), 'lodestone-other-')) });
  });

  it('takes over a lock left with its own pid (a restarted container reuses pids)', async () => {
    const t = await setup();
    await t.node.close();
    writeFileSync(join(t.dir, LOCK_FILE), `${process.pid}\n`);
    t.node = LodestoneNode.open({ dataDir: t.dir });
    expect(readFileSync(join(t.dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('answers LOG_CLOSED after close instead of hanging', async () => {
    const t = await setup();
    const jws = t.signer.sign(samplePayload(9));
    await t.node.close();
    await expect(t.node.register(jws)).rejects.toMatchObject({ code: 'LOG_CLOSED' });
    t.node = LodestoneNode.open({ dataDir: t.dir });
  });
});

describe('loadOrCreateOperatorToken', () => {
  it('generates a 0600 token file once, and refuses an empty or short token', async () => {
    const t = await setup();
    const first = loadOrCreateOperatorToken(t.dir, {});
    expect(first.token.length).toBeGreaterThanOrEqual(16);
    expect(statSync(join(t.dir, 'operator.token')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateOperatorToken(t.dir, {}).token).toBe(first.token);
    expect(loadOrCreateOperatorToken(t.dir, { LODESTONE_OPERATOR_TOKEN: 'x'.repeat(16) }).source).toBe('env');
    expect(() => loadOrCreateOperatorToken(t.dir, { LODESTONE_OPERATOR_TOKEN: 'short' })).toThrow(
      expect.objectContaining({ code: 'NODE_CONFIG_INVALID' }),
    );
    writeFileSync(join(t.dir, 'operator.token'), '\n');
    expect(() => loadOrCreateOperatorToken(t.dir, {})).toThrow(
      expect.objectContaining({ code: 'NODE_CONFIG_INVALID' }),
    );
  });
});
