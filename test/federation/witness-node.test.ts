import { copyFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { sha256, sha256Hex } from '../../src/crypto/index.js';
import {
  formatVerifierKey,
  newEd25519Signer,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  SIG_TYPE_ED25519,
  signCheckpoint,
} from '../../src/log/index.js';
import { LodestoneNode } from '../../src/service/index.js';
import { openTestNode, samplePayload } from '../helpers/node.js';

const TOKEN = 'o'.repeat(32);
let t: Awaited<ReturnType<typeof openTestNode>>;
let app: FastifyInstance;
let n = 0;

beforeEach(async () => {
  t = await openTestNode();
  app = await buildApp({ node: t.node, operatorToken: TOKEN, logLevel: false });
});

afterEach(async () => {
  await app.close();
  await t.close();
});

/** Grow the node's own log by `count` entries; returns its latest checkpoint. */
async function grow(count: number): Promise<string> {
  for (let i = 0; i < count; i++) await t.node.register(t.signer.sign(samplePayload(n++)));
  return t.node.checkpoint();
}

function body(old: number, proof: readonly string[], note: string): string {
  return `old ${old}\n${proof.map((p) => `${p}\n`).join('')}\n${note}`;
}

function sizeOf(note: string): number {
  return parseCheckpoint(parseNote(note).text).size;
}

async function submit(request: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/witness/add-checkpoint',
    headers: { 'content-type': 'text/plain' },
    payload: request,
  });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body };
}

