import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryFindingSource } from '../../../test/helpers/findings.js';
import { SqliteStore } from '../../store/index.js';
import type { FindingView } from './types.js';
import { verifyWebhookSignature } from './webhook-signature.js';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhooks.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly finding: FindingView;
  readonly at: number;
}

/** How the receiver answers its n-th request (1-based): a status, or 'reset' to drop the connection. */
type Answer = (n: number, received: Received) => number | 'reset' | 'hang';

interface Receiver {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];

/** A real HTTP receiver on 127.0.0.1. */
async function receiver(answer: Answer = () => 204): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const r = { headers: req.headers, body, finding: JSON.parse(body).data as FindingView, at: Date.now() };
      received.push(r);
      const reply = answer(received.length, r);
      if (reply === 'reset') req.socket.destroy();
      else if (reply !== 'hang') res.writeHead(reply).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const r: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(r);
  return r;
}

let dir: string;
let store: SqliteStore;
let source: MemoryFindingSource;
const dispatchers: WebhookDispatcher[] = [];

function dispatcher(options: Partial<WebhookDispatcherOptions> = {}): WebhookDispatcher {
  const d = new WebhookDispatcher({
    store: store.webhooks,
    source,
    backoff: { baseMs: 20, maxMs: 200, factor: 2 },
    timeoutMs: 2000,
    closeGraceMs: 50,
    ...options,
  });
  dispatchers.push(d);
  d.start();
  return d;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lodestone-webhooks-'));
  store = SqliteStore.open(dir);
  source = new MemoryFindingSource();
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.close()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const seqs = (r: Receiver): number[] => r.received.map((x) => x.finding.seq);
const until = (check: () => void, timeout = 5000) => vi.waitFor(check, { timeout, interval: 10 });

describe('WebhookDispatcher', () => {
  it('delivers each new finding once, in seq order, signed, advancing the cursor before the next', async () => {
    const cursors: number[] = [];
    const r = await receiver((_n, got) => {
      cursors.push(store.webhooks.get(hook.id)!.deliveredThrough);
      return got.finding.seq === 2 ? 200 : 204;
    });
    const d = dispatcher();
    const hook = d.register({ url: r.url });
    for (let i = 0; i < 3; i++) source.add();
    await until(() => expect(d.statusOf(hook.id)).toMatchObject({ deliveredThrough: 3, lag: 0 }));
    expect(seqs(r)).toEqual([1, 2, 3]);
    expect(cursors).toEqual([0, 1, 2]);
    for (const got of r.received) {
      expect(verifyWebhookSignature(hook.secret, got.headers, got.body)).toBe(true);
      expect(got.headers['webhook-id']).toBe(`finding_${got.finding.seq}`);
      expect(JSON.parse(got.body)).toMatchObject({ type: 'finding.raised', timestamp: got.finding.raisedAt });
    }
    expect(store.webhooks.get(hook.id)!.stats).toMatchObject({ attempts: 3, consecutiveFailures: 0 });
  });

  it('retries a failed finding with the same webhook-id and a growing backoff until it is accepted', async () => {
    const r = await receiver((n) => (n === 1 ? 500 : n === 2 ? 'reset' : 200));
    // random ≈ 1: every wait is (just under) the backoff ceiling, 50 ms then 150 ms.
    const d = dispatcher({ backoff: { baseMs: 50, factor: 3, maxMs: 10_000 }, random: () => 0.999 });
    const hook = d.register({ url: r.url });
    source.add();
    await until(() => expect(d.statusOf(hook.id)?.deliveredThrough).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((x) => x.headers['webhook-id']))).toEqual(new Set(['finding_1']));
    const [a, b, c] = r.received.map((x) => x.at) as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(45);
    expect(c - b).toBeGreaterThanOrEqual(140);
    expect(c - b).toBeGreaterThan(b - a);
    expect(store.webhooks.get(hook.id)!.stats).toMatchObject({
      attempts: 3,
      consecutiveFailures: 0,
      lastStatus: 200,
    });
  });

  it('records failures: status, error, and when it retries', async () => {
    const r = await receiver(() => 503);
    const d = dispatcher({ backoff: { baseMs: 60_000, maxMs: 60_000, factor: 2 }, random: () => 0.5 });
    const hook = d.register({ url: r.url });
    source.add();
    await until(() => expect(d.statusOf(hook.id)?.stats.consecutiveFailures).toBe(1));
    const status = d.statusOf(hook.id)!;
    expect(status).toMatchObject({
      deliveredThrough: 0,
      lag: 1,
      stats: { lastStatus: 503, lastError: 'HTTP 503' },
    });
    const wait = Date.parse(status.stats.nextAttemptAt!) - Date.parse(status.stats.lastAttemptAt!);
    expect(wait).toBe(30_000);
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    const target = await receiver();
    const r = await receiver(() => 307);
    const d = dispatcher();
    const hook = d.register({ url: r.url });
    source.add();
    await until(() => expect(r.received.length).toBeGreaterThanOrEqual(2));
    expect(target.received).toHaveLength(0);
    expect(d.statusOf(hook.id)).toMatchObject({ deliveredThrough: 0, stats: { lastStatus: 307 } });
  });

  it('after a restart delivers what was not acknowledged, and nothing that was', async () => {
    let accepting = false;
    const r = await receiver((_n, got) => (got.finding.seq === 1 || accepting ? 200 : 500));
    const first = dispatcher();
    const hook = first.register({ url: r.url });
    for (let i = 0; i < 3; i++) source.add();
    await until(() => expect(seqs(r).filter((s) => s === 2).length).toBeGreaterThanOrEqual(2));
    await first.close();
    store.close();
    source.add();
    const attempts = r.received.length;

    store = SqliteStore.open(dir);
    accepting = true;
    const second = dispatcher();
    await until(() => expect(second.statusOf(hook.id)).toMatchObject({ deliveredThrough: 4, lag: 0 }));
    expect(seqs(r).slice(attempts)).toEqual([2, 3, 4]);
    expect(seqs(r).filter((s) => s === 1)).toHaveLength(1);
  });

  it('keeps delivering to a healthy receiver while another hangs', async () => {
    const dead = await receiver(() => 'hang');
    const healthy = await receiver();
    const d = dispatcher({ timeoutMs: 20_000 });
    d.register({ url: dead.url });
    const ok = d.register({ url: healthy.url });
    const start = Date.now();
    for (let i = 0; i < 3; i++) source.add();
    await until(() => expect(d.statusOf(ok.id)?.deliveredThrough).toBe(3), 2000);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(seqs(healthy)).toEqual([1, 2, 3]);
    expect(seqs(dead)).toEqual([1]);
    // close() aborts the hung request after its grace period rather than waiting out the timeout.
    const closing = Date.now();
    await d.close();
    expect(Date.now() - closing).toBeLessThan(1000);
  });

  it('sends only findings matching the filters, and skips the rest without lag', async () => {
    const high = await receiver();
    const r2 = await receiver();
    const d = dispatcher();
    const a = d.register({ url: high.url, minSeverity: 'high' });
    const b = d.register({ url: r2.url, rules: ['R2'] });
    source.add({ severity: 'low', rule: 'R2' });
    source.add({ severity: 'critical', rule: 'R1' });
    source.add({ severity: 'medium', rule: 'R3' });
    source.add({ severity: 'high', rule: 'R2' });
    source.add({ severity: 'info', rule: 'R1' });
    await until(() => {
      expect(d.statusOf(a.id)).toMatchObject({ deliveredThrough: 5, lag: 0 });
      expect(d.statusOf(b.id)).toMatchObject({ deliveredThrough: 5, lag: 0 });
    });
    expect(seqs(high)).toEqual([2, 4]);
    expect(seqs(r2)).toEqual([1, 4]);
  });

  it('starts a new webhook at the latest finding, unless asked to replay from `since`', async () => {
    for (let i = 0; i < 3; i++) source.add();
    const fresh = await receiver();
    const replay = await receiver();
    const d = dispatcher();
    const f = d.register({ url: fresh.url });
    d.register({ url: replay.url, since: 1 });
    expect(f.deliveredThrough).toBe(3);
    source.add();
    await until(() => expect(seqs(replay)).toEqual([2, 3, 4]));
    await until(() => expect(seqs(fresh)).toEqual([4]));
  });

  it('stops delivering to a deleted webhook', async () => {
    const r = await receiver(() => 500);
    const d = dispatcher();
    const hook = d.register({ url: r.url });
    source.add();
    await until(() => expect(r.received.length).toBeGreaterThanOrEqual(1));
    expect(d.remove(hook.id)).toBe(true);
    const count = r.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.received.length).toBeLessThanOrEqual(count + 1);
    expect(store.webhooks.get(hook.id)).toBeUndefined();
    expect(d.remove(hook.id)).toBe(false);
  });
});
