/**
 * Issue 3 item 7: all derived state (registry, batches, balances, provenance) rebuilt from the log alone
 * equals the live state, row for row; a tampered derived row is found by the audit and by
 * `rebuild --check`, and `rebuild` puts it right.
 */

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CustodyEvent } from '../../src/model/index.js';
import { auditDataDirectory, LodestoneNode, rebuildDataDirectory } from '../../src/service/index.js';
import { DATABASE_FILE } from '../../src/store/index.js';
import { tempDir } from '../helpers/node.js';
import { batch, nextTime, SupplyWorld } from '../helpers/supply.js';

const KG = 1000;

describe('rebuild from the log', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('reproduces the live state exactly, and repairs a tampered one', async () => {
    const node = LodestoneNode.open({ dataDir: dir, origin: 'rebuild.lodestone.example/log', maxDelayMs: 1 });
    const w = SupplyWorld.on(node, dir);
    const miner = await w.org('miner', 'CAN');
    const refiner = await w.org('refiner2', 'USA');
    const mine = await w.facility(miner, 'pit', { kind: 'mine', country: 'CAN' });
    const plant = await w.facility(refiner, 'plant', { kind: 'refinery', country: 'USA' });
    const extract = (id: string, kg: number): CustodyEvent => ({
      type: 'extract',
      id: w.eventId(),
      time: nextTime(),
      facility: mine,
      method: id.endsWith('art') ? 'artisanal' : 'industrial',
      batch: batch(id, 'co.hydroxide', kg, { Co: 310_000 }),
      custodyModel: 'segregated',
    });
    // Concurrent submissions, some refused: the live state is whatever order the node decided.
    await Promise.allSettled([
      w.submit(miner, [extract('urn:r:1', 1_000)]),
      w.submit(miner, [extract('urn:r:2-art', 500)]),
      w.submit(miner, [extract('urn:r:1', 5)]),
    ]);
    const shipments = ['urn:r:1', 'urn:r:2-art'].map((lot, i) =>
      w.submit(miner, [
        {
          type: 'ship',
          id: w.eventId(),
          time: nextTime(),
          batch: lot,
          grams: 400 * KG,
          splitInto: `${lot}/s${i}`,
          to: refiner.did,
          toFacility: plant,
        },
      ]),
    );
    await Promise.all(shipments);
    for (const [i, lot] of ['urn:r:1', 'urn:r:2-art'].entries()) {
      await w.submit(refiner, [
        {
          type: 'receive',
          id: w.eventId(),
          time: nextTime(),
          batch: `${lot}/s${i}`,
          facility: plant,
          grams: 399 * KG,
        },
      ]);
    }
    await w.submit(refiner, [
      {
        type: 'transform',
        id: w.eventId(),
        time: nextTime(),
        facility: plant,
        process: 'refine',
        inputs: [
          { batch: 'urn:r:1/s0', grams: 399 * KG },
          { batch: 'urn:r:2-art/s1', grams: 300 * KG },
        ],
        outputs: [batch('urn:r:out', 'co.sulfate.battery', 1_000, { Co: 210_000 })],
        tolerancePpm: 0,
        custodyModel: 'controlled-blending',
      },
    ]);
    const live = node.supply.provenance('urn:r:out');
    expect(live?.elements[0]?.byExtraction.map((s) => s.key).sort()).toEqual(['artisanal', 'industrial']);
    await node.close();

    expect(rebuildDataDirectory(dir, { check: true, verify: true })).toMatchObject({
      identical: true,
      problems: [],
      rewritten: false,
    });
    expect(auditDataDirectory(dir).ok).toBe(true);

    // Tamper with a derived row: a batch's remaining quantity.
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare("UPDATE batches SET row = json_set(row, '$.remainingGrams', 1) WHERE id = 'urn:r:1'").run();
    db.prepare(
      "DELETE FROM batch_edges WHERE to_batch = 'urn:r:out' AND from_batch = 'urn:r:2-art/s1'",
    ).run();
    db.close();
    const audit = auditDataDirectory(dir);
    expect(audit.problems.map((p) => [p.code, p.where])).toEqual([
      ['AUDIT_DERIVED', 'batches[urn:r:1]'],
      ['AUDIT_DERIVED', expect.stringMatching(/^batch_edges\[urn:r:out urn:r:2-art\/s1 [0-9a-f]{64}\]$/)],
    ]);
    const check = rebuildDataDirectory(dir, { check: true });
    expect(check.identical).toBe(false);
    expect(check.differences).toHaveLength(2);

    const repaired = rebuildDataDirectory(dir);
    expect(repaired.rewritten).toBe(true);
    expect(rebuildDataDirectory(dir, { check: true }).identical).toBe(true);
    expect(auditDataDirectory(dir).ok).toBe(true);

    // And the node serves the same provenance as before.
    const reopened = LodestoneNode.open({ dataDir: dir, maxDelayMs: 1 });
    expect(reopened.supply.provenance('urn:r:out')).toEqual(live);
    await reopened.close();
  });

  it('refuses a directory without a database, and a log whose operator key is missing', async () => {
    const empty = tempDir();
    expect(() => rebuildDataDirectory(empty.dir)).toThrow(expect.objectContaining({ code: 'BAD_QUERY' }));
    expect(() => rebuildDataDirectory(join(empty.dir, 'nope'))).toThrow(
      expect.objectContaining({ code: 'BAD_QUERY' }),
    );
    empty.cleanup();
    rmSync(join(dir, 'operator.key'));
    expect(() => LodestoneNode.open({ dataDir: dir })).toThrow(
      expect.objectContaining({ code: 'NODE_IDENTITY_MISMATCH' }),
    );
    expect(existsSync(join(dir, 'operator.key'))).toBe(false);
  });
});
