/**
 * Hostile input at the border: whatever another nation's "receipt" or "cross-border receipt" holds,
 * the answer is a verdict or a coded 4xx, never a 5xx, and nothing is registered that should not be.
 */
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { crossBorderReceiptCredential } from '../../src/interop/index.js';
import { cleanupAll, cluster, peersOf, stopAll, TIMING } from '../helpers/federation.js';

afterEach(stopAll);
afterAll(cleanupAll);

describe('foreign receipts from a hostile sender', () => {
  it('a verdict (never ok) or a 400 for any mangled receipt; coded 4xx for any mangled cross-border receipt', async () => {
    const members = await cluster(['ca', 'de']);
    const [ca, de] = members;
    if (!ca || !de) throw new Error('cluster');
    for (const m of members) await m.node.startPeering(peersOf(m, members), TIMING);
    const jws = ca.signer.sign({ hello: 'world' });
    const checkpoint = ca.node.checkpoint();
    const part = fc.record(
      {
        statement: fc.oneof(fc.constant(jws), fc.string({ maxLength: 40 })),
        entry: fc.oneof(
          fc.constant({ v: 1, statement: 'a'.repeat(64), registered: '2026-01-01T00:00:00.000Z' }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        index: fc.oneof(fc.integer({ min: -2, max: 1000 }), fc.constant(1.5), fc.string({ maxLength: 3 })),
        proof: fc.oneof(
          fc.array(fc.base64String({ maxLength: 48 }), { maxLength: 4 }),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        checkpoint: fc.oneof(
          fc.constant(checkpoint),
          fc.constant(checkpoint.replace(/\d+\n/, '999999\n')),
          fc.string({ maxLength: 60 }).map((s) => `${ca.origin}\n${s}`),
          fc.string({ maxLength: 60 }),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(jws), fc.string({ maxLength: 30 })),
        part,
        async (statement, receipt) => {
          const res = await fetch(`${de.url}/v1/federation/receipts/verify`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ statement, receipt }),
          });
          expect(res.status === 200 || res.status === 400, `status ${res.status}`).toBe(true);
          if (res.status === 200) expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
          else await res.arrayBuffer();
        },
      ),
      { numRuns: 150 },
    );
    const before = de.node.size;
    await fc.assert(
      fc.asyncProperty(part, part, async (shipment, summary) => {
        const vc = crossBorderReceiptCredential(
          {
            kind: 'cross-border-receipt',
            id: 'urn:event:hostile',
            time: '2026-01-01T00:00:00.000Z',
            facility: 'https://de.example/facilities/f',
            batch: 'https://ca.example/lots/1',
            origin: ca.origin,
            shipment: { statement: jws, receipt: shipment, event: 'urn:event:ship' },
            summary: { statement: jws, receipt: summary },
          },
          { id: de.signer.kid.split('#')[0]!, name: 'DE' },
        );
        const res = await fetch(`${de.url}/v1/statements`, {
          method: 'POST',
          headers: { 'content-type': 'application/jose' },
          body: de.signer.sign(vc),
        });
        const body = (await res.json()) as { code?: string };
        expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(body)).toBeLessThan(500);
        expect(body.code).toBeTypeOf('string');
      }),
      { numRuns: 100 },
    );
    expect(de.node.size).toBe(before);
  }, 60_000);
});
