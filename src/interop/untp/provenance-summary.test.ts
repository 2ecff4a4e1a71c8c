import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SUMMARY_ELEMENTS,
  MAX_SUMMARY_ORIGINS,
  MAX_SUMMARY_PAIRS,
  type ProvenanceSummaryStatement,
} from '../../model/index.js';
import type { InteropErrorCode } from '../errors.js';
import { assertSubjectMutationsSafe } from '../testing/subject-mutations.js';
import { LODESTONE_CONTEXT, PROVENANCE_SUMMARY_TYPE, VC_V2_CONTEXT } from './contexts.js';
import { parseCredential } from './parse.js';
import { provenanceSummaryCredential } from './trust-build.js';
import type { CredentialIssuerInput } from './wire.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const OPERATOR: CredentialIssuerInput = { id: 'did:web:node.can.example', name: 'Canadian node operator' };
const KID = `${OPERATOR.id}#key-1`;
const ID = 'urn:uuid:00000000-0000-4000-8000-00000000beef';
const AT = '2025-04-01T08:00:00Z';
const S = '/credentialSubject';
const MINE = 'https://mines.example/facility/north';
const DEPOT = 'https://trader.example/facility/depot';

const SUMMARY: ProvenanceSummaryStatement = {
  kind: 'provenance-summary',
  batch: 'https://refinery.example/batch/LCE-7',
  material: 'lithium-carbonate',
  grams: 1_000_000,
  content: { Li: 187_900, C: 162_500, O: 649_600 },
  composition: {
    Li: [
      [`artisanal ${MINE}`, '12000000000'],
      [`industrial ${MINE}`, '175900000000'],
      [`undeclared ${DEPOT}`, '0'],
    ],
    C: [[`industrial ${MINE}`, '162500000000']],
  },
  origins: [
    { facility: MINE, name: 'North mine', country: 'CAN', facilityKind: 'mine' },
    { facility: DEPOT, name: 'Depot', country: 'USA', facilityKind: 'trader' },
  ],
  shipment: '0123456789abcdef'.repeat(4),
};

const build = (summary: ProvenanceSummaryStatement): Json =>
  structuredClone(provenanceSummaryCredential(summary, OPERATOR, { id: ID, validFrom: AT }));
const parse = (vc: unknown) => parseCredential(vc, { kid: KID });

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

describe('provenanceSummaryCredential', () => {
  it('writes a ProvenanceSummary: extension envelope, the batch as subject id, validFrom the time', () => {
    expect(build(SUMMARY)).toEqual({
      '@context': [VC_V2_CONTEXT, LODESTONE_CONTEXT],
      type: ['VerifiableCredential', PROVENANCE_SUMMARY_TYPE],
      id: ID,
      issuer: OPERATOR,
      validFrom: AT,
      credentialSubject: {
        id: SUMMARY.batch,
        material: SUMMARY.material,
        grams: SUMMARY.grams,
        content: SUMMARY.content,
        composition: SUMMARY.composition,
        origins: [
          { id: MINE, name: 'North mine', country: 'CAN', facilityKind: 'mine' },
          { id: DEPOT, name: 'Depot', country: 'USA', facilityKind: 'trader' },
        ],
        shipment: SUMMARY.shipment,
      },
    });
  });

  it('round-trips through the parser', () => {
    expect(parse(build(SUMMARY))).toEqual({
      issuer: OPERATOR.id,
      kid: KID,
      credentialId: ID,
      time: AT,
      body: SUMMARY,
    });
  });

  it('round-trips an empty composition and origin list, and 30-digit micrograms', () => {
    const bare: ProvenanceSummaryStatement = { ...SUMMARY, content: {}, composition: {}, origins: [] };
    expect(parse(build(bare)).body).toEqual(bare);
    const big: ProvenanceSummaryStatement = {
      ...SUMMARY,
      composition: { Li: [[`industrial ${MINE}`, '9'.repeat(30)]] },
    };
    expect(parse(build(big)).body).toEqual(big);
  });

  it('defaults validFrom to now', () => {
    const before = Date.now();
    const vc = provenanceSummaryCredential(SUMMARY, OPERATOR);
    expect(Date.parse(vc.validFrom ?? '')).toBeGreaterThanOrEqual(before - 1);
    expect(vc.id).toMatch(/^urn:uuid:/);
  });

  it.each<[string, Partial<ProvenanceSummaryStatement>, InteropErrorCode, string]>([
    ['a batch that is not a URI', { batch: 'LCE-7' }, 'INTEROP_INVALID', `${S}/id`],
    ['no material', { material: '' }, 'INTEROP_INVALID', `${S}/material`],
    ['zero grams', { grams: 0 }, 'INTEROP_BAD_QUANTITY', `${S}/grams`],
    ['fractional grams', { grams: 1.5 }, 'INTEROP_BAD_QUANTITY', `${S}/grams`],
    ['grams beyond 2^53', { grams: 2 ** 53 }, 'INTEROP_BAD_QUANTITY', `${S}/grams`],
    ['ppm over a million', { content: { Li: 1_000_001 } }, 'INTEROP_BAD_CONTENT', `${S}/content/Li`],
    ['negative ppm', { content: { Li: -1 } }, 'INTEROP_BAD_CONTENT', `${S}/content/Li`],
    ['a short shipment id', { shipment: 'abc' }, 'INTEROP_INVALID', `${S}/shipment`],
    ['an upper-case shipment id', { shipment: 'A'.repeat(64) }, 'INTEROP_INVALID', `${S}/shipment`],
    [
      'origin keys out of order',
      {
        composition: {
          Li: [
            [`industrial ${MINE}`, '1'],
            [`artisanal ${MINE}`, '1'],
          ],
        },
      },
      'INTEROP_INVALID',
      `${S}/composition/Li/1/0`,
    ],
    [
      'an origin key twice',
      {
        composition: {
          Li: [
            [`industrial ${MINE}`, '1'],
            [`industrial ${MINE}`, '2'],
          ],
        },
      },
      'INTEROP_INVALID',
      `${S}/composition/Li/1/0`,
    ],
    [
      'an origin facility twice',
      { origins: [SUMMARY.origins[0], SUMMARY.origins[0]] as ProvenanceSummaryStatement['origins'] },
      'INTEROP_INVALID',
      `${S}/origins/1`,
    ],
  ])('refuses %s', (_, change, code, path) => {
    expectCode(() => provenanceSummaryCredential({ ...SUMMARY, ...change }, OPERATOR), code, path);
  });
});

