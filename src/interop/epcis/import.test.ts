import { describe, expect, it } from 'vitest';
import { EpcisError } from './errors.js';
import { importEpcis } from './import.js';
import type { ImportOptions, ImportResult } from './types.js';

const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const VOCAB = 'https://lodestone.example/vocab#';
const MINE = 'urn:epc:id:sgln:0614141.00001.0';
const PLANT = 'urn:epc:id:sgln:0614141.00002.0';
const LOT = 'urn:epc:class:lgtin:4012345.012345.998877';

type Event = Record<string, unknown>;

function documentOf(events: readonly Event[], context: unknown = [CONTEXT, { lodestone: VOCAB }]): Event {
  return {
    '@context': context,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2024-01-01T00:00:00Z',
    epcisBody: { eventList: events },
  };
}

const at = (extra: Event): Event => ({
  eventTime: '2024-03-01T08:00:00.000+01:00',
  eventTimeZoneOffset: '+01:00',
  ...extra,
});

const commissioning = (extra: Event = {}): Event =>
  at({
    type: 'ObjectEvent',
    eventID: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000001',
    action: 'ADD',
    bizStep: 'commissioning',
    quantityList: [{ epcClass: LOT, quantity: 2.5, uom: 'TNE' }],
    bizLocation: { id: MINE },
    ...extra,
  });

const LODESTONE_ILMD = {
  'lodestone:material': 'co.hydroxide',
  'lodestone:content': { 'lodestone:Co': 0.35 },
  'lodestone:custodyModel': 'segregated',
  'lodestone:extractionMethod': 'industrial',
};

function importOne(event: Event, options: ImportOptions = {}): ImportResult {
  const result = importEpcis(documentOf([event]), options);
  expect(result.events.length + result.skipped.length).toBe(1);
  return result;
}

/** The skip code and reason of the one event, or the mapped event. */
function outcome(event: Event, options: ImportOptions = {}): unknown {
  const { events, skipped } = importOne(event, options);
  return events[0] ?? { code: skipped[0]!.code, reason: skipped[0]!.reason };
}

function thrown(run: () => unknown): EpcisError {
  try {
    run();
  } catch (err) {
    if (err instanceof EpcisError) return err;
    throw err;
  }
  throw new Error('expected an EpcisError');
}

describe('importEpcis: commissioning', () => {
  it('is an extract at a mine, with the facts from lodestone: ILMD and the mass in exact grams', () => {
    expect(outcome(commissioning({ ilmd: LODESTONE_ILMD }), { mines: new Set([MINE]) })).toEqual({
      type: 'extract',
      id: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000001',
      time: '2024-03-01T08:00:00.000+01:00',
      facility: MINE,
      method: 'industrial',
      batch: { id: LOT, material: 'co.hydroxide', grams: 2500000, content: { Co: 350000 } },
      custodyModel: 'segregated',
    });
  });

  it('is a commission anywhere else (mines given as a function)', () => {
    const event = commissioning({ bizLocation: { id: PLANT }, ilmd: LODESTONE_ILMD });
    expect(outcome(event, { mines: (facility) => facility === MINE })).toMatchObject({
      type: 'commission',
      facility: PLANT,
    });
  });

  it('takes missing facts from the defaults', () => {
    const event = commissioning({ bizLocation: undefined, bizStep: 'creating_class_instance' });
    const defaults = {
      material: 'li.carbonate.battery',
      content: { Li: 188000 },
      facility: PLANT,
      custodyModel: 'mass-balance' as const,
    };
    expect(outcome(event, { defaults })).toMatchObject({
      type: 'commission',
      facility: PLANT,
      batch: { material: 'li.carbonate.battery', content: { Li: 188000 } },
      custodyModel: 'mass-balance',
    });
  });

  it('skips, naming both places, when neither document nor defaults state a fact', () => {
    const defaults = { material: 'co.hydroxide', content: { Co: 300000 } };
    expect(outcome(commissioning(), { defaults })).toEqual({
      code: 'missing-fact',
      reason: 'no custody model: neither ilmd lodestone:custodyModel nor options.defaults.custodyModel',
    });
    const atMine = { mines: new Set([MINE]), defaults: { ...defaults, custodyModel: 'segregated' as const } };
    expect(outcome(commissioning(), atMine)).toMatchObject({
      code: 'missing-fact',
      reason: /extraction method/,
    });
  });

  it('skips an unknown material or element rather than guessing', () => {
    const badMaterial = { ...LODESTONE_ILMD, 'lodestone:material': 'co.unobtainium' };
    expect(outcome(commissioning({ ilmd: badMaterial }))).toMatchObject({
      code: 'bad-fact',
      reason: /material code/,
    });
    const badElement = { ...LODESTONE_ILMD, 'lodestone:content': { 'lodestone:Xx': 0.1 } };
    expect(outcome(commissioning({ ilmd: badElement }))).toMatchObject({
      code: 'bad-fact',
      reason: /content/,
    });
    const bare = { ...LODESTONE_ILMD, 'lodestone:content': { Co: 0.35 } };
    expect(outcome(commissioning({ ilmd: bare }))).toMatchObject({ code: 'bad-fact', reason: /content/ });
    const overOne = { ...LODESTONE_ILMD, 'lodestone:content': { 'lodestone:Co': 1.5 } };
    expect(outcome(commissioning({ ilmd: overOne }))).toMatchObject({ code: 'bad-fact' });
  });
});

