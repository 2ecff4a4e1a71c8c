import { describe, expect, it } from 'vitest';
import type { InteropErrorCode } from '../errors.js';
import {
  facilityCredential,
  identityCredential,
  keyRevocationCredential,
  keyRotationCredential,
  traceabilityCredential,
} from './build.js';
import { LODESTONE_CONTEXT, UNTP_CONTEXTS, VC_V2_CONTEXT } from './contexts.js';
import {
  EVENTS,
  FACILITY,
  IDENTITY,
  MINE_CO,
  REFINER_CO,
  REGISTRAR,
  REVOCATION,
  ROTATION,
} from './examples.js';
import { parseCredential } from './parse.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const MINE_KID = `${MINE_CO.id}#key-1`;

/** A fresh, mutable copy of a built credential, as it arrives off the wire. */
function wire(vc: unknown): Json {
  return JSON.parse(JSON.stringify(vc));
}

const dte = (): Json => wire(traceabilityCredential(Object.values(EVENTS), MINE_CO, { id: 'urn:uuid:dte' }));
const dia = (): Json => wire(identityCredential(IDENTITY, REGISTRAR, { id: 'urn:uuid:dia' }));
const dfr = (): Json => wire(facilityCredential(FACILITY, MINE_CO, { id: 'urn:uuid:dfr' }));

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

