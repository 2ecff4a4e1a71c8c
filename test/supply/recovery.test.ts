/**
 * A batch that fails to commit: the ledger had already applied its statements (and checked later ones
 * against them), so the node refuses everything queued and rebuilds the ledger from the log. Afterwards
 * the quantity the failed statements spent is available again, and the stored state is the replay of
 * the log.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CustodyEvent } from '../../src/model/index.js';
import { LodestoneNode, rebuildDataDirectory } from '../../src/service/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/node.js';
import { batch, nextTime, SupplyWorld } from '../helpers/supply.js';

describe('a failed commit', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('refuses what was queued behind it and rebuilds the ledger from the log', async () => {
    const node = LodestoneNode.open({
      dataDir: dir,
      origin: 'recovery.lodestone.example/log',
      maxDelayMs: 1,
    });
    const w = SupplyWorld.on(node, dir);
    const miner = await w.org('rminer', 'CAN');
    const refiner = await w.org('rrefiner', 'DEU');
    const mine = await w.facility(miner, 'pit', { kind: 'mine', country: 'CAN' });
    const plant = await w.facility(refiner, 'plant', { kind: 'refinery', country: 'DEU' });
    await w.submit(miner, [w.extract(mine, batch('urn:rec:1', 'co.hydroxide', 1_000, { Co: 300_000 }))]);
    const ship = (split: string): CustodyEvent => ({
      type: 'ship',
      id: w.eventId(),
      time: nextTime(),
      batch: 'urn:rec:1',
      grams: 600_000,
      splitInto: split,
      to: refiner.did,
      toFacility: plant,
    });
    const size = node.size;

    // The disk fails once.
    const spy = vi.spyOn(SqliteStore.prototype, 'integrate').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    const first = node.register(w.sign(miner, [ship('urn:rec:a')]));
    await expect(first).rejects.toThrow('disk I/O error');
    spy.mockRestore();
    expect(node.size).toBe(size);

    // The 600 kg the failed shipment spent are there again: the ledger was rebuilt from the log.
    await w.submit(miner, [ship('urn:rec:b')]);
    expect(node.supply.batch('urn:rec:1')?.remainingGrams).toBe(400_000);
    expect(node.supply.batch('urn:rec:a')).toBeUndefined();
    await expect(w.node.register(w.sign(miner, [ship('urn:rec:c')]))).rejects.toMatchObject({
      code: 'CUSTODY_INSUFFICIENT_QUANTITY',
    });
    await node.close();
    expect(rebuildDataDirectory(dir, { check: true, verify: true })).toMatchObject({
      identical: true,
      problems: [],
    });
  });
});
