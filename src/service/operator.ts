import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  didKeyFromEd25519,
  type Ed25519KeyPair,
  ed25519Sign,
  fromBase64Url,
  jwkFromPublicKey,
  keyPairFromSeed,
  rawPublicKey,
  signCompactJws,
  toBase64Url,
} from '../crypto/index.js';
import type { BoundKey } from '../model/index.js';
import { writeFileDurably } from './durable-file.js';
import { ServiceError } from './errors.js';

/** File in the data directory holding the operator's signing key (base64url Ed25519 seed). */
export const OPERATOR_KEY_FILE = 'operator.key';

/**
 * The node operator (a member nation's authority): the root of the identity registry. It signs the
 * identity registrations that bootstrap registrars. A separate key from the log's: the log key signs
 * only checkpoints, so no statement can ever be confused with a checkpoint signature.
 */
export interface OperatorIdentity {
  /** `did:key` of the operator key. */
  readonly did: string;
  readonly kid: string;
  readonly keys: readonly BoundKey[];
  /** Sign a credential as a compact JWS (`vc+jwt`). */
  sign(payload: unknown): string;
  /** A raw Ed25519 signature over `message` (callers prefix their own domain separation). */
  signBytes(message: Uint8Array): Buffer;
}

/**
 * Load the operator key from the data directory, creating it for a log that holds no entries yet. A log
 * with entries whose operator key is missing is refused: a new key would be another registry root, and
 * every registration the old one signed would stop counting.
 * @throws ServiceError NODE_IDENTITY_MISMATCH (key missing beside a log), NODE_CONFIG_INVALID (not a key)
 */
export function loadOrCreateOperator(dataDir: string, logHasEntries: boolean): OperatorIdentity {
  const path = join(dataDir, OPERATOR_KEY_FILE);
  if (!existsSync(path)) {
    if (logHasEntries) {
      throw new ServiceError(
        'NODE_IDENTITY_MISMATCH',
        `${path} is missing but ${dataDir} holds a log: restore the operator key from a backup`,
      );
    }
    writeFileDurably(path, `${toBase64Url(randomBytes(32))}\n`, 0o600);
  }
  return loadOperator(dataDir);
}

/**
 * Load the operator key of an existing data directory.
 * @throws ServiceError NODE_CONFIG_INVALID when it is missing or not a key
 */
export function loadOperator(dataDir: string): OperatorIdentity {
  const path = join(dataDir, OPERATOR_KEY_FILE);
  if (!existsSync(path)) {
    throw new ServiceError(
      'NODE_CONFIG_INVALID',
      `${path} is missing: restore the operator key from a backup`,
    );
  }
  let pair: Ed25519KeyPair;
  try {
    const seed = fromBase64Url(readFileSync(path, 'utf8').trim());
    if (seed.length !== 32) throw new Error('not 32 bytes');
    pair = keyPairFromSeed(seed);
  } catch (cause) {
    throw new ServiceError('NODE_CONFIG_INVALID', `${path} does not hold an Ed25519 seed`, { cause });
  }
  return operatorFromKeys(pair);
}

/** The operator identity of a key pair. */
export function operatorFromKeys(pair: Ed25519KeyPair): OperatorIdentity {
  const did = didKeyFromEd25519(rawPublicKey(pair.publicKey));
  // did:key's one verification method is named by the multibase key itself (did:key spec §3.1.1).
  const kid = `${did}#${did.slice('did:key:'.length)}`;
  const jwk = jwkFromPublicKey(pair.publicKey);
  return {
    did,
    kid,
    keys: [{ kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } }],
    sign: (payload) =>
      signCompactJws(JSON.stringify(payload), { kid, typ: 'vc+jwt', cty: 'vc' }, pair.privateKey),
    signBytes: (message) => ed25519Sign(pair.privateKey, message),
  };
}
