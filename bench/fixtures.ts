/**
 * Bench fixtures: ~1 KiB signed statements, a bare SQLite LogStore for opaque entries, and a driver that
 * appends entries through the real Sequencer.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  type Ed25519KeyPair,
  generateEd25519,
  jwkFromPublicKey,
  signCompactJws,
  toBase64Url,
} from '../src/crypto/index.js';
import {
  type IntegrationBatch,
  type LatestCheckpoint,
  type LogStore,
  newEd25519Signer,
  Sequencer,
} from '../src/log/index.js';
import type { LodestoneNode } from '../src/service/index.js';
import { SCHEMA } from '../src/store/sqlite/schema.js';

// ---------------------------------------------------------------------------------------------------
// Statements

/** The signer's organisation: the issuer of its credentials, registered by the node operator. */
export const ISSUER = 'did:web:refiner.example';
export const KID = `${ISSUER}#key-1`;
const HEADER = { kid: KID, typ: 'vc+jwt', cty: 'vc' };
/** Compact JWS length the statements are padded to. */
export const JWS_TARGET = 1024;

export interface StatementSigner {
  readonly kid: string;
  /** The organisation (DID) the kid belongs to. */
  readonly did: string;
  readonly keys: Ed25519KeyPair;
  readonly jwk: ReturnType<typeof jwkFromPublicKey>;
  /** Statement `n`: a compact JWS of {@link JWS_TARGET} ± 2 characters, unique per `n`. */
  statement(n: number): string;
}

export function statementSigner(): StatementSigner {
  const keys = generateEd25519();
  const headerChars = toBase64Url(JSON.stringify({ alg: 'EdDSA', ...HEADER })).length;
  // header '.' payload '.' signature (86 characters); base64url makes 3 payload bytes 4 characters.
  const payloadBytes = Math.floor(((JWS_TARGET - headerChars - 2 - 86) * 3) / 4);
  return {
    kid: KID,
    did: ISSUER,
    keys,
    jwk: jwkFromPublicKey(keys.publicKey),
    statement(n) {
      const body = JSON.stringify(payload(n, ''));
      const pad = 'x'.repeat(Math.max(0, payloadBytes - body.length));
      return signCompactJws(JSON.stringify(payload(n, pad)), HEADER, keys.privateKey);
    },
  };
}

/**
 * A credential of a type the node registers without modelling (test/helpers/node.ts samplePayload is
 * ~1.5 KiB as a JWS): it costs the envelope parse, the key lookup and the signature, not custody rules.
 * Dated after the signer's registration ({@link KEYS_FROM}) and before any run, so the key is active.
 */
function payload(n: number, pad: string): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'ExampleAttestation'],
    id: `urn:uuid:00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    issuer: ISSUER,
    validFrom: '2021-06-01T10:00:00Z',
    credentialSubject: {
      type: ['TransformationEvent'],
      eventTime: '2026-11-27T09:00:00Z',
      bizLocation: 'https://refiner.example/facilities/kokkola',
      input: `https://refiner.example/batches/in-${n}`,
      output: `https://refiner.example/batches/out-${n}`,
      quantity: { productId: 'https://refiner.example/products/coso4', value: 20000, uom: 'KGM' },
      note: pad,
    },
  };
}

/** When the signer's key becomes active: its organisation's registration is dated then. */
export const KEYS_FROM = '2020-01-01T00:00:00.000Z';

/**
 * Register the signer's organisation with `node`, as its operator: one logged identity statement (the
 * node's first entry), after which the node accepts the signer's statements.
 */
export async function registerSignerOrganisation(
  node: Pick<LodestoneNode, 'registerIdentity'>,
  signer: StatementSigner,
): Promise<void> {
  await node.registerIdentity({
    subject: signer.did,
    legalName: 'Example Refining Ltd',
    registeredId: signer.did,
    idScheme: { id: 'urn:lodestone:scheme:bench', name: 'bench' },
    country: 'FIN',
    roles: ['producer'],
    keys: [{ kid: signer.kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: signer.jwk.x } }],
    validFrom: KEYS_FROM,
  });
}

