import { describe, expect, it } from 'vitest';
import type { BatchRow } from '../custody/index.js';
import type { CustodyEvent, ShipEvent, TransformEvent } from '../model/index.js';
import { DEFAULT_RULE_SET } from './catalogue.js';
import type { ShipmentRecord } from './context.js';
import { evaluateStatement } from './evaluate.js';
import {
  ACME,
  AUS_MINE,
  BUYER,
  batch,
  CAN_MINE,
  CAN_REFINERY,
  CHN_REFINERY,
  COD_MINE,
  contextOf,
  custody,
  FACILITIES,
  input,
  JPN_PLANT,
  T0,
  type World,
} from './testing/fixtures.js';
import type { EvaluationInput, Finding } from './types.js';

const run = (i: EvaluationInput, world: World = {}): Finding[] =>
  evaluateStatement(i, contextOf(world), DEFAULT_RULE_SET);
const rules = (findings: readonly Finding[]) => findings.map((f) => f.rule);
const later = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const extract = (facility = COD_MINE, time = T0): CustodyEvent => ({
  type: 'extract',
  id: 'urn:event:extract',
  time,
  facility,
  method: 'artisanal',
  batch: { id: 'urn:batch:ore', material: 'co.ore.copper-cobalt', grams: 1_000_000, content: { Co: 10_000 } },
  custodyModel: 'segregated',
});

const ship = (over: Partial<ShipEvent> = {}): ShipEvent => ({
  type: 'ship',
  id: 'urn:event:ship',
  time: T0,
  batch: 'urn:batch:lot',
  grams: 1_000,
  to: BUYER,
  toFacility: CHN_REFINERY,
  ...over,
});

const transform = (over: Partial<TransformEvent> = {}): TransformEvent => ({
  type: 'transform',
  id: 'urn:event:transform',
  time: T0,
  facility: CAN_REFINERY,
  process: 'blend',
  inputs: [{ batch: 'urn:batch:in', grams: 1_000 }],
  outputs: [{ id: 'urn:batch:out', material: 'cam.nmc811', grams: 1_000, content: { Ni: 480_000 } }],
  tolerancePpm: 0,
  custodyModel: 'controlled-blending',
  ...over,
});

describe('LS-CAHRA-ORIGIN', () => {
  it('fires on an extraction at a mine in a listed country', () => {
    const [finding, ...rest] = run(custody([extract()]), { areas: [{ country: 'COD' }] });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'LS-CAHRA-ORIGIN',
      severity: 'high',
      subject: { kind: 'facility', id: COD_MINE },
      at: T0,
      evidence: { statements: ['a'.repeat(64)], facts: { country: 'COD', entry: { id: 'COD' } } },
    });
  });

  it('fires at region level when the mine lies in the listed region', () => {
    const world: World = { areas: [{ country: 'COD', region: 'CD-LU' }], regions: { [COD_MINE]: 'CD-LU' } };
    expect(rules(run(custody([extract()]), world))).toEqual(['LS-CAHRA-ORIGIN']);
  });

  it('stays silent outside the listed region and outside the listing window', () => {
    const otherRegion: World = {
      areas: [{ country: 'COD', region: 'CD-LU' }],
      regions: { [COD_MINE]: 'CD-HK' },
    };
    expect(run(custody([extract()]), otherRegion)).toEqual([]);
    expect(run(custody([extract()]), { areas: [{ country: 'COD', until: T0 }] })).toEqual([]);
    expect(run(custody([extract()]), { areas: [{ country: 'COD', from: later(1) }] })).toEqual([]);
    expect(run(custody([extract(AUS_MINE)]), { areas: [{ country: 'COD' }] })).toEqual([]);
  });
});

