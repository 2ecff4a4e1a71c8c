import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CrossBorderReceiptStatement, MAX_FOREIGN_JWS_LENGTH } from '../../model/index.js';
import type { InteropErrorCode } from '../errors.js';
import { assertSubjectMutationsSafe } from '../testing/subject-mutations.js';
import { CROSS_BORDER_RECEIPT_TYPE, LODESTONE_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import { MAX_RECEIPT_LENGTH } from './cross-border-receipt.js';
import { parseCredential } from './parse.js';
import { crossBorderReceiptCredential } from './trust-build.js';
import type { CredentialIssuerInput } from './wire.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const RECEIVER: CredentialIssuerInput = { id: 'did:web:cathodes.de.example', name: 'Cathode maker' };
const KID = `${RECEIVER.id}#key-1`;
const ID = 'urn:uuid:00000000-0000-4000-8000-00000000f00d';
const AT = '2025-05-02T14:30:00+02:00';
const S = '/credentialSubject';
/** The shape of a compact JWS; the parser never verifies it (the service does). */
const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6IngifQ.c2lnbmF0dXJl';
/** A receipt as the service writes one (src/service/receipt.ts): only its JSON shape matters here. */
const RECEIPT = {
  statement: 'ab'.repeat(32),
  entry: { v: 1, statement: 'ab'.repeat(32), registered: '2025-04-01T08:00:01.000Z' },
  index: 41,
  proof: ['47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
  checkpoint: 'lodestone.local/federation/can\n42\nAAAA\n\n— lodestone.local/federation/can abcd\n',
};

const RECEIPT_STATEMENT: CrossBorderReceiptStatement = {
  kind: 'cross-border-receipt',
  id: 'https://cathodes.de.example/events/arrival-1',
  time: AT,
  facility: 'https://cathodes.de.example/facility/plant',
  batch: 'https://refinery.example/batch/LCE-7',
  origin: 'lodestone.local/federation/can',
  shipment: { statement: JWS, receipt: RECEIPT, event: 'https://refinery.example/events/ship-9' },
  summary: { statement: JWS, receipt: { ...RECEIPT, index: 42 } },
};

const build = (receipt: CrossBorderReceiptStatement): Json =>
  structuredClone(crossBorderReceiptCredential(receipt, RECEIVER, { id: ID }));
const parse = (vc: unknown) => parseCredential(vc, { kid: KID });

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

/** A receipt nested `depth` objects deep. */
function nested(depth: number): Json {
  let receipt: Json = {};
  for (let i = 1; i < depth; i++) receipt = { a: receipt };
  return receipt;
}

describe('crossBorderReceiptCredential', () => {
  it('writes a CrossBorderReceipt: extension envelope, the event as subject id, validFrom the arrival time', () => {
    expect(build(RECEIPT_STATEMENT)).toEqual({
      '@context': [VC_V2_CONTEXT, LODESTONE_CONTEXT],
      type: ['VerifiableCredential', CROSS_BORDER_RECEIPT_TYPE],
      id: ID,
      issuer: RECEIVER,
      validFrom: AT,
      credentialSubject: {
        id: RECEIPT_STATEMENT.id,
        time: AT,
        facility: RECEIPT_STATEMENT.facility,
        batch: RECEIPT_STATEMENT.batch,
        origin: RECEIPT_STATEMENT.origin,
        shipment: RECEIPT_STATEMENT.shipment,
        summary: RECEIPT_STATEMENT.summary,
      },
    });
  });

  it('round-trips through the parser, its time the statement time', () => {
    expect(parse(build(RECEIPT_STATEMENT))).toEqual({
      issuer: RECEIVER.id,
      kid: KID,
      credentialId: ID,
      time: AT,
      body: RECEIPT_STATEMENT,
    });
  });

  it('takes a JWS of exactly the maximum length and a receipt at the maximum depth', () => {
    const long = `a.b.${'c'.repeat(MAX_FOREIGN_JWS_LENGTH - 4)}`;
    const receipt: CrossBorderReceiptStatement = {
      ...RECEIPT_STATEMENT,
      summary: { statement: long, receipt: nested(16) },
    };
    expect(parse(build(receipt)).body).toEqual(receipt);
  });

  it.each<[string, Partial<CrossBorderReceiptStatement>, string]>([
    // validFrom is the time, and the envelope is read first.
    ['a time that is not RFC 3339', { time: '2025-05-02 14:30' }, '/validFrom'],
    ['an event id that is not a URI', { id: 'arrival-1' }, `${S}/id`],
    ['a facility that is not a URI', { facility: 'plant' }, `${S}/facility`],
    ['an origin with a space', { origin: 'lodestone can' }, `${S}/origin`],
    [
      'a ship statement that is not a compact JWS',
      { shipment: { ...RECEIPT_STATEMENT.shipment, statement: 'a.b' } },
      `${S}/shipment/statement`,
    ],
    [
      'a summary receipt that is a list',
      { summary: { statement: JWS, receipt: [RECEIPT] } },
      `${S}/summary/receipt`,
    ],
    [
      'a ship receipt with a non-finite number',
      { shipment: { ...RECEIPT_STATEMENT.shipment, receipt: { index: Number.NaN } } },
      `${S}/shipment/receipt`,
    ],
  ])('refuses %s', (_, change, path) => {
    expectCode(
      () => crossBorderReceiptCredential({ ...RECEIPT_STATEMENT, ...change }, RECEIVER),
      'INTEROP_INVALID',
      path,
    );
  });
});

describe('parseCredential of a CrossBorderReceipt', () => {
  it.each<[string, (vc: Json) => void, string]>([
    ['an unknown subject property', (vc) => (vc.credentialSubject.note = 'x'), `${S}/note`],
    ['no subject id', (vc) => delete vc.credentialSubject.id, `${S}/id`],
    ['no time', (vc) => delete vc.credentialSubject.time, `${S}/time`],
    [
      'a time other than validFrom (even the same instant)',
      (vc) => (vc.credentialSubject.time = '2025-05-02T12:30:00Z'),
      `${S}/time`,
    ],
    ['no facility', (vc) => delete vc.credentialSubject.facility, `${S}/facility`],
    ['a batch that is not a URI', (vc) => (vc.credentialSubject.batch = 'LCE 7'), `${S}/batch`],
    ['an empty origin', (vc) => (vc.credentialSubject.origin = ''), `${S}/origin`],
    ['an origin with a plus', (vc) => (vc.credentialSubject.origin = 'a+b'), `${S}/origin`],
    ['an origin of two lines', (vc) => (vc.credentialSubject.origin = 'a\nb'), `${S}/origin`],
    ['an origin of 256 characters', (vc) => (vc.credentialSubject.origin = 'o'.repeat(256)), `${S}/origin`],
    ['a shipment that is text', (vc) => (vc.credentialSubject.shipment = JWS), `${S}/shipment`],
    [
      'a shipment with an unknown property',
      (vc) => (vc.credentialSubject.shipment.index = 3),
      `${S}/shipment/index`,
    ],
    ['a shipment without event', (vc) => delete vc.credentialSubject.shipment.event, `${S}/shipment/event`],
    [
      'a shipment event that is not a URI',
      (vc) => (vc.credentialSubject.shipment.event = 'ship 9'),
      `${S}/shipment/event`,
    ],
    [
      'a ship statement with padding',
      (vc) => (vc.credentialSubject.shipment.statement = `${JWS}=`),
      `${S}/shipment/statement`,
    ],
    [
      'a ship statement over the length bound',
      (vc) => (vc.credentialSubject.shipment.statement = `a.b.${'c'.repeat(MAX_FOREIGN_JWS_LENGTH)}`),
      `${S}/shipment/statement`,
    ],
    [
      'a ship receipt that is text',
      (vc) => (vc.credentialSubject.shipment.receipt = 'receipt'),
      `${S}/shipment/receipt`,
    ],
    [
      'a ship receipt that is null',
      (vc) => (vc.credentialSubject.shipment.receipt = null),
      `${S}/shipment/receipt`,
    ],
    [
      'a summary without receipt',
      (vc) => delete vc.credentialSubject.summary.receipt,
      `${S}/summary/receipt`,
    ],
    [
      'a summary with an event',
      (vc) => (vc.credentialSubject.summary.event = 'https://x.example/e'),
      `${S}/summary/event`,
    ],
    [
      'a summary statement that is a list',
      (vc) => (vc.credentialSubject.summary.statement = [JWS]),
      `${S}/summary/statement`,
    ],
    [
      'a summary receipt over the size bound',
      (vc) => (vc.credentialSubject.summary.receipt = { checkpoint: 'x'.repeat(MAX_RECEIPT_LENGTH) }),
      `${S}/summary/receipt`,
    ],
    [
      'a summary receipt nested too deep',
      (vc) => (vc.credentialSubject.summary.receipt = nested(17)),
      `${S}/summary/receipt`,
    ],
    [
      'a summary receipt holding a class instance',
      (vc) => (vc.credentialSubject.summary.receipt = { at: new Date(0) }),
      `${S}/summary/receipt`,
    ],
    ['no validFrom', (vc) => delete vc.validFrom, '/validFrom'],
    ['a validUntil', (vc) => (vc.validUntil = '2026-01-01T00:00:00Z'), '/validUntil'],
    ['a third type', (vc) => vc.type.push('ProvenanceSummary'), '/type'],
  ])('refuses %s', (_, mutate, path) => {
    const vc = build(RECEIPT_STATEMENT);
    mutate(vc);
    expectCode(() => parse(vc), 'INTEROP_INVALID', path);
  });
});

describe('parseCredential on random cross-border receipt subjects', () => {
  const field = fc.oneof(
    fc.constantFrom<unknown>(
      AT,
      'https://x.example/1',
      'lodestone.local/federation/usa',
      JWS,
      { statement: JWS, receipt: {} },
      { statement: JWS, receipt: {}, event: 'https://x.example/e' },
      null,
      7,
      [],
      {},
    ),
    fc.string({ maxLength: 8 }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const KEYS = [
    'id',
    'time',
    'facility',
    'batch',
    'origin',
    'shipment',
    'summary',
    'extra',
    '__proto__',
  ] as const;

  it('gives a valid statement or an InteropError with no cause, never another error', () => {
    assertSubjectMutationsSafe({ statements: [RECEIPT_STATEMENT], build, parse, keys: KEYS, field });
  });
});