// ---------------------------------------------------------------------------------------------------
// A bare log store: the product schema's entries/tiles/checkpoints tables, the same pragmas as
// SqliteStore (WAL, synchronous=FULL), no statements.

export class BareLogStore implements LogStore<null> {
  readonly db: Database.Database;
  readonly #latest: Database.Statement;
  readonly #tile: Database.Statement;
  readonly #entries: Database.Statement;
  readonly #integrate: (batch: IntegrationBatch<null>) => void;

  constructor(dir: string) {
    const db = new Database(join(dir, 'log.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    this.db = db;
    this.#latest = db.prepare('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1');
    this.#tile = db.prepare('SELECT data FROM tiles WHERE level = ? AND idx = ?');
    this.#entries = db.prepare('SELECT data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx');
    const entry = db.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)');
    const tile = db.prepare(
      'INSERT INTO tiles (level, idx, data) VALUES (?, ?, ?) ON CONFLICT (level, idx) DO UPDATE SET data = excluded.data',
    );
    const checkpoint = db.prepare('INSERT INTO checkpoints (size, note) VALUES (?, ?)');
    this.#integrate = db.transaction((batch: IntegrationBatch<null>) => {
      const size = this.latestCheckpoint()?.size ?? 0;
      if (batch.fromSize !== size) throw new Error(`log is at ${size}, batch starts at ${batch.fromSize}`);
      for (const [i, data] of batch.entries.entries()) entry.run(batch.fromSize + i, data);
      for (const t of batch.tiles) tile.run(t.level, t.index, t.data);
      checkpoint.run(batch.checkpoint.size, batch.checkpoint.note);
    });
  }

  latestCheckpoint(): LatestCheckpoint | undefined {
    return this.#latest.get() as LatestCheckpoint | undefined;
  }

  readTile(level: number, index: number): Uint8Array | undefined {
    return (this.#tile.get(level, index) as { data: Buffer } | undefined)?.data;
  }

  readEntries(start: number, end: number): Buffer[] {
    return (this.#entries.all(start, end) as { data: Buffer }[]).map((r) => r.data);
  }

  integrate(batch: IntegrationBatch<null>): void {
    this.#integrate(batch);
  }

  close(): void {
    this.db.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Opaque entries through the Sequencer

/** Bytes per opaque entry: about a registration record, {"registered":…,"statement":<64 hex>,"v":1}. */
export const ENTRY_SIZE = 112;
const TEMPLATE = Buffer.alloc(ENTRY_SIZE, 0x61);

/** Opaque entry `i`: distinct for every i. */
export function opaqueEntry(i: number): Buffer {
  const e = Buffer.from(TEMPLATE);
  e.writeDoubleBE(i, 0);
  return e;
}

export const ORIGIN = 'bench.lodestone.example/log';

/** A Sequencer over `store` signing checkpoints with a fresh key. */
export function newSequencer(store: LogStore<null>, maxBatch: number): Sequencer<null> {
  const signer = newEd25519Signer(ORIGIN, generateEd25519());
  return new Sequencer({ store, origin: ORIGIN, signer, maxBatch, maxPending: 2 * maxBatch });
}

/**
 * Adds `count` opaque entries through `seq`, `batch` at a time (each `batch` is one integration when
 * `batch` equals the sequencer's maxBatch), awaiting each batch's durability. `after(size)` runs after
 * every batch.
 */
export async function appendOpaque(
  seq: Sequencer<null>,
  count: number,
  batch: number,
  after?: (size: number) => void,
): Promise<void> {
  const start = seq.latest.size;
  for (let done = 0; done < count; ) {
    const n = Math.min(batch, count - done);
    const pending = new Array<Promise<unknown>>(n);
    for (let j = 0; j < n; j++) pending[j] = seq.add(opaqueEntry(start + done + j), null);
    await Promise.all(pending);
    done += n;
    after?.(start + done);
  }
}
