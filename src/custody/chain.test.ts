import { describe, expect, it } from 'vitest';
import { provenanceOf, type Share } from './provenance.js';
import type { BatchRow } from './rows.js';
import { ev, lot, World } from './testing/world.js';

// A cobalt-nickel-manganese chain to NMC811 precursor. Contents lie inside the vocabulary's ranges
// (src/model/materials-data): co.hydroxide Co 20–45 %, co.sulfate.battery Co 20.5–21.25 %, ni.mhp Ni
// 30–45 % and Co 1–6 %, ni.sulfate.battery Ni 21–22.5 %, mn.ore Mn 25–55 %, mn.sulfate.battery Mn
// 31.8–32.7 %, pcam.nmc811 Ni 48.29–52.88 %, Co 6.06–6.64 %, Mn 5.65–6.19 %. Quantities are chosen so
// every share is an exact fraction: the chain checks exactness, not just closeness.
const KAMOTO = 'did:web:kamoto.example'; // COD, cobalt hydroxide
const VOISEY = 'did:web:voisey.example'; // CAN, cobalt hydroxide
const KOKKOLA = 'did:web:kokkola.example'; // FIN, cobalt refinery
const WEDA = 'did:web:weda.example'; // IDN, MHP and nickel sulfate
const KALAHARI = 'did:web:kalahari.example'; // ZAF, manganese ore and sulfate
const PCAM = 'did:web:pcam.example'; // DEU, precursor plant

const F = {
  kamoto: 'https://kamoto.example/mine',
  voisey: 'https://voisey.example/mine',
  kokkola: 'https://kokkola.example/refinery',
  wedaMine: 'https://weda.example/mine',
  wedaRefinery: 'https://weda.example/refinery',
  kalahariMine: 'https://kalahari.example/mine',
  kalahariRefinery: 'https://kalahari.example/refinery',
  pcam: 'https://pcam.example/plant',
};

function setUp(): World {
  const w = new World();
  for (const [did, country] of [
    [KAMOTO, 'COD'],
    [VOISEY, 'CAN'],
    [KOKKOLA, 'FIN'],
    [WEDA, 'IDN'],
    [KALAHARI, 'ZAF'],
    [PCAM, 'DEU'],
  ] as const) {
    w.register(did, ['producer'], country);
  }
  w.facility(KAMOTO, F.kamoto, 'mine', 'COD');
  w.facility(VOISEY, F.voisey, 'mine', 'CAN');
  w.facility(KOKKOLA, F.kokkola, 'refinery', 'FIN');
  w.facility(WEDA, F.wedaMine, 'mine', 'IDN');
  w.facility(WEDA, F.wedaRefinery, 'refinery', 'IDN');
  w.facility(KALAHARI, F.kalahariMine, 'mine', 'ZAF');
  w.facility(KALAHARI, F.kalahariRefinery, 'refinery', 'ZAF');
  w.facility(PCAM, F.pcam, 'precursor', 'DEU');
  return w;
}

/** key → share, for one dimension. */
const table = (shares: readonly Share[]): Record<string, string> =>
  Object.fromEntries(shares.map((s) => [s.key, s.share]));

function provenance(w: World, batch: BatchRow) {
  return provenanceOf(batch.composition, (id) => w.ledger.facility(id));
}

