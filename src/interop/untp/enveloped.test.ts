import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InteropError } from '../errors.js';
import { VC_V2_CONTEXT } from './contexts.js';
import { envelopeCredential, MAX_ENVELOPED_JWS_LENGTH, readEnvelopedCredential } from './enveloped.js';

const JWS =
  'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl19.c2lnbmF0dXJl';
const DATA_URL = `data:application/vc+jwt,${JWS}`;

describe('readEnvelopedCredential', () => {
  it('returns the JWS of what envelopeCredential writes', () => {
    const enveloped = envelopeCredential(JWS);
    expect(enveloped).toEqual({
      '@context': [VC_V2_CONTEXT],
      type: 'EnvelopedVerifiableCredential',
      id: DATA_URL,
    });
    expect(readEnvelopedCredential(JSON.parse(JSON.stringify(enveloped)))).toBe(JWS);
  });

  it('takes a type array, more contexts and other properties (the UNTP Playground form)', () => {
    const value = {
      '@context': [VC_V2_CONTEXT, 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['EnvelopedVerifiableCredential'],
      id: DATA_URL,
      name: 'a certificate',
    };
    expect(readEnvelopedCredential(value)).toBe(JWS);
  });

  it.each<[string, unknown]>([
    ['a string', DATA_URL],
    ['null', null],
    ['an array', [DATA_URL]],
    ['no @context', { type: 'EnvelopedVerifiableCredential', id: DATA_URL }],
    [
      'VC 1.1',
      {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: 'EnvelopedVerifiableCredential',
        id: DATA_URL,
      },
    ],
    ['another type', { '@context': [VC_V2_CONTEXT], type: 'VerifiableCredential', id: DATA_URL }],
    [
      'SD-JWT',
      {
        '@context': [VC_V2_CONTEXT],
        type: 'EnvelopedVerifiableCredential',
        id: `data:application/vc+sd-jwt,${JWS}`,
      },
    ],
    [
      'two parts',
      {
        '@context': [VC_V2_CONTEXT],
        type: 'EnvelopedVerifiableCredential',
        id: DATA_URL.replace(/\.[^.]*$/, ''),
      },
    ],
    [
      'a detached payload',
      {
        '@context': [VC_V2_CONTEXT],
        type: 'EnvelopedVerifiableCredential',
        id: DATA_URL.replace(/\..*\./, '..'),
      },
    ],
    [
      'base64 padding',
      { '@context': [VC_V2_CONTEXT], type: 'EnvelopedVerifiableCredential', id: `${DATA_URL}=` },
    ],
    ['a class instance', new Date()],
  ])('throws INTEROP_NOT_A_CREDENTIAL for %s', (_, value) => {
    expect(() => readEnvelopedCredential(value)).toThrow(
      expect.objectContaining({ code: 'INTEROP_NOT_A_CREDENTIAL' }),
    );
  });

  it('refuses a JWS above the size bound', () => {
    const huge = `${'a'.repeat(MAX_ENVELOPED_JWS_LENGTH)}.b.c`;
    expect(() => envelopeCredential(huge)).toThrow(
      expect.objectContaining({ code: 'INTEROP_NOT_A_CREDENTIAL' }),
    );
  });

  it('throws only InteropError for arbitrary values (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          readEnvelopedCredential(value);
        } catch (error) {
          expect(error).toBeInstanceOf(InteropError);
        }
      }),
    );
  });

  it('round-trips any three base64url parts (property)', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
    fc.assert(
      fc.property(part, part, part, (a, b, c) => {
        const jws = `${a}.${b}.${c}`;
        expect(readEnvelopedCredential(envelopeCredential(jws))).toBe(jws);
      }),
    );
  });
});
