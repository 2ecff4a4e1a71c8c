import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchRow } from '../custody/index.js';
import type { CustodyEvent, CustodyEventType, SupplyStatementBody } from '../model/index.js';
import { checkRuleSet, DEFAULT_RULE_SET, RULES, type RuleId, type RuleSet } from './catalogue.js';
import type { ShipmentRecord } from './context.js';
import { ComplianceError } from './errors.js';
import { evaluateStatement, findingId } from './evaluate.js';
import {
  ACME,
  BUYER,
  batch,
  CAN_REFINERY,
  COD_MINE,
  contextOf,
  custody,
  FACILITIES,
  input,
  T0,
  type World,
} from './testing/fixtures.js';

const LOT = 'urn:batch:lot';
const OUT = 'urn:batch:out';
const facilityIds = FACILITIES.map((f) => f.id);

/** Everything is wrong at once: every rule that concerns an event of a kind can fire on it. */
const HOSTILE_BATCHES: readonly BatchRow[] = [
  batch(
    LOT,
    'co.hydroxide',
    200_000_000,
    { Co: 300_000 },
    { composition: { Co: [[`artisanal ${COD_MINE}`, '100']] } },
  ),
  batch(
    OUT,
    'cam.nmc811',
    1_000,
    { Ni: 480_000 },
    {
      composition: {
        Ni: [
          [`undeclared ${CAN_REFINERY}`, '50'],
          [`industrial ${COD_MINE}`, '950'],
        ],
      },
    },
  ),
];
const near = (n: number): ShipmentRecord => ({
  statement: String(n).padEnd(64, '0'),
  event: `urn:s${n}`,
  batch: LOT,
  shipper: ACME,
  grams: 99_000_000,
  time: new Date(Date.parse(T0) - n * 3_600_000).toISOString(),
  fromFacility: COD_MINE,
  toFacility: CAN_REFINERY,
  transportMode: 'road',
});
const HOSTILE: World = {
  batches: HOSTILE_BATCHES,
  areas: [...new Set(FACILITIES.map((f) => f.country))].map((country) => ({ country })),
  sanctions: Object.fromEntries(
    [...FACILITIES.map((f) => f.name), 'Acme Mining Ltd', 'Buyer GmbH'].map((n) => [n, 1]),
  ),
  uncertified: Object.fromEntries(facilityIds.map((id) => [id, ['social.labour' as const]])),
  revoked: Object.fromEntries(
    facilityIds.map((id) => [
      id,
      [{ certificate: 'urn:cert', statement: 'd'.repeat(64), revokedAt: '2020-01-01T00:00:00Z' }],
    ]),
  ),
  shipments: [near(1), near(2), near(3)],
};

/** The rules each event type can concern; sanctions concern every named party and facility. */
const CONCERNS: Readonly<Record<CustodyEventType, readonly RuleId[]>> = {
  extract: ['LS-CAHRA-ORIGIN', 'LS-CERT-MISSING', 'LS-SANCTIONS-MATCH'],
  commission: ['LS-SANCTIONS-MATCH'],
  ship: ['LS-CAHRA-TRANSIT', 'LS-STRUCTURING', 'LS-SANCTIONS-MATCH'],
  receive: ['LS-CAHRA-TRANSIT', 'LS-TRANSPORT-IMPLAUSIBLE', 'LS-SANCTIONS-MATCH'],
  transform: [
    'LS-CERT-MISSING',
    'LS-YIELD-IMPLAUSIBLE',
    'LS-UNKNOWN-ORIGIN',
    'LS-SINGLE-COUNTRY',
    'LS-SANCTIONS-MATCH',
  ],
  assay: ['LS-ASSAY-MISMATCH', 'LS-SANCTIONS-MATCH'],
  trade: ['LS-REVOKED-UPSTREAM', 'LS-SANCTIONS-MATCH'],
};

const time = fc
  .integer({ min: 0, max: 30 * 24 })
  .map((h) => new Date(Date.parse(T0) + h * 3_600_000).toISOString());
const facility = fc.constantFrom(...facilityIds);
const grams = fc.integer({ min: 1, max: 200_000_000 });
const id = fc.integer({ min: 0, max: 9 }).map((n) => `urn:event:${n}`);

const event: fc.Arbitrary<CustodyEvent> = fc.oneof(
  fc.record({ id, time, facility, grams }).map(
    ({ grams: g, ...e }): CustodyEvent => ({
      type: 'extract',
      ...e,
      method: 'artisanal',
      batch: { id: 'urn:batch:new', material: 'co.ore.copper-cobalt', grams: g, content: { Co: 10_000 } },
      custodyModel: 'segregated',
    }),
  ),
  fc.record({ id, time, facility, grams }).map(
    ({ grams: g, ...e }): CustodyEvent => ({
      type: 'commission',
      ...e,
      batch: { id: OUT, material: 'cam.nmc811', grams: g, content: { Ni: 480_000 } },
      custodyModel: 'segregated',
    }),
  ),
  fc
    .record({ id, time, toFacility: facility, grams })
    .map((e): CustodyEvent => ({ type: 'ship', ...e, batch: LOT, to: BUYER })),
  fc.record({ id, time, facility, grams }).map((e): CustodyEvent => ({ type: 'receive', ...e, batch: LOT })),
  fc.record({ id, time, facility, grams, process: fc.constantFrom('refine' as const, 'blend' as const) }).map(
    ({ grams: g, ...e }): CustodyEvent => ({
      type: 'transform',
      ...e,
      inputs: [{ batch: LOT, grams: g }],
      outputs: [{ id: OUT, material: 'cam.nmc811', grams: 1, content: { Ni: 480_000 } }],
      tolerancePpm: 0,
      custodyModel: 'controlled-blending',
    }),
  ),
  fc
    .record({ id, time, Co: fc.integer({ min: 1, max: 1_000_000 }) })
    .map(({ Co, ...e }): CustodyEvent => ({ type: 'assay', ...e, batch: LOT, content: { Co } })),
  fc.record({ id, time }).map((e): CustodyEvent => ({ type: 'trade', ...e, batch: LOT, buyer: BUYER })),
);