describe('importEpcis: quantities', () => {
  const withQuantity = (element: Event) => commissioning({ ilmd: LODESTONE_ILMD, quantityList: [element] });
  const gramsOf = (element: Event) =>
    (outcome(withQuantity(element)) as { batch: { grams: number } }).batch.grams;

  it('converts KGM, TNE and GRM to exact whole grams', () => {
    expect(gramsOf({ epcClass: LOT, quantity: 1.005, uom: 'KGM' })).toBe(1005);
    expect(gramsOf({ epcClass: LOT, quantity: 0.000001, uom: 'TNE' })).toBe(1);
    expect(gramsOf({ epcClass: LOT, quantity: 12, uom: 'GRM' })).toBe(12);
  });

  it.each([
    [{ epcClass: LOT, quantity: 0.0005, uom: 'KGM' }, /not a whole number of grams/],
    [{ epcClass: LOT, quantity: 3, uom: 'LTR' }, /"LTR", not a mass unit/],
    [{ epcClass: LOT, quantity: 3 }, /counts instances, not mass/],
    [{ epcClass: LOT, uom: 'KGM' }, /has no quantity/],
    [{ epcClass: LOT, quantity: 0, uom: 'KGM' }, /not a positive mass/],
    [{ epcClass: LOT, quantity: 1e13, uom: 'TNE' }, /below 2\^53/],
  ])('skips %j', (element, reason) => {
    expect(outcome(withQuantity(element))).toMatchObject({ code: 'bad-quantity', reason });
  });

  it('skips a commissioning of several batches: a canonical one creates exactly one', () => {
    const two = [
      { epcClass: LOT, quantity: 1, uom: 'KGM' },
      { epcClass: `${LOT}2`, quantity: 1, uom: 'KGM' },
    ];
    expect(outcome(commissioning({ ilmd: LODESTONE_ILMD, quantityList: two }))).toMatchObject({
      code: 'bad-quantity',
      reason: '2 quantity elements; a canonical commissioning names exactly one batch',
    });
  });

  it('skips events that name instances: their mass is unknown', () => {
    const withInstances = commissioning({
      ilmd: LODESTONE_ILMD,
      epcList: ['urn:epc:id:sgtin:4012345.011122.25'],
    });
    expect(outcome(withInstances)).toMatchObject({ code: 'not-mass', reason: /^epcList names instances/ });
    const instancesOnly = commissioning({
      quantityList: undefined,
      epcList: ['urn:epc:id:sgtin:4012345.011122.25'],
    });
    expect(outcome(instancesOnly)).toMatchObject({ code: 'not-mass' });
  });
});