describe('POST /witness/add-checkpoint on a node, against its own log', () => {
  it('runs the spec scenario: 200, 409, 200, idempotent 200, 422, 400, 404, 403, 422', async () => {
    const first = await grow(2);
    const ok = await submit(body(0, [], first));
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/plain/);
    // The cosignature verifies with the vkey the node publishes.
    const info = (await app.inject('/.well-known/lodestone')).json();
    expect(info.witness).toEqual(t.node.witness.info);
    const witnessVerifier = parseVerifierKey(info.witness.vkey);
    const opened = openCheckpoint(first + ok.body, parseVerifierKey(info.vkey), [witnessVerifier]);
    expect(opened.note.verified.map((s) => s.name)).toEqual([info.origin, info.witness.name]);

    const stale = await submit(body(0, [], first));
    expect(stale).toEqual({ status: 409, type: 'text/x.tlog.size', body: `${sizeOf(first)}\n` });

    const second = await grow(3);
    const proof = t.node.consistencyProof(sizeOf(first), sizeOf(second)).proof;
    expect((await submit(body(sizeOf(first), proof, second))).status).toBe(200);
    expect((await submit(body(sizeOf(second), [], second))).status).toBe(200);

    const third = await grow(2);
    const bad = t.node.consistencyProof(1, sizeOf(third)).proof; // a proof from the wrong size
    const refused = await submit(body(sizeOf(second), bad, third));
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/^text\/plain/);
    expect((await submit(body(sizeOf(third) + 1, [], third))).status).toBe(400);

    const other = newEd25519Signer('other.example/log', sha256(Buffer.from('other')));
    const foreign = signCheckpoint(
      { origin: 'other.example/log', size: 0, rootHash: sha256(), extensions: [] },
      other,
    );
    expect((await submit(body(0, [], foreign))).status).toBe(404);
    const { size, rootHash } = parseCheckpoint(parseNote(third).text);
    const impostor = newEd25519Signer(info.origin, sha256(Buffer.from('impostor')));
    const forged = signCheckpoint({ origin: info.origin, size, rootHash, extensions: [] }, impostor);
    expect((await submit(body(sizeOf(second), [], forged))).status).toBe(403);
    expect((await submit(body(0, proof, third))).status).toBe(409); // stale old beats the bad proof
  });

  it('serves the latest cosigned checkpoint for monitoring, 404 before any', async () => {
    const hash = sha256Hex(t.node.info.origin);
    expect((await app.inject(`/witness/${hash}/checkpoint`)).statusCode).toBe(404);
    const note = await grow(1);
    const ok = await submit(body(0, [], note));
    const res = await app.inject(`/witness/${hash}/checkpoint`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(note + ok.body);
    expect((await app.inject(`/witness/${'0'.repeat(64)}/checkpoint`)).statusCode).toBe(404);
  });

  it('cosigns exactly one of two concurrent submissions with the same old', async () => {
    const a = await grow(1);
    const b = await grow(1);
    const answers = await Promise.all([submit(body(0, [], a)), submit(body(0, [], b))]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
  });

  it('refuses a rollback: old > size is 400, a smaller old is 409', async () => {
    const small = await grow(2);
    const large = await grow(3);
    expect((await submit(body(0, [], large))).status).toBe(200);
    expect((await submit(body(sizeOf(large), [], small))).status).toBe(400);
    expect(await submit(body(sizeOf(small), [], small))).toMatchObject({
      status: 409,
      body: `${sizeOf(large)}\n`,
    });
  });

  it('keeps its state and key across a restart', async () => {
    const note = await grow(1);
    expect((await submit(body(0, [], note))).status).toBe(200);
    const before = t.node.witness.info;
    await app.close();
    await t.node.close();
    t.node = LodestoneNode.open({ dataDir: t.dir, maxDelayMs: 1 });
    app = await buildApp({ node: t.node, operatorToken: TOKEN, logLevel: false });
    expect(t.node.witness.info).toEqual(before);
    expect(await submit(body(0, [], note))).toMatchObject({ status: 409, body: `${sizeOf(note)}\n` });
  });

  it('answers plain text, not problem JSON, to an oversized body', async () => {
    const res = await submit(`old 0\n\n${'x'.repeat(70 * 1024)}`);
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/^text\/plain/);
  });

  it('serves the witness over a real listening socket', async () => {
    const note = await grow(1);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/witness/add-checkpoint`;
    const post = (b: string) => fetch(url, { method: 'POST', body: b });
    const ok = await post(body(0, [], note));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^\u2014 /);
    const conflict = await post(body(0, [], note));
    expect([conflict.status, conflict.headers.get('content-type'), await conflict.text()]).toEqual([
      409,
      'text/x.tlog.size',
      `${sizeOf(note)}\n`,
    ]);
  });
});

describe('the witness key and witnessed logs', () => {
  it('refuses a witness key file that holds the log key', async () => {
    await app.close();
    await t.node.close();
    copyFileSync(join(t.dir, 'log.key'), join(t.dir, 'witness.key'));
    expect(() => LodestoneNode.open({ dataDir: t.dir })).toThrow(/witness needs its own/);
    rmSync(join(t.dir, 'witness.key'));
    t.node = LodestoneNode.open({ dataDir: t.dir });
    app = await buildApp({ node: t.node, operatorToken: TOKEN, logLevel: false });
    expect(t.node.witness.info.name).toBe(`${t.node.info.origin}/witness`);
  });

  it('cosigns a configured foreign log, and refuses old 0 with a proof on a fresh origin (422)', async () => {
    const origin = 'peer.example/log';
    const peer = newEd25519Signer(origin, sha256(Buffer.from('peer')));
    const vkey = formatVerifierKey(origin, SIG_TYPE_ED25519, peer.publicKey);
    await app.close();
    await t.node.close();
    t.node = LodestoneNode.open({ dataDir: t.dir, witnessedLogs: [{ origin, vkey }] });
    app = await buildApp({ node: t.node, operatorToken: TOKEN, logLevel: false });
    const leaf = sha256(Buffer.from('leaf'));
    const cp = signCheckpoint({ origin, size: 2, rootHash: sha256(leaf), extensions: [] }, peer);
    expect((await submit(body(0, [leaf.toString('base64')], cp))).status).toBe(422);
    const res = await app.inject({
      method: 'POST',
      url: '/witness/add-checkpoint',
      payload: body(0, [], cp),
    });
    expect(res.statusCode).toBe(200); // no content type at all is fine
    expect(t.node.witness.origins).toEqual([t.node.info.origin, origin]);
  });

  it('refuses to open with a witnessed log listed twice', async () => {
    await app.close();
    await t.node.close();
    const own = { origin: t.node.info.origin, vkey: t.node.info.vkey };
    expect(() => LodestoneNode.open({ dataDir: t.dir, witnessedLogs: [own] })).toThrow(/listed twice/);
    t.node = LodestoneNode.open({ dataDir: t.dir });
    app = await buildApp({ node: t.node, operatorToken: TOKEN, logLevel: false });
  });
});
