import {
  CredentialsError,
  DataDirectory,
  type DirectoryData,
  TrustBook,
  type TrustView,
  trustView,
} from '../credentials/index.js';
import {
  canonicalBytes,
  ed25519FromDidKey,
  ed25519Verify,
  fromBase64Url,
  publicKeyFromRaw,
  toBase64Url,
  verifyParsedJws,
} from '../crypto/index.js';
import type { Ledger } from '../custody/index.js';
import { isCodedError } from '../errors.js';
import { keyObjectOf } from './key-objects.js';
import { parseStatement } from './parse.js';
import { batchFacts, facilityFacts } from './trust-directory.js';

/** The `type` of a trust bundle file. */
export const TRUST_BUNDLE_TYPE = 'LodestoneTrustBundle' as const;

/** What the operator signs: the domain separation string, then the bundle's canonical JSON (RFC 8785). */
const SIGNING_PREFIX = 'lodestone-trust-bundle:v1\n';

/** A trust statement as logged: its JWS and registration time. */
export interface BundledStatement {
  readonly id: string;
  readonly registered: string;
  readonly jws: string;
}

/**
 * Everything offline verification needs (issue 4 item 4): the identity registry and subjects as the
 * operator's node knows them, and every trust statement in log order (each self-verifying), signed by
 * the operator. Its `operator` is a did:key, so the signature checks against the DID alone.
 */
export interface TrustBundle {
  readonly type: typeof TRUST_BUNDLE_TYPE;
  readonly version: 1;
  readonly operator: string;
  readonly origin: string;
  /** The log size the bundle reflects and its signed checkpoint. */
  readonly logSize: number;
  readonly checkpoint: string;
  readonly exportedAt: string;
  readonly directory: DirectoryData;
  readonly statements: readonly BundledStatement[];
  readonly signature: { readonly kid: string; readonly value: string };
}

export type UnsignedBundle = Omit<TrustBundle, 'signature'>;

/** The directory part of a bundle, from the ledger. */
export function directoryData(ledger: Ledger, operator: string): DirectoryData {
  const snap = ledger.snapshot();
  return {
    operator,
    organizations: snap.organizations.map((o) => ({
      did: o.did,
      legalName: o.legalName,
      country: o.country,
      roles: (snap.roleHistory[o.did] ?? []).map(([fromMs, roles]) => [fromMs, roles] as const),
    })) as DirectoryData['organizations'],
    keys: snap.keys.map((k) => ({
      kid: k.kid,
      did: k.did,
      jwk: k.jwk,
      activeFrom: k.activeFrom,
      ...(k.retiredFrom !== undefined && { retiredFrom: k.retiredFrom }),
      ...(k.revokedFrom !== undefined && { revokedFrom: k.revokedFrom }),
    })),
    facilities: snap.facilities.map(facilityFacts),
    batches: snap.batches.map(batchFacts),
  };
}

/** The statement ids of every trust statement the book holds. */
export function trustStatementIds(book: TrustBook): Set<string> {
  const ids = new Set<string>();
  for (const l of book.trustLists()) ids.add(l.statement);
  for (const a of book.accreditations()) {
    ids.add(a.statement);
    for (const c of a.changes) ids.add(c.statement);
  }
  for (const s of book.statusLists()) for (const v of s.versions) ids.add(v.statement);
  for (const c of book.certificates()) ids.add(c.statement);
  return ids;
}

/** Sign a bundle with the operator's key. */
export function signBundle(
  bundle: UnsignedBundle,
  kid: string,
  sign: (message: Uint8Array) => Uint8Array,
): TrustBundle {
  const signature = sign(signingBytes(bundle));
  return { ...bundle, signature: { kid, value: toBase64Url(signature) } };
}

/** A bundle loaded for verification: the trust view it describes. */
export interface LoadedBundle {
  readonly bundle: TrustBundle;
  readonly book: TrustBook;
  readonly view: TrustView;
}

/**
 * Check a bundle's operator signature (against `expectedOperator` when given: pin the operator you
 * trust) and rebuild its trust book by replaying its statements, each verified with its issuer's key.
 * @throws CredentialsError TRUST_BUNDLE_INVALID; CredentialsError or InteropError when a statement fails
 */
export function loadTrustBundle(value: unknown, expectedOperator?: string): LoadedBundle {
  const bundle = readBundle(value);
  if (expectedOperator !== undefined && bundle.operator !== expectedOperator) {
    invalid(`the bundle is signed by operator ${bundle.operator}, not ${expectedOperator}`);
  }
  const raw = ed25519FromDidKey(bundle.operator);
  if (raw === undefined) invalid('the bundle operator is not a did:key');
  const { signature, ...unsigned } = bundle;
  let ok = false;
  try {
    ok = ed25519Verify(publicKeyFromRaw(raw), signingBytes(unsigned), fromBase64Url(signature.value));
  } catch {
    ok = false;
  }
  if (!ok) invalid("the bundle's signature does not verify with its operator's key");
  try {
    const directory = new DataDirectory(bundle.directory);
    const book = new TrustBook();
    for (const s of bundle.statements) replayInto(book, directory, s);
    return { bundle, book, view: trustView(directory, book) };
  } catch (err) {
    // A signed bundle from an operator not pinned may still be hostile: no TypeError escapes.
    if (isCodedError(err)) throw err;
    invalid(`the bundle's directory or statements are malformed: ${(err as Error).message}`);
  }
}

function replayInto(book: TrustBook, directory: DataDirectory, s: BundledStatement): void {
  const { jws, statement } = parseStatement(s.jws, s.registered);
  const key = directory.key(statement.kid);
  if (key === undefined || key.did !== statement.issuer || !verifyParsedJws(jws, keyObjectOf(key.jwk))) {
    invalid(`statement ${s.id} is not signed by a key of ${statement.issuer}`);
  }
  book.apply(statement, { statement: s.id, registered: s.registered, jws: s.jws }, directory);
}

function signingBytes(bundle: UnsignedBundle): Buffer {
  return Buffer.concat([Buffer.from(SIGNING_PREFIX, 'utf8'), canonicalBytes(bundle)]);
}

/** Shape checks of hostile input: enough that nothing below meets a value of the wrong type. */
function readBundle(value: unknown): TrustBundle {
  const b = value as Partial<TrustBundle> | null;
  if (typeof b !== 'object' || b === null || b.type !== TRUST_BUNDLE_TYPE || b.version !== 1) {
    invalid(`not a ${TRUST_BUNDLE_TYPE} version 1 (write one with \`lodestone trust export\`)`);
  }
  const d = b.directory as Partial<DirectoryData> | undefined;
  const lists = [d?.organizations, d?.keys, d?.facilities, d?.batches, b.statements];
  if (
    typeof b.operator !== 'string' ||
    typeof b.signature?.value !== 'string' ||
    typeof d?.operator !== 'string' ||
    !lists.every(Array.isArray) ||
    !b.statements!.every(
      (s) => typeof s?.jws === 'string' && typeof s.registered === 'string' && typeof s.id === 'string',
    )
  ) {
    invalid('the bundle is missing its operator, signature, directory or statements');
  }
  return b as TrustBundle;
}

function invalid(message: string): never {
  throw new CredentialsError('TRUST_BUNDLE_INVALID', message);
}