describe('parseCredential of a ProvenanceSummary', () => {
  const pairs = (n: number) =>
    Array.from({ length: n }, (_, i) => [`industrial https://m.example/${String(i).padStart(4, '0')}`, '1']);
  it.each<[string, (vc: Json) => void, InteropErrorCode, string]>([
    [
      'an unknown subject property',
      (vc) => (vc.credentialSubject.note = 'x'),
      'INTEROP_INVALID',
      `${S}/note`,
    ],
    ['no subject id', (vc) => delete vc.credentialSubject.id, 'INTEROP_INVALID', `${S}/id`],
    ['no material', (vc) => delete vc.credentialSubject.material, 'INTEROP_INVALID', `${S}/material`],
    ['grams as text', (vc) => (vc.credentialSubject.grams = '5'), 'INTEROP_BAD_QUANTITY', `${S}/grams`],
    ['negative grams', (vc) => (vc.credentialSubject.grams = -5), 'INTEROP_BAD_QUANTITY', `${S}/grams`],
    ['content as a list', (vc) => (vc.credentialSubject.content = []), 'INTEROP_INVALID', `${S}/content`],
    [
      'an unknown element in content',
      (vc) => (vc.credentialSubject.content.Xx = 5),
      'INTEROP_BAD_CONTENT',
      `${S}/content/Xx`,
    ],
    [
      'a content fraction (the DTE wire form)',
      (vc) => (vc.credentialSubject.content.Li = 0.1879),
      'INTEROP_BAD_CONTENT',
      `${S}/content/Li`,
    ],
    [
      'an unknown element in composition',
      (vc) => (vc.credentialSubject.composition.Xx = []),
      'INTEROP_BAD_CONTENT',
      `${S}/composition/Xx`,
    ],
    [
      'a composition row that is not a pair',
      (vc) => vc.credentialSubject.composition.C[0].push('1'),
      'INTEROP_INVALID',
      `${S}/composition/C/0`,
    ],
    [
      'an origin key with an unknown method',
      (vc) => (vc.credentialSubject.composition.C[0][0] = `mined ${MINE}`),
      'INTEROP_INVALID',
      `${S}/composition/C/0/0`,
    ],
    [
      'an origin key without a URI',
      (vc) => (vc.credentialSubject.composition.C[0][0] = 'industrial north mine'),
      'INTEROP_INVALID',
      `${S}/composition/C/0/0`,
    ],
    [
      'micrograms as a number',
      (vc) => (vc.credentialSubject.composition.C[0][1] = 162500000000),
      'INTEROP_INVALID',
      `${S}/composition/C/0/1`,
    ],
    [
      'micrograms with a leading zero',
      (vc) => (vc.credentialSubject.composition.C[0][1] = '01'),
      'INTEROP_INVALID',
      `${S}/composition/C/0/1`,
    ],
    [
      'micrograms of 31 digits',
      (vc) => (vc.credentialSubject.composition.C[0][1] = '1'.repeat(31)),
      'INTEROP_INVALID',
      `${S}/composition/C/0/1`,
    ],
    [
      'negative micrograms',
      (vc) => (vc.credentialSubject.composition.C[0][1] = '-1'),
      'INTEROP_INVALID',
      `${S}/composition/C/0/1`,
    ],
    [
      `more than ${MAX_SUMMARY_PAIRS} pairs for an element`,
      (vc) => (vc.credentialSubject.composition.C = pairs(MAX_SUMMARY_PAIRS + 1)),
      'INTEROP_INVALID',
      `${S}/composition/C`,
    ],
    [
      `more than ${MAX_SUMMARY_ORIGINS} origins`,
      (vc) =>
        (vc.credentialSubject.origins = Array.from({ length: MAX_SUMMARY_ORIGINS + 1 }, (_, i) => ({
          id: `https://m.example/${i}`,
          name: 'M',
          country: 'CAN',
          facilityKind: 'mine',
        }))),
      'INTEROP_INVALID',
      `${S}/origins`,
    ],
    [
      'an origin with an unknown property',
      (vc) => (vc.credentialSubject.origins[0].operator = 'did:web:x.example'),
      'INTEROP_INVALID',
      `${S}/origins/0/operator`,
    ],
    [
      'an origin id that is not a URI',
      (vc) => (vc.credentialSubject.origins[0].id = 'north'),
      'INTEROP_INVALID',
      `${S}/origins/0/id`,
    ],
    [
      'an origin without a name',
      (vc) => delete vc.credentialSubject.origins[0].name,
      'INTEROP_INVALID',
      `${S}/origins/0/name`,
    ],
    [
      'an alpha-2 origin country',
      (vc) => (vc.credentialSubject.origins[0].country = 'CA'),
      'INTEROP_INVALID',
      `${S}/origins/0/country`,
    ],
    [
      'an unknown facility kind',
      (vc) => (vc.credentialSubject.origins[1].facilityKind = 'port'),
      'INTEROP_INVALID',
      `${S}/origins/1/facilityKind`,
    ],
    ['no shipment', (vc) => delete vc.credentialSubject.shipment, 'INTEROP_INVALID', `${S}/shipment`],
    ['no validFrom', (vc) => delete vc.validFrom, 'INTEROP_INVALID', '/validFrom'],
    ['a third type', (vc) => vc.type.push('CrossBorderReceipt'), 'INTEROP_INVALID', '/type'],
    ['no Lodestone context', (vc) => vc['@context'].pop(), 'INTEROP_INVALID', '/@context'],
  ])('refuses %s', (_, mutate, code, path) => {
    const vc = build(SUMMARY);
    mutate(vc);
    expectCode(() => parse(vc), code, path);
  });

  it(`refuses a composition of more than ${MAX_SUMMARY_ELEMENTS} elements`, () => {
    const vc = build(SUMMARY);
    // The count is checked before the symbols: the bound holds whatever the keys are.
    const many: Record<string, unknown> = {};
    for (let i = 0; i <= MAX_SUMMARY_ELEMENTS; i++) many[`E${i}`] = [];
    vc.credentialSubject.composition = many;
    expectCode(() => parse(vc), 'INTEROP_INVALID', `${S}/composition`);
  });
});

describe('parseCredential on random provenance summary subjects', () => {
  const field = fc.oneof(
    fc.constantFrom<unknown>(
      'https://b.example/1',
      'lithium-carbonate',
      'a'.repeat(64),
      1,
      0,
      -1,
      1.5,
      null,
      [],
      {},
      { Li: 5 },
      { Li: [[`industrial ${MINE}`, '7']] },
      [{ id: MINE, name: 'M', country: 'CAN', facilityKind: 'mine' }],
    ),
    fc.string({ maxLength: 8 }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const KEYS = [
    'id',
    'material',
    'grams',
    'content',
    'composition',
    'origins',
    'shipment',
    'extra',
    '__proto__',
  ] as const;

  it('gives a valid statement or an InteropError with no cause, never another error', () => {
    assertSubjectMutationsSafe({ statements: [SUMMARY], build, parse, keys: KEYS, field });
  });
});
