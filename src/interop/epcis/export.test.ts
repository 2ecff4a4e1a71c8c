import { describe, expect, it } from 'vitest';
import type { CustodyEvent } from '../../model/index.js';
import { EpcisError } from './errors.js';
import { exportEpcis } from './export.js';
import { expandEpcis } from './jsonld.js';
import { validateEpcis } from './schema.js';
import type { EpcisEvent } from './types.js';

const ACTOR = 'did:web:mine.example';
const STATEMENT = 'ab'.repeat(32);
const RECORDED = '2025-01-01T00:00:00Z';
const LOT = 'https://id.gs1.org/01/09506000134352/10/LOT1';

const EVENTS: Readonly<Record<CustodyEvent['type'], CustodyEvent>> = {
  extract: {
    type: 'extract',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    time: '2024-05-01T10:00:00+02:00',
    facility: 'https://example.org/mine/1',
    method: 'artisanal',
    custodyModel: 'segregated',
    batch: { id: LOT, material: 'co.hydroxide', grams: 1234567, content: { Co: 300000, Mn: 1234 } },
  },
  commission: {
    type: 'commission',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000002',
    time: '2024-05-01T11:00:00Z',
    facility: 'https://example.org/warehouse/1',
    custodyModel: 'mass-balance',
    batch: { id: 'urn:lot:opening', material: 'ni.mhp', grams: 5, content: {} },
  },
  ship: {
    type: 'ship',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000003',
    time: '2024-05-02T10:00:00Z',
    batch: LOT,
    grams: 1000,
    splitInto: 'urn:lot:split',
    to: 'did:web:refinery.example',
    toFacility: 'https://example.org/refinery/1',
    transportMode: 'sea',
    expectedArrival: '2024-06-01T00:00:00Z',
  },
  receive: {
    type: 'receive',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000004',
    time: '2024-05-03T10:00:00Z',
    batch: 'urn:lot:split',
    facility: 'https://example.org/refinery/1',
    grams: 999,
  },
  transform: {
    type: 'transform',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000005',
    time: '2024-05-04T10:00:00Z',
    facility: 'https://example.org/refinery/1',
    process: 'refine',
    inputs: [{ batch: 'urn:lot:split', grams: 999 }],
    outputs: [{ id: 'urn:lot:sulfate', material: 'co.sulfate.battery', grams: 500, content: { Co: 209000 } }],
    tolerancePpm: 500,
    custodyModel: 'controlled-blending',
  },
  assay: {
    type: 'assay',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000006',
    time: '2024-05-05T10:00:00Z',
    batch: 'urn:lot:sulfate',
    content: { Co: 208500, Ni: 10 },
    certificate: 'https://certifier.example/cert/1',
  },
  trade: {
    type: 'trade',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000007',
    time: '2024-05-06T10:00:00Z',
    batch: 'urn:lot:sulfate',
    buyer: 'did:web:oem.example',
    price: { amount: '1234.50', currency: 'USD' },
    incoterm: 'CIF',
  },
};

