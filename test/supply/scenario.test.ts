/**
 * Issue 3 "Done means": a realistic chain, traced at every step with exact shares.
 *
 * Congolese (COD) and Canadian (CAN) cobalt hydroxide → cobalt sulfate in a Canadian refinery;
 * Indonesian (IDN) MHP → nickel sulfate in Japan; South African (ZAF) manganese ore → manganese sulfate;
 * all three → NMC811 precursor in Germany; Australian (AUS) spodumene → lithium hydroxide in China → NMC811
 * cathode in Germany; Mozambican (MOZ) flake graphite → anode material in Japan; cathode + anode + copper
 * foil of undeclared origin → cells in Germany. Quantities are chosen so that every share is a simple
 * fraction (cobalt stays 7/13 Congolese, 6/13 Canadian all the way), and the test asserts them exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustodyEvent, NewBatch } from '../../src/model/index.js';
import type { Provenance } from '../../src/service/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { batch, nextTime, type Org, SupplyWorld } from '../helpers/supply.js';

const KG = 1000;

/** Element → dimension → key → reduced fraction, from a provenance answer. */
function shares(
  p: Provenance | undefined,
  dimension: 'byOrigin' | 'byCountry' | 'byAlliance' | 'byExtraction',
) {
  const out: Record<string, Record<string, string>> = {};
  for (const e of p?.elements ?? []) {
    out[e.element] = Object.fromEntries(e[dimension].map((s) => [s.key, s.share]));
  }
  return out;
}

/** Element → total micrograms. */
function masses(p: Provenance | undefined): Record<string, string> {
  return Object.fromEntries((p?.elements ?? []).map((e) => [e.element, e.micrograms]));
}

const ug = (kg: number): string => (BigInt(kg * 1000) * 1_000_000n).toString();

