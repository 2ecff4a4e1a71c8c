import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InteropErrorCode } from '../errors.js';
import { InteropError } from '../errors.js';
import { readClaims } from './claims.js';
import { UNTP_CONTEXTS, VC_V2_CONTEXT } from './contexts.js';
import { exampleCredentials } from './examples.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const LOT = 'https://id.mine.example/lot/sc6-2026-0001-a';
const MINE = 'https://id.cobalt-mine.example/facility/nord-pit';
const CRITERION = 'https://schemes.example/rmap-cobalt/criteria/child-labour';

/** A UNTP 0.6.1 passport with two claims, shaped as the 0.6.1 DPP schema has it. */
function passport(): Json {
  return {
    '@context': [VC_V2_CONTEXT, UNTP_CONTEXTS.DigitalProductPassport],
    type: ['DigitalProductPassport', 'VerifiableCredential'],
    id: 'https://refinery.example/dpp/1',
    issuer: { type: ['CredentialIssuer'], id: 'did:web:refinery.example', name: 'Lausitz Lithium GmbH' },
    credentialSubject: {
      type: ['ProductPassport'],
      id: 'https://refinery.example/dpp/1#subject',
      product: { type: ['Product'], id: LOT, name: 'Spodumene concentrate' },
      conformityClaim: [
        {
          type: ['Claim', 'Declaration'],
          id: 'https://refinery.example/dpp/1#claim-1',
          conformityTopic: 'social.labour',
          conformance: true,
          assessmentCriteria: [{ type: ['Criterion'], id: CRITERION, name: 'No child labour' }],
          description: 'free of child labour',
        },
        {
          id: 'https://refinery.example/dpp/1#claim-2',
          conformityTopic: 'environment.emissions',
          conformance: false,
        },
      ],
    },
  };
}

/** A facility record with one claim; the facility is named inside the subject. */
function facilityRecord(): Json {
  return {
    '@context': [VC_V2_CONTEXT, UNTP_CONTEXTS.DigitalFacilityRecord],
    type: ['VerifiableCredential', 'DigitalFacilityRecord'],
    id: 'urn:uuid:dfr',
    issuer: { id: 'did:web:cobalt-mine.example', name: 'Nord Cobalt Mining Corp' },
    credentialSubject: {
      id: MINE,
      facility: { id: MINE, name: 'Nord open pit' },
      conformityClaim: [{ id: 'urn:uuid:claim', conformityTopic: 'social.labour', conformance: true }],
    },
  };
}

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

describe('readClaims', () => {
  it('reads the claims of a passport, about its product as a batch', () => {
    expect(readClaims(passport())).toEqual([
      {
        id: 'https://refinery.example/dpp/1#claim-1',
        subject: { kind: 'batch', id: LOT },
        topic: 'social.labour',
        conformance: true,
        criteria: [CRITERION],
      },
      {
        id: 'https://refinery.example/dpp/1#claim-2',
        subject: { kind: 'batch', id: LOT },
        topic: 'environment.emissions',
        conformance: false,
        criteria: [],
      },
    ]);
  });

  it('reads the claims of a facility record, about the facility, else the subject id', () => {
    const claim = {
      id: 'urn:uuid:claim',
      subject: { kind: 'facility', id: MINE },
      topic: 'social.labour',
      conformance: true,
      criteria: [],
    };
    expect(readClaims(facilityRecord())).toEqual([claim]);
    const bare = facilityRecord();
    delete bare.credentialSubject.facility;
    expect(readClaims(bare)).toEqual([claim]);
  });

  it('gives no claims when there are none, as in the facility records Lodestone builds', () => {
    expect(readClaims(exampleCredentials()['facility'])).toEqual([]);
  });

  it.each<[string, () => Json, InteropErrorCode, string]>([
    ['a certificate', () => exampleCredentials()['certificate'], 'INTEROP_UNSUPPORTED', '/type'],
    ['an untyped credential', () => ({ ...passport(), type: undefined }), 'INTEROP_UNSUPPORTED', '/type'],
    [
      'a UNTP 0.7.0 passport',
      () => ({
        ...passport(),
        '@context': [VC_V2_CONTEXT, 'https://vocabulary.uncefact.org/untp/0.7.0/context/'],
      }),
      'INTEROP_UNSUPPORTED',
      '/@context/1',
    ],
    [
      'both a passport and a facility record',
      () => ({
        ...passport(),
        type: ['VerifiableCredential', 'DigitalProductPassport', 'DigitalFacilityRecord'],
      }),
      'INTEROP_INVALID',
      '/type',
    ],
    [
      'a passport without product',
      () => Object.assign(passport(), { credentialSubject: { conformityClaim: [] } }),
      'INTEROP_INVALID',
      '/credentialSubject/product',
    ],
    [
      'no subject',
      () => ({ ...passport(), credentialSubject: undefined }),
      'INTEROP_INVALID',
      '/credentialSubject',
    ],
  ])('rejects %s with %s at %s', (_, make, code, path) => {
    expectCode(() => readClaims(make()), code, path);
  });

  it.each<[string, (claims: Json[]) => void, string]>([
    [
      'a claim without id',
      (c) => c.splice(0, 2, { conformance: true }),
      '/credentialSubject/conformityClaim/0/id',
    ],
    ['a relative claim id', (c) => (c[0].id = 'claim-1'), '/credentialSubject/conformityClaim/0/id'],
    [
      'an unknown topic',
      (c) => (c[1].conformityTopic = 'social.wages'),
      '/credentialSubject/conformityClaim/1/conformityTopic',
    ],
    ['no conformance', (c) => delete c[1].conformance, '/credentialSubject/conformityClaim/1/conformance'],
    [
      'a criterion without id',
      (c) => delete c[0].assessmentCriteria[0].id,
      '/credentialSubject/conformityClaim/0/assessmentCriteria/0/id',
    ],
  ])('rejects a passport with %s (INTEROP_INVALID at %s)', (_, mutate, path) => {
    const vc = passport();
    mutate(vc.credentialSubject.conformityClaim);
    expectCode(() => readClaims(vc), 'INTEROP_INVALID', path);
  });

  it('throws INTEROP_NOT_A_CREDENTIAL for a non-object, and only InteropError for anything (property)', () => {
    expectCode(() => readClaims('dpp'), 'INTEROP_NOT_A_CREDENTIAL', '');
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          readClaims(value);
        } catch (error) {
          expect(error).toBeInstanceOf(InteropError);
        }
      }),
    );
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom('credentialSubject', 'product', 'claims'),
        (value, where) => {
          const vc = passport();
          if (where === 'credentialSubject') vc.credentialSubject = value;
          else if (where === 'product') vc.credentialSubject.product = value;
          else vc.credentialSubject.conformityClaim = value;
          try {
            readClaims(vc);
          } catch (error) {
            expect(error).toBeInstanceOf(InteropError);
            expect((error as InteropError).cause).toBeUndefined();
          }
        },
      ),
    );
  });
});
