/**
 * Issue 5 part 7, live: findings reach their readers over real HTTP on loopback. A Server-Sent Events
 * client hears of a finding raised after it connected, resumes with Last-Event-ID without gaps or
 * repeats, and sees only what its token may see; case changes reach an open stream; a webhook receiver
 * that fails at first still gets each finding, signed, with the same webhook-id on every attempt.
 * Every finding here is LS-CAHRA-ORIGIN (with LS-CERT-MISSING): an extraction at an uncertified mine in
 * the Democratic Republic of the Congo, the scenario test's first red flag.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/index.js';
import { signCompactJws } from '../../src/crypto/index.js';
import {
  ACCESS_TOKEN_TYPE,
  type FindingView,
  LodestoneNode,
  verifyWebhookSignature,
} from '../../src/service/index.js';
import { tempDir } from '../helpers/node.js';
import { batch, type Org, SupplyWorld } from '../helpers/supply.js';

const OPERATOR_TOKEN = 'live-findings-operator-token';

/** One Server-Sent Event (WHATWG HTML §9.2.6). */
interface SseEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

/** A `text/event-stream` reader over fetch: collects events as they arrive until closed. */
class EventStream {
  readonly events: SseEvent[] = [];
  readonly #abort: AbortController;
  #wake: () => void = () => {};

  private constructor(abort: AbortController) {
    this.#abort = abort;
  }

