import { randomUUID } from 'node:crypto';
import { InteropError } from '../errors.js';
import {
  asPlainObject,
  at,
  didOfKid,
  invalid,
  isDid,
  type JsonObject,
  opt,
  readArray,
  readConst,
  readDid,
  readObject,
  readString,
  readTypes,
  readUri,
  req,
  unsupported,
} from './check.js';
import {
  ACCREDITATION_STATUS_TYPE,
  ACCREDITATION_TYPE,
  CASE_ACTION_TYPE,
  CONFORMITY_TYPE,
  CROSS_BORDER_RECEIPT_TYPE,
  extensionContexts,
  isUntpContext,
  KEY_REVOCATION_TYPE,
  KEY_ROTATION_TYPE,
  PROVENANCE_SUMMARY_TYPE,
  STATUS_LIST_TYPE,
  TRUST_LIST_TYPE,
  UNTP_CONTEXTS,
  untpContexts,
  VC_V2_CONTEXT,
  VERIFIABLE_CREDENTIAL_TYPE,
} from './contexts.js';
import { readTime } from './time.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions, JsonMap, JsonValue } from './wire.js';

/** Most `type` entries a credential may list; real ones have two or three. */
const MAX_TYPES = 16;

/** What every credential must have before Lodestone looks at its kind. */
export interface Envelope {
  readonly vc: JsonObject;
  readonly types: readonly string[];
  /** `issuer` or `issuer.id`. */
  readonly issuer: string;
}

/**
 * Check that `payload` is a VC 2.0 credential at all: an object whose `@context` starts with the VC 2.0
 * context, whose `type` includes `VerifiableCredential`, and which has an issuer DID.
 * @throws InteropError INTEROP_NOT_A_CREDENTIAL, INTEROP_INVALID (issuer not a DID, non-string types)
 */
export function readEnvelope(payload: unknown): Envelope {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    notCredential('not a JSON object');
  }
  const vc = asPlainObject(payload, '');
  const context = opt(vc, '@context');
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    notCredential(`@context must start with ${VC_V2_CONTEXT}`);
  }
  const types = readTypeList(opt(vc, 'type'));
  const issuerValue = opt(vc, 'issuer');
  if (issuerValue === undefined) notCredential('no issuer');
  return { vc, types, issuer: readIssuerId(issuerValue) };
}

function notCredential(reason: string): never {
  throw new InteropError('INTEROP_NOT_A_CREDENTIAL', `not a verifiable credential: ${reason}`, { path: '' });
}

function readTypeList(value: unknown): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.includes(VERIFIABLE_CREDENTIAL_TYPE)) {
    notCredential('type does not include VerifiableCredential');
  }
  readArray(list, '/type', MAX_TYPES, 1).forEach((t, i) => {
    readString(t, at('/type', i));
  });
  return list as string[];
}

function readIssuerId(value: unknown): string {
  if (typeof value === 'string') return readDid(value, '/issuer');
  return readDid(req(asPlainObject(value, '/issuer'), 'id', '/issuer'), '/issuer/id');
}

/**
 * Check that the JWS `kid` names a key of `issuer`: its DID (the part before `#`) is the issuer's DID.
 * @throws InteropError INTEROP_ISSUER_MISMATCH
 */
export function checkKid(header: { readonly kid: string }, issuer: string): void {
  const kid: unknown = typeof header === 'object' && header !== null ? header.kid : undefined;
  const did = typeof kid === 'string' ? didOfKid(kid) : undefined;
  if (did !== issuer) {
    throw new InteropError(
      'INTEROP_ISSUER_MISMATCH',
      `kid ${JSON.stringify(kid)} is not a key of issuer ${issuer}`,
    );
  }
}

/** The credential properties of a modelled kind (the rest is the subject, read by the kind's parser). */
export interface ModelledEnvelope {
  readonly id: string;
  readonly issuer: string;
  readonly validFrom: string | undefined;
  /** Set only for a kind that carries `validUntil` (where it is required). */
  readonly validUntil: string | undefined;
  readonly subject: unknown;
}

