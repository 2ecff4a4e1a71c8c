import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batch, nextTime, SupplyWorld } from '../helpers/supply.js';

describe('smoke', () => {
  let world: SupplyWorld;
  beforeAll(async () => {
    world = await SupplyWorld.open();
  });
  afterAll(() => world.close());

  it('extracts, ships, receives and traces', async () => {
    const miner = await world.org('katanga', 'COD');
    const refiner = await world.org('electra', 'CAN');
    const mine = await world.facility(miner, 'kamoto', { kind: 'mine', country: 'COD' });
    const plant = await world.facility(refiner, 'sudbury', { kind: 'refinery', country: 'CAN' });
    const lot = 'https://katanga.example/lots/1';
    await world.submit(miner, [
      {
        type: 'extract',
        id: world.eventId(),
        time: nextTime(),
        facility: mine,
        method: 'industrial',
        batch: batch(lot, 'co.hydroxide', 100_000, { Co: 300_000 }),
        custodyModel: 'segregated',
      },
    ]);
    await world.submit(miner, [
      {
        type: 'ship',
        id: world.eventId(),
        time: nextTime(),
        batch: lot,
        grams: 70_000_000,
        splitInto: `${lot}/a`,
        to: refiner.did,
        toFacility: plant,
      },
    ]);
    await world.submit(refiner, [
      {
        type: 'receive',
        id: world.eventId(),
        time: nextTime(),
        batch: `${lot}/a`,
        facility: plant,
        grams: 70_000_000,
      },
    ]);
    const b = world.node.supply.batch(`${lot}/a`);
    expect(b?.custodian).toBe(refiner.did);
    const p = world.node.supply.provenance(`${lot}/a`);
    console.log(JSON.stringify(p, null, 1).slice(0, 1500));
  });
});
