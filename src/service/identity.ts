import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Ed25519NoteSigner,
  formatSignerKey,
  formatVerifierKey,
  type LatestCheckpoint,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  SIG_TYPE_ED25519,
} from '../log/index.js';
import { writeFileDurably } from './durable-file.js';
import { ServiceError } from './errors.js';

/** File in the data directory holding the log's signing key, in the signed-note skey format. */
export const NODE_KEY_FILE = 'log.key';

/** The log's identity: its origin (also the checkpoint key name), its signer and its vkey. */
export interface LogIdentity {
  readonly origin: string;
  readonly signer: Ed25519NoteSigner;
  readonly vkey: string;
}

/**
 * Load the log key from the data directory, or create one for a log that has never signed anything.
 * The origin and key are the log's identity: a log whose origin or key changed would be another log,
 * and its earlier receipts would stop verifying. So a key that is missing while the store holds signed
 * checkpoints, a key that does not verify the latest checkpoint, and an origin other than the one asked
 * for are all refused.
 * @throws ServiceError NODE_IDENTITY_MISMATCH
 */
export function loadOrCreateIdentity(
  dataDir: string,
  wantedOrigin: string | undefined,
  latest: LatestCheckpoint | undefined,
): LogIdentity {
  const path = join(dataDir, NODE_KEY_FILE);
  if (!existsSync(path)) {
    if (latest !== undefined) {
      throw new ServiceError(
        'NODE_IDENTITY_MISMATCH',
        `${path} is missing but ${dataDir} holds a signed log: restore the key from a backup`,
      );
    }
    const origin = wantedOrigin ?? `lodestone.local/${randomBytes(4).toString('hex')}/log`;
    writeFileDurably(path, `${formatSignerKey(origin, randomBytes(32))}\n`, 0o600);
  }
  const identity = readIdentity(path);
  if (wantedOrigin !== undefined && wantedOrigin !== identity.origin) {
    throw new ServiceError(
      'NODE_IDENTITY_MISMATCH',
      `data directory holds the log "${identity.origin}", not "${wantedOrigin}"; use another --data directory`,
    );
  }
  if (latest !== undefined) checkSignedBy(latest, identity, path);
  return identity;
}

/** Read the log key file (skey format). */
export function readIdentity(path: string): LogIdentity {
  const signer = parseSignerKey(readFileSync(path, 'utf8').trim());
  return {
    origin: signer.name,
    signer,
    vkey: formatVerifierKey(signer.name, SIG_TYPE_ED25519, signer.publicKey),
  };
}

function checkSignedBy(latest: LatestCheckpoint, identity: LogIdentity, path: string): void {
  try {
    openCheckpoint(latest.note, parseVerifierKey(identity.vkey));
  } catch (cause) {
    throw new ServiceError(
      'NODE_IDENTITY_MISMATCH',
      `${path} did not sign this log's latest checkpoint: restore the log's own key`,
      { cause },
    );
  }
}
