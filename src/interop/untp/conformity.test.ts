import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificateStatement } from '../../model/index.js';
import type { InteropErrorCode } from '../errors.js';
import { CONFORMITY_KIND } from './envelope.js';
import {
  ASSAY_CERTIFICATE,
  CERTIFICATE,
  CERTIFIER,
  exampleCredentials,
  LAB,
  REFINER_CO,
} from './examples.js';
import { parseCredential } from './parse.js';
import { conformityCredential } from './trust-build.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const examples = exampleCredentials();
const certificate = (): Json => structuredClone(examples['certificate']);
const assay = (): Json => structuredClone(examples['assay-certificate']);
const KID = `${CERTIFIER.id}#key-1`;
const LAB_KID = `${LAB.id}#key-1`;
const S = '/credentialSubject';
const A = '/credentialSubject/assessment/0';

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

const bodyOf = (vc: Json, kid = KID): unknown => parseCredential(vc, { kid }).body;

describe('parseCredential of a DigitalConformityCredential', () => {
  it('gives back the certificate, timed by validFrom, with its status entries', () => {
    expect(parseCredential(certificate(), { kid: KID })).toEqual({
      issuer: CERTIFIER.id,
      kid: KID,
      credentialId: 'urn:uuid:7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      time: CERTIFICATE.validFrom,
      body: CERTIFICATE,
    });
    expect(parseCredential(assay(), { kid: LAB_KID })).toMatchObject({
      time: ASSAY_CERTIFICATE.validFrom,
      body: ASSAY_CERTIFICATE,
    });
  });

  it('ignores what UNTP allows and Lodestone does not model, on every open object', () => {
    const vc = certificate();
    vc.renderMethod = [{ type: 'RenderTemplate2024', template: '<p/>' }];
    vc.type = ['DigitalConformityCredential', 'VerifiableCredential', 'SomethingElse'];
    vc.issuer.issuerAlsoKnownAs = [{ id: 'https://certifier.example', name: 'RMAS', registeredId: '42' }];
    const s = vc.credentialSubject;
    s.description = 'Annual surveillance audit';
    s.auditableEvidence = { linkURL: 'https://certifier.example/evidence/1', hashMethod: 'SHA-256' };
    s.authorisation = [{ id: 'https://ab.example/accreditation/9', name: 'Accreditation 9' }];
    s.issuedToParty.registeredId = 'CA-123';
    s.scope.trustmark = { fileName: 'mark.png' };
    const a = s.assessment[0];
    a.assessmentDate = '2026-01-20';
    a.auditor = { id: 'did:web:auditor.example', name: 'A. Auditor' };
    a.assessedFacility[0].IDverifiedByCAB = true;
    a.assessedFacility[0].facility.registeredId = 'MINE-7';
    a.assessmentCriteria[0].thresholdValue = {
      metricName: 'incidents',
      metricValue: { value: 0, unit: 'C62' },
    };
    expect(bodyOf(vc)).toEqual(CERTIFICATE);
  });

  it('takes a single status entry object, types in any order, no name, validUntil and status absent', () => {
    const vc = certificate();
    vc.credentialStatus = vc.credentialStatus[1];
    vc.credentialStatus.id = 'https://certifier.example/status/suspension/1#94567';
    vc.credentialStatus.type = ['BitstringStatusListEntry'];
    vc.type.reverse();
    delete vc.credentialSubject.name;
    expect(bodyOf(vc)).toEqual({ ...CERTIFICATE, name: '', status: [CERTIFICATE.status[1]] });
    const bare = certificate();
    delete bare.validUntil;
    delete bare.credentialStatus;
    const { validUntil: _, ...withoutUntil } = CERTIFICATE;
    expect(bodyOf(bare)).toEqual({ ...withoutUntil, status: [] });
  });

  it('reads status list indexes from 0 to 2^31 − 1', () => {
    const vc = certificate();
    vc.credentialStatus[0].statusListIndex = '0';
    vc.credentialStatus[1].statusListIndex = '2147483647';
    expect((bodyOf(vc) as CertificateStatement).status.map((e) => e.index)).toEqual([0, 2147483647]);
  });

  it('reads an organisation as subject', () => {
    const vc = certificate();
    vc.credentialSubject.assessment[0].assessedOrganisation = {
      id: 'did:web:cobalt-mine.example',
      name: 'N',
    };
    expect((bodyOf(vc) as CertificateStatement).assessments[0]?.subjects).toEqual([
      { kind: 'facility', id: 'https://id.cobalt-mine.example/facility/nord-pit' },
      { kind: 'organization', id: 'did:web:cobalt-mine.example' },
    ]);
  });

  describe('rejects', () => {
    it.each<[string, (vc: Json) => void, InteropErrorCode, string]>([
      [
        'a UNTP 0.7.0 context',
        (vc) => (vc['@context'][1] = 'https://vocabulary.uncefact.org/untp/0.7.0/context/'),
        'INTEROP_UNSUPPORTED',
        '/@context/1',
      ],
      [
        'the UNTP 0.6.0 dcc context',
        (vc) => (vc['@context'][1] = 'https://test.uncefact.org/vocabulary/untp/dcc/0.6.0/'),
        'INTEROP_UNSUPPORTED',
        '/@context/1',
      ],
      [
        'the 0.6.1 context of another type',
        (vc) => (vc['@context'][1] = 'https://test.uncefact.org/vocabulary/untp/dpp/0.6.1/'),
        'INTEROP_INVALID',
        '/@context/1',
      ],
      [
        'another context after UNTP',
        (vc) => (vc['@context'][2] = 'https://contexts.example/x'),
        'INTEROP_INVALID',
        '/@context/2',
      ],
      [
        'a fourth context',
        (vc) => vc['@context'].push('https://contexts.example/x'),
        'INTEROP_INVALID',
        '/@context',
      ],
      ['a second Lodestone kind', (vc) => vc.type.push('TrustList'), 'INTEROP_INVALID', '/type'],
      ['an issuer that is a string', (vc) => (vc.issuer = CERTIFIER.id), 'INTEROP_INVALID', '/issuer'],
      [
        'an issuer with another property',
        (vc) => (vc.issuer.url = 'https://x.example'),
        'INTEROP_INVALID',
        '/issuer/url',
      ],
      ['an issuer of another type', (vc) => (vc.issuer.type = ['Party']), 'INTEROP_INVALID', '/issuer/type'],
      [
        'an alias without name',
        (vc) => (vc.issuer.issuerAlsoKnownAs = [{ id: 'https://x.example' }]),
        'INTEROP_INVALID',
        '/issuer/issuerAlsoKnownAs/0/name',
      ],
      ['no id', (vc) => delete vc.id, 'INTEROP_INVALID', '/id'],
      ['no validFrom', (vc) => delete vc.validFrom, 'INTEROP_INVALID', '/validFrom'],
      [
        'a validUntil without zone',
        (vc) => (vc.validUntil = '2027-01-31T23:59:59'),
        'INTEROP_INVALID',
        '/validUntil',
      ],
      [
        'a refresh status entry',
        (vc) => (vc.credentialStatus[0].statusPurpose = 'refresh'),
        'INTEROP_UNSUPPORTED',
        '/credentialStatus/0/statusPurpose',
      ],
      [
        'a message status entry, with its extra properties',
        (vc) => {
          vc.credentialStatus[1] = { ...vc.credentialStatus[1], statusPurpose: 'message', statusSize: 2 };
        },
        'INTEROP_UNSUPPORTED',
        '/credentialStatus/1/statusPurpose',
      ],
      [
        'an unknown purpose',
        (vc) => (vc.credentialStatus[0].statusPurpose = 'expiry'),
        'INTEROP_INVALID',
        '/credentialStatus/0/statusPurpose',
      ],
      [
        'two revocation entries',
        (vc) => (vc.credentialStatus[1].statusPurpose = 'revocation'),
        'INTEROP_INVALID',
        '/credentialStatus/1/statusPurpose',
      ],
      [
        'an index with a leading zero',
        (vc) => (vc.credentialStatus[0].statusListIndex = '094567'),
        'INTEROP_INVALID',
        '/credentialStatus/0/statusListIndex',
      ],
      [
        'an index as a number',
        (vc) => (vc.credentialStatus[0].statusListIndex = 94567),
        'INTEROP_INVALID',
        '/credentialStatus/0/statusListIndex',
      ],
      [
        'an index of 2^31',
        (vc) => (vc.credentialStatus[0].statusListIndex = '2147483648'),
        'INTEROP_INVALID',
        '/credentialStatus/0/statusListIndex',
      ],
      [
        'a negative index',
        (vc) => (vc.credentialStatus[0].statusListIndex = '-1'),
        'INTEROP_INVALID',
        '/credentialStatus/0/statusListIndex',
      ],
      [
        'an entry of another type',
        (vc) => (vc.credentialStatus[0].type = 'StatusList2021Entry'),
        'INTEROP_INVALID',
        '/credentialStatus/0/type',
      ],
      [
        'an entry with a property Lodestone does not read',
        (vc) => (vc.credentialStatus[0].statusSize = 1),
        'INTEROP_INVALID',
        '/credentialStatus/0/statusSize',
      ],
      [
        'a relative list URL',
        (vc) => (vc.credentialStatus[0].statusListCredential = 'status/1'),
        'INTEROP_INVALID',
        '/credentialStatus/0/statusListCredential',
      ],
      [
        'no status entry in the array',
        (vc) => (vc.credentialStatus = []),
        'INTEROP_INVALID',
        '/credentialStatus',
      ],
      [
        'five status entries',
        (vc) => (vc.credentialStatus = [1, 2, 3, 4, 5].map(() => vc.credentialStatus[0])),
        'INTEROP_INVALID',
        '/credentialStatus',
      ],
      ['a subject array', (vc) => (vc.credentialSubject = [vc.credentialSubject]), 'INTEROP_INVALID', S],
      ['no attestation id', (vc) => delete vc.credentialSubject.id, 'INTEROP_INVALID', `${S}/id`],
      ['a name that is not text', (vc) => (vc.credentialSubject.name = 1), 'INTEROP_INVALID', `${S}/name`],
      [
        'an unknown attestation type',
        (vc) => (vc.credentialSubject.attestationType = 'audit'),
        'INTEROP_INVALID',
        `${S}/attestationType`,
      ],
      [
        'an assessor level UNTP 0.6.1 lacks',
        (vc) => (vc.credentialSubject.assessorLevel = 'ThirdParty'),
        'INTEROP_INVALID',
        `${S}/assessorLevel`,
      ],
      [
        'no assessment level',
        (vc) => delete vc.credentialSubject.assessmentLevel,
        'INTEROP_INVALID',
        `${S}/assessmentLevel`,
      ],
      [
        'a party without name',
        (vc) => delete vc.credentialSubject.issuedToParty.name,
        'INTEROP_INVALID',
        `${S}/issuedToParty/name`,
      ],
      ['no scope', (vc) => delete vc.credentialSubject.scope, 'INTEROP_INVALID', `${S}/scope`],
      [
        'a relative scheme id',
        (vc) => (vc.credentialSubject.scope.id = 'rmap'),
        'INTEROP_INVALID',
        `${S}/scope/id`,
      ],
      ['no assessment', (vc) => (vc.credentialSubject.assessment = []), 'INTEROP_INVALID', `${S}/assessment`],
      [
        'a topic UNTP 0.6.1 lacks',
        (vc) => (vc.credentialSubject.assessment[0].conformityTopic = 'social.wages'),
        'INTEROP_INVALID',
        `${A}/conformityTopic`,
      ],
      [
        'conformance as a string',
        (vc) => (vc.credentialSubject.assessment[0].conformance = 'true'),
        'INTEROP_INVALID',
        `${A}/conformance`,
      ],
      [
        'an assessment of nothing',
        (vc) => delete vc.credentialSubject.assessment[0].assessedFacility,
        'INTEROP_INVALID',
        A,
      ],
      [
        'an assessed facility without facility',
        (vc) => (vc.credentialSubject.assessment[0].assessedFacility[0] = { IDverifiedByCAB: true }),
        'INTEROP_INVALID',
        `${A}/assessedFacility/0/facility`,
      ],
      [
        'a criterion with a relative id',
        (vc) => (vc.credentialSubject.assessment[0].assessmentCriteria[1].id = 'c2'),
        'INTEROP_INVALID',
        `${A}/assessmentCriteria/1/id`,
      ],
      [
        'minerals without the Lodestone context',
        (vc) => vc['@context'].pop(),
        'INTEROP_INVALID',
        `${A}/minerals`,
      ],
      [
        'an unknown mineral',
        (vc) => (vc.credentialSubject.assessment[0].minerals = ['Cobalt']),
        'INTEROP_INVALID',
        `${A}/minerals/0`,
      ],
    ])('%s → %s at %s', (_, mutate, code, path) => {
      const vc = certificate();
      mutate(vc);
      expectCode(() => parseCredential(vc, { kid: KID }), code, path);
    });

    it.each<[string, (a: Json) => void, string]>([
      [
        'a unit that is no Rec 20 code',
        (a) => (a.declaredValue[0].metricValue.unit = '%'),
        '/declaredValue/0/metricValue/unit',
      ],
      [
        'a value as a string',
        (a) => (a.declaredValue[1].metricValue.value = '0.59'),
        '/declaredValue/1/metricValue/value',
      ],
      ['a metric without name', (a) => delete a.declaredValue[2].metricName, '/declaredValue/2/metricName'],
      [
        'an assessed product without id',
        (a) => delete a.assessedProduct[0].product.id,
        '/assessedProduct/0/product/id',
      ],
      [
        'an organisation that is a list',
        (a) => (a.assessedOrganisation = [{ id: 'did:web:x.example' }]),
        '/assessedOrganisation',
      ],
    ])('an assay with %s → INTEROP_INVALID at it', (_, mutate, path) => {
      const vc = assay();
      mutate(vc.credentialSubject.assessment[0]);
      expectCode(() => parseCredential(vc, { kid: LAB_KID }), 'INTEROP_INVALID', `${A}${path}`);
    });
  });

  it('ignores any extra property on the open UNTP objects (property)', () => {
    const open: readonly ((vc: Json) => Json)[] = [
      (vc) => vc,
      (vc) => vc.credentialSubject,
      (vc) => vc.credentialSubject.scope,
      (vc) => vc.credentialSubject.issuedToParty,
      (vc) => vc.credentialSubject.assessment[0],
      (vc) => vc.credentialSubject.assessment[0].assessedFacility[0],
      (vc) => vc.credentialSubject.assessment[0].assessedFacility[0].facility,
      (vc) => vc.credentialSubject.assessment[0].assessmentCriteria[0],
    ];
    // Every key the reader reads somewhere: anything else is ignored wherever it sits.
    const read = new Set([
      ...[
        '@context',
        'type',
        'id',
        'issuer',
        'validFrom',
        'validUntil',
        'credentialStatus',
        'credentialSubject',
      ],
      ...[
        'name',
        'attestationType',
        'assessorLevel',
        'assessmentLevel',
        'issuedToParty',
        'scope',
        'assessment',
      ],
      ...['conformityTopic', 'conformance', 'assessmentCriteria', 'assessedFacility', 'assessedProduct'],
      ...['assessedOrganisation', 'declaredValue', 'minerals', 'facility', 'product'],
    ]);
    const key = fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom('description', 'auditor'),
    );
    const unread = key.filter((k) => !read.has(k));
    fc.assert(
      fc.property(fc.constantFrom(...open), unread, fc.jsonValue({ maxDepth: 2 }), (where, k, value) => {
        const vc = certificate();
        Object.defineProperty(where(vc), k, { value, enumerable: true, writable: true, configurable: true });
        expect(bodyOf(vc)).toEqual(CERTIFICATE);
      }),
    );
  });
});

