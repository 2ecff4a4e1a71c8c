/**
 * Hostile custody statements over HTTP (fast-check): a valid credential, correctly signed by a registered
 * producer, with one value anywhere in it replaced or removed. Every answer is a 2xx or a 4xx problem
 * with a catalogue code — never a 5xx — and a refused statement leaves the log and the tables as they were.
 */

import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, PROBLEMS } from '../../src/api/index.js';
import { traceabilityCredential } from '../../src/interop/index.js';
import type { CustodyEvent } from '../../src/model/index.js';
import { DERIVED_TABLES, SqliteStore } from '../../src/store/index.js';
import { batch, nextTime, type Org, SupplyWorld } from '../helpers/supply.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in `value`, the root excluded. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => {
    const child = (value as Record<string | number, Json>)[k] as Json;
    return [[...at, k], ...paths(child, [...at, k])];
  });
}

/** A copy of `value` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

describe('hostile custody statements', () => {
  let w: SupplyWorld;
  let app: FastifyInstance;
  let miner: Org;
  let refiner: Org;
  let mine: string;
  let plant: string;
  let reader: SqliteStore;
  const valid: Json[] = [];

  beforeAll(async () => {
    w = await SupplyWorld.open();
    app = await buildApp({ node: w.node, operatorToken: 'hostile-supply-operator-token', logLevel: false });
    miner = await w.org('hminer', 'CAN');
    refiner = await w.org('hrefiner', 'DEU');
    mine = await w.facility(miner, 'pit', { kind: 'mine', country: 'CAN' });
    plant = await w.facility(refiner, 'plant', { kind: 'refinery', country: 'DEU' });
    await w.submit(miner, [w.extract(mine, batch('urn:h:1', 'co.hydroxide', 1_000, { Co: 300_000 }))]);
    reader = SqliteStore.open(w.dir, { readonly: true });
    const templates: CustodyEvent[][] = [
      [
        {
          type: 'extract',
          id: 'urn:h:e1',
          time: nextTime(),
          facility: mine,
          method: 'artisanal',
          batch: batch('urn:h:2', 'co.hydroxide', 10, { Co: 300_000 }),
          custodyModel: 'segregated',
        },
      ],
      [
        {
          type: 'ship',
          id: 'urn:h:e2',
          time: nextTime(),
          batch: 'urn:h:1',
          grams: 5_000,
          splitInto: 'urn:h:1/a',
          to: refiner.did,
          toFacility: plant,
        },
      ],
      [
        {
          type: 'trade',
          id: 'urn:h:e3',
          time: nextTime(),
          batch: 'urn:h:1',
          buyer: refiner.did,
          price: { amount: '31500.00', currency: 'USD' },
          incoterm: 'FOB',
        },
      ],
    ];
    for (const events of templates)
      valid.push(traceabilityCredential(events, miner.issuer) as unknown as Json);
  });
  afterAll(async () => {
    reader.close();
    await app.close();
    await w.close();
  });

  const state = (): string =>
    JSON.stringify([w.node.size, ...DERIVED_TABLES.map((t) => [...reader.derived.dump(t)])]);

  it('answers every corruption with a 2xx or a coded 4xx and never a partial write', async () => {
    const corruption = fc
      .tuple(
        fc.nat({ max: valid.length - 1 }),
        fc.nat(),
        fc.option(fc.jsonValue({ maxDepth: 2 }), { freq: 4 }),
      )
      .map(([t, p, replacement]) => {
        const template = valid[t]!;
        const all = paths(template);
        return mutate(
          template,
          all[p % all.length]!,
          replacement === null ? undefined : (replacement as Json),
        );
      });
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(corruption, async (payload) => {
        const before = state();
        const res = await app.inject({
          method: 'POST',
          url: '/v1/statements',
          headers: { 'content-type': 'application/jose' },
          payload: miner.signer.sign(payload),
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          refused++;
          expect(Object.keys(PROBLEMS)).toContain(res.json().code);
          expect(state()).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(100);
  });
});