describe('parseCredential', () => {
  describe('of the credential of each example statement', () => {
    it('gives back the statement, with the issuer, kid, id and time of the envelope', () => {
      expect(parseCredential(dia(), { kid: `${REGISTRAR.id}#key-1` })).toEqual({
        issuer: REGISTRAR.id,
        kid: `${REGISTRAR.id}#key-1`,
        credentialId: 'urn:uuid:dia',
        time: IDENTITY.validFrom,
        body: IDENTITY,
      });
      expect(parseCredential(dfr(), { kid: MINE_KID }).body).toEqual(FACILITY);
      const rotation = wire(keyRotationCredential(ROTATION, MINE_CO));
      expect(parseCredential(rotation, { kid: MINE_KID }).body).toEqual(ROTATION);
      const revocation = wire(
        keyRevocationCredential(REVOCATION, REGISTRAR, { validFrom: '2026-05-21T08:00:00Z' }),
      );
      const parsed = parseCredential(revocation, { kid: `${REGISTRAR.id}#key-1` });
      expect(parsed).toMatchObject({ time: '2026-05-21T08:00:00Z', body: REVOCATION });
    });

    it('gives a traceability credential the time of its earliest event, comparing instants', () => {
      const parsed = parseCredential(dte(), { kid: MINE_KID });
      expect(parsed.body).toEqual({ kind: 'custody', events: Object.values(EVENTS) });
      expect(parsed.time).toBe(EVENTS.commission.time);
    });
  });

  describe('when the payload is not a credential', () => {
    it.each([
      ['a string', 'vc'],
      ['an array', [dia()]],
      ['null', null],
      ['no @context', { ...dia(), '@context': undefined }],
      [
        'a @context without the VC 2.0 one first',
        { ...dia(), '@context': [UNTP_CONTEXTS.DigitalIdentityAnchor] },
      ],
      ['a @context string', { ...dia(), '@context': VC_V2_CONTEXT }],
      ['no VerifiableCredential type', { ...dia(), type: ['DigitalIdentityAnchor'] }],
      ['no issuer', { ...dia(), issuer: undefined }],
    ])('throws INTEROP_NOT_A_CREDENTIAL for %s', (_, payload) => {
      expectCode(() => parseCredential(wire(payload), { kid: MINE_KID }), 'INTEROP_NOT_A_CREDENTIAL');
    });
  });

  describe('when the kid is not a key of the issuer', () => {
    it.each([
      ['another DID', `${REFINER_CO.id}#key-1`],
      ['a DID that only starts like the issuer', `${MINE_CO.id}x#key-1`],
      ['no DID at all', 'key-1'],
      ['not a string', 42],
    ])('throws INTEROP_ISSUER_MISMATCH for %s', (_, kid) => {
      expectCode(() => parseCredential(dte(), { kid } as { kid: string }), 'INTEROP_ISSUER_MISMATCH');
    });
    it('accepts a kid that is the bare DID (did:key style)', () => {
      expect(parseCredential(dte(), { kid: MINE_CO.id }).issuer).toBe(MINE_CO.id);
    });
  });

  describe('when the envelope of a modelled kind is wrong', () => {
    it.each<[string, (vc: Json) => void, InteropErrorCode, string]>([
      ['an extra root property', (vc) => (vc.proof = {}), 'INTEROP_INVALID', '/proof'],
      [
        'validUntil, which Lodestone does not model',
        (vc) => (vc.validUntil = '2030-01-01T00:00:00Z'),
        'INTEROP_INVALID',
        '/validUntil',
      ],
      ['no Lodestone context', (vc) => vc['@context'].pop(), 'INTEROP_INVALID', '/@context'],
      [
        'an extra context',
        (vc) => vc['@context'].push('https://x.example/ctx'),
        'INTEROP_INVALID',
        '/@context',
      ],
      [
        'UNTP 0.7.0',
        (vc) => (vc['@context'][1] = 'https://vocabulary.uncefact.org/untp/0.7.0/context/'),
        'INTEROP_UNSUPPORTED',
        '/@context/1',
      ],
      [
        'UNTP 0.6.0',
        (vc) => (vc['@context'][1] = 'https://test.uncefact.org/vocabulary/untp/dia/0.6.0/'),
        'INTEROP_UNSUPPORTED',
        '/@context/1',
      ],
      [
        'the UNTP context of another type',
        (vc) => (vc['@context'][1] = UNTP_CONTEXTS.DigitalFacilityRecord),
        'INTEROP_INVALID',
        '/@context/1',
      ],
      ['the contexts swapped', (vc) => vc['@context'].reverse(), 'INTEROP_NOT_A_CREDENTIAL', ''],
      ['a third type', (vc) => vc.type.push('Extra'), 'INTEROP_INVALID', '/type'],
      ['two kinds', (vc) => vc.type.push('DigitalFacilityRecord'), 'INTEROP_INVALID', '/type'],
      ['no id', (vc) => delete vc.id, 'INTEROP_INVALID', '/id'],
      ['a relative id', (vc) => (vc.id = 'credential-1'), 'INTEROP_INVALID', '/id'],
      [
        'an issuer that is not a DID',
        (vc) => (vc.issuer.id = 'https://registry.example'),
        'INTEROP_INVALID',
        '/issuer/id',
      ],
      ['an issuer without a name', (vc) => delete vc.issuer.name, 'INTEROP_INVALID', '/issuer/name'],
      [
        'an issuer with another UNTP property',
        (vc) => (vc.issuer.issuerAlsoKnownAs = []),
        'INTEROP_INVALID',
        '/issuer/issuerAlsoKnownAs',
      ],
      [
        'a date without time zone',
        (vc) => (vc.validFrom = '2026-01-05T09:00:00'),
        'INTEROP_INVALID',
        '/validFrom',
      ],
      ['no validFrom', (vc) => delete vc.validFrom, 'INTEROP_INVALID', '/validFrom'],
      [
        'a __proto__ key',
        (vc) => Object.defineProperty(vc, '__proto__', { value: {}, enumerable: true }),
        'INTEROP_INVALID',
        '/__proto__',
      ],
    ])('%s → %s at %s', (_, mutate, code, path) => {
      const vc = dia();
      mutate(vc);
      expectCode(() => parseCredential(vc, { kid: `${REGISTRAR.id}#k` }), code, path);
    });
  });

  describe('when an identity anchor is wrong', () => {
    it.each<[string, (s: Json) => void, string]>([
      ['the subject is not a DID', (s) => (s.id = 'https://mine.example'), '/credentialSubject/id'],
      ['an unknown role', (s) => s.roles.push('king'), '/credentialSubject/roles/1'],
      ['an alpha-2 country', (s) => (s.country = 'CA'), '/credentialSubject/country'],
      ['another register type', (s) => (s.registerType = 'Product'), '/credentialSubject/registerType'],
      [
        'a key of another DID',
        (s) => (s.keys[0].kid = 'did:web:other.example#key-1'),
        '/credentialSubject/keys/0/kid',
      ],
      ['a private key', (s) => (s.keys[0].jwk.d = 'AAAA'), '/credentialSubject/keys/0/jwk/d'],
      ['a key that is not a point', (s) => (s.keys[0].jwk.x = 'AAAA'), '/credentialSubject/keys/0/jwk/x'],
      ['a P-256 key', (s) => (s.keys[0].jwk.crv = 'P-256'), '/credentialSubject/keys/0/jwk'],
      ['an untyped subject', (s) => delete s.type, '/credentialSubject/type'],
      [
        'a UNTP property Lodestone does not keep',
        (s) => (s.registrationScopeList = []),
        '/credentialSubject/registrationScopeList',
      ],
    ])('%s → INTEROP_INVALID at %s', (_, mutate, path) => {
      const vc = dia();
      mutate(vc.credentialSubject);
      expectCode(() => parseCredential(vc, { kid: `${REGISTRAR.id}#k` }), 'INTEROP_INVALID', path);
    });
  });

  describe('when a facility record is wrong', () => {
    const F = '/credentialSubject/facility';
    it.each<[string, (f: Json) => void, string]>([
      [
        'a mine without boundary',
        (f) => delete f.locationInformation.geoBoundary,
        `${F}/locationInformation/geoBoundary`,
      ],
      [
        'an open ring',
        (f) => f.locationInformation.geoBoundary.coordinates[0].pop(),
        `${F}/locationInformation/geoBoundary/coordinates/0`,
      ],
      [
        'a latitude of 91',
        (f) => (f.locationInformation.geoLocation.coordinates[1] = 91),
        `${F}/locationInformation/geoLocation/coordinates/1`,
      ],
      [
        'an altitude',
        (f) => f.locationInformation.geoLocation.coordinates.push(300),
        `${F}/locationInformation/geoLocation/coordinates`,
      ],
      ['an alpha-3 country', (f) => (f.countryOfOperation = 'CAN'), `${F}/countryOfOperation`],
      ['an unknown facility kind', (f) => (f.facilityKind = 'castle'), `${F}/facilityKind`],
      [
        'an operator that is not a DID',
        (f) => (f.operatedByParty.id = 'https://mine.example'),
        `${F}/operatedByParty/id`,
      ],
      ['an address (not kept)', (f) => (f.address = {}), `${F}/address`],
    ])('%s → INTEROP_INVALID at %s', (_, mutate, path) => {
      const vc = dfr();
      mutate(vc.credentialSubject.facility);
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), 'INTEROP_INVALID', path);
    });

    it('takes a facility without boundary when it is not a mine', () => {
      const vc = dfr();
      vc.credentialSubject.facility.facilityKind = 'refinery';
      delete vc.credentialSubject.facility.locationInformation.geoBoundary;
      expect(parseCredential(vc, { kid: MINE_KID }).body).not.toHaveProperty('boundary');
    });

    it('rejects a capacity that is not whole grams', () => {
      const vc = dfr();
      vc.credentialSubject.facility.annualCapacity.value = 0.0000001;
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), 'INTEROP_BAD_QUANTITY', `${F}/annualCapacity`);
    });
  });

  describe('when an extension credential is wrong', () => {
    it('wants only the VC 2.0 and Lodestone contexts, and an untyped issuer', () => {
      const vc = wire(keyRotationCredential(ROTATION, MINE_CO));
      vc['@context'] = [VC_V2_CONTEXT, UNTP_CONTEXTS.DigitalIdentityAnchor, LODESTONE_CONTEXT];
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), 'INTEROP_INVALID', '/@context');
      const typed = wire(keyRotationCredential(ROTATION, MINE_CO));
      typed.issuer.type = ['CredentialIssuer'];
      expectCode(() => parseCredential(typed, { kid: MINE_KID }), 'INTEROP_INVALID', '/issuer/type');
    });

    it('rejects retiring a key of another organisation', () => {
      const vc = wire(keyRotationCredential(ROTATION, MINE_CO));
      vc.credentialSubject.retiredKeys = ['did:web:other.example#key-1'];
      expectCode(
        () => parseCredential(vc, { kid: MINE_KID }),
        'INTEROP_INVALID',
        '/credentialSubject/retiredKeys/0',
      );
    });
  });

  describe('of any other credential', () => {
    it('gives an opaque statement of its types, with validFrom as time', () => {
      const vc = {
        '@context': [VC_V2_CONTEXT, UNTP_CONTEXTS.DigitalProductPassport],
        type: ['DigitalProductPassport', 'VerifiableCredential'],
        id: 'https://lab.example/credentials/42',
        issuer: { type: ['CredentialIssuer'], id: 'did:web:lab.example', name: 'Lab', issuerAlsoKnownAs: [] },
        validFrom: '2026-03-03T09:00:00+01:00',
        credentialSubject: { anything: 'goes' },
      };
      expect(parseCredential(vc, { kid: 'did:web:lab.example#k' })).toEqual({
        issuer: 'did:web:lab.example',
        kid: 'did:web:lab.example#k',
        credentialId: 'https://lab.example/credentials/42',
        time: '2026-03-03T09:00:00+01:00',
        body: { kind: 'opaque', types: ['DigitalProductPassport', 'VerifiableCredential'] },
      });
    });

    it("leaves time '' without validFrom (the service uses the registration time), and id '' without id", () => {
      const vc = {
        '@context': [VC_V2_CONTEXT],
        type: 'VerifiableCredential',
        issuer: 'did:key:z6Mkabc',
        credentialSubject: {},
      };
      expect(parseCredential(vc, { kid: 'did:key:z6Mkabc#z6Mkabc' })).toMatchObject({
        issuer: 'did:key:z6Mkabc',
        credentialId: '',
        time: '',
        body: { kind: 'opaque', types: ['VerifiableCredential'] },
      });
    });

    it('still checks the envelope it reads', () => {
      const base = { '@context': [VC_V2_CONTEXT], type: ['VerifiableCredential'], issuer: 'did:key:z6Mkabc' };
      expectCode(
        () => parseCredential({ ...base, validFrom: 'yesterday' }, { kid: 'did:key:z6Mkabc' }),
        'INTEROP_INVALID',
        '/validFrom',
      );
      expectCode(
        () => parseCredential({ ...base, issuer: 'Acme' }, { kid: 'did:key:z6Mkabc' }),
        'INTEROP_INVALID',
        '/issuer',
      );
      expectCode(
        () => parseCredential({ ...base, type: ['VerifiableCredential', 7] }, { kid: 'did:key:z6Mkabc' }),
        'INTEROP_INVALID',
        '/type/1',
      );
    });
  });
});
