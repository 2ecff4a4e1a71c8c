import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestNode, samplePayload } from '../../test/helpers/node.js';
import { generateEd25519, jwkFromPublicKey, signCompactJws } from '../crypto/index.js';
import { formatSignerKey, openCheckpoint, parseVerifierKey, verifyConsistency } from '../log/index.js';
import { LOCK_FILE } from './lock.js';
import { LodestoneNode } from './node.js';
import { loadOrCreateOperatorToken } from './operator-token.js';
import { verifyReceipt } from './verify-receipt.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

function setup(options = {}) {
  const t = openTestNode(options);
  cleanup = t.close;
  return t;
}

describe('LodestoneNode.register', () => {
  it('returns a receipt that verifies offline with only the vkey', async () => {
    const { node, signer } = setup();
    const jws = signer.sign(samplePayload(1));
    const { receipt, created } = await node.register(jws);
    expect(created).toBe(true);
    expect(receipt.index).toBe(0);
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
    const { node, signer } = setup();
    const jws = signer.sign(samplePayload(2));
    const [a, b] = await Promise.all([node.register(jws), node.register(jws)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.receipt.entry).toEqual(b.receipt.entry);
    const again = await node.register(jws);
    expect(again.created).toBe(false);
    expect(again.receipt.index).toBe(a.receipt.index);
    expect(again.receipt.entry).toEqual(a.receipt.entry);
    expect(node.size).toBe(1);
  });

  it('integrates concurrent submissions in batches, each receipt verifying', async () => {
    const { node, signer } = setup({ maxBatch: 16 });
    const jwss = Array.from({ length: 100 }, (_, i) => signer.sign(samplePayload(100 + i)));
    const regs = await Promise.all(jwss.map((j) => node.register(j)));
    expect(new Set(regs.map((r) => r.receipt.index)).size).toBe(100);
    for (const [i, r] of regs.entries())
      expect(verifyReceipt(jwss[i]!, r.receipt, node.info.vkey).ok).toBe(true);
    expect(node.size).toBe(100);
  });

  it.each([
    ['not a JWS', () => 'hello', 'STATEMENT_MALFORMED'],
    ['an alg other than EdDSA', () => 'eyJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ.e30.AAAA', 'STATEMENT_UNSUPPORTED'],
  ])('rejects %s', async (_name, make, code) => {
    const { node } = setup();
    await expect(node.register(make())).rejects.toMatchObject({ code });
    expect(node.size).toBe(0);
  });

  it('rejects an unknown kid, a wrong key and a non-object payload with distinct codes', async () => {
    const { node, signer } = setup();
    const stranger = generateEd25519();
    const unknown = signCompactJws('{}', { kid: 'did:web:nobody.example#k' }, stranger.privateKey);
    const forged = signCompactJws('{}', { kid: signer.kid }, stranger.privateKey);
    const array = signCompactJws('[1]', { kid: signer.kid }, signer.keys.privateKey);
    await expect(node.register(unknown)).rejects.toMatchObject({ code: 'STATEMENT_UNKNOWN_KEY' });
    await expect(node.register(forged)).rejects.toMatchObject({ code: 'STATEMENT_BAD_SIGNATURE' });
    await expect(node.register(array)).rejects.toMatchObject({ code: 'STATEMENT_BAD_PAYLOAD' });
    expect(node.size).toBe(0);
  });

  it('rejects statements over the size limit before parsing them', async () => {
    const { node, signer } = setup({ maxStatementBytes: 2048 });
    const big = signer.sign({ pad: 'x'.repeat(4096) });
    await expect(node.register(big)).rejects.toMatchObject({ code: 'STATEMENT_TOO_LARGE' });
  });

  it('answers LOG_PUSHBACK instead of queueing beyond maxPending', async () => {
    const { node, signer } = setup({ maxPending: 4, maxBatch: 1000, maxDelayMs: 50 });
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
    const t = setup();
    const first = await t.node.register(t.signer.sign(samplePayload(1)));
    const before = t.node.checkpoint();
    await t.node.close();
    const node = LodestoneNode.open({ dataDir: t.dir, origin: 'test.lodestone.example/log', maxDelayMs: 1 });
    t.node = node;
    expect(node.checkpoint()).toBe(before);
    const second = await node.register(t.signer.sign(samplePayload(2)));
    expect(second.receipt.index).toBe(1);
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
    const t = setup();
    await t.node.close();
    expect(() => LodestoneNode.open({ dataDir: t.dir, origin: 'other.example/log' })).toThrow(
      expect.objectContaining({ code: 'NODE_IDENTITY_MISMATCH' }),
    );
    t.node = LodestoneNode.open({ dataDir: t.dir });
  });
});

describe('StoredKeys.add', () => {
  it.each([
    ['an empty kid', '', { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }],
    ['a kid with spaces', 'a b', jwkFromPublicKey(generateEd25519().publicKey)],
    ['an RSA JWK', 'did:web:x#1', { kty: 'RSA', n: 'AQAB', e: 'AQAB' }],
    ['a private JWK', 'did:web:x#1', { ...jwkFromPublicKey(generateEd25519().publicKey), d: 'AAAA' }],
    ['a short key', 'did:web:x#1', { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }],
  ])('rejects %s with KEY_INVALID', (_n, kid, jwk) => {
    const { node } = setup();
    expect(() => node.keys.add(kid, jwk, new Date())).toThrow(
      expect.objectContaining({ code: 'KEY_INVALID' }),
    );
  });
});

describe('LodestoneNode.open', () => {
  it('refuses a data directory another live node holds, and takes over a dead one’s lock', async () => {
    const t = setup();
    expect(() => LodestoneNode.open({ dataDir: t.dir })).toThrow(
      expect.objectContaining({ code: 'NODE_LOCKED' }),
    );
    await t.node.close();
    writeFileSync(join(t.dir, LOCK_FILE), '2147483646\n'); // a pid that does not run
    t.node = LodestoneNode.open({ dataDir: t.dir });
    expect(t.node.size).toBe(0);
  });
});

describe('StoredKeys.add on a kid already registered', () => {
  it('returns the first record for the same key and refuses another key with KEY_CONFLICT', () => {
    const { node, signer } = setup();
    const again = node.keys.add(signer.kid, jwkFromPublicKey(signer.keys.publicKey), new Date(0));
    expect(again.added).not.toBe(new Date(0).toISOString());
    expect(() =>
      node.keys.add(signer.kid, jwkFromPublicKey(generateEd25519().publicKey), new Date()),
    ).toThrow(expect.objectContaining({ code: 'KEY_CONFLICT' }));
  });
});

describe('the log identity on disk', () => {
  it('refuses to re-key a log whose key file went missing', async () => {
    const t = setup();
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
    const t = setup();
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
    const t = setup();
    await t.node.close();
    writeFileSync(join(t.dir, LOCK_FILE), `${process.pid}\n`);
    t.node = LodestoneNode.open({ dataDir: t.dir });
    expect(readFileSync(join(t.dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('answers LOG_CLOSED after close instead of hanging', async () => {
    const t = setup();
    const jws = t.signer.sign(samplePayload(9));
    await t.node.close();
    await expect(t.node.register(jws)).rejects.toMatchObject({ code: 'LOG_CLOSED' });
    t.node = LodestoneNode.open({ dataDir: t.dir });
  });
});

describe('loadOrCreateOperatorToken', () => {
  it('generates a 0600 token file once, and refuses an empty or short token', () => {
    const t = setup();
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
