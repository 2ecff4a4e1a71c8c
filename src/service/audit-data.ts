import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseVerifierKey } from '../log/index.js';
import { DATABASE_FILE, SqliteStore } from '../store/index.js';
import { type AuditReport, auditStore } from './audit.js';
import { ServiceError } from './errors.js';
import { NODE_KEY_FILE, readIdentity } from './identity.js';
import { loadOperator } from './operator.js';

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
  let store: SqliteStore | undefined;
  try {
    store = SqliteStore.open(dataDir, { readonly: true });
    const opened = store;
    return opened.snapshot(() =>
      auditStore(opened, {
        verifier,
        origin: verifier.name,
        operator: loadOperator(dataDir),
        ...(options.progress && { progress: options.progress }),
      }),
    );
  } catch (err) {
    if (!isSqliteCorruption(err)) throw err;
    return corruptDatabase(err as Error);
  } finally {
    store?.close();
  }
}

// A file SQLite itself cannot read (damaged pages, not a database at all) is a finding, not a crash.
function isSqliteCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

function corruptDatabase(err: Error): AuditReport {
  return {
    ok: false,
    size: 0,
    counts: { entries: 0, tiles: 0, checkpoints: 0, statements: 0 },
    problems: [
      {
        code: 'AUDIT_DATABASE',
        where: DATABASE_FILE,
        detail: `SQLite cannot read the database: ${err.message}`,
      },
    ],
  };
}