const ROOT_KEYS: ReadonlySet<string> = new Set([
  '@context',
  'type',
  'id',
  'issuer',
  'validFrom',
  'credentialSubject',
]);
const ROOT_KEYS_WITH_UNTIL: ReadonlySet<string> = new Set([...ROOT_KEYS, 'validUntil']);
const SUPPORTED_UNTP: ReadonlySet<string> = new Set(Object.values(UNTP_CONTEXTS));
const UNTP_ISSUER_KEYS: ReadonlySet<string> = new Set(['type', 'id', 'name']);
const EXTENSION_ISSUER_KEYS: ReadonlySet<string> = new Set(['id', 'name']);

/** A credential kind Lodestone models: its type (besides `VerifiableCredential`) and exact `@context`. */
export interface CredentialKind {
  readonly type: string;
  readonly contexts: readonly string[];
  /** A UNTP type (issuer typed `CredentialIssuer`) rather than a Lodestone extension. */
  readonly untp: boolean;
  /** The kind carries `validUntil`, and requires it; {@link readModelledEnvelope} rejects it on other kinds. */
  readonly validUntil?: boolean;
}

/** UNTP `DigitalIdentityAnchor`. */
export const IDENTITY_KIND: CredentialKind = kindOf('DigitalIdentityAnchor');
/** UNTP `DigitalFacilityRecord`. */
export const FACILITY_KIND: CredentialKind = kindOf('DigitalFacilityRecord');
/** UNTP `DigitalTraceabilityEvent`. */
export const TRACEABILITY_KIND: CredentialKind = kindOf('DigitalTraceabilityEvent');
/** Lodestone `KeyRotation`. */
export const KEY_ROTATION_KIND: CredentialKind = {
  type: KEY_ROTATION_TYPE,
  contexts: extensionContexts(),
  untp: false,
};
/** Lodestone `KeyRevocation`. */
export const KEY_REVOCATION_KIND: CredentialKind = {
  type: KEY_REVOCATION_TYPE,
  contexts: extensionContexts(),
  untp: false,
};

/** Lodestone `TrustList`. */
export const TRUST_LIST_KIND: CredentialKind = {
  type: TRUST_LIST_TYPE,
  contexts: extensionContexts(),
  untp: false,
};
/** Lodestone `Accreditation`: the only extension whose validity window ends. */
export const ACCREDITATION_KIND: CredentialKind = {
  type: ACCREDITATION_TYPE,
  contexts: extensionContexts(),
  untp: false,
  validUntil: true,
};
/** Lodestone `AccreditationStatusChange`. */
export const ACCREDITATION_STATUS_KIND: CredentialKind = {
  type: ACCREDITATION_STATUS_TYPE,
  contexts: extensionContexts(),
  untp: false,
};
/** Lodestone `ComplianceCaseAction`. */
export const CASE_ACTION_KIND: CredentialKind = {
  type: CASE_ACTION_TYPE,
  contexts: extensionContexts(),
  untp: false,
};
/** Lodestone `ProvenanceSummary`. */
export const PROVENANCE_SUMMARY_KIND: CredentialKind = {
  type: PROVENANCE_SUMMARY_TYPE,
  contexts: extensionContexts(),
  untp: false,
};
/** Lodestone `CrossBorderReceipt`. */
export const CROSS_BORDER_RECEIPT_KIND: CredentialKind = {
  type: CROSS_BORDER_RECEIPT_TYPE,
  contexts: extensionContexts(),
  untp: false,
};
/**
 * W3C `BitstringStatusListCredential`: the VC 2.0 context defines all its terms, so it is the only
 * context. Its envelope is read by `status-list.ts` (the issuer may be a bare DID), not
 * {@link readModelledEnvelope}.
 */
export const STATUS_LIST_KIND: CredentialKind = {
  type: STATUS_LIST_TYPE,
  contexts: [VC_V2_CONTEXT],
  untp: false,
};
/**
 * UNTP `DigitalConformityCredential`. `contexts` are the required ones; the Lodestone context may follow
 * (for `minerals`). Its envelope is read tolerantly by `conformity.ts`, not {@link readModelledEnvelope}.
 */
export const CONFORMITY_KIND: CredentialKind = {
  type: CONFORMITY_TYPE,
  contexts: [VC_V2_CONTEXT, UNTP_CONTEXTS.DigitalConformityCredential],
  untp: true,
};

