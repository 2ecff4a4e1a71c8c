/**
 * The SQLite schema. Entries, statements, tiles and checkpoints are append-only in meaning: a partial
 * tile's row grows in place (its old content is always a prefix of the new), nothing else is updated.
 */
import { ALARM_SCHEMA } from './alarm-store.js';
import { DERIVED_SCHEMA } from './derived-schema.js';
import { FINDINGS_SCHEMA } from './findings-store.js';
import { WEBHOOK_SCHEMA } from './webhook-store.js';
import { WITNESS_SCHEMA } from './witness-store.js';

/** 2: the identity registry and custody tables replace the `keys` table of 1. */
export const SCHEMA_VERSION = 2;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Log entries: the canonical JSON registration records, by index.
CREATE TABLE IF NOT EXISTS entries (
  idx  INTEGER PRIMARY KEY,
  data BLOB NOT NULL
) STRICT;

-- Hash tiles (tlog-tiles): one row per (level, index), full or the current partial.
CREATE TABLE IF NOT EXISTS tiles (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  data  BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

-- Every checkpoint the log signed, by tree size.
CREATE TABLE IF NOT EXISTS checkpoints (
  size INTEGER PRIMARY KEY,
  note TEXT NOT NULL
) STRICT;

-- Statements, content-addressed: id = lowercase hex SHA-256 of the JWS bytes. Keyed by the index of
-- their entry (a rowid table: JWS blobs are too large for a WITHOUT ROWID b-tree).
CREATE TABLE IF NOT EXISTS statements (
  idx INTEGER PRIMARY KEY,
  id  TEXT NOT NULL UNIQUE,
  jws BLOB NOT NULL
) STRICT;
${DERIVED_SCHEMA}${WITNESS_SCHEMA}${ALARM_SCHEMA}${FINDINGS_SCHEMA}${WEBHOOK_SCHEMA}`;
