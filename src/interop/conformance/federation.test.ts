import { describe, expect, it } from 'vitest';
import {
  type CrossBorderReceiptStatement,
  FACILITY_KINDS,
  type ProvenanceSummaryStatement,
} from '../../model/index.js';
import { crossBorderReceiptCredential, provenanceSummaryCredential } from '../untp/trust-build.js';
import { readJsonAsset } from './assets.js';
import { validateCredential } from './validate.js';

/**
 * Conformance of the cross-border custody credentials: a built ProvenanceSummary and CrossBorderReceipt pass
 * the W3C VC 2.0 schema, their Lodestone schemas and safe-mode JSON-LD expansion with the offline loader;
 * the schemas refuse what the parser refuses, and the terms expand only inside their own types.
 */

// biome-ignore lint/suspicious/noExplicitAny: tests poke wrong shapes into credential JSON.
type Json = any;

const OPERATOR = { id: 'did:web:node.can.example', name: 'Canadian node operator' };
const RECEIVER = { id: 'did:web:cathodes.de.example', name: 'Cathode maker' };
const MINE = 'https://mines.example/facility/north';
const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6IngifQ.c2lnbmF0dXJl';

const SUMMARY: ProvenanceSummaryStatement = {
  kind: 'provenance-summary',
  batch: 'https://refinery.example/batch/LCE-7',
  material: 'lithium-carbonate',
  grams: 1_000_000,
  content: { Li: 187_900, C: 162_500, O: 649_600 },
  composition: { Li: [[`industrial ${MINE}`, '187900000000']] },
  origins: [{ facility: MINE, name: 'North mine', country: 'CAN', facilityKind: 'mine' }],
  shipment: 'c'.repeat(64),
};
const RECEIPT: CrossBorderReceiptStatement = {
  kind: 'cross-border-receipt',
  id: 'https://cathodes.de.example/events/arrival-1',
  time: '2025-05-02T14:30:00Z',
  facility: 'https://cathodes.de.example/facility/plant',
  batch: SUMMARY.batch,
  origin: 'lodestone.local/federation/can',
  shipment: {
    statement: JWS,
    receipt: { index: 41, proof: ['AAAA'], checkpoint: 'lodestone.local/federation/can\n42\nAAAA\n' },
    event: 'https://refinery.example/events/ship-9',
  },
  summary: { statement: JWS, receipt: { index: 42, 'odd key': { '@id': 'not JSON-LD' } } },
};

const summary = (): Json =>
  structuredClone(provenanceSummaryCredential(SUMMARY, OPERATOR, { validFrom: '2025-04-01T08:00:00Z' }));
const receipt = (): Json => structuredClone(crossBorderReceiptCredential(RECEIPT, RECEIVER));

describe('validateCredential of a ProvenanceSummary and a CrossBorderReceipt', () => {
  it.each([
    ['ProvenanceSummary', summary],
    ['CrossBorderReceipt', receipt],
  ])('a built %s passes the schemas and expands as JSON-LD', async (_, build) => {
    expect(await validateCredential(build())).toEqual({ ok: true, errors: [] });
  });

  it('lists exactly the model’s facility kinds in the summary schema', () => {
    const schema = readJsonAsset('schemas/lodestone/provenance-summary-schema.json') as Json;
    const origin = schema.properties.credentialSubject.properties.origins.items;
    expect(origin.properties.facilityKind.enum).toEqual(FACILITY_KINDS);
  });

  it.each<[string, () => Json, (vc: Json) => void, RegExp]>([
    [
      'zero grams',
      summary,
      (vc) => (vc.credentialSubject.grams = 0),
      /^ProvenanceSummary schema: \/credentialSubject\/grams/,
    ],
    [
      'micrograms with a leading zero',
      summary,
      (vc) => (vc.credentialSubject.composition.Li[0][1] = '01'),
      /^ProvenanceSummary schema: \/credentialSubject\/composition\/Li\/0\/1/,
    ],
    [
      'a composition row of three items',
      summary,
      (vc) => vc.credentialSubject.composition.Li[0].push('1'),
      /^ProvenanceSummary schema: \/credentialSubject\/composition\/Li\/0/,
    ],
    [
      'an upper-case shipment id',
      summary,
      (vc) => (vc.credentialSubject.shipment = 'C'.repeat(64)),
      /^ProvenanceSummary schema: \/credentialSubject\/shipment/,
    ],
    [
      'an origin without a country',
      summary,
      (vc) => delete vc.credentialSubject.origins[0].country,
      /^ProvenanceSummary schema: \/credentialSubject\/origins\/0 must have required property 'country'/,
    ],
    [
      'a ship statement that is not a compact JWS',
      receipt,
      (vc) => (vc.credentialSubject.shipment.statement = 'a.b'),
      /^CrossBorderReceipt schema: \/credentialSubject\/shipment\/statement/,
    ],
    [
      'a summary receipt that is a list',
      receipt,
      (vc) => (vc.credentialSubject.summary.receipt = []),
      /^CrossBorderReceipt schema: \/credentialSubject\/summary\/receipt/,
    ],
    [
      'a shipment without event',
      receipt,
      (vc) => delete vc.credentialSubject.shipment.event,
      /^CrossBorderReceipt schema: \/credentialSubject\/shipment must have required property 'event'/,
    ],
    [
      'an origin with a space',
      receipt,
      (vc) => (vc.credentialSubject.origin = 'lodestone can'),
      /^CrossBorderReceipt schema: \/credentialSubject\/origin/,
    ],
  ])('fails its schema with %s', async (_, build, mutate, error) => {
    const vc = build();
    mutate(vc);
    const result = await validateCredential(vc);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expect.stringMatching(error));
  });

  it('expands the summary terms only inside a ProvenanceSummary', async () => {
    const vc = summary();
    vc.type = ['VerifiableCredential', 'ComplianceCaseAction'];
    expect((await validateCredential(vc)).errors).toContainEqual(
      expect.stringMatching(
        /^JSON-LD: invalid property \{"property":"(grams|content|composition|origins|shipment)"/,
      ),
    );
  });

  it('expands the receipt terms only inside a CrossBorderReceipt', async () => {
    const vc = receipt();
    vc.type = ['VerifiableCredential', 'ProvenanceSummary'];
    expect((await validateCredential(vc)).errors).toContainEqual(
      expect.stringMatching(/^JSON-LD: invalid property \{"property":"(time|facility|batch|origin|summary)"/),
    );
  });
});
