import { describe, expect, it } from 'vitest';
import type { InteropErrorCode } from '../errors.js';
import { LODESTONE_CONTEXT, UNTP_CONTEXTS, VC_V2_CONTEXT } from './contexts.js';
import {
  ACCREDITATION,
  ACCREDITATION_ID,
  ACCREDITATION_STATUS,
  ACCREDITOR,
  exampleCredentials,
  OPERATOR,
  TRUST_LIST,
} from './examples.js';
import { parseCredential } from './parse.js';
import {
  accreditationCredential,
  accreditationStatusCredential,
  trustListCredential,
} from './trust-build.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const examples = exampleCredentials();
const copy = (name: string): Json => structuredClone(examples[name]);
const OPERATOR_KID = `${OPERATOR.id}#key-1`;
const ACCREDITOR_KID = `${ACCREDITOR.id}#key-1`;
const S = '/credentialSubject';

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

describe('parseCredential of the trust registry credentials', () => {
  it('gives back the trust list, the accreditation and the status change, timed by validFrom', () => {
    expect(parseCredential(copy('trust-list'), { kid: OPERATOR_KID })).toEqual({
      issuer: OPERATOR.id,
      kid: OPERATOR_KID,
      credentialId: 'urn:uuid:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      time: TRUST_LIST.validFrom,
      body: TRUST_LIST,
    });
    expect(parseCredential(copy('accreditation'), { kid: ACCREDITOR_KID })).toEqual({
      issuer: ACCREDITOR.id,
      kid: ACCREDITOR_KID,
      credentialId: ACCREDITATION_ID,
      time: ACCREDITATION.validFrom,
      body: ACCREDITATION,
    });
    expect(parseCredential(copy('accreditation-status'), { kid: ACCREDITOR_KID })).toMatchObject({
      time: ACCREDITATION_STATUS.validFrom,
      body: ACCREDITATION_STATUS,
    });
  });

  it('takes an empty reason, and empty mineral and facility kind lists', () => {
    const change = copy('accreditation-status');
    change.credentialSubject.reason = '';
    expect(parseCredential(change, { kid: ACCREDITOR_KID }).body).toEqual({
      ...ACCREDITATION_STATUS,
      reason: '',
    });
    const acc = copy('accreditation');
    acc.credentialSubject.minerals = [];
    acc.credentialSubject.facilityKind = [];
    expect(parseCredential(acc, { kid: ACCREDITOR_KID }).body).toMatchObject({
      scope: { minerals: [], facilityKinds: [] },
    });
  });

  describe('rejects', () => {
    it.each<[string, string, (vc: Json) => void, InteropErrorCode, string]>([
      [
        'trust-list',
        'an empty list',
        (vc) => (vc.credentialSubject.accreditationBody = []),
        'INTEROP_INVALID',
        `${S}/accreditationBody`,
      ],
      [
        'trust-list',
        'a body that is not a DID',
        (vc) => (vc.credentialSubject.accreditationBody[1].id = 'https://dakks.example'),
        'INTEROP_INVALID',
        `${S}/accreditationBody/1/id`,
      ],
      [
        'trust-list',
        'an alpha-2 country',
        (vc) => (vc.credentialSubject.accreditationBody[0].country = 'CA'),
        'INTEROP_INVALID',
        `${S}/accreditationBody/0/country`,
      ],
      [
        'trust-list',
        'a body without name',
        (vc) => delete vc.credentialSubject.accreditationBody[0].name,
        'INTEROP_INVALID',
        `${S}/accreditationBody/0/name`,
      ],
      [
        'trust-list',
        'an extra property on a body',
        (vc) => (vc.credentialSubject.accreditationBody[0].url = 'https://x.example'),
        'INTEROP_INVALID',
        `${S}/accreditationBody/0/url`,
      ],
      [
        'trust-list',
        'a subject id',
        (vc) => (vc.credentialSubject.id = 'did:web:x.example'),
        'INTEROP_INVALID',
        `${S}/id`,
      ],
      ['trust-list', 'no validFrom', (vc) => delete vc.validFrom, 'INTEROP_INVALID', '/validFrom'],
      [
        'trust-list',
        'validUntil',
        (vc) => (vc.validUntil = '2027-01-01T00:00:00Z'),
        'INTEROP_INVALID',
        '/validUntil',
      ],
      [
        'trust-list',
        'a UNTP context',
        (vc) => (vc['@context'] = [VC_V2_CONTEXT, UNTP_CONTEXTS.DigitalIdentityAnchor, LODESTONE_CONTEXT]),
        'INTEROP_INVALID',
        '/@context',
      ],
      ['accreditation', 'no validUntil', (vc) => delete vc.validUntil, 'INTEROP_INVALID', '/validUntil'],
      [
        'accreditation',
        'a validUntil that is no date',
        (vc) => (vc.validUntil = 'never'),
        'INTEROP_INVALID',
        '/validUntil',
      ],
      [
        'accreditation',
        'a holder that is not a DID',
        (vc) => (vc.credentialSubject.id = 'https://c.example'),
        'INTEROP_INVALID',
        `${S}/id`,
      ],
      [
        'accreditation',
        'no scheme',
        (vc) => (vc.credentialSubject.scheme = []),
        'INTEROP_INVALID',
        `${S}/scheme`,
      ],
      [
        'accreditation',
        'a relative scheme',
        (vc) => vc.credentialSubject.scheme.push('rmap'),
        'INTEROP_INVALID',
        `${S}/scheme/1`,
      ],
      [
        'accreditation',
        'a repeated scheme',
        (vc) => vc.credentialSubject.scheme.push(vc.credentialSubject.scheme[0]),
        'INTEROP_INVALID',
        `${S}/scheme/1`,
      ],
      [
        'accreditation',
        'no topic',
        (vc) => (vc.credentialSubject.conformityTopic = []),
        'INTEROP_INVALID',
        `${S}/conformityTopic`,
      ],
      [
        'accreditation',
        'a topic UNTP 0.6.1 lacks',
        (vc) => (vc.credentialSubject.conformityTopic[2] = 'governance.taxes'),
        'INTEROP_INVALID',
        `${S}/conformityTopic/2`,
      ],
      [
        'accreditation',
        'a repeated topic',
        (vc) => vc.credentialSubject.conformityTopic.push('social.labour'),
        'INTEROP_INVALID',
        `${S}/conformityTopic/3`,
      ],
      [
        'accreditation',
        'an unknown element',
        (vc) => vc.credentialSubject.minerals.push('Xx'),
        'INTEROP_INVALID',
        `${S}/minerals/2`,
      ],
      [
        'accreditation',
        'a lower-case element',
        (vc) => (vc.credentialSubject.minerals[0] = 'co'),
        'INTEROP_INVALID',
        `${S}/minerals/0`,
      ],
      [
        'accreditation',
        'a repeated element',
        (vc) => vc.credentialSubject.minerals.push('Co'),
        'INTEROP_INVALID',
        `${S}/minerals/2`,
      ],
      [
        'accreditation',
        'an unknown facility kind',
        (vc) => (vc.credentialSubject.facilityKind[0] = 'castle'),
        'INTEROP_INVALID',
        `${S}/facilityKind/0`,
      ],
      [
        'accreditation',
        'a repeated facility kind',
        (vc) => vc.credentialSubject.facilityKind.push('mine'),
        'INTEROP_INVALID',
        `${S}/facilityKind/2`,
      ],
      [
        'accreditation',
        'no facility kind list',
        (vc) => delete vc.credentialSubject.facilityKind,
        'INTEROP_INVALID',
        `${S}/facilityKind`,
      ],
      [
        'accreditation',
        'a single scheme, not a list',
        (vc) => (vc.credentialSubject.scheme = 'https://s.example'),
        'INTEROP_INVALID',
        `${S}/scheme`,
      ],
      [
        'accreditation',
        'an extra property',
        (vc) => (vc.credentialSubject.level = 'full'),
        'INTEROP_INVALID',
        `${S}/level`,
      ],
      [
        'accreditation-status',
        'a relative id',
        (vc) => (vc.credentialSubject.id = 'acc-1'),
        'INTEROP_INVALID',
        `${S}/id`,
      ],
      [
        'accreditation-status',
        'an unknown status',
        (vc) => (vc.credentialSubject.accreditationStatus = 'revoked'),
        'INTEROP_INVALID',
        `${S}/accreditationStatus`,
      ],
      [
        'accreditation-status',
        'no reason',
        (vc) => delete vc.credentialSubject.reason,
        'INTEROP_INVALID',
        `${S}/reason`,
      ],
      [
        'accreditation-status',
        'a reason that is not text',
        (vc) => (vc.credentialSubject.reason = 7),
        'INTEROP_INVALID',
        `${S}/reason`,
      ],
      [
        'accreditation-status',
        'a UNTP-typed issuer',
        (vc) => (vc.issuer.type = ['CredentialIssuer']),
        'INTEROP_INVALID',
        '/issuer/type',
      ],
      [
        'accreditation-status',
        'a third type',
        (vc) => vc.type.push('Accreditation'),
        'INTEROP_INVALID',
        '/type',
      ],
    ])('a %s with %s → %s at %s', (name, _, mutate, code, path) => {
      const vc = copy(name);
      mutate(vc);
      const kid = name === 'trust-list' ? OPERATOR_KID : ACCREDITOR_KID;
      expectCode(() => parseCredential(vc, { kid }), code, path);
    });
  });
});