describe('conformityCredential', () => {
  it('adds the Lodestone context only for minerals, and defaults the labels and scheme details', () => {
    const plain = {
      ...ASSAY_CERTIFICATE,
      assessments: ASSAY_CERTIFICATE.assessments.map((a) => ({ ...a, minerals: [] })),
    };
    const vc = conformityCredential(plain, LAB) as Json;
    expect(vc['@context']).toEqual(CONFORMITY_KIND.contexts);
    expect(vc.credentialSubject.assessment[0]).not.toHaveProperty('minerals');
    expect(vc.credentialSubject.issuedToParty).toEqual({ id: REFINER_CO.id, name: REFINER_CO.id });
    expect(vc.credentialSubject.scope).toMatchObject({
      description: ASSAY_CERTIFICATE.scheme.name,
      version: 'unspecified',
      validFrom: '2026-03-03',
      owner: { id: LAB.id, name: LAB.name },
    });
    expect(vc.credentialSubject).toMatchObject({ assessorLevel: '3rdParty', assessmentLevel: 'Accredited' });
    const levelled = conformityCredential(plain, LAB, {
      assessorLevel: 'Self',
      assessmentLevel: 'Unspecified',
    }) as Json;
    expect(levelled.credentialSubject).toMatchObject({
      assessorLevel: 'Self',
      assessmentLevel: 'Unspecified',
    });
  });

  it('groups subjects by kind: parsing gives facilities, then batches, then the organisation', () => {
    const [first] = CERTIFICATE.assessments;
    const subjects = [
      { kind: 'organization', id: 'did:web:cobalt-mine.example' },
      { kind: 'batch', id: 'https://id.cobalt-mine.example/lot/1' },
      { kind: 'facility', id: 'https://id.cobalt-mine.example/facility/nord-pit' },
    ] as const;
    const cert = { ...CERTIFICATE, assessments: [{ ...first!, subjects }] };
    const body = bodyOf(conformityCredential(cert, CERTIFIER)) as CertificateStatement;
    expect(body.assessments[0]?.subjects.map((s) => s.kind)).toEqual(['facility', 'batch', 'organization']);
  });

  it('refuses what it cannot write: two organisations in one assessment, an assessment of nothing', () => {
    const [first] = CERTIFICATE.assessments;
    const two = [
      { kind: 'organization', id: 'did:web:a.example' },
      { kind: 'organization', id: 'did:web:b.example' },
    ] as const;
    expectCode(
      () => conformityCredential({ ...CERTIFICATE, assessments: [{ ...first!, subjects: two }] }, CERTIFIER),
      'INTEROP_INVALID',
      A,
    );
    expectCode(
      () => conformityCredential({ ...CERTIFICATE, assessments: [{ ...first!, subjects: [] }] }, CERTIFIER),
      'INTEROP_INVALID',
      A,
    );
  });
});