describe('importEpcis: ship and receive', () => {
  const shipping = (extra: Event = {}): Event =>
    at({
      type: 'ObjectEvent',
      eventID: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000002',
      action: 'OBSERVE',
      bizStep: 'cbv:BizStep-shipping',
      quantityList: [{ epcClass: LOT, quantity: 200, uom: 'KGM' }],
      destinationList: [
        { type: 'owning_party', destination: 'did:web:buyer.example' },
        { type: 'https://ref.gs1.org/cbv/SDT-location', destination: PLANT },
      ],
      ...extra,
    });

  it('reads the recipient from owning_party when no possessing_party is given, CBV words in any form', () => {
    expect(outcome(shipping())).toEqual({
      type: 'ship',
      id: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000002',
      time: '2024-03-01T08:00:00.000+01:00',
      batch: LOT,
      grams: 200000,
      to: 'did:web:buyer.example',
      toFacility: PLANT,
    });
  });

  it('needs the destination facility: it is never defaulted', () => {
    const event = shipping({
      destinationList: [{ type: 'possessing_party', destination: 'did:web:b.example' }],
    });
    expect(outcome(event, { defaults: { facility: PLANT } })).toEqual({
      code: 'missing-fact',
      reason: 'no destination facility: neither destinationList location',
    });
  });

  it('maps receiving, the facility from the defaults when there is no bizLocation', () => {
    const event = at({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-receiving',
      quantityList: [{ epcClass: LOT, quantity: 199.5, uom: 'KGM' }],
    });
    expect(outcome(event, { defaults: { facility: PLANT } })).toMatchObject({
      type: 'receive',
      batch: LOT,
      facility: PLANT,
      grams: 199500,
    });
  });

  it('skips an observation with no Lodestone counterpart', () => {
    const event = shipping({ bizStep: 'storing' });
    expect(outcome(event)).toMatchObject({ code: 'unsupported-step', reason: /OBSERVE bizStep storing/ });
    expect(outcome(shipping({ action: 'DELETE' }))).toMatchObject({ code: 'unsupported-step' });
  });
});

describe('importEpcis: assay', () => {
  const inspecting = (reports: readonly Event[], extra: Event = {}): Event =>
    at({
      type: 'ObjectEvent',
      eventID: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000003',
      action: 'OBSERVE',
      bizStep: 'sampling',
      quantityList: [{ epcClass: LOT }],
      sensorElementList: [{ sensorReport: reports }],
      ...extra,
    });
  const cobalt = 'https://identifiers.org/inchi:InChI=1S/Co';

  it('reads element mass fractions in %, ppm or plain fractions, passing over other measurements', () => {
    const reports = [
      { type: 'Temperature', value: 21, uom: 'CEL' },
      { type: 'Dimensionless', chemicalSubstance: cobalt, value: 20.85, uom: 'P1' },
      { type: 'Dimensionless', chemicalSubstance: 'urn:x:InChI=1S/Ni', value: 0.00001, uom: 'C62' },
      {
        type: 'Dimensionless',
        chemicalSubstance: 'https://identifiers.org/inchikey:XYZ',
        value: 3,
        uom: '59',
      },
    ];
    const event = inspecting(reports, {
      certificationInfo: ['https://lab.example/c/1', 'https://lab.example/c/2'],
    });
    expect(outcome(event)).toEqual({
      type: 'assay',
      id: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000003',
      time: '2024-03-01T08:00:00.000+01:00',
      batch: LOT,
      content: { Co: 208500, Ni: 10 },
      certificate: 'https://lab.example/c/1',
    });
  });

  it('never takes an assay content from the defaults', () => {
    const event = inspecting([{ type: 'Temperature', value: 21, uom: 'CEL' }]);
    expect(outcome(event, { defaults: { content: { Co: 1 } } })).toMatchObject({ code: 'missing-fact' });
  });

  it('skips a fraction in a unit that is not one', () => {
    const event = inspecting([{ type: 'Dimensionless', chemicalSubstance: cobalt, value: 3, uom: 'KGM' }]);
    expect(outcome(event)).toMatchObject({ code: 'bad-fact', reason: /Co is measured in "KGM"/ });
    // A unit is looked up among the table's own keys: an inherited name is no unit.
    const inherited = inspecting([
      { type: 'Dimensionless', chemicalSubstance: cobalt, value: 3, uom: 'constructor' },
    ]);
    expect(outcome(inherited)).toMatchObject({
      code: 'bad-fact',
      reason: /"constructor", not a mass fraction/,
    });
  });
});