describe('the trust registry builders', () => {
  it('write the scope lists in the order given and validUntil after validFrom', () => {
    const vc = accreditationCredential(ACCREDITATION, ACCREDITOR, { id: ACCREDITATION_ID });
    expect(Object.keys(vc)).toEqual([
      '@context',
      'type',
      'id',
      'issuer',
      'validFrom',
      'validUntil',
      'credentialSubject',
    ]);
    expect(vc.credentialSubject).toMatchObject({ conformityTopic: ACCREDITATION.scope.topics });
  });

  it('refuse what the parser would refuse', () => {
    expectCode(
      () => trustListCredential({ ...TRUST_LIST, bodies: [] }, OPERATOR),
      'INTEROP_INVALID',
      `${S}/accreditationBody`,
    );
    const scope = { ...ACCREDITATION.scope, minerals: ['Co', 'Co'] } as typeof ACCREDITATION.scope;
    expectCode(
      () => accreditationCredential({ ...ACCREDITATION, scope }, ACCREDITOR),
      'INTEROP_INVALID',
      `${S}/minerals/1`,
    );
    expectCode(
      () => accreditationStatusCredential(ACCREDITATION_STATUS, { id: 'Accreditor', name: 'A' }),
      'INTEROP_INVALID',
      '/issuer/id',
    );
  });
});
