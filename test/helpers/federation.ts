/**
 * Member-nation nodes on loopback for federation tests: open N nodes that witness each other's logs,
 * serve them over real HTTP, peer them, and tear everything down after each test.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { sha256Hex } from '../../src/crypto/index.js';
import { LodestoneNode, type PeerConfig } from '../../src/service/index.js';
import { registerSigner, samplePayload, type TestSigner, tempDir, testSigner } from './node.js';

export const TIMING = { intervalMs: 100, maxBackoffMs: 800, timeoutMs: 2000 };

export interface Member {
  name: string;
  dir: string;
  origin: string;
  vkey: string;
  witnessVkey: string;
  node: LodestoneNode;
  app: FastifyInstance;
  url: string;
  port: number;
  signer: TestSigner;
}

export const cleanups: (() => void)[] = [];
export const running = new Set<Member>();

export async function listen(member: Omit<Member, 'app' | 'url' | 'port'>, port = 0): Promise<Member> {
  const app = await buildApp({ node: member.node, operatorToken: 'x'.repeat(32), logLevel: false });
  await app.listen({ host: '127.0.0.1', port });
  const actual = (app.server.address() as AddressInfo).port;
  const m = { ...member, app, port: actual, url: `http://127.0.0.1:${actual}` };
  running.add(m);
  return m;
}

export async function stop(m: Member): Promise<void> {
  running.delete(m);
  await m.app.close();
  await m.node.close();
}

/** Open `names.length` nodes that witness each other's logs, listening on loopback, not yet peering. */
export async function cluster(names: string[]): Promise<Member[]> {
  // A first open creates each log's and witness's keys, which the others need to witness it.
  const ids = names.map((name) => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const origin = `${name}.lodestone.example/log`;
    const node = LodestoneNode.open({ dataDir: dir, origin, maxDelayMs: 1, verifyThreads: 0 });
    const id = { name, dir, origin, vkey: node.info.vkey, witnessVkey: node.witness.info.vkey };
    return { id, closing: node.close() };
  });
  await Promise.all(ids.map((i) => i.closing));
  const members: Member[] = [];
  for (const { id } of ids) {
    const node = openMember(
      id,
      ids.map((i) => i.id),
    );
    const signer = testSigner();
    await registerSigner(node, signer);
    members.push(await listen({ ...id, node, signer }));
  }
  return members;
}

export function openMember(
  id: { dir: string; origin: string },
  all: readonly { origin: string; vkey: string }[],
): LodestoneNode {
  const witnessedLogs = all
    .filter((o) => o.origin !== id.origin)
    .map((o) => ({ origin: o.origin, vkey: o.vkey }));
  return LodestoneNode.open({ dataDir: id.dir, maxDelayMs: 1, verifyThreads: 0, witnessedLogs });
}

export function peersOf(m: Member, members: readonly Member[]): PeerConfig[] {
  return members
    .filter((o) => o.origin !== m.origin)
    .map((o) => ({ origin: o.origin, vkey: o.vkey, url: o.url }));
}

export async function registerSome(m: Member, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) await m.node.register(m.signer.sign(samplePayload(n)));
}

/** Poll `check` until it returns a value (not undefined), or fail after `ms`. */
export async function until<T>(check: () => Promise<T | undefined>, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stop every member still running (afterEach). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stop));
}

/** Remove every temporary directory (afterAll). */
export function cleanupAll(): void {
  for (const c of cleanups.splice(0)) c();
}

export async function hashOf(origin: string): Promise<string> {
  return sha256Hex(origin);
}
