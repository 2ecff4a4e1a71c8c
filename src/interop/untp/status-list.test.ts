import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InteropErrorCode } from '../errors.js';
import { LODESTONE_CONTEXT } from './contexts.js';
import { CERTIFIER, exampleCredentials, REVOCATION_LIST, STATUS_LIST } from './examples.js';
import { parseCredential } from './parse.js';
import { MAX_ENCODED_LIST_LENGTH } from './status-list.js';
import { statusListCredential } from './trust-build.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const examples = exampleCredentials();
const list = (): Json => structuredClone(examples['status-list']);
const KID = `${CERTIFIER.id}#key-1`;
const S = '/credentialSubject';

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

/** The parts of @digitalbazaar/vc-bitstring-status-list used here (the package ships no types). */
interface Reference {
  createCredential(options: { id: string; list: unknown; statusPurpose: string }): Promise<Json>;
  createList(options: { length: number }): Promise<{ setStatus(i: number, s: boolean): void }>;
  decodeList(options: { encodedList: string }): Promise<{ length: number; getStatus(i: number): boolean }>;
  getCredentialStatus(options: { credential: unknown; statusPurpose: string }): Json;
}

let reference: Reference;
beforeAll(async () => {
  // A non-literal specifier: tsc does not look for the (absent) declarations, Node resolves it as usual.
  const specifier: string = '@digitalbazaar/vc-bitstring-status-list';
  reference = (await import(specifier)) as Reference;
});