describe('LS-CAHRA-TRANSIT', () => {
  it('fires on a shipment to, or a receipt at, a facility in a listed area', () => {
    const world: World = { areas: [{ country: 'CHN' }] };
    expect(rules(run(custody([ship()]), world))).toEqual(['LS-CAHRA-TRANSIT']);
    const receive: CustodyEvent = {
      type: 'receive',
      id: 'urn:r',
      time: T0,
      batch: 'urn:batch:lot',
      facility: CHN_REFINERY,
      grams: 1_000,
    };
    const [finding] = run(custody([receive]), world);
    expect(finding).toMatchObject({
      rule: 'LS-CAHRA-TRANSIT',
      subject: { id: CHN_REFINERY },
      evidence: { facts: { eventType: 'receive' } },
    });
  });

  it('stays silent when the destination is not listed at the event time', () => {
    expect(run(custody([ship()]), { areas: [{ country: 'CHN', from: later(24) }] })).toEqual([]);
    expect(run(custody([ship({ toFacility: JPN_PLANT })]), { areas: [{ country: 'CHN' }] })).toEqual([]);
  });
});

describe('LS-SANCTIONS-MATCH', () => {
  const trade: CustodyEvent = { type: 'trade', id: 'urn:t', time: T0, batch: 'urn:batch:lot', buyer: BUYER };

  it('fires on a buyer whose name scores at or above the threshold, with the explanation', () => {
    const [finding, ...rest] = run(custody([trade]), { sanctions: { 'Buyer GmbH': 0.85 } });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'LS-SANCTIONS-MATCH',
      severity: 'critical',
      subject: { kind: 'organization', id: BUYER },
      evidence: { facts: { role: 'buyer', score: 0.85, explanation: 'tokens of "Buyer GmbH" matched' } },
    });
  });

  it('fires on the issuer, a recipient, a facility and its operator', () => {
    const world: World = { sanctions: { 'Acme Mining Ltd': 0.9, Ganzhou: 1 } };
    const found = run(custody([ship()]), world).map((f) => [
      f.subject.kind,
      f.subject.id,
      f.evidence.facts['role'],
    ]);
    expect(found).toEqual([
      ['facility', CHN_REFINERY, 'facility'],
      ['organization', ACME, 'issuer'],
    ]);
    const registration = input({
      kind: 'identity',
      subject: 'did:web:new.example',
      legalName: 'Shady Trading',
      registeredId: '9',
      idScheme: { id: 'x', name: 'x' },
      country: 'ARE',
      roles: ['producer'],
      keys: [],
      validFrom: T0,
    });
    expect(run(registration, { sanctions: { 'Shady Trading': 0.95 } })).toMatchObject([
      { subject: { id: 'did:web:new.example' }, evidence: { facts: { role: 'registered organisation' } } },
    ]);
  });

  it('stays silent just below the threshold', () => {
    expect(run(custody([trade]), { sanctions: { 'Buyer GmbH': 0.849 } })).toEqual([]);
  });
});

describe('LS-CERT-MISSING', () => {
  it('fires on an extraction at a mine not certified for a required topic', () => {
    const [finding] = run(custody([extract(CAN_MINE)]), { uncertified: { [CAN_MINE]: ['social.labour'] } });
    expect(finding).toMatchObject({
      rule: 'LS-CERT-MISSING',
      subject: { id: CAN_MINE },
      evidence: { facts: { missing: ['social.labour'] } },
    });
  });

  it('fires on a refine at an uncertified refinery', () => {
    const refine = transform({ process: 'refine', facility: CHN_REFINERY });
    expect(rules(run(custody([refine]), { uncertified: { [CHN_REFINERY]: ['social.rights'] } }))).toEqual([
      'LS-CERT-MISSING',
    ]);
  });

  it('stays silent when only other topics lack a certificate, or the process is not checked', () => {
    expect(run(custody([extract(CAN_MINE)]), { uncertified: { [CAN_MINE]: ['environment.water'] } })).toEqual(
      [],
    );
    const blend = transform({ process: 'blend', facility: CHN_REFINERY });
    expect(run(custody([blend]), { uncertified: { [CHN_REFINERY]: ['social.labour'] } })).toEqual([]);
  });
});

