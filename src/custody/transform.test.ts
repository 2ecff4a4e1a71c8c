import { describe, expect, it } from 'vitest';
import {
  ACME,
  ACME_REFINERY,
  BETA,
  BETA_MINE,
  BETA_REFINERY,
  hydroxide,
  MINE,
  scene,
  sulfate,
} from './testing/scene.js';
import { ev, lot, type World } from './testing/world.js';

const FROM_ACME = `industrial ${MINE}`;
const FROM_BETA = `artisanal ${BETA_MINE}`;

/** ACME holds at its refinery 1 t of hydroxide from its mine (300 kg Co) and 1 t from BETA's (300 kg Co). */
function refinery(): World {
  const w = scene();
  w.custody(BETA, [
    ev.extract(BETA_MINE, hydroxide('beta-oh'), 'artisanal'),
    ev.ship('beta-oh', 1_000_000, ACME, ACME_REFINERY),
  ]);
  w.custody(ACME, [
    ev.extract(MINE, hydroxide('acme-oh')),
    ev.ship('acme-oh', 1_000_000, ACME, ACME_REFINERY),
    ev.receive('acme-oh', ACME_REFINERY, 1_000_000),
    ev.receive('beta-oh', ACME_REFINERY, 1_000_000),
  ]);
  return w;
}

const both = (acme: number, beta: number) => [
  { batch: 'acme-oh', grams: acme },
  { batch: 'beta-oh', grams: beta },
];

