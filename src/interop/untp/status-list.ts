import type { StatusListStatement, StatusPurpose } from '../../model/index.js';
import {
  at,
  invalid,
  type JsonObject,
  opt,
  readDid,
  readNumber,
  readObject,
  readString,
  readTypes,
  readUri,
  req,
  unsupported,
} from './check.js';
import { STATUS_LIST_TYPE, VERIFIABLE_CREDENTIAL_TYPE } from './contexts.js';
import { envelope, readContexts, STATUS_LIST_KIND } from './envelope.js';
import { readTime } from './time.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions } from './wire.js';

/**
 * W3C Bitstring Status List v1.0 `BitstringStatusListCredential` ⇄ {@link StatusListStatement}: one version
 * of a certifier's revocation or suspension list. Only the wire shape is checked here; decoding the GZIP
 * bitstring (and bounding what it inflates to) is the credentials module's job.
 */

/** Longest `encodedList` accepted (characters): 4 MiB, far above a 16 KB list of any real density. */
export const MAX_ENCODED_LIST_LENGTH = 4 * 1024 * 1024;

const ROOT_KEYS: ReadonlySet<string> = new Set([
  '@context',
  'type',
  'id',
  'issuer',
  'validFrom',
  'validUntil',
  'credentialSubject',
]);
const ISSUER_KEYS: ReadonlySet<string> = new Set(['id', 'name']);
const SUBJECT_KEYS: ReadonlySet<string> = new Set(['id', 'type', 'statusPurpose', 'encodedList', 'ttl']);
const LIST_TYPE = 'BitstringStatusList';
const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];
/** Purposes the spec defines that Lodestone does not use. */
const OTHER_PURPOSES: readonly string[] = ['refresh', 'message'];
/** Multibase base64url (`u`), no padding; a single character after a group of four encodes nothing. */
const ENCODED_LIST = /^u[A-Za-z0-9_-]+$/;
const PATH = '/credentialSubject';

/** A parsed status list credential. */
export interface ParsedStatusList {
  readonly id: string;
  readonly issuer: string;
  readonly body: StatusListStatement;
}

/**
 * Read a whole status list credential: `@context` exactly `[VC 2.0]`, `type` exactly
 * `[VerifiableCredential, BitstringStatusListCredential]`, `id`, issuer a DID or `{id, name}`, `validFrom`,
 * and subject `{id?, type: BitstringStatusList, statusPurpose, encodedList, ttl?}`.
 * @throws InteropError INTEROP_INVALID; INTEROP_UNSUPPORTED for `validUntil` or a purpose Lodestone does not use
 */
export function parseStatusListCredential(vc: JsonObject): ParsedStatusList {
  if (opt(vc, 'validUntil') !== undefined) {
    unsupported(
      '/validUntil',
      'a status list version is in force from its validFrom until the next version; Lodestone does not read validUntil',
    );
  }
  readObject(vc, '', ROOT_KEYS);
  readContexts(opt(vc, '@context'), STATUS_LIST_KIND.contexts);
  readTypes(opt(vc, 'type'), '/type', [VERIFIABLE_CREDENTIAL_TYPE, STATUS_LIST_TYPE]);
  const id = readUri(req(vc, 'id', ''), '/id');
  const issuer = readIssuer(req(vc, 'issuer', ''));
  const validFrom = readTime(req(vc, 'validFrom', ''), '/validFrom');
  const s = readObject(req(vc, 'credentialSubject', ''), PATH, SUBJECT_KEYS);
  const subjectId = opt(s, 'id');
  if (subjectId !== undefined) readUri(subjectId, at(PATH, 'id'));
  readTypeName(req(s, 'type', PATH), at(PATH, 'type'), LIST_TYPE);
  const ttl = opt(s, 'ttl');
  if (ttl !== undefined && readNumber(ttl, at(PATH, 'ttl')) < 0) invalid(at(PATH, 'ttl'), 'expected ttl ≥ 0');
  return {
    id,
    issuer,
    body: {
      kind: 'status-list',
      purpose: readStatusPurpose(req(s, 'statusPurpose', PATH), at(PATH, 'statusPurpose')),
      encodedList: readEncodedList(req(s, 'encodedList', PATH), at(PATH, 'encodedList')),
      validFrom,
    },
  };
}

function readIssuer(value: unknown): string {
  if (typeof value === 'string') return readDid(value, '/issuer');
  const issuer = readObject(value, '/issuer', ISSUER_KEYS);
  readString(req(issuer, 'name', '/issuer'), '/issuer/name');
  return readDid(req(issuer, 'id', '/issuer'), '/issuer/id');
}

/**
 * `revocation` or `suspension`. The spec's other purposes (`refresh`, `message`) are INTEROP_UNSUPPORTED:
 * recognised, but they say nothing about whether a certificate stands.
 */
export function readStatusPurpose(value: unknown, path: string): StatusPurpose {
  if (typeof value === 'string' && OTHER_PURPOSES.includes(value)) {
    unsupported(path, `status purpose ${JSON.stringify(value)} is not one Lodestone uses`);
  }
  if (typeof value !== 'string' || !(STATUS_PURPOSES as readonly string[]).includes(value)) {
    invalid(path, `expected one of ${STATUS_PURPOSES.join(', ')}`);
  }
  return value as StatusPurpose;
}

/** A type written as the name itself or as a one-name array (both mean the same in JSON-LD). */
export function readTypeName(value: unknown, path: string, name: string): void {
  if (value === name) return;
  readTypes(value, path, [name]);
}

function readEncodedList(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'expected a string');
  if (value.length > MAX_ENCODED_LIST_LENGTH) {
    invalid(path, `expected at most ${MAX_ENCODED_LIST_LENGTH} characters`);
  }
  if (!ENCODED_LIST.test(value) || (value.length - 1) % 4 === 1) {
    invalid(path, 'expected multibase base64url without padding: "u" then base64url characters');
  }
  return value;
}

/** Options of {@link statusListJson}: the list's URL is what certificates point at, so it is required. */
export interface StatusListOptions extends CredentialOptions {
  /** The credential `id`: the URL certificates name as `statusListCredential`. */
  readonly id: string;
}

/**
 * The `BitstringStatusListCredential` JSON of a status list version (issuer written `{id, name}`). The
 * subject is named `<id>#list`, as the spec's examples do, unless the id already has a fragment.
 */
export function statusListJson(
  list: StatusListStatement,
  issuer: CredentialIssuerInput,
  options: StatusListOptions,
): CredentialJson {
  const subject = {
    ...(options.id.includes('#') ? {} : { id: `${options.id}#list` }),
    type: LIST_TYPE,
    statusPurpose: list.purpose,
    encodedList: list.encodedList,
  };
  return envelope(STATUS_LIST_KIND, issuer, options, subject, list.validFrom);
}