function exportOne(event: CustodyEvent): EpcisEvent {
  const doc = exportEpcis([{ event, actor: ACTOR, statement: STATEMENT, recordTime: RECORDED }], {
    creationDate: RECORDED,
  });
  return doc.epcisBody.eventList[0]!;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

const COMMON = { recordTime: RECORDED, 'lodestone:statement': STATEMENT, 'lodestone:actor': ACTOR };

describe('exportEpcis: the document', () => {
  it('is an EPCIS 2.0 JSON-LD EPCISDocument with the Lodestone prefix bound', () => {
    const doc = exportEpcis([], {
      creationDate: RECORDED,
      sender: 'did:web:a.example',
      receiver: 'did:web:b.example',
    });
    expect(doc).toEqual({
      '@context': [
        'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        { lodestone: 'https://lodestone.example/vocab#' },
      ],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: RECORDED,
      sender: 'did:web:a.example',
      receiver: 'did:web:b.example',
      epcisBody: { eventList: [] },
    });
  });

  it('validates against the EPCIS JSON schema and expands as JSON-LD in safe mode, all kinds together', async () => {
    const doc = exportEpcis(
      Object.values(EVENTS).map((event) => ({
        event,
        actor: ACTOR,
        statement: STATEMENT,
        recordTime: RECORDED,
      })),
      { creationDate: RECORDED },
    );
    expect(validateEpcis(doc)).toEqual({ ok: true, errors: [] });
    const expanded = JSON.stringify(await expandEpcis(doc));
    // Safe mode would have thrown on any dropped term; spot-check that extension data survived as IRIs.
    expect(expanded).toContain('"https://lodestone.example/vocab#Co":[{"@value":0.3}]');
    expect(expanded).toContain('"https://ref.gs1.org/cbv/BizStep-commissioning"');
    expect(expanded).toContain('"@id":"https://identifiers.org/inchi:InChI=1S/Co"');
  });
});

describe('exportEpcis: one event of each kind', () => {
  it('extract → ObjectEvent ADD commissioning, batch facts in ILMD, kilograms exact', () => {
    expect(exportOne(EVENTS.extract)).toEqual({
      type: 'ObjectEvent',
      eventTime: '2024-05-01T10:00:00+02:00',
      eventTimeZoneOffset: '+02:00',
      eventID: EVENTS.extract.id,
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      quantityList: [{ epcClass: LOT, quantity: 1234.567, uom: 'KGM' }],
      bizLocation: { id: 'https://example.org/mine/1' },
      ilmd: {
        'lodestone:material': 'co.hydroxide',
        'lodestone:content': { 'lodestone:Co': 0.3, 'lodestone:Mn': 0.001234 },
        'lodestone:custodyModel': 'segregated',
        'lodestone:extractionMethod': 'artisanal',
      },
      ...COMMON,
    });
  });

  it('commission → the same without an extraction method', () => {
    const event = exportOne(EVENTS.commission);
    expect(event['ilmd']).toEqual({
      'lodestone:material': 'ni.mhp',
      'lodestone:content': {},
      'lodestone:custodyModel': 'mass-balance',
    });
    expect(event['quantityList']).toEqual([{ epcClass: 'urn:lot:opening', quantity: 0.005, uom: 'KGM' }]);
  });

  it('ship → ObjectEvent OBSERVE shipping in_transit, custodian to recipient', () => {
    expect(exportOne(EVENTS.ship)).toEqual({
      type: 'ObjectEvent',
      eventTime: '2024-05-02T10:00:00Z',
      eventTimeZoneOffset: '+00:00',
      eventID: EVENTS.ship.id,
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      quantityList: [{ epcClass: LOT, quantity: 1, uom: 'KGM' }],
      sourceList: [{ type: 'possessing_party', source: ACTOR }],
      destinationList: [
        { type: 'possessing_party', destination: 'did:web:refinery.example' },
        { type: 'location', destination: 'https://example.org/refinery/1' },
      ],
      'lodestone:splitInto': 'urn:lot:split',
      'lodestone:transportMode': 'sea',
      'lodestone:expectedArrival': '2024-06-01T00:00:00Z',
      ...COMMON,
    });
  });

  it('receive → ObjectEvent OBSERVE receiving in_progress at the facility', () => {
    expect(exportOne(EVENTS.receive)).toMatchObject({
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      quantityList: [{ epcClass: 'urn:lot:split', quantity: 0.999, uom: 'KGM' }],
      bizLocation: { id: 'https://example.org/refinery/1' },
    });
  });

  it('transform → TransformationEvent, outputs described in ILMD by batch id', () => {
    expect(exportOne(EVENTS.transform)).toEqual({
      type: 'TransformationEvent',
      eventTime: '2024-05-04T10:00:00Z',
      eventTimeZoneOffset: '+00:00',
      eventID: EVENTS.transform.id,
      inputQuantityList: [{ epcClass: 'urn:lot:split', quantity: 0.999, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: 'urn:lot:sulfate', quantity: 0.5, uom: 'KGM' }],
      bizStep: 'commissioning',
      disposition: 'active',
      bizLocation: { id: 'https://example.org/refinery/1' },
      ilmd: {
        'lodestone:custodyModel': 'controlled-blending',
        'lodestone:outputs': [
          {
            id: 'urn:lot:sulfate',
            'lodestone:material': 'co.sulfate.battery',
            'lodestone:content': { 'lodestone:Co': 0.209 },
          },
        ],
      },
      'lodestone:process': 'refine',
      'lodestone:tolerancePpm': 500,
      ...COMMON,
    });
  });

  it('assay → ObjectEvent OBSERVE inspecting, one sensor report per element in ppm, certificate', () => {
    expect(exportOne(EVENTS.assay)).toMatchObject({
      action: 'OBSERVE',
      bizStep: 'inspecting',
      quantityList: [{ epcClass: 'urn:lot:sulfate' }],
      sensorElementList: [
        {
          sensorReport: [
            {
              type: 'Dimensionless',
              chemicalSubstance: 'https://identifiers.org/inchi:InChI=1S/Co',
              value: 208500,
              uom: '59',
            },
            {
              type: 'Dimensionless',
              chemicalSubstance: 'https://identifiers.org/inchi:InChI=1S/Ni',
              value: 10,
              uom: '59',
            },
          ],
        },
      ],
      certificationInfo: 'https://certifier.example/cert/1',
    });
  });

  it('trade → TransactionEvent ADD under a purchase order, owning parties', () => {
    expect(exportOne(EVENTS.trade)).toMatchObject({
      type: 'TransactionEvent',
      action: 'ADD',
      bizTransactionList: [{ type: 'po', bizTransaction: EVENTS.trade.id }],
      quantityList: [{ epcClass: 'urn:lot:sulfate' }],
      sourceList: [{ type: 'owning_party', source: ACTOR }],
      destinationList: [{ type: 'owning_party', destination: 'did:web:oem.example' }],
      'lodestone:price': { 'lodestone:amount': '1234.50', 'lodestone:currency': 'USD' },
      'lodestone:incoterm': 'CIF',
    });
  });
});

describe('exportEpcis: edge cases', () => {
  it('writes a mass of 10^15 g or more in grams, where no kilogram double is exact', () => {
    const event = exportOne({ ...EVENTS.receive, grams: 9007199254740991 } as CustodyEvent);
    expect(event['quantityList']).toEqual([
      { epcClass: 'urn:lot:split', quantity: 9007199254740991, uom: 'GRM' },
    ]);
  });

  it('carries an id that is not a URI as lodestone:id, and hashes it into the transaction URI', () => {
    const event = exportOne({ ...EVENTS.trade, id: 'trade 7' } as CustodyEvent);
    expect(event['eventID']).toBeUndefined();
    expect(event['lodestone:id']).toBe('trade 7');
    expect(event['bizTransactionList']).toEqual([
      { type: 'po', bizTransaction: expect.stringMatching(/^urn:lodestone:trade:[0-9a-f]{64}$/) },
    ]);
  });

  it('carries a certificate that is not a URI as lodestone:certificate', () => {
    const event = exportOne({ ...EVENTS.assay, certificate: 'cert 9' } as CustodyEvent);
    expect(event['certificationInfo']).toBeUndefined();
    expect(event['lodestone:certificate']).toBe('cert 9');
  });

  it('refuses events EPCIS cannot express, with the schema errors', () => {
    const attempt = (event: CustodyEvent) => () => exportOne(event);
    expect(attempt({ ...EVENTS.receive, batch: 'lot 7' } as CustodyEvent)).toThrow(EpcisError);
    expect(attempt({ ...EVENTS.receive, time: 'yesterday' } as CustodyEvent)).toThrow(/eventTime/);
    expect(attempt({ ...EVENTS.receive, grams: 1.5 } as CustodyEvent)).toThrow(/whole number of grams/);
    expect(attempt({ ...EVENTS.transform, outputs: [] } as CustodyEvent)).toThrow(EpcisError);
    const err = thrown(attempt({ ...EVENTS.receive, batch: 'lot 7' } as CustodyEvent));
    expect(err).toBeInstanceOf(EpcisError);
    expect((err as EpcisError).code).toBe('EPCIS_NOT_EXPRESSIBLE');
    expect((err as EpcisError).errors).toContain(
      '/epcisBody/eventList/0/quantityList/0/epcClass must match format "uri"',
    );
  });
});
