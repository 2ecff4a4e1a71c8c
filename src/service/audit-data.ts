import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseVerifierKey } from '../log/index.js';
import { DATABASE_FILE, SqliteStore } from '../store/index.js';
import { type AuditReport, auditStore, keyMap } from './audit.js';
import { ServiceError } from './errors.js';
import { NODE_KEY_FILE, readIdentity } from './identity.js';

export interface AuditDataOptions {
  /** The log's vkey. Default: derived from the key in the data directory (which the audit then trusts). */
  readonly vkey?: string;
  readonly progress?: (done: number) => void;
}

/** `lodestone verify --data`: audit a data directory read-only. */
export function auditDataDirectory(dataDir: string, options: AuditDataOptions = {}): AuditReport {
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new ServiceError('BAD_QUERY', `${dataDir} holds no Lodestone database (${DATABASE_FILE})`);
  }
  const verifier = options.vkey
    ? parseVerifierKey(options.vkey)
    : parseVerifierKey(readIdentity(join(dataDir, NODE_KEY_FILE)).vkey);
  const store = SqliteStore.open(dataDir, { readonly: true });
  try {
    return auditStore(store, {
      verifier,
      origin: verifier.name,
      keys: keyMap([...store.raw().keys()]),
      ...(options.progress && { progress: options.progress }),
    });
  } finally {
    store.close();
  }
}