describe('transform', () => {
  it('pools the inputs’ compositions and scales the pool to each output', () => {
    const w = refinery();
    // Co in: 150 kg (ACME) + 300 kg (BETA) = 450 kg; out: 2 × 1 t × 20.8 % = 416 kg.
    const effects = w.custody(ACME, [
      ev.transform(ACME_REFINERY, both(500_000, 1_000_000), [
        sulfate('s1', 1_000_000),
        sulfate('s2', 1_000_000),
      ]),
    ]);
    expect(w.ledger.batch('s1')?.composition).toEqual({
      // 208 000 000 000 µg × 2/3 and × 1/3; the leftover microgram goes to the larger remainder.
      Co: [
        [FROM_BETA, '138666666667'],
        [FROM_ACME, '69333333333'],
      ],
    });
    expect(w.ledger.batch('acme-oh')).toMatchObject({ remainingGrams: 500_000, status: 'active' });
    expect(w.ledger.batch('beta-oh')).toMatchObject({ remainingGrams: 0, status: 'consumed' });
    expect(effects.events[0]!.batches).toEqual(['acme-oh', 'beta-oh', 's1', 's2']);
  });

  it('emits an edge per input and output, splitting grams by output and element mass by input', () => {
    const w = refinery();
    const effects = w.custody(ACME, [
      ev.transform(ACME_REFINERY, both(500_000, 1_000_000), [
        sulfate('s1', 1_000_000),
        sulfate('s2', 500_000),
      ]),
    ]);
    // Grams: 500 000 over 2 : 1 is 333 333.3 / 166 666.7, so the extra gram goes to s2; 1 000 000 over
    // 2 : 1 gives it to s1. Co: s1's 208 000 000 000 µg over 1 : 2 and s2's 104 000 000 000 µg likewise.
    expect(effects.edges.map((e) => [e.from, e.to, e.grams, e.elements.Co])).toEqual([
      ['acme-oh', 's1', 333_333, '69333333333'],
      ['acme-oh', 's2', 166_667, '34666666667'],
      ['beta-oh', 's1', 666_667, '138666666667'],
      ['beta-oh', 's2', 333_333, '69333333333'],
    ]);
    // Each output's element mass is exactly the sum of its incoming edges; each input's grams too.
    const sum = (xs: (string | number)[]) => xs.reduce((a: bigint, x) => a + BigInt(x), 0n);
    expect(sum(effects.edges.filter((e) => e.to === 's1').map((e) => e.elements.Co!))).toBe(208_000_000_000n);
    expect(sum(effects.edges.filter((e) => e.from === 'acme-oh').map((e) => e.grams))).toBe(500_000n);
  });

  it('leaves out of the edges an input that brought none of an element', () => {
    const w = refinery();
    w.custody(ACME, [
      ev.commission(ACME_REFINERY, lot('mn', 'mn.sulfate.battery', 100_000, { Mn: 320_000 })),
    ]);
    const effects = w.custody(ACME, [
      ev.transform(
        ACME_REFINERY,
        [
          { batch: 'acme-oh', grams: 400_000 },
          { batch: 'mn', grams: 100_000 },
        ],
        [sulfate('s', 500_000)],
      ),
    ]);
    expect(effects.edges.map((e) => [e.from, e.elements])).toEqual([
      ['acme-oh', { Co: '104000000000' }],
      ['mn', {}],
    ]);
  });

  it('allows outputs up to the declared tolerance, and no more (CUSTODY_ELEMENT_NOT_CONSERVED)', () => {
    const w = refinery();
    // 1 t of hydroxide holds 300 kg Co; 1 442 308 g of sulfate at 20.8 % holds 300.000064 kg.
    const over = [sulfate('s', 1_442_308)];
    const error = w.rejects('CUSTODY_ELEMENT_NOT_CONSERVED', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, [{ batch: 'acme-oh', grams: 1_000_000 }], over)]),
    );
    expect(error.message).toContain('Co: outputs carry 300000064000 µg, inputs 300000000000 µg');
    w.custody(ACME, [ev.transform(ACME_REFINERY, [{ batch: 'acme-oh', grams: 1_000_000 }], over, 1)]);
    expect(w.ledger.batch('s')?.composition).toEqual({ Co: [[FROM_ACME, '300000064000']] });
  });

  it('counts only elements tracked for the input’s material', () => {
    const w = refinery();
    // Manganese in cobalt hydroxide is not traced, so it cannot feed a manganese output.
    w.custody(ACME, [
      ev.commission(ACME_REFINERY, lot('oh-mn', 'co.hydroxide', 1_000_000, { Co: 300_000, Mn: 60_000 })),
    ]);
    w.rejects('CUSTODY_ELEMENT_NOT_CONSERVED', () =>
      w.custody(ACME, [
        ev.transform(
          ACME_REFINERY,
          [{ batch: 'oh-mn', grams: 1_000_000 }],
          [lot('mn', 'mn.sulfate.battery', 10_000, { Mn: 320_000 })],
        ),
      ]),
    );
  });

  it('needs inputs and outputs (CUSTODY_EMPTY_TRANSFORM), distinct inputs (CUSTODY_DUPLICATE_INPUT)', () => {
    const w = refinery();
    w.rejects('CUSTODY_EMPTY_TRANSFORM', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, [], [sulfate('s', 1)])]),
    );
    w.rejects('CUSTODY_EMPTY_TRANSFORM', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, both(1, 1), [])]),
    );
    w.rejects('CUSTODY_DUPLICATE_INPUT', () =>
      w.custody(ACME, [
        ev.transform(
          ACME_REFINERY,
          [
            { batch: 'acme-oh', grams: 1 },
            { batch: 'acme-oh', grams: 1 },
          ],
          [sulfate('s', 1)],
        ),
      ]),
    );
  });

  it('caps the tolerance at 5 % (CUSTODY_TOLERANCE_TOO_HIGH) and wants an integer (CUSTODY_BAD_QUANTITY)', () => {
    const w = refinery();
    w.rejects('CUSTODY_TOLERANCE_TOO_HIGH', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, both(1, 1), [sulfate('s', 1)], 50_001)]),
    );
    w.rejects('CUSTODY_BAD_QUANTITY', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, both(1, 1), [sulfate('s', 1)], -1)]),
    );
    w.custody(ACME, [ev.transform(ACME_REFINERY, both(1, 1), [sulfate('s', 1)], 50_000)]);
  });

  it('consumes only what the issuer holds, at the facility, and what remains', () => {
    const w = refinery();
    w.custody(BETA, [ev.extract(BETA_MINE, hydroxide('far'))]);
    const out = [sulfate('s', 1000)];
    w.rejects('CUSTODY_NOT_CUSTODIAN', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, [{ batch: 'far', grams: 10 }], out)]),
    );
    w.rejects('CUSTODY_WRONG_FACILITY', () =>
      w.custody(BETA, [ev.transform(BETA_REFINERY, [{ batch: 'far', grams: 10_000 }], out)]),
    );
    w.rejects('CUSTODY_INSUFFICIENT_QUANTITY', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, [{ batch: 'acme-oh', grams: 1_000_001 }], out)]),
    );
    w.rejects('CUSTODY_BAD_QUANTITY', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, [{ batch: 'acme-oh', grams: 0 }], out)]),
    );
    w.rejects('CUSTODY_UNKNOWN_BATCH', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, [{ batch: 'nope', grams: 1 }], out)]),
    );
    w.rejects('CUSTODY_NOT_FACILITY_OPERATOR', () =>
      w.custody(ACME, [ev.transform(BETA_REFINERY, [{ batch: 'acme-oh', grams: 1 }], out)]),
    );
  });

  it('cannot consume a batch in transit (CUSTODY_IN_TRANSIT)', () => {
    const w = refinery();
    w.custody(ACME, [ev.ship('acme-oh', 1_000_000, ACME, ACME_REFINERY)]);
    w.rejects('CUSTODY_IN_TRANSIT', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, [{ batch: 'acme-oh', grams: 1 }], [sulfate('s', 1)])]),
    );
  });

  it('creates fresh, distinct, valid outputs', () => {
    const w = refinery();
    const input = [{ batch: 'acme-oh', grams: 1000 }];
    w.rejects('CUSTODY_BATCH_EXISTS', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, input, [sulfate('beta-oh', 1)])]),
    );
    w.rejects('CUSTODY_BATCH_EXISTS', () =>
      w.custody(ACME, [ev.transform(ACME_REFINERY, input, [sulfate('s', 1), sulfate('s', 1)])]),
    );
    w.rejects('CUSTODY_IMPLAUSIBLE_CONTENT', () =>
      w.custody(ACME, [
        ev.transform(ACME_REFINERY, input, [lot('s', 'co.sulfate.battery', 1, { Co: 300_000 })]),
      ]),
    );
  });
});