describe('parseCredential of a BitstringStatusListCredential', () => {
  it('gives back the list version, timed by validFrom, its id the list URL', () => {
    expect(parseCredential(list(), { kid: KID })).toEqual({
      issuer: CERTIFIER.id,
      kid: KID,
      credentialId: REVOCATION_LIST,
      time: STATUS_LIST.validFrom,
      body: STATUS_LIST,
    });
  });

  it('takes an issuer DID, a subject without id, a one-name type array and a ttl', () => {
    const vc = list();
    vc.issuer = CERTIFIER.id;
    delete vc.credentialSubject.id;
    vc.credentialSubject.type = ['BitstringStatusList'];
    vc.credentialSubject.ttl = 300_000;
    expect(parseCredential(vc, { kid: KID }).body).toEqual(STATUS_LIST);
  });

  it('reads what the reference implementation writes (W3C Bitstring Status List v1.0)', async () => {
    const theirs = await reference.createList({ length: 131_072 });
    theirs.setStatus(94_567, true);
    const vc = await reference.createCredential({
      id: REVOCATION_LIST,
      list: theirs,
      statusPurpose: 'suspension',
    });
    const parsed = parseCredential(
      { ...vc, issuer: CERTIFIER.id, validFrom: '2026-02-01T00:00:00Z' },
      { kid: KID },
    );
    expect(parsed.body).toMatchObject({ kind: 'status-list', purpose: 'suspension' });
    const decoded = await reference.decodeList({
      encodedList: (parsed.body as { encodedList: string }).encodedList,
    });
    expect(decoded.getStatus(94_567)).toBe(true);
  });

  it('ships an example list the reference decodes: 131 072 entries, none set', async () => {
    const bits = gunzipSync(Buffer.from(STATUS_LIST.encodedList.slice(1), 'base64url'));
    expect(bits).toEqual(Buffer.alloc(16_384));
    const decoded = await reference.decodeList({ encodedList: STATUS_LIST.encodedList });
    expect(decoded.length).toBe(131_072);
  });

  describe('rejects', () => {
    it.each<[string, (vc: Json) => void, InteropErrorCode, string]>([
      [
        'validUntil (versions are ordered by validFrom)',
        (vc) => (vc.validUntil = '2026-03-01T00:00:00Z'),
        'INTEROP_UNSUPPORTED',
        '/validUntil',
      ],
      ['no validFrom', (vc) => delete vc.validFrom, 'INTEROP_INVALID', '/validFrom'],
      [
        'the Lodestone context',
        (vc) => vc['@context'].push(LODESTONE_CONTEXT),
        'INTEROP_INVALID',
        '/@context',
      ],
      ['an extra root property', (vc) => (vc.name = 'Revocations'), 'INTEROP_INVALID', '/name'],
      ['another type too', (vc) => vc.type.push('StatusList2021Credential'), 'INTEROP_INVALID', '/type'],
      ['no id', (vc) => delete vc.id, 'INTEROP_INVALID', '/id'],
      ['an issuer without name', (vc) => delete vc.issuer.name, 'INTEROP_INVALID', '/issuer/name'],
      [
        'an issuer URL',
        (vc) => (vc.issuer = { id: 'https://certifier.example', name: 'C' }),
        'INTEROP_INVALID',
        '/issuer/id',
      ],
      [
        'a refresh list',
        (vc) => (vc.credentialSubject.statusPurpose = 'refresh'),
        'INTEROP_UNSUPPORTED',
        `${S}/statusPurpose`,
      ],
      [
        'a message list',
        (vc) => (vc.credentialSubject.statusPurpose = 'message'),
        'INTEROP_UNSUPPORTED',
        `${S}/statusPurpose`,
      ],
      [
        'an unknown purpose',
        (vc) => (vc.credentialSubject.statusPurpose = 'expiry'),
        'INTEROP_INVALID',
        `${S}/statusPurpose`,
      ],
      [
        'another subject type',
        (vc) => (vc.credentialSubject.type = 'StatusList2021'),
        'INTEROP_INVALID',
        `${S}/type`,
      ],
      [
        'base64 instead of multibase',
        (vc) => (vc.credentialSubject.encodedList = 'H4sIAAAA'),
        'INTEROP_INVALID',
        `${S}/encodedList`,
      ],
      [
        'padding',
        (vc) => (vc.credentialSubject.encodedList = 'uH4sIAA='),
        'INTEROP_INVALID',
        `${S}/encodedList`,
      ],
      [
        'base64 characters',
        (vc) => (vc.credentialSubject.encodedList = 'uH4+sIA/'),
        'INTEROP_INVALID',
        `${S}/encodedList`,
      ],
      [
        'an impossible length',
        (vc) => (vc.credentialSubject.encodedList = 'uH4sIA'),
        'INTEROP_INVALID',
        `${S}/encodedList`,
      ],
      [
        'a bare multibase prefix',
        (vc) => (vc.credentialSubject.encodedList = 'u'),
        'INTEROP_INVALID',
        `${S}/encodedList`,
      ],
      [
        'a list over 4 MiB',
        (vc) => (vc.credentialSubject.encodedList = `u${'A'.repeat(MAX_ENCODED_LIST_LENGTH)}`),
        'INTEROP_INVALID',
        `${S}/encodedList`,
      ],
      ['a negative ttl', (vc) => (vc.credentialSubject.ttl = -1), 'INTEROP_INVALID', `${S}/ttl`],
      ['a ttl as a string', (vc) => (vc.credentialSubject.ttl = '300'), 'INTEROP_INVALID', `${S}/ttl`],
      ['a relative subject id', (vc) => (vc.credentialSubject.id = '#list'), 'INTEROP_INVALID', `${S}/id`],
      [
        'an extra subject property',
        (vc) => (vc.credentialSubject.statusSize = 1),
        'INTEROP_INVALID',
        `${S}/statusSize`,
      ],
    ])('%s → %s at %s', (_, mutate, code, path) => {
      const vc = list();
      mutate(vc);
      expectCode(() => parseCredential(vc, { kid: KID }), code, path);
    });
  });
});

describe('statusListCredential', () => {
  it('names the subject <id>#list unless the id has a fragment', () => {
    expect(
      statusListCredential(STATUS_LIST, CERTIFIER, { id: REVOCATION_LIST }).credentialSubject,
    ).toMatchObject({
      id: `${REVOCATION_LIST}#list`,
    });
    const fragment = statusListCredential(STATUS_LIST, CERTIFIER, { id: `${REVOCATION_LIST}#v2` });
    expect(fragment.credentialSubject).not.toHaveProperty('id');
  });

  it('lets the reference implementation find a certificate entry of ours', () => {
    const certificate = examples['certificate'];
    expect(
      reference.getCredentialStatus({ credential: certificate, statusPurpose: 'suspension' }),
    ).toMatchObject({
      statusListIndex: '94567',
      statusPurpose: 'suspension',
    });
  });
});