  /** Connect; resolves once the server answered 200 (it has subscribed by then). */
  static async open(url: string, headers: Record<string, string>): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(url, { headers, signal: abort.signal });
    if (res.status !== 200 || res.body === null) {
      abort.abort();
      throw new Error(`stream answered ${res.status}`);
    }
    const stream = new EventStream(abort);
    void stream.#read(res.body);
    return stream;
  }

  /** The `event: finding` events so far, parsed. */
  get findings(): FindingView[] {
    return this.events.filter((e) => e.event === 'finding').map((e) => JSON.parse(e.data) as FindingView);
  }

  /** Resolves once `done` holds for the events received; rejects after `timeoutMs`. */
  async until(done: (stream: EventStream) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!done(this)) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`stream: condition not met after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.#abort.abort();
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const event = parseEvent(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
          if (event !== undefined) this.events.push(event);
        }
        this.#wake();
      }
    } catch {
      // Aborted by close(), or the server went away: the events so far stay readable.
    }
  }
}

/** One event block; undefined for blocks without data (comments, `retry:`). */
function parseEvent(block: string): SseEvent | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { ...(id !== undefined && { id }), event, data: data.join('\n') };
}

/** A webhook receiver on 127.0.0.1:0 that answers each attempt as `answer` says. */
interface Attempt {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function receiver(answer: (attempt: Attempt, n: number) => number | 'destroy'): Promise<{
  url: string;
  attempts: Attempt[];
  close: () => Promise<void>;
}> {
  const attempts: Attempt[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const attempt = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      attempts.push(attempt);
      const reply = answer(attempt, attempts.length);
      if (reply === 'destroy') req.socket.destroy();
      else res.writeHead(reply).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/findings`,
    attempts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('live findings over HTTP (issue 5 part 7)', () => {
  let node: LodestoneNode;
  let w: SupplyWorld;
  let server: RunningServer;
  let cleanup: () => void;
  let katanga: Org;
  let kivu: Org;
  let katangaMine: string;
  let kivuMine: string;
  let lots = 0;

  const operator = { authorization: `Bearer ${OPERATOR_TOKEN}` };
  const streamUrl = () => `${server.url}/v1/findings/stream`;

  /** An access token for `org`, as `lodestone token` makes it. */
  const tokenOf = (org: Org): string => {
    const iat = Math.floor(Date.now() / 1000);
    return signCompactJws(
      JSON.stringify({ iss: org.did, aud: node.info.origin, iat, exp: iat + 300 }),
      { kid: org.signer.kid, typ: ACCESS_TOKEN_TYPE },
      org.signer.keys.privateKey,
    );
  };

  /** The signed extraction of a fresh lot at `mine`: it raises LS-CAHRA-ORIGIN once registered. */
  const extraction = (org: Org, mine: string): string =>
    w.sign(org, [w.extract(mine, batch(`urn:lot:live-${++lots}`, 'co.hydroxide', 10_000, { Co: 300_000 }))]);

  /** POST /v1/statements; the statement id from the 201 receipt. */
  async function post(jws: string): Promise<string> {
    const res = await fetch(`${server.url}/v1/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose' },
      body: jws,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { statement: string }).statement;
  }

  const ofStatement = (stream: EventStream, statement: string): FindingView[] =>
    stream.findings.filter((f) => f.statement === statement);

  beforeAll(async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    node = LodestoneNode.open({ dataDir: temp.dir, origin: 'live.lodestone.example/log', maxDelayMs: 1 });
    w = SupplyWorld.on(node, temp.dir);
    katanga = await w.org('katanga', 'COD');
    kivu = await w.org('kivu', 'COD');
    katangaMine = await w.facility(katanga, 'kamoto', { kind: 'mine', country: 'COD', at: [25.47, -10.72] });
    kivuMine = await w.facility(kivu, 'bisie', { kind: 'mine', country: 'COD', at: [28.02, -1.02] });
    server = await startServer({ node, operatorToken: OPERATOR_TOKEN, port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
    cleanup?.();
  });

  it('streams a finding raised after the client connected, id = seq, after the registration answered', async () => {
    const stream = await EventStream.open(streamUrl(), operator);
    try {
      // The node answers once the statement is durable; evaluation comes after, off the response path.
      const jws = extraction(katanga, katangaMine);
      const { receipt } = await node.register(jws);
      expect(node.compliance.query({ statement: receipt.statement, limit: 10 })).toEqual([]);
      await stream.until((s) => ofStatement(s, receipt.statement).length === 2);

      const statement = await post(extraction(katanga, katangaMine));
      await stream.until((s) => ofStatement(s, statement).length === 2);
      const raised = stream.events.filter((e) => e.event === 'finding' && e.data.includes(statement));
      expect(raised.map((e) => JSON.parse(e.data).rule).sort()).toEqual([
        'LS-CAHRA-ORIGIN',
        'LS-CERT-MISSING',
      ]);
      for (const e of raised) expect(e.id).toBe(String((JSON.parse(e.data) as FindingView).seq));
      const seqs = stream.findings.map((f) => f.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    } finally {
      stream.close();
    }
  });

  it('resumes with Last-Event-ID: exactly the missed findings, in seq order, none twice, then live ones', async () => {
    const first = await EventStream.open(streamUrl(), operator);
    const seen = node.compliance.latestSeq();
    await first.until((s) => s.findings.length === seen);
    const lastId = first.events.filter((e) => e.event === 'finding').at(-1)?.id;
    first.close();
    expect(lastId).toBe(String(seen));

    const missing: [Org, string][] = [
      [katanga, katangaMine],
      [kivu, kivuMine],
      [katanga, katangaMine],
    ];
    for (const [org, mine] of missing) await post(extraction(org, mine));
    await node.compliance.idle();
    const missed = node.compliance.since(seen, 1000).map((f) => f.seq);
    expect(missed).toHaveLength(6);

    const resumed = await EventStream.open(streamUrl(), { ...operator, 'last-event-id': String(lastId) });
    try {
      await resumed.until((s) => s.findings.length === missed.length);
      expect(resumed.findings.map((f) => f.seq)).toEqual(missed);
      const live = await post(extraction(kivu, kivuMine));
      await resumed.until((s) => ofStatement(s, live).length === 2);
      const seqs = resumed.findings.map((f) => f.seq);
      const last = missed.at(-1) ?? 0;
      expect(seqs).toEqual([...missed, last + 1, last + 2]);
      expect(resumed.events.filter((e) => e.event === 'finding').map((e) => e.id)).toEqual(seqs.map(String));
    } finally {
      resumed.close();
    }
  });

  it('shows an organisation only its own findings, the operator all; no token is a 401 problem', async () => {
    const anonymous = await fetch(streamUrl());
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await anonymous.json()) as { code: string }).code).toBe('ACCESS_REQUIRED');

    const all = await EventStream.open(streamUrl(), operator);
    const own = await EventStream.open(streamUrl(), { authorization: `Bearer ${tokenOf(katanga)}` });
    try {
      // Kivu's finding comes first in seq order: had Katanga's stream been shown it, it would be there
      // before Katanga's own.
      const theirs = await post(extraction(kivu, kivuMine));
      const mine = await post(extraction(katanga, katangaMine));
      await all.until((s) => ofStatement(s, mine).length === 2);
      await own.until((s) => ofStatement(s, mine).length === 2);
      expect(ofStatement(all, theirs)).toHaveLength(2);
      expect(ofStatement(own, theirs)).toEqual([]);
      expect(all.findings.map((f) => f.seq)).toEqual(
        Array.from({ length: node.compliance.latestSeq() }, (_, i) => i + 1),
      );
      const katangas = all.findings.filter((f) => f.issuer === katanga.did);
      expect(own.findings.map((f) => f.seq)).toEqual(katangas.map((f) => f.seq));
      expect(own.findings.every((f) => f.subject.id === katangaMine)).toBe(true);
    } finally {
      all.close();
      own.close();
    }
  });

  it('sends an open stream the case a POST /v1/cases/:id resolved', async () => {
    const stream = await EventStream.open(streamUrl(), operator);
    try {
      const [finding] = node.compliance.query({ limit: 1 });
      expect(finding).toBeDefined();
      const res = await fetch(`${server.url}/v1/cases/${finding?.id}`, {
        method: 'POST',
        headers: { ...operator, 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'resolve',
          outcome: 'false-positive',
          justification: 'The lot was mined before the area was listed.',
        }),
      });
      expect(res.status).toBe(201);
      await stream.until((s) => s.events.some((e) => e.event === 'case'));
      const [event] = stream.events.filter((e) => e.event === 'case');
      expect(event?.id).toBeUndefined();
      expect(JSON.parse(event?.data ?? '{}')).toMatchObject({
        finding: finding?.id,
        status: 'resolved',
        outcome: 'false-positive',
      });
    } finally {
      stream.close();
    }
  });

  it('delivers a finding to a failing webhook receiver on a later attempt, same webhook-id, signed', async () => {
    // The first finding: 500, 500, a dropped connection, then 200. The next one: 200 at once.
    let firstId: string | undefined;
    const hook = await receiver((attempt, n) => {
      firstId ??= String(attempt.headers['webhook-id']);
      if (attempt.headers['webhook-id'] !== firstId || n > 3) return 200;
      return n === 3 ? 'destroy' : 500;
    });
    try {
      const created = await fetch(`${server.url}/v1/webhooks`, {
        method: 'POST',
        headers: { ...operator, 'content-type': 'application/json' },
        body: JSON.stringify({ url: hook.url }),
      });
      expect(created.status).toBe(201);
      const { id, secret } = (await created.json()) as { id: string; secret: string };
      expect(secret).toMatch(/^whsec_/);

      const statement = await post(extraction(katanga, katangaMine));
      // Backoff is 1 s then 2 s then 4 s at most (full jitter), then the second finding goes at once.
      const deadline = performance.now() + 15_000;
      while (hook.attempts.length < 5 && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const retries = hook.attempts.filter((a) => a.headers['webhook-id'] === firstId);
      expect(retries).toHaveLength(4);
      const delivered = retries[3] as Attempt;
      expect(verifyWebhookSignature(secret, delivered.headers, delivered.body)).toBe(true);
      expect(verifyWebhookSignature(secret, delivered.headers, `${delivered.body} `)).toBe(false);
      const payload = JSON.parse(delivered.body) as { type: string; data: FindingView };
      expect(payload.type).toBe('finding.raised');
      expect(payload.data.statement).toBe(statement);
      expect(firstId).toBe(`finding_${payload.data.seq}`);
      // Each attempt is signed afresh, over the same body.
      for (const a of retries) expect(verifyWebhookSignature(secret, a.headers, a.body)).toBe(true);
      expect(new Set(retries.map((a) => a.body)).size).toBe(1);
      const next = hook.attempts.filter((a) => a.headers['webhook-id'] !== firstId);
      expect(next.map((a) => a.headers['webhook-id'])).toEqual([`finding_${payload.data.seq + 1}`]);

      const removed = await fetch(`${server.url}/v1/webhooks/${id}`, { method: 'DELETE', headers: operator });
      expect(removed.status).toBe(204);
    } finally {
      await hook.close();
    }
  });
});