describe('LS-YIELD-IMPLAUSIBLE', () => {
  // SC6 at 2.8 % Li: 1 t holds 28 kg Li. Lithium carbonate is 18.8 % Li.
  const sc6 = batch('urn:batch:in', 'li.concentrate.spodumene-sc6', 1_000_000, { Li: 28_000 });
  const refine = (grams: number) =>
    transform({
      process: 'refine',
      inputs: [{ batch: sc6.id, grams: 1_000_000 }],
      outputs: [
        { id: 'urn:batch:carbonate', material: 'li.carbonate.battery', grams, content: { Li: 188_000 } },
      ],
    });

  it('fires when a refine recovers less than 80 % of the lithium', () => {
    const [finding, ...rest] = run(custody([refine(119_000)]), { batches: [sc6] });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'LS-YIELD-IMPLAUSIBLE', subject: { id: CAN_REFINERY } });
    expect(finding!.evidence.facts['elements']).toEqual([
      { element: 'Li', inMicrograms: '28000000000', outMicrograms: '22372000000', recovery: 0.799 },
    ]);
  });

  it('stays silent at 80 % and above, and for processes without a minimum', () => {
    expect(run(custody([refine(119_149)]), { batches: [sc6] })).toEqual([]);
    expect(run(custody([refine(119_000)]), { batches: [sc6] }).length).toBe(1);
    const lenient = {
      ...DEFAULT_RULE_SET,
      thresholds: { ...DEFAULT_RULE_SET.thresholds, yield: { minRecovery: {} } },
    };
    expect(evaluateStatement(custody([refine(1)]), contextOf({ batches: [sc6] }), lenient)).toEqual([]);
  });
});

describe('LS-ASSAY-MISMATCH', () => {
  const hydroxide = batch('urn:batch:lot', 'co.hydroxide', 1_000_000, { Co: 300_000 });
  const assay = (Co: number): CustodyEvent => ({
    type: 'assay',
    id: 'urn:a',
    time: T0,
    batch: hydroxide.id,
    content: { Co },
  });

  it('fires when the measured content is more than 10 % off the declared', () => {
    const [finding] = run(custody([assay(335_000)]), { batches: [hydroxide] });
    expect(finding).toMatchObject({
      rule: 'LS-ASSAY-MISMATCH',
      subject: { kind: 'batch', id: hydroxide.id },
      evidence: { statements: ['a'.repeat(64), 'b'.repeat(64)] },
    });
    expect(rules(run(custody([assay(269_000)]), { batches: [hydroxide] }))).toEqual(['LS-ASSAY-MISMATCH']);
  });

  it('stays silent within the tolerance, and on elements never declared', () => {
    expect(run(custody([assay(330_000)]), { batches: [hydroxide] })).toEqual([]);
    const other: CustodyEvent = {
      type: 'assay',
      id: 'urn:a',
      time: T0,
      batch: hydroxide.id,
      content: { Ni: 9_000 },
    };
    expect(run(custody([other]), { batches: [hydroxide] })).toEqual([]);
  });
});

describe('LS-TRANSPORT-IMPLAUSIBLE', () => {
  // Sudbury → Osaka is about 10,500 km great-circle.
  const shipment = (mode?: string): ShipmentRecord => ({
    statement: 'c'.repeat(64),
    event: 'urn:event:ship',
    batch: 'urn:batch:lot',
    shipper: ACME,
    grams: 1_000,
    time: T0,
    fromFacility: CAN_REFINERY,
    toFacility: JPN_PLANT,
    ...(mode === undefined ? {} : { transportMode: mode }),
  });
  const receive = (hours: number): CustodyEvent => ({
    type: 'receive',
    id: 'urn:r',
    time: later(hours),
    batch: 'urn:batch:lot',
    facility: JPN_PLANT,
    grams: 1_000,
  });

  it('fires when a sea shipment arrives faster than 50 km/h', () => {
    const [finding] = run(custody([receive(100)]), { shipments: [shipment('sea')] });
    expect(finding).toMatchObject({
      rule: 'LS-TRANSPORT-IMPLAUSIBLE',
      subject: { kind: 'batch', id: 'urn:batch:lot' },
      evidence: {
        statements: ['a'.repeat(64), 'c'.repeat(64)],
        facts: { mode: 'sea', maxKmPerHour: 50, hours: 100 },
      },
    });
    expect(rules(run(custody([receive(100)]), { shipments: [shipment('1')] }))).toEqual([
      'LS-TRANSPORT-IMPLAUSIBLE',
    ]);
  });

  it('stays silent on a plausible voyage, and on air freight over the same hours', () => {
    expect(run(custody([receive(24 * 21)]), { shipments: [shipment('sea')] })).toEqual([]);
    expect(run(custody([receive(100)]), { shipments: [shipment('air')] })).toEqual([]);
    expect(run(custody([receive(100)]), { shipments: [shipment()] })).toEqual([]);
  });
});

