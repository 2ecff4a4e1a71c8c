import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatSignerKey,
  formatVerifierKey,
  type NoteSigner,
  parseSignerKey,
  SIG_TYPE_ED25519,
} from '../log/index.js';
import { ServiceError } from './errors.js';

/** File in the data directory holding the log's signing key, in the signed-note skey format. */
export const NODE_KEY_FILE = 'log.key';

/** The log's identity: its origin (also the checkpoint key name), its signer and its vkey. */
export interface LogIdentity {
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly vkey: string;
}

/**
 * Load the log key from the data directory, or create one on first start. The origin is fixed by the
 * key's name: a log whose origin changed would be a different log, so a mismatch is refused.
 */
export function loadOrCreateIdentity(dataDir: string, wantedOrigin: string | undefined): LogIdentity {
  const path = join(dataDir, NODE_KEY_FILE);
  if (!existsSync(path)) {
    const origin = wantedOrigin ?? `lodestone.local/${randomBytes(4).toString('hex')}/log`;
    writeFileSync(path, `${formatSignerKey(origin, randomBytes(32))}\n`, { mode: 0o600, flag: 'wx' });
  }
  const identity = readIdentity(path);
  if (wantedOrigin !== undefined && wantedOrigin !== identity.origin) {
    throw new ServiceError(
      'NODE_IDENTITY_MISMATCH',
      `data directory holds the log "${identity.origin}", not "${wantedOrigin}"; use another --data directory`,
    );
  }
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