describe('a battery supply chain from five mines to cells', () => {
  let w: SupplyWorld;
  const f: Record<string, string> = {};
  const o: Record<string, Org> = {};

  async function ship(from: Org, lot: string, kg: number, to: Org, facility: string, split?: string) {
    const lotShipped = split ?? lot;
    await w.submit(from, [
      {
        type: 'ship',
        id: w.eventId(),
        time: nextTime(),
        batch: lot,
        grams: kg * KG,
        ...(split !== undefined && { splitInto: split }),
        to: to.did,
        toFacility: facility,
      },
    ]);
    await w.submit(to, [
      { type: 'receive', id: w.eventId(), time: nextTime(), batch: lotShipped, facility, grams: kg * KG },
    ]);
  }

  async function transform(
    by: Org,
    facility: string,
    inputs: [string, number][],
    outputs: NewBatch[],
    process: 'refine' | 'precipitate' | 'calcine' | 'manufacture' = 'refine',
  ) {
    const event: CustodyEvent = {
      type: 'transform',
      id: w.eventId(),
      time: nextTime(),
      facility,
      process,
      inputs: inputs.map(([b, kg]) => ({ batch: b, grams: kg * KG })),
      outputs,
      tolerancePpm: 0,
      custodyModel: 'controlled-blending',
    };
    await w.submit(by, [event]);
  }

  async function extract(by: Org, mine: string, lot: NewBatch) {
    await w.submit(by, [
      {
        type: 'extract',
        id: w.eventId(),
        time: nextTime(),
        facility: mine,
        method: 'industrial',
        batch: lot,
        custodyModel: 'segregated',
      },
    ]);
  }

  const trace = (id: string) => w.node.supply.provenance(id);

  beforeAll(async () => {
    w = await SupplyWorld.open();
    const orgs: [string, string][] = [
      ['katanga', 'COD'],
      ['voisey', 'CAN'],
      ['electra', 'CAN'],
      ['weda', 'IDN'],
      ['sumitomo', 'JPN'],
      ['kalahari', 'ZAF'],
      ['greenbushes', 'AUS'],
      ['tianqi', 'CHN'],
      ['balama', 'MOZ'],
      ['anodes', 'JPN'],
      ['basf', 'DEU'],
      ['cellco', 'DEU'],
    ];
    for (const [slug, country] of orgs) o[slug] = await w.org(slug, country);
    const sites: [string, string, Parameters<SupplyWorld['facility']>[2]][] = [
      ['katanga', 'kamoto', { kind: 'mine', country: 'COD' }],
      ['voisey', 'bay', { kind: 'mine', country: 'CAN' }],
      ['electra', 'refinery', { kind: 'refinery', country: 'CAN' }],
      ['weda', 'bay', { kind: 'mine', country: 'IDN' }],
      ['sumitomo', 'niihama', { kind: 'refinery', country: 'JPN' }],
      ['kalahari', 'mine', { kind: 'mine', country: 'ZAF' }],
      ['kalahari', 'refinery', { kind: 'refinery', country: 'ZAF' }],
      ['greenbushes', 'pit', { kind: 'mine', country: 'AUS' }],
      ['tianqi', 'kwinana', { kind: 'refinery', country: 'CHN' }],
      ['balama', 'pit', { kind: 'mine', country: 'MOZ' }],
      ['anodes', 'plant', { kind: 'anode', country: 'JPN' }],
      ['basf', 'schwarzheide', { kind: 'cathode', country: 'DEU' }],
      ['cellco', 'gigafactory', { kind: 'cell', country: 'DEU' }],
    ];
    for (const [slug, site, spec] of sites) f[`${slug}/${site}`] = await w.facility(o[slug]!, site, spec);
  });
  afterAll(() => w.close());

  it('cobalt: Congolese and Canadian hydroxide refined to sulfate in Canada, 7/13 and 6/13', async () => {
    await extract(
      o.katanga!,
      f['katanga/kamoto']!,
      batch('urn:lot:K1', 'co.hydroxide', 100_000, { Co: 300_000 }),
    );
    await extract(o.voisey!, f['voisey/bay']!, batch('urn:lot:V1', 'co.hydroxide', 50_000, { Co: 360_000 }));
    await ship(o.katanga!, 'urn:lot:K1', 70_000, o.electra!, f['electra/refinery']!, 'urn:lot:K1a');
    await ship(o.voisey!, 'urn:lot:V1', 50_000, o.electra!, f['electra/refinery']!);
    expect(masses(trace('urn:lot:K1a'))).toEqual({ Co: ug(21_000) });
    expect(w.node.supply.batch('urn:lot:K1')?.remainingGrams).toBe(30_000 * KG);

    await transform(
      o.electra!,
      f['electra/refinery']!,
      [
        ['urn:lot:K1a', 70_000],
        ['urn:lot:V1', 50_000],
      ],
      [batch('urn:lot:CS1', 'co.sulfate.battery', 130_000, { Co: 209_000 })],
    );
    const p = trace('urn:lot:CS1');
    expect(masses(p)).toEqual({ Co: ug(27_170) });
    expect(shares(p, 'byOrigin')).toEqual({
      Co: { [`industrial ${f['katanga/kamoto']}`]: '7/13', [`industrial ${f['voisey/bay']}`]: '6/13' },
    });
    expect(shares(p, 'byCountry')).toEqual({ Co: { COD: '7/13', CAN: '6/13' } });
    expect(shares(p, 'byAlliance')).toEqual({ Co: { 'non-member': '7/13', member: '6/13' } });
    expect(shares(p, 'byExtraction')).toEqual({ Co: { industrial: '1/1' } });
    expect(w.node.supply.batch('urn:lot:K1a')?.status).toBe('consumed');
  });

  it('nickel and manganese: Indonesian MHP refined in Japan, South African ore refined at the mine', async () => {
    await extract(
      o.weda!,
      f['weda/bay']!,
      batch('urn:lot:W1', 'ni.mhp', 100_000, { Ni: 400_000, Co: 30_000 }),
    );
    await ship(o.weda!, 'urn:lot:W1', 100_000, o.sumitomo!, f['sumitomo/niihama']!);
    await transform(
      o.sumitomo!,
      f['sumitomo/niihama']!,
      [['urn:lot:W1', 100_000]],
      [batch('urn:lot:NS1', 'ni.sulfate.battery', 150_000, { Ni: 220_000 })],
    );
    expect(shares(trace('urn:lot:NS1'), 'byCountry')).toEqual({ Ni: { IDN: '1/1' } });

    await extract(o.kalahari!, f['kalahari/mine']!, batch('urn:lot:M1', 'mn.ore', 50_000, { Mn: 400_000 }));
    await ship(o.kalahari!, 'urn:lot:M1', 50_000, o.kalahari!, f['kalahari/refinery']!);
    await transform(
      o.kalahari!,
      f['kalahari/refinery']!,
      [['urn:lot:M1', 50_000]],
      [batch('urn:lot:MS1', 'mn.sulfate.battery', 60_000, { Mn: 322_000 })],
    );
    expect(masses(trace('urn:lot:MS1'))).toEqual({ Mn: ug(19_320) });
  });

  it('precursor in Germany: cobalt keeps 7/13 COD, nickel is all Indonesian, manganese all South African', async () => {
    const plant = f['basf/schwarzheide']!;
    await ship(o.electra!, 'urn:lot:CS1', 65_000, o.basf!, plant, 'urn:lot:CS1a');
    await ship(o.sumitomo!, 'urn:lot:NS1', 150_000, o.basf!, plant);
    await ship(o.kalahari!, 'urn:lot:MS1', 60_000, o.basf!, plant);
    expect(shares(trace('urn:lot:CS1a'), 'byCountry')).toEqual({ Co: { COD: '7/13', CAN: '6/13' } });
    await transform(
      o.basf!,
      plant,
      [
        ['urn:lot:CS1a', 19_500],
        ['urn:lot:NS1', 148_000],
        ['urn:lot:MS1', 12_200],
      ],
      [batch('urn:lot:P1', 'pcam.nmc811', 65_000, { Ni: 500_000, Co: 62_400, Mn: 60_000 })],
      'precipitate',
    );
    const p = trace('urn:lot:P1');
    expect(masses(p)).toEqual({ Ni: ug(32_500), Co: ug(4_056), Mn: ug(3_900) });
    expect(shares(p, 'byCountry')).toEqual({
      Ni: { IDN: '1/1' },
      Co: { COD: '7/13', CAN: '6/13' },
      Mn: { ZAF: '1/1' },
    });
    // What was not consumed stays with its batch.
    expect(w.node.supply.batch('urn:lot:CS1a')?.remainingGrams).toBe(45_500 * KG);
    expect(w.node.supply.batch('urn:lot:NS1')?.remainingGrams).toBe(2_000 * KG);
  });

  it('cathode in Germany adds Australian lithium refined in China', async () => {
    const plant = f['basf/schwarzheide']!;
    await extract(
      o.greenbushes!,
      f['greenbushes/pit']!,
      batch('urn:lot:L1', 'li.concentrate.spodumene-sc6', 200_000, { Li: 27_400 }),
    );
    await ship(o.greenbushes!, 'urn:lot:L1', 200_000, o.tianqi!, f['tianqi/kwinana']!);
    await transform(
      o.tianqi!,
      f['tianqi/kwinana']!,
      [['urn:lot:L1', 200_000]],
      [batch('urn:lot:LH1', 'li.hydroxide.battery', 30_000, { Li: 165_000 })],
    );
    await ship(o.tianqi!, 'urn:lot:LH1', 30_000, o.basf!, plant);
    await transform(
      o.basf!,
      plant,
      [
        ['urn:lot:P1', 65_000],
        ['urn:lot:LH1', 30_000],
      ],
      [batch('urn:lot:C1', 'cam.nmc811', 65_000, { Li: 72_000, Ni: 480_000, Co: 60_000, Mn: 56_000 })],
      'calcine',
    );
    const p = trace('urn:lot:C1');
    expect(masses(p)).toEqual({ Li: ug(4_680), Ni: ug(31_200), Co: ug(3_900), Mn: ug(3_640) });
    expect(shares(p, 'byCountry')).toEqual({
      Li: { AUS: '1/1' },
      Ni: { IDN: '1/1' },
      Co: { COD: '7/13', CAN: '6/13' },
      Mn: { ZAF: '1/1' },
    });
  });

  it('cells in Germany: six traced elements, copper of undeclared origin', async () => {
    const plant = f['cellco/gigafactory']!;
    await extract(
      o.balama!,
      f['balama/pit']!,
      batch('urn:lot:G1', 'gr.concentrate.flake', 50_000, { C: 950_000 }),
    );
    await ship(o.balama!, 'urn:lot:G1', 50_000, o.anodes!, f['anodes/plant']!);
    await transform(
      o.anodes!,
      f['anodes/plant']!,
      [['urn:lot:G1', 50_000]],
      [batch('urn:lot:A1', 'gr.anode.natural', 40_000, { C: 999_500 })],
    );
    await ship(o.anodes!, 'urn:lot:A1', 40_000, o.cellco!, plant);
    await ship(o.basf!, 'urn:lot:C1', 65_000, o.cellco!, plant);
    await w.submit(o.cellco!, [
      {
        type: 'commission',
        id: w.eventId(),
        time: nextTime(),
        facility: plant,
        batch: batch('urn:lot:CU1', 'cu.foil.battery', 20_000, { Cu: 999_000 }),
        custodyModel: 'controlled-blending',
      },
    ]);
    await transform(
      o.cellco!,
      plant,
      [
        ['urn:lot:C1', 65_000],
        ['urn:lot:A1', 40_000],
        ['urn:lot:CU1', 20_000],
      ],
      [
        batch('urn:lot:CELL1', 'battery.cell.nmc', 200_000, {
          Li: 23_400,
          Ni: 156_000,
          Co: 19_500,
          Mn: 18_200,
          C: 199_900,
          Cu: 99_900,
        }),
      ],
      'manufacture',
    );
    const p = trace('urn:lot:CELL1');
    expect(masses(p)).toEqual({
      Li: ug(4_680),
      Ni: ug(31_200),
      Co: ug(3_900),
      Mn: ug(3_640),
      C: ug(39_980),
      Cu: ug(19_980),
    });
    expect(shares(p, 'byCountry')).toEqual({
      Li: { AUS: '1/1' },
      Ni: { IDN: '1/1' },
      Co: { COD: '7/13', CAN: '6/13' },
      Mn: { ZAF: '1/1' },
      C: { MOZ: '1/1' },
      Cu: { undeclared: '1/1' },
    });
    expect(shares(p, 'byAlliance')).toMatchObject({
      Co: { 'non-member': '7/13', member: '6/13' },
      Ni: { 'non-member': '1/1' },
      Cu: { undeclared: '1/1' },
    });
    expect(shares(p, 'byExtraction')).toMatchObject({ Co: { industrial: '1/1' }, Cu: { undeclared: '1/1' } });
    // Cobalt micrograms by mine: 2,100 kg Congolese, 1,800 kg Canadian.
    const co = p?.elements.find((e) => e.element === 'Co');
    expect(co?.byOrigin.map((s) => [s.key, s.micrograms])).toEqual([
      [`industrial ${f['katanga/kamoto']}`, ug(2_100)],
      [`industrial ${f['voisey/bay']}`, ug(1_800)],
    ]);
    // Every upstream batch is in the graph: the cell, 3 inputs, and all they came from.
    const ids = new Set(p?.graph.batches.map((b) => b.id));
    for (const id of [
      'urn:lot:K1',
      'urn:lot:K1a',
      'urn:lot:V1',
      'urn:lot:W1',
      'urn:lot:L1',
      'urn:lot:G1',
      'urn:lot:CU1',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    // The node's in-memory graph gives exactly what the store's recursive query gives.
    const reader = SqliteStore.open(w.dir, { readonly: true });
    try {
      expect(p?.graph).toEqual(reader.derived.upstream('urn:lot:CELL1'));
    } finally {
      reader.close();
    }
  });
});
