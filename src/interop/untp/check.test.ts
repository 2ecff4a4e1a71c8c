import { describe, expect, it } from 'vitest';
import { at, didOfKid, isDid, isUri, readObject, readTypes } from './check.js';

describe('at', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(at('/material', 'https://x.example/a~b')).toBe('/material/https:~1~1x.example~1a~0b');
    expect(at('', 0)).toBe('/0');
  });
});

describe('readObject', () => {
  it('rejects an own __proto__ key (as JSON.parse makes it) with its path', () => {
    const hostile: unknown = JSON.parse('{"id":"x","__proto__":{"polluted":true}}');
    expect(() => readObject(hostile, '/issuer', new Set(['id']))).toThrow(
      expect.objectContaining({ code: 'INTEROP_INVALID', path: '/issuer/__proto__' }),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([[null], [[]], ['{}'], [new Map()], [new Date()]])('rejects %o as an object', (value) => {
    expect(() => readObject(value, '/x', new Set())).toThrow(
      expect.objectContaining({ code: 'INTEROP_INVALID' }),
    );
  });
});

describe('readTypes', () => {
  it('wants exactly the expected names, in any order, each once', () => {
    expect(() => readTypes(['Event', 'ObjectEvent'], '/t', ['ObjectEvent', 'Event'])).not.toThrow();
    expect(() => readTypes(['ObjectEvent', 'ObjectEvent'], '/t', ['ObjectEvent', 'Event'])).toThrow();
    expect(() => readTypes(['ObjectEvent'], '/t', ['ObjectEvent', 'Event'])).toThrow();
    expect(() => readTypes('ObjectEvent', '/t', ['ObjectEvent'])).toThrow();
  });
});

describe('URIs and DIDs', () => {
  it.each([
    'https://id.gs1.org/01/09520123456788/10/L1',
    'urn:uuid:2a423366-a0d6-4855-ba65-2e0c926d09b0',
    'did:web:a.example#key-1',
    'https://x.example/a%20b',
  ])('%s is a URI', (u) => {
    expect(isUri(u)).toBe(true);
  });
  it.each([
    'not a uri',
    'relative/path',
    'https://x.example/a b',
    'https://x.example/%zz',
    '',
    ':no-scheme',
    'https://x.example/\u00e9',
  ])('%s is not a URI', (u) => {
    expect(isUri(u)).toBe(false);
  });
  it.each([
    'did:web:example.com',
    'did:web:example.com:user:alice',
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    'did:web:localhost%3A8443',
  ])('%s is a DID', (d) => {
    expect(isDid(d)).toBe(true);
  });
  it.each(['did:web:example.com#key-1', 'did:Web:x', 'did::x', 'did:web:', 'web:example.com', 'did:web:a b'])(
    '%s is not a DID',
    (d) => {
      expect(isDid(d)).toBe(false);
    },
  );
  it('takes the DID of a DID URL', () => {
    expect(didOfKid('did:web:a.example#key-1')).toBe('did:web:a.example');
    expect(didOfKid('did:key:z6Mkabc')).toBe('did:key:z6Mkabc');
    expect(didOfKid('https://a.example#key-1')).toBeUndefined();
  });
});