describe('a cobalt, nickel and manganese chain to NMC811 precursor', () => {
  const w = setUp();

  it('extracts cobalt hydroxide in the DRC and Canada, each batch all from its mine', () => {
    w.custody(KAMOTO, [ev.extract(F.kamoto, lot('co-oh-cod', 'co.hydroxide', 60_000_000, { Co: 300_000 }))]);
    w.custody(VOISEY, [ev.extract(F.voisey, lot('co-oh-can', 'co.hydroxide', 40_000_000, { Co: 300_000 }))]);
    const cod = w.ledger.batch('co-oh-cod')!;
    expect(cod.composition).toEqual({ Co: [[`industrial ${F.kamoto}`, '18000000000000']] });
    expect(table(provenance(w, cod)[0]!.byCountry)).toEqual({ COD: '1/1' });
  });

  it('ships to Kokkola: the DRC lot whole with a 60 kg loss, the Canadian lot in part (a split)', () => {
    w.custody(KAMOTO, [ev.ship('co-oh-cod', 60_000_000, KOKKOLA, F.kokkola)]);
    const split = w.custody(VOISEY, [ev.ship('co-oh-can', 39_960_000, KOKKOLA, F.kokkola, 'co-oh-can-1')]);
    expect(split.edges).toEqual([
      {
        from: 'co-oh-can',
        to: 'co-oh-can-1',
        statement: split.events[0]!.statement,
        grams: 39_960_000,
        elements: { Co: '11988000000000' },
      },
    ]);
    expect(w.ledger.batch('co-oh-can')).toMatchObject({ remainingGrams: 40_000, status: 'active' });
    w.custody(KOKKOLA, [
      ev.receive('co-oh-cod', F.kokkola, 59_940_000),
      ev.receive('co-oh-can-1', F.kokkola, 39_960_000),
    ]);
    expect(w.ledger.batch('co-oh-cod')).toMatchObject({ remainingGrams: 59_940_000, custodian: KOKKOLA });
  });

  it('refines both into cobalt sulfate that is exactly 3/5 Congolese and 2/5 Canadian cobalt', () => {
    // Co in: 59.94 t × 30 % = 17 982 kg (DRC) and 39.96 t × 30 % = 11 988 kg (Canada): 3 : 2.
    const effects = w.custody(KOKKOLA, [
      ev.transform(
        F.kokkola,
        [
          { batch: 'co-oh-cod', grams: 59_940_000 },
          { batch: 'co-oh-can-1', grams: 39_960_000 },
        ],
        [lot('co-so4', 'co.sulfate.battery', 144_000_000, { Co: 208_000, S: 114_000 })],
      ),
    ]);
    const sulfate = w.ledger.batch('co-so4')!;
    const [co] = provenance(w, sulfate);
    expect(co!.micrograms).toBe('29952000000000');
    expect(table(co!.byCountry)).toEqual({ COD: '3/5', CAN: '2/5' });
    expect(table(co!.byAlliance)).toEqual({ 'non-member': '3/5', member: '2/5' });
    expect(co!.byCountry.map((s) => s.percent)).toEqual([60, 40]);
    expect(effects.edges.map((e) => [e.from, e.grams, e.elements.Co])).toEqual([
      ['co-oh-cod', 59_940_000, '17971200000000'],
      ['co-oh-can-1', 39_960_000, '11980800000000'],
    ]);
    expect(w.ledger.batch('co-oh-cod')!.status).toBe('consumed');
  });

  it('makes nickel sulfate in Indonesia and manganese sulfate in South Africa', () => {
    w.custody(WEDA, [ev.extract(F.wedaMine, lot('mhp', 'ni.mhp', 130_000_000, { Ni: 400_000, Co: 30_000 }))]);
    w.custody(WEDA, [ev.ship('mhp', 130_000_000, WEDA, F.wedaRefinery)]);
    w.custody(WEDA, [ev.receive('mhp', F.wedaRefinery, 130_000_000)]);
    w.custody(WEDA, [
      ev.transform(
        F.wedaRefinery,
        [{ batch: 'mhp', grams: 130_000_000 }],
        [lot('ni-so4', 'ni.sulfate.battery', 235_000_000, { Ni: 220_000 })],
      ),
    ]);
    w.custody(KALAHARI, [ev.extract(F.kalahariMine, lot('mn-ore', 'mn.ore', 50_000_000, { Mn: 400_000 }))]);
    w.custody(KALAHARI, [ev.ship('mn-ore', 50_000_000, KALAHARI, F.kalahariRefinery)]);
    w.custody(KALAHARI, [ev.receive('mn-ore', F.kalahariRefinery, 50_000_000)]);
    w.custody(KALAHARI, [
      ev.transform(
        F.kalahariRefinery,
        [{ batch: 'mn-ore', grams: 50_000_000 }],
        [lot('mn-so4', 'mn.sulfate.battery', 60_000_000, { Mn: 325_000 })],
      ),
    ]);
    expect(table(provenance(w, w.ledger.batch('ni-so4')!)[0]!.byCountry)).toEqual({ IDN: '1/1' });
  });

  it('ships to Germany, where opening stock of undeclared manganese sulfate joins', () => {
    w.custody(KOKKOLA, [ev.ship('co-so4', 30_300_000, PCAM, F.pcam, 'co-so4-de')]);
    w.custody(WEDA, [ev.ship('ni-so4', 231_000_000, PCAM, F.pcam, 'ni-so4-de')]);
    w.custody(KALAHARI, [ev.ship('mn-so4', 18_000_000, PCAM, F.pcam, 'mn-so4-de')]);
    w.custody(PCAM, [
      ev.receive('co-so4-de', F.pcam, 30_300_000),
      ev.receive('ni-so4-de', F.pcam, 231_000_000),
      ev.receive('mn-so4-de', F.pcam, 18_000_000),
      ev.commission(F.pcam, lot('mn-so4-stock', 'mn.sulfate.battery', 2_000_000, { Mn: 325_000 })),
    ]);
    const [co] = provenance(w, w.ledger.batch('co-so4-de')!);
    expect(table(co!.byOrigin)).toEqual({
      [`industrial ${F.kamoto}`]: '3/5',
      [`industrial ${F.voisey}`]: '2/5',
    });
  });

  it('blends NMC811 precursor with exact shares per element', () => {
    // Mn in: 18 t × 32.5 % (ZAF) and 2 t × 32.5 % (undeclared): 9 : 1.
    w.custody(PCAM, [
      ev.transform(
        F.pcam,
        [
          { batch: 'ni-so4-de', grams: 231_000_000 },
          { batch: 'co-so4-de', grams: 30_300_000 },
          { batch: 'mn-so4-de', grams: 18_000_000 },
          { batch: 'mn-so4-stock', grams: 2_000_000 },
        ],
        [
          lot('pcam-1', 'pcam.nmc811', 100_000_000, {
            Ni: 508_000,
            Co: 63_000,
            Mn: 59_000,
            O: 340_000,
            H: 21_000,
          }),
        ],
      ),
    ]);
    const pcam = w.ledger.batch('pcam-1')!;
    const byElement = Object.fromEntries(provenance(w, pcam).map((p) => [p.element, p]));
    expect(Object.keys(byElement)).toEqual(['Ni', 'Co', 'Mn']);
    expect(table(byElement.Ni!.byCountry)).toEqual({ IDN: '1/1' });
    expect(table(byElement.Co!.byCountry)).toEqual({ COD: '3/5', CAN: '2/5' });
    expect(table(byElement.Mn!.byCountry)).toEqual({ ZAF: '9/10', undeclared: '1/10' });
    expect(table(byElement.Mn!.byExtraction)).toEqual({ industrial: '9/10', undeclared: '1/10' });
    expect(table(byElement.Co!.byAlliance)).toEqual({ 'non-member': '3/5', member: '2/5' });
    expect(table(byElement.Mn!.byAlliance)).toEqual({ 'non-member': '9/10', undeclared: '1/10' });
    expect(table(byElement.Co!.byCertification)).toEqual({ unknown: '1/1' });
    expect(pcam.composition.Co).toEqual([
      [`industrial ${F.kamoto}`, '3780000000000'],
      [`industrial ${F.voisey}`, '2520000000000'],
    ]);
  });

  it('leaves every source batch consistent: remaining plus consumed equals what was created', () => {
    expect(w.ledger.batch('co-so4')).toMatchObject({
      remainingGrams: 144_000_000 - 30_300_000,
      status: 'active',
    });
    expect(w.ledger.batch('ni-so4-de')!.status).toBe('consumed');
    const { remaining } = w.ledger.snapshot();
    expect(remaining['co-so4']!.Co).toEqual([
      [`industrial ${F.kamoto}`, String(((144_000_000 - 30_300_000) * 208_000 * 3) / 5)],
      [`industrial ${F.voisey}`, String(((144_000_000 - 30_300_000) * 208_000 * 2) / 5)],
    ]);
  });
});
