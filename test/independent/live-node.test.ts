/**
 * The independent verifier (./verifier.ts, written from the C2SP and RFC texts, sharing no code with src/)
 * against a live node over HTTP. Only the node's start-up comes from src/; every check below is made by the
 * verifier, trusting nothing but the vkey the node publishes at /.well-known/lodestone.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { jwkFromPublicKey } from '../../src/crypto/index.js';
import { LodestoneNode } from '../../src/service/index.js';
import { samplePayload, type TestSigner, tempDir, testSigner } from '../helpers/node.js';
import {
  type Checkpoint,
  canonicalJson,
  fetchAndVerifyLog,
  leafHash,
  parseTlogProof,
  type Receipt,
  type VerifiedLog,
  verifyCheckpointNote,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
  verifyTlogProofBundle,
} from './verifier.js';

const OPERATOR_TOKEN = 'live-node-operator-token';
const EARLY = 40; // entries before the early checkpoint
const TOTAL = 600; // two full level-0 tiles (512) + a partial one of 88, and a level-1 partial tile of width 2
const ISSUER = 'did:web:live.refiner.example';

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

const tmp = tempDir('lodestone-live-');
let server: { url: string; close(): Promise<void> };
let signer: TestSigner;
let vkey = '';
let origin = '';
let early: Checkpoint & { note: string };
let log: VerifiedLog;
const statements: string[] = []; // JWS by registration order: the signer's identity first, then its statements
const receipts = new Map<string, Receipt>(); // statement id -> receipt returned at registration

async function getText(path: string): Promise<string> {
  const res = await fetch(`${server.url}${path}`);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.text();
}
async function getJson<T>(path: string): Promise<T> {
  return JSON.parse(await getText(path)) as T;
}

async function register(jws: string): Promise<{ status: number; receipt: Receipt }> {
  const res = await fetch(`${server.url}/v1/statements`, {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body: jws,
  });
  const body = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST /v1/statements: ${res.status} ${body}`);
  return { status: res.status, receipt: JSON.parse(body) as Receipt };
}

/** Register statements `from`..`to`-1 with up to `concurrency` requests in flight. */
async function registerRange(from: number, to: number, concurrency: number): Promise<void> {
  let next = from;
  const worker = async (): Promise<void> => {
    for (let n = next++; n < to; n = next++) {
      const jws = signer.sign({ ...samplePayload(n), issuer: { id: ISSUER, name: 'Live Refining Oy' } });
      statements[n] = jws;
      const { status, receipt } = await register(jws);
      expect(status).toBe(201);
      receipts.set(sha256Hex(jws), receipt);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

beforeAll(async () => {
  // Start-up only: a node on a temporary directory, served over HTTP on an ephemeral port.
  const node = LodestoneNode.open({ dataDir: tmp.dir, origin: 'live.lodestone.example/log', maxDelayMs: 2 });
  server = await startServer({
    node,
    operatorToken: OPERATOR_TOKEN,
    port: 0,
    host: '127.0.0.1',
    logLevel: false,
  });

  // From here on the test knows only what the node publishes.
  ({ vkey, origin } = await getJson<{ vkey: string; origin: string }>('/.well-known/lodestone'));
  signer = testSigner(`${ISSUER}#key-1`);
  const res = await fetch(`${server.url}/v1/operator/identities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_TOKEN}` },
    body: JSON.stringify({
      subject: ISSUER,
      legalName: 'Live Refining Oy',
      registeredId: 'FI-1234567-8',
      idScheme: { id: 'https://www.ytj.fi/', name: 'Finnish Trade Register' },
      country: 'FIN',
      roles: ['producer'],
      keys: [{ kid: signer.kid, jwk: jwkFromPublicKey(signer.keys.publicKey) }],
    }),
  });
  expect(res.status).toBe(201);
  // Entry 0: the identity statement the operator signed. Registry statements are public: read it back.
  const identity = (await res.json()) as Receipt;
  statements[0] = await getText(`/v1/statements/${identity.statement}`);
  expect(sha256Hex(statements[0])).toBe(identity.statement);
  receipts.set(identity.statement, identity);

  await registerRange(1, EARLY, 4);
  const note = await getText('/log/checkpoint');
  early = { ...verifyCheckpointNote(note, vkey, origin), note };
  await registerRange(EARLY, TOTAL, 32);
  log = await fetchAndVerifyLog(`${server.url}/log`, vkey, { origin });
}, 120_000);

afterAll(async () => {
  await server?.close();
  tmp.cleanup();
});

describe('independent verifier against a live node', () => {
  it('the node publishes an Ed25519 vkey for its origin', () => {
    expect(origin).toBe('live.lodestone.example/log');
    expect(vkey.startsWith(`${origin}+`)).toBe(true);
  });

  it("verifies the node's checkpoint with the published vkey only", async () => {
    const note = await getText('/log/checkpoint');
    const cp = verifyCheckpointNote(note, vkey, origin);
    expect(cp.size).toBe(TOTAL);
    expect(cp.rootHash.equals(log.rootHash)).toBe(true);
    expect(cp.extensions).toEqual([]);
    expect(note).toBe(log.checkpoint);
    expect(() => verifyCheckpointNote(note, vkey, 'other.example/log')).toThrow(/origin/);
  });

  it('recomputes the root from every hash tile and checks every entry bundle', () => {
    expect(log.size).toBe(TOTAL);
    expect(log.levels[0]).toHaveLength(TOTAL);
    expect(log.levels[1]).toHaveLength(Math.floor(TOTAL / 256));
    expect(log.entries).toHaveLength(TOTAL);
    // Every entry is the canonical JSON registration record of one submitted statement, in order.
    const ids = new Set<string>();
    log.entries!.forEach((bytes, i) => {
      const text = bytes.toString('utf8');
      const entry = JSON.parse(text) as { v: number; statement: string; registered: string };
      expect(canonicalJson(entry)).toBe(text);
      expect(entry.v).toBe(1);
      expect(new Date(entry.registered).toISOString()).toBe(entry.registered);
      expect(receipts.get(entry.statement)?.index, `entry ${i}`).toBe(i);
      ids.add(entry.statement);
    });
    expect(ids).toEqual(new Set(statements.map((jws) => sha256Hex(jws))));
  });

  it('verifies every receipt returned at registration, against the statement bytes', () => {
    const indices = new Set<number>();
    for (const jws of statements) {
      const receipt = receipts.get(sha256Hex(jws))!;
      const v = verifyReceipt(receipt, vkey, Buffer.from(jws, 'ascii'));
      expect(v.origin).toBe(origin);
      expect(v.size).toBeGreaterThan(v.index);
      expect(v.size).toBeLessThanOrEqual(TOTAL);
      expect(v.leaf.equals(log.entries![v.index]!)).toBe(true);
      indices.add(v.index);
    }
    expect(indices.size).toBe(TOTAL);
  });

  it('every checkpoint a registration receipt carried is consistent with the latest one', async () => {
    const bySize = new Map<number, Buffer>();
    for (const r of receipts.values()) {
      const cp = verifyCheckpointNote(r.checkpoint, vkey, origin);
      const seen = bySize.get(cp.size);
      if (seen) expect(seen.equals(cp.rootHash), `two roots for size ${cp.size}`).toBe(true);
      bySize.set(cp.size, cp.rootHash);
    }
    expect(bySize.size).toBeGreaterThan(1);
    for (const [size, root] of bySize) {
      const { proof } = await getJson<{ proof: string[] }>(
        `/v1/log/proof/consistency?first=${size}&second=${TOTAL}`,
      );
      verifyConsistency(size, TOTAL, root, log.rootHash, proof.map(b64));
    }
  });

  it('verifies fresh receipts from GET /v1/statements/{id}/receipt against the latest checkpoint', async () => {
    for (const jws of statements) {
      const id = sha256Hex(jws);
      const fresh = await getJson<Receipt>(`/v1/statements/${id}/receipt`);
      const v = verifyReceipt(fresh, vkey, Buffer.from(jws, 'ascii'));
      expect(v.size).toBe(TOTAL);
      expect(v.rootHash.equals(log.rootHash)).toBe(true);
      expect(v.index).toBe(receipts.get(id)!.index);
      expect(fresh.entry).toEqual(receipts.get(id)!.entry);
    }
  });

  it('verifies every ?format=tlog-proof bundle with the entry bytes it carries in `extra`', async () => {
    for (const jws of statements) {
      const id = sha256Hex(jws);
      const text = await getText(`/v1/statements/${id}/receipt?format=tlog-proof`);
      const { extra } = parseTlogProof(text);
      expect(extra, 'tlog-proof extra line').toBeDefined();
      const v = verifyTlogProofBundle(text, vkey, extra!);
      expect(v.origin).toBe(origin);
      expect(v.size).toBe(TOTAL);
      // The (unauthenticated) extra is bound by the proof: it must be this statement's entry from the tiles.
      expect(extra!.equals(log.entries![v.index]!)).toBe(true);
      expect(JSON.parse(extra!.toString('utf8')).statement).toBe(id);
    }
  });

  it('a tlog-proof bundle does not verify for other leaf bytes', async () => {
    const id = sha256Hex(statements[7]!);
    const text = await getText(`/v1/statements/${id}/receipt?format=tlog-proof`);
    const index = receipts.get(id)!.index;
    expect(() => verifyTlogProofBundle(text, vkey, log.entries![index]!)).not.toThrow();
    expect(() => verifyTlogProofBundle(text, vkey, log.entries![index + 1]!)).toThrow(/inclusion/);
  });

  it('verifies consistency between the early checkpoint and the latest one', async () => {
    expect(early.size).toBe(EARLY);
    const { first, second, proof } = await getJson<{ first: number; second: number; proof: string[] }>(
      `/v1/log/proof/consistency?first=${early.size}&second=${TOTAL}`,
    );
    expect([first, second]).toEqual([EARLY, TOTAL]);
    verifyConsistency(early.size, TOTAL, early.rootHash, log.rootHash, proof.map(b64));
    // The early checkpoint's root is also what the tiles give for its size.
    const latest = await getJson<{ proof: string[] }>(`/v1/log/proof/consistency?first=${EARLY}`);
    expect(latest.proof).toEqual(proof);
    expect(() => verifyConsistency(early.size, TOTAL, log.rootHash, log.rootHash, proof.map(b64))).toThrow(
      /consistency/,
    );
  });

  it('verifies server inclusion proofs into the early checkpoint', async () => {
    for (const index of [0, 1, EARLY / 2, EARLY - 1]) {
      const { proof } = await getJson<{ proof: string[] }>(
        `/v1/log/proof/inclusion?index=${index}&size=${EARLY}`,
      );
      verifyInclusion(index, EARLY, leafHash(log.entries![index]!), proof.map(b64), early.rootHash);
    }
  });

  it('serves the registry statement to anyone, a producer’s statement only with credentials', async () => {
    const registry = await fetch(`${server.url}/v1/statements/${sha256Hex(statements[0]!)}`);
    expect(await registry.text()).toBe(statements[0]);
    const id = sha256Hex(statements[5]!);
    const anonymous = await fetch(`${server.url}/v1/statements/${id}`);
    expect(anonymous.status).toBe(404);
    expect(((await anonymous.json()) as { code: string }).code).toBe('STATEMENT_NOT_FOUND');
    const operator = await fetch(`${server.url}/v1/statements/${id}`, {
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    expect(await operator.text()).toBe(statements[5]);
  });

  it('resubmitting identical bytes returns the original entry (200), which still verifies', async () => {
    const jws = statements[123]!;
    const { status, receipt } = await register(jws);
    expect(status).toBe(200);
    expect(receipt.entry).toEqual(receipts.get(sha256Hex(jws))!.entry);
    expect(verifyReceipt(receipt, vkey, Buffer.from(jws, 'ascii')).index).toBe(receipt.index);
  });

  it('nothing verifies under another key for the same origin', async () => {
    // signed-note vkey: name + "+" + hex(key ID) + "+" + base64(0x01 || key), key ID = SHA-256(name "\n" 0x01 key)[:4]
    const typed = Buffer.concat([Buffer.from([1]), testSigner().keys.publicRaw]);
    const keyId = createHash('sha256').update(`${origin}\n`).update(typed).digest().subarray(0, 4);
    const other = `${origin}+${keyId.toString('hex')}+${typed.toString('base64')}`;
    const receipt = receipts.get(sha256Hex(statements[0]!))!;
    expect(() => verifyReceipt(receipt, other)).toThrow();
    await expect(fetchAndVerifyLog(`${server.url}/log`, other)).rejects.toThrow();
  });
});