describe('LS-UNKNOWN-ORIGIN', () => {
  const out = (undeclared: number): BatchRow =>
    batch(
      'urn:batch:out',
      'li.carbonate.battery',
      1_000,
      { Li: 188_000 },
      {
        composition: {
          Li: [
            [`industrial ${AUS_MINE}`, String(1000 - undeclared)],
            [`undeclared ${CAN_REFINERY}`, String(undeclared)],
          ],
        },
      },
    );
  const blend = transform({
    outputs: [
      { id: 'urn:batch:out', material: 'li.carbonate.battery', grams: 1_000, content: { Li: 188_000 } },
    ],
  });

  it('fires on a transform output with more than 25 % of undeclared origin', () => {
    const [finding] = run(custody([blend]), { batches: [out(251)] });
    expect(finding).toMatchObject({
      rule: 'LS-UNKNOWN-ORIGIN',
      severity: 'low',
      evidence: { facts: { elements: [{ element: 'Li', share: 0.251 }] } },
    });
  });

  it('stays silent at exactly 25 %, and on batches no transform created', () => {
    expect(run(custody([blend]), { batches: [out(250)] })).toEqual([]);
    const commission: CustodyEvent = {
      type: 'commission',
      id: 'urn:c',
      time: T0,
      facility: CAN_REFINERY,
      batch: {
        id: 'urn:batch:out',
        material: 'li.carbonate.battery',
        grams: 1_000,
        content: { Li: 188_000 },
      },
      custodyModel: 'segregated',
    };
    expect(run(custody([commission]), { batches: [out(1000)] })).toEqual([]);
  });
});

describe('LS-SINGLE-COUNTRY', () => {
  const cathode = (cod: number, material = 'cam.nmc811'): BatchRow =>
    batch(
      'urn:batch:out',
      material,
      1_000,
      { Ni: 480_000 },
      {
        composition: {
          Ni: [
            [`industrial ${CAN_MINE}`, String(1000 - cod)],
            [`industrial ${COD_MINE}`, String(cod)],
          ],
        },
      },
    );

  it('fires when one non-alliance country supplies more than 65 % of an element of a component', () => {
    const [finding] = run(custody([transform()]), { batches: [cathode(651)] });
    expect(finding).toMatchObject({
      rule: 'LS-SINGLE-COUNTRY',
      evidence: { facts: { elements: [{ element: 'Ni', country: 'COD', share: '651/1000' }] } },
    });
  });

  it('stays silent at 65 %, for alliance countries, and at stages not watched', () => {
    expect(run(custody([transform()]), { batches: [cathode(650)] })).toEqual([]);
    expect(run(custody([transform()]), { batches: [cathode(0)] })).toEqual([]);
    const refined = transform({
      outputs: [
        { id: 'urn:batch:out', material: 'ni.sulfate.battery', grams: 1_000, content: { Ni: 223_000 } },
      ],
    });
    expect(run(custody([refined]), { batches: [cathode(1000, 'ni.sulfate.battery')] })).toEqual([]);
  });
});

