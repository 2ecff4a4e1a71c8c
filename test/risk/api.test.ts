/**
 * The risk observatory over HTTP (issue 7): top-down metrics on the shipped datasets, bottom-up from a
 * node's traced flows checked against hand-computed values, a scenario whose exposed batches match their
 * provenance, and the pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import type { CustodyEvent } from '../../src/model/index.js';
import { batch, nextTime, type Org, SupplyWorld } from '../helpers/supply.js';

const TOKEN = 'test-operator-token-0123456789abcdef';
const KG = 1000;

describe('/v1/risk', () => {
  let w: SupplyWorld;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    w = await SupplyWorld.open();
    app = await buildApp({ node: w.node, operatorToken: TOKEN, logLevel: false });
    const katanga = await w.org('katanga', 'COD');
    const voisey = await w.org('voisey', 'CAN');
    const refiner = await w.org('electra', 'CAN');
    const mineK = await w.facility(katanga, 'kamoto', { kind: 'mine', country: 'COD' });
    const mineV = await w.facility(voisey, 'bay', { kind: 'mine', country: 'CAN' });
    const plant = await w.facility(refiner, 'refinery', { kind: 'refinery', country: 'CAN' });
    await w.submit(katanga, [w.extract(mineK, batch('urn:lot:K1', 'co.hydroxide', 70_000, { Co: 300_000 }))]);
    await w.submit(voisey, [w.extract(mineV, batch('urn:lot:V1', 'co.hydroxide', 50_000, { Co: 360_000 }))]);
    const ship = async (from: Org, lot: string, kg: number) => {
      await w.submit(from, [
        {
          type: 'ship',
          id: w.eventId(),
          time: nextTime(),
          batch: lot,
          grams: kg * KG,
          to: refiner.did,
          toFacility: plant,
        },
      ]);
      await w.submit(refiner, [
        { type: 'receive', id: w.eventId(), time: nextTime(), batch: lot, facility: plant, grams: kg * KG },
      ]);
    };
    await ship(katanga, 'urn:lot:K1', 70_000);
    await ship(voisey, 'urn:lot:V1', 50_000);
    const refine: CustodyEvent = {
      type: 'transform',
      id: w.eventId(),
      time: nextTime(),
      facility: plant,
      process: 'refine',
      inputs: [
        { batch: 'urn:lot:K1', grams: 70_000 * KG },
        { batch: 'urn:lot:V1', grams: 50_000 * KG },
      ],
      outputs: [batch('urn:lot:CS1', 'co.sulfate.battery', 130_000, { Co: 209_000 })],
      tolerancePpm: 0,
      custodyModel: 'controlled-blending',
    };
    await w.submit(refiner, [refine]);
  });
  afterAll(async () => {
    await app.close();
    await w.close();
  });

  const get = async (url: string, token?: string) => {
    const res = await app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('reports 2024 cobalt mining concentration from the USGS rows (hand-computed: HHI ≈ 5,867, COD 75.9 %)', async () => {
    const { items } = await get('/v1/risk/concentration?mineral=cobalt&stage=mining&year=2024');
    const [c] = items;
    expect(Math.round(c.hhi)).toBe(5867);
    expect(c.top1.country).toBe('COD');
    expect(c.top1.share).toBeCloseTo(220_000 / 290_000, 3);
    expect(c.crma.exceeds65).toBe(true);
    expect(c.method).toBe('top-down');
  });

  it('computes bottom-up mining concentration from traced extractions: COD 7/13, CAN 6/13', async () => {
    const cmp = await get('/v1/risk/compare?mineral=cobalt&stage=mining');
    const shares = Object.fromEntries(
      cmp.bottomUp.shares.map((s: { country: string; share: number }) => [s.country, s.share]),
    );
    // 70 t × 30 % = 21 t Co in COD; 50 t × 36 % = 18 t Co in CAN.
    expect(shares.COD).toBeCloseTo(21 / 39, 12);
    expect(shares.CAN).toBeCloseTo(18 / 39, 12);
    expect(cmp.bottomUp.hhi).toBeCloseTo((100 * 21) ** 2 / 39 ** 2 + (100 * 18) ** 2 / 39 ** 2, 6);
    expect(cmp.bottomUp.allianceShare).toBeCloseTo(18 / 39, 12);
    expect(cmp.explanation.length).toBeGreaterThan(0);
    expect(cmp.differences.find((d: { country: string }) => d.country === 'COD')).toBeDefined();
    const refining = await get('/v1/risk/compare?mineral=cobalt&stage=refining');
    expect(refining.bottomUp.shares.map((s: { country: string }) => s.country)).toEqual(['CAN']);
  });

  it('runs an export-restriction scenario whose exposed batches match their provenance', async () => {
    const body = { country: 'COD', mineral: 'cobalt', stage: 'mining', restrictionPct: 100 };
    const anonymous = await app.inject({ method: 'POST', url: '/v1/risk/scenario', payload: body });
    expect(anonymous.json().exposure).toBeNull();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/risk/scenario',
      payload: body,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.lostWorldSupply.share).toBeCloseTo(220_000 / 290_000, 2);
    expect(result.assumptions.length).toBeGreaterThan(0);
    const cs1 = result.exposure.batches.find((b: { batch: string }) => b.batch === 'urn:lot:CS1');
    const provenance = w.node.supply.provenance('urn:lot:CS1');
    const cod = provenance?.elements[0]?.byCountry.find((s) => s.key === 'COD');
    expect(cs1.exposedMicrograms).toBe(cod?.micrograms);
    expect(cs1.share).toBeCloseTo(7 / 13, 12);
    expect(result.exposure.batches.some((b: { batch: string }) => b.batch === 'urn:lot:V1')).toBe(false);
  });

  it('lists minerals, presets and the pipeline; refuses unknown minerals with a problem', async () => {
    const { minerals } = await get('/v1/risk/minerals');
    expect(minerals.map((m: { mineral: string }) => m.mineral)).toContain('cobalt');
    const { presets } = await get('/v1/risk/scenarios');
    expect(presets.length).toBeGreaterThanOrEqual(3);
    const preset = await app.inject({
      method: 'POST',
      url: '/v1/risk/scenario',
      payload: { preset: presets[0].id },
    });
    expect(preset.statusCode, preset.body).toBe(200);
    const pipeline = await get('/v1/risk/pipeline?mineral=lithium');
    expect(pipeline.years.map((y: { year: number }) => y.year)).toContain(2030);
    const unknown = await app.inject({ url: '/v1/risk/concentration?mineral=unobtainium&stage=mining' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('RISK_UNKNOWN_MINERAL');
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/risk/scenario',
      payload: { country: 'COD', mineral: 'cobalt', stage: 'mining', restrictionPct: 150 },
    });
    expect(bad.statusCode).toBe(400);
  });
});