describe('evaluateStatement', () => {
  it('raises, on an event, only the rules that concern its kind', () => {
    fc.assert(
      fc.property(event, (e) => {
        const allowed = CONCERNS[e.type];
        for (const f of evaluateStatement(custody([e]), contextOf(HOSTILE), DEFAULT_RULE_SET)) {
          expect(allowed).toContain(f.rule);
        }
      }),
    );
  });

  it('raises nothing but sanctions matches on statements other than custody events', () => {
    const bodies: SupplyStatementBody[] = [
      { kind: 'opaque', types: ['DigitalProductPassport'] },
      { kind: 'key-rotation', subject: ACME, add: [], retire: [], validFrom: T0 },
      { kind: 'trust-list', bodies: [], validFrom: T0 },
      { kind: 'status-list', purpose: 'revocation', encodedList: 'u', validFrom: T0 },
    ];
    for (const body of bodies) {
      const findings = evaluateStatement(input(body), contextOf(HOSTILE), DEFAULT_RULE_SET);
      expect(findings.map((f) => [f.rule, f.subject.id])).toEqual([['LS-SANCTIONS-MATCH', ACME]]);
    }
  });

  it('is deterministic and independent of the order of the effects rows', () => {
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 6 }),
        fc.shuffledSubarray([...HOSTILE_BATCHES], { minLength: 2, maxLength: 2 }),
        fc.shuffledSubarray([...FACILITIES], { minLength: FACILITIES.length, maxLength: FACILITIES.length }),
        (events, batches, facilities) => {
          const context = contextOf({ ...HOSTILE, batches: [] });
          const one = evaluateStatement(
            custody(events, { batches: HOSTILE_BATCHES, facilities: FACILITIES }),
            context,
            DEFAULT_RULE_SET,
          );
          const two = evaluateStatement(custody(events, { batches, facilities }), context, DEFAULT_RULE_SET);
          expect(two).toEqual(one);
          expect(new Set(one.map((f) => f.id)).size).toBe(one.length);
          const order = one.map((f) => RULES.findIndex((r) => r.id === f.rule));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        },
      ),
    );
  });

  it('names findings by rule, statement and subject only', () => {
    const e: CustodyEvent = { type: 'trade', id: 'urn:t', time: T0, batch: LOT, buyer: BUYER };
    const other: RuleSet = { ...DEFAULT_RULE_SET, version: 'next' };
    const a = evaluateStatement(custody([e]), contextOf(HOSTILE), DEFAULT_RULE_SET);
    const b = evaluateStatement(custody([e]), contextOf(HOSTILE), other);
    expect(b.map((f) => f.id)).toEqual(a.map((f) => f.id));
    expect(b.every((f) => f.ruleSet === 'next')).toBe(true);
    expect(a[0]!.id).toBe(findingId(a[0]!.rule, a[0]!.statement, a[0]!.subject));
    expect(a[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('evaluates no rule the rule set disables', () => {
    const e: CustodyEvent = { type: 'trade', id: 'urn:t', time: T0, batch: LOT, buyer: BUYER };
    const ruleSet: RuleSet = { ...DEFAULT_RULE_SET, disabled: ['LS-SANCTIONS-MATCH'] };
    const findings = evaluateStatement(custody([e]), contextOf(HOSTILE), ruleSet);
    expect(findings.map((f) => f.rule)).toEqual(['LS-REVOKED-UPSTREAM']);
  });
});

describe('checkRuleSet', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof ComplianceError) return err.code;
      throw err;
    }
    return undefined;
  };

  it('accepts the defaults, and every rule has a unique id', () => {
    expect(checkRuleSet(DEFAULT_RULE_SET)).toBe(DEFAULT_RULE_SET);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('refuses thresholds out of range, an empty version and unknown disabled rules', () => {
    const t = DEFAULT_RULE_SET.thresholds;
    expect(code(() => checkRuleSet({ ...DEFAULT_RULE_SET, version: '' }))).toBe('COMPLIANCE_BAD_RULE_SET');
    expect(
      code(() =>
        checkRuleSet({
          ...DEFAULT_RULE_SET,
          thresholds: { ...t, singleCountry: { ...t.singleCountry, maxShare: 65 } },
        }),
      ),
    ).toBe('COMPLIANCE_BAD_RULE_SET');
    expect(
      code(() =>
        checkRuleSet({
          ...DEFAULT_RULE_SET,
          thresholds: { ...t, structuring: { ...t.structuring, count: 0 } },
        }),
      ),
    ).toBe('COMPLIANCE_BAD_RULE_SET');
    expect(code(() => checkRuleSet({ ...DEFAULT_RULE_SET, disabled: ['LS-NOPE' as RuleId] }))).toBe(
      'COMPLIANCE_UNKNOWN_RULE',
    );
  });

  it('throws a coded error on an unparseable time', () => {
    const e: CustodyEvent = {
      type: 'receive',
      id: 'urn:r',
      time: 'yesterday',
      batch: LOT,
      facility: CAN_REFINERY,
      grams: 1,
    };
    expect(code(() => evaluateStatement(custody([e]), contextOf(HOSTILE), DEFAULT_RULE_SET))).toBe(
      'COMPLIANCE_BAD_TIME',
    );
  });
});