describe('importEpcis: transform and trade', () => {
  const transformation = (extra: Event = {}): Event =>
    at({
      type: 'TransformationEvent',
      eventID: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000004',
      inputQuantityList: [{ epcClass: LOT, quantity: 500, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: `${LOT}.out`, quantity: 452, uom: 'KGM' }],
      bizLocation: { id: PLANT },
      ...extra,
    });

  it('maps inputs and outputs, taking process and output facts from defaults, tolerance 0', () => {
    const defaults = {
      material: 'co.sulfate.battery',
      content: { Co: 209000 },
      process: 'refine' as const,
      custodyModel: 'controlled-blending' as const,
    };
    expect(outcome(transformation(), { defaults })).toEqual({
      type: 'transform',
      id: 'urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000004',
      time: '2024-03-01T08:00:00.000+01:00',
      facility: PLANT,
      process: 'refine',
      inputs: [{ batch: LOT, grams: 500000 }],
      outputs: [{ id: `${LOT}.out`, material: 'co.sulfate.battery', grams: 452000, content: { Co: 209000 } }],
      tolerancePpm: 0,
      custodyModel: 'controlled-blending',
    });
  });

  it('skips a transformation of instances', () => {
    const event = transformation({ inputEPCList: ['urn:epc:id:sgtin:4012345.011122.25'] });
    expect(outcome(event)).toMatchObject({ code: 'not-mass', reason: /^inputEPCList/ });
  });

  const transaction = (extra: Event = {}): Event =>
    at({
      type: 'TransactionEvent',
      action: 'ADD',
      bizTransactionList: [{ type: 'inv', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000005:1152' }],
      quantityList: [{ epcClass: LOT, quantity: 3, uom: 'EA' }],
      sourceList: [{ type: 'owning_party', source: 'did:web:seller.example' }],
      destinationList: [{ type: 'owning_party', destination: 'did:web:buyer.example' }],
      ...extra,
    });

  it('maps a TransactionEvent ADD to a trade; the quantity is not the trade’s business', () => {
    expect(outcome(transaction())).toMatchObject({
      type: 'trade',
      batch: LOT,
      buyer: 'did:web:buyer.example',
    });
  });

  it('skips a trade without a buyer, with a malformed price, or that is not ADD', () => {
    expect(outcome(transaction({ destinationList: [] }))).toMatchObject({
      code: 'missing-fact',
      reason: /buyer/,
    });
    const price = { 'lodestone:price': { 'lodestone:amount': '12,50', 'lodestone:currency': 'EUR' } };
    expect(outcome(transaction(price))).toMatchObject({ code: 'bad-fact', reason: /price/ });
    expect(outcome(transaction({ action: 'OBSERVE' }))).toMatchObject({ code: 'unsupported-step' });
  });
});

describe('importEpcis: events Lodestone does not model', () => {
  it('skips aggregation, association, extension types and error declarations', () => {
    const aggregation = at({
      type: 'AggregationEvent',
      action: 'OBSERVE',
      childEPCs: ['urn:epc:id:sgtin:1.2.3'],
    });
    const extension = at({ type: 'https://example.org/MyEvent' });
    const declared = commissioning({
      ilmd: LODESTONE_ILMD,
      errorDeclaration: { declarationTime: '2024-03-02T00:00:00Z', reason: 'incorrect_data' },
    });
    const { skipped } = importEpcis(documentOf([aggregation, extension, declared]));
    expect(skipped.map(({ index, type, code }) => ({ index, type, code }))).toEqual([
      { index: 0, type: 'AggregationEvent', code: 'unsupported-event-type' },
      { index: 1, type: 'https://example.org/MyEvent', code: 'unsupported-event-type' },
      { index: 2, type: 'ObjectEvent', code: 'error-declaration' },
    ]);
    expect(skipped[2]!.eventID).toBe('urn:uuid:6f0c8c1e-3a0b-4b36-9a39-000000000001');
  });
});

describe('importEpcis: the Lodestone vocabulary is recognised by IRI, not by spelling', () => {
  const ilmdWith = (prefix: string) =>
    Object.fromEntries(
      Object.entries(LODESTONE_ILMD).map(([key, value]) => [
        key.replace('lodestone:', prefix),
        key === 'lodestone:content' ? { [`${prefix}Co`]: 0.35 } : value,
      ]),
    );

  it('reads another prefix bound to the vocabulary, and absolute IRIs', () => {
    const viaPrefix = documentOf([commissioning({ ilmd: ilmdWith('ls:') })], [CONTEXT, { ls: VOCAB }]);
    expect(importEpcis(viaPrefix).events[0]).toMatchObject({ batch: { material: 'co.hydroxide' } });
    const viaIri = documentOf([commissioning({ ilmd: ilmdWith(VOCAB) })], CONTEXT);
    expect(importEpcis(viaIri).events[0]).toMatchObject({ batch: { content: { Co: 350000 } } });
  });

  it('ignores lodestone: fields when the document binds the prefix elsewhere', () => {
    const elsewhere = documentOf(
      [commissioning({ ilmd: LODESTONE_ILMD })],
      [CONTEXT, { lodestone: 'urn:x:' }],
    );
    expect(importEpcis(elsewhere).skipped[0]).toMatchObject({ code: 'missing-fact', reason: /material/ });
  });

  it('honours an event-level @context', () => {
    const event = { '@context': { ls: VOCAB }, ...commissioning({ ilmd: ilmdWith('ls:') }) };
    expect(importEpcis(documentOf([event], CONTEXT)).events).toHaveLength(1);
  });
});

describe('importEpcis: ids and documents', () => {
  it('derives a stable id from the document when an event has none', () => {
    const event = { ...commissioning({ ilmd: LODESTONE_ILMD }), eventID: undefined };
    const doc = documentOf([event, event]);
    const [first, second] = importEpcis(doc).events;
    expect(first!.id).toMatch(/^urn:lodestone:epcis:[0-9a-f]{64}:0$/);
    expect(second!.id).toBe(first!.id.replace(/:0$/, ':1'));
    expect(importEpcis(structuredClone(doc)).events[0]!.id).toBe(first!.id);
  });

  it('reads the event list of an EPCISQueryDocument', () => {
    const query = {
      '@context': [CONTEXT, { lodestone: VOCAB }],
      type: 'EPCISQueryDocument',
      schemaVersion: '2.0',
      creationDate: '2024-01-01T00:00:00Z',
      epcisBody: {
        queryResults: {
          queryName: 'SimpleEventQuery',
          resultsBody: { eventList: [commissioning({ ilmd: LODESTONE_ILMD })] },
        },
      },
    };
    expect(importEpcis(query).events).toHaveLength(1);
  });

  it('rejects a document that is not valid EPCIS 2.0, listing the schema errors', () => {
    const doc = documentOf([{ ...commissioning(), eventTimeZoneOffset: 'CET' }]);
    const err = thrown(() => importEpcis(doc));
    expect(err.code).toBe('EPCIS_INVALID_DOCUMENT');
    expect(err.errors.some((e) => e.startsWith('/epcisBody/eventList/0/eventTimeZoneOffset'))).toBe(true);
  });

  it('rejects a bare event, which the schema accepts but is no document', () => {
    const err = thrown(() => importEpcis({ '@context': CONTEXT, ...commissioning() }));
    expect(err.code).toBe('EPCIS_INVALID_DOCUMENT');
    expect(err.message).toMatch(/"ObjectEvent" is not an EPCISDocument/);
  });

  it('rejects malformed defaults as the caller’s error', () => {
    const err = thrown(() =>
      importEpcis(documentOf([]), { defaults: { material: 'nope', tolerancePpm: -1 } }),
    );
    expect(err.code).toBe('EPCIS_BAD_OPTIONS');
    expect(err.message).toBe(
      'bad import defaults: unknown material nope; tolerancePpm must be a non-negative integer',
    );
  });
});