function kindOf(
  type: 'DigitalIdentityAnchor' | 'DigitalFacilityRecord' | 'DigitalTraceabilityEvent',
): CredentialKind {
  return { type, contexts: untpContexts(type), untp: true };
}

/**
 * Read the envelope of a credential of a kind Lodestone models: exactly the properties the mapping writes,
 * `@context` exactly the kind's, `type` exactly `[VerifiableCredential, kind.type]`, `id`, issuer `{id, name}`
 * (UNTP kinds may type it `CredentialIssuer`), `validFrom` when `validFromRequired`, and `validUntil`
 * exactly when the kind carries it.
 * @throws InteropError INTEROP_INVALID, INTEROP_UNSUPPORTED (a UNTP context of another version)
 */
export function readModelledEnvelope(
  vc: JsonObject,
  kind: CredentialKind,
  validFromRequired: boolean,
): ModelledEnvelope {
  readObject(vc, '', kind.validUntil === true ? ROOT_KEYS_WITH_UNTIL : ROOT_KEYS);
  readContexts(opt(vc, '@context'), kind.contexts);
  readTypes(opt(vc, 'type'), '/type', [VERIFIABLE_CREDENTIAL_TYPE, kind.type]);
  const issuerKeys = kind.untp ? UNTP_ISSUER_KEYS : EXTENSION_ISSUER_KEYS;
  const issuerObject = readObject(req(vc, 'issuer', ''), '/issuer', issuerKeys);
  const issuerType = opt(issuerObject, 'type');
  if (issuerType !== undefined) readTypes(issuerType, '/issuer/type', ['CredentialIssuer']);
  readString(req(issuerObject, 'name', '/issuer'), '/issuer/name');
  const validFrom = opt(vc, 'validFrom');
  return {
    id: readUri(req(vc, 'id', ''), '/id'),
    issuer: readDid(req(issuerObject, 'id', '/issuer'), '/issuer/id'),
    validFrom:
      validFrom === undefined && !validFromRequired
        ? undefined
        : readTime(req(vc, 'validFrom', ''), '/validFrom'),
    validUntil: kind.validUntil === true ? readTime(req(vc, 'validUntil', ''), '/validUntil') : undefined,
    subject: req(vc, 'credentialSubject', ''),
  };
}

/**
 * Check `@context` is exactly `expected`. A UNTP context of another version anywhere in it is
 * INTEROP_UNSUPPORTED (whatever else is wrong); anything else amiss is INTEROP_INVALID.
 */
export function readContexts(value: unknown, expected: readonly string[]): void {
  rejectOtherUntpVersions(value);
  const list = readArray(value, '/@context', expected.length, expected.length);
  list.forEach((url, i) => {
    readConst(url, at('/@context', i), expected[i] ?? '');
  });
}

/** Throw INTEROP_UNSUPPORTED when `@context` (if an array) names a UNTP context other than a 0.6.1 one. */
export function rejectOtherUntpVersions(value: unknown): void {
  // Another UNTP version is one Lodestone does not read (whatever else is wrong); a 0.6.1 context of
  // another type is a plain mistake, reported by the caller.
  if (Array.isArray(value)) {
    value.forEach((url, i) => {
      if (typeof url === 'string' && isUntpContext(url) && !SUPPORTED_UNTP.has(url)) {
        unsupported(at('/@context', i), `UNTP context ${url} is not the supported 0.6.1 one`);
      }
    });
  }
}

/** The common part of every built credential. */
export function envelope(
  kind: CredentialKind,
  issuer: CredentialIssuerInput,
  options: CredentialOptions,
  subject: JsonValue,
  validFrom?: string,
  validUntil?: string,
): CredentialJson {
  if (!isDid(issuer.id)) invalid('/issuer/id', 'issuer id must be a DID');
  const issuerJson: JsonMap = kind.untp
    ? { type: ['CredentialIssuer'], id: issuer.id, name: issuer.name }
    : { id: issuer.id, name: issuer.name };
  return {
    '@context': [...kind.contexts],
    type: [VERIFIABLE_CREDENTIAL_TYPE, kind.type],
    id: options.id ?? `urn:uuid:${randomUUID()}`,
    issuer: issuerJson,
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validUntil === undefined ? {} : { validUntil }),
    credentialSubject: subject,
  };
}