describe('LS-STRUCTURING', () => {
  const prior = (event: string, grams: number, daysAgo: number): ShipmentRecord => ({
    statement: event.padEnd(64, '0'),
    event,
    batch: `urn:batch:${event}`,
    shipper: ACME,
    grams,
    time: later(-24 * daysAgo),
    fromFacility: CAN_REFINERY,
    toFacility: JPN_PLANT,
  });
  const near = ship({ grams: 99_000_000, toFacility: JPN_PLANT });

  it('fires on the third shipment within 30 days just under 100 t', () => {
    const [finding, ...rest] = run(custody([near]), {
      shipments: [prior('1', 96_000_000, 20), prior('2', 95_000_000, 3)],
    });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'LS-STRUCTURING',
      subject: { kind: 'organization', id: ACME },
      evidence: { facts: { count: 3 } },
    });
    expect(finding!.evidence.statements).toEqual(['a'.repeat(64), '1'.padEnd(64, '0'), '2'.padEnd(64, '0')]);
  });

  it('counts the statement’s own shipments', () => {
    const three = [1, 2, 3].map((n) =>
      ship({ id: `urn:s${n}`, grams: 97_000_000, toFacility: JPN_PLANT, time: later(n) }),
    );
    expect(rules(run(custody(three)))).toEqual(['LS-STRUCTURING']);
  });

  it('stays silent at the threshold, below the margin, outside the window, or with one too few', () => {
    const two = [prior('1', 96_000_000, 20), prior('2', 95_000_000, 3)];
    expect(run(custody([ship({ grams: 100_000_000, toFacility: JPN_PLANT })]), { shipments: two })).toEqual(
      [],
    );
    expect(
      run(custody([near]), { shipments: [prior('1', 96_000_000, 20), prior('2', 94_999_999, 3)] }),
    ).toEqual([]);
    expect(
      run(custody([near]), { shipments: [prior('1', 96_000_000, 31), prior('2', 95_000_000, 3)] }),
    ).toEqual([]);
    expect(run(custody([near]), { shipments: [prior('2', 95_000_000, 3)] })).toEqual([]);
  });
});

describe('LS-REVOKED-UPSTREAM', () => {
  const sold = batch(
    'urn:batch:lot',
    'cam.nmc811',
    1_000,
    { Ni: 480_000 },
    {
      composition: {
        Ni: [
          [`industrial ${AUS_MINE}`, '100'],
          [`undeclared ${CAN_REFINERY}`, '900'],
        ],
      },
    },
  );
  const trade: CustodyEvent = { type: 'trade', id: 'urn:t', time: T0, batch: sold.id, buyer: BUYER };
  const revoked = (facility: string, at: string) => ({
    [facility]: [
      { certificate: 'urn:cert:1', statement: 'd'.repeat(64), revokedBy: 'e'.repeat(64), revokedAt: at },
    ],
  });

  it('fires on a trade of a batch whose origin mine has a certificate revoked by the trade time', () => {
    const [finding] = run(custody([trade]), { batches: [sold], revoked: revoked(AUS_MINE, later(-1)) });
    expect(finding).toMatchObject({
      rule: 'LS-REVOKED-UPSTREAM',
      subject: { kind: 'batch', id: sold.id },
      evidence: { statements: ['a'.repeat(64), 'b'.repeat(64), 'd'.repeat(64), 'e'.repeat(64)] },
    });
  });

  it('stays silent when the revocation comes after the trade, or concerns an undeclared origin', () => {
    expect(run(custody([trade]), { batches: [sold], revoked: revoked(AUS_MINE, later(1)) })).toEqual([]);
    expect(run(custody([trade]), { batches: [sold], revoked: revoked(CAN_REFINERY, later(-1)) })).toEqual([]);
  });
});

it('the fixtures are clean: a chain of ordinary events raises nothing', () => {
  expect(FACILITIES.length).toBe(6);
  const events = [extract(CAN_MINE), ship({ toFacility: JPN_PLANT }), transform()];
  expect(run(custody(events))).toEqual([]);
});
