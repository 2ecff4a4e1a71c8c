/**
 * Derived tables: the ledger's state (registry, facilities, batches, custody events, element-mass edges),
 * written in the same transaction as the statements that produced them and rebuildable from the log by
 * replay (DESIGN.md §11). Each row keeps the ledger's row object as JSON in `row`; the other columns are
 * copies for filtering and joins.
 */
export const DERIVED_TABLES = [
  'organizations',
  'org_keys',
  'facilities',
  'batches',
  'custody_events',
  'batch_events',
  'batch_edges',
] as const;

export type DerivedTable = (typeof DERIVED_TABLES)[number];

export const DERIVED_SCHEMA = `
CREATE TABLE IF NOT EXISTS organizations (
  did     TEXT PRIMARY KEY,
  country TEXT NOT NULL,
  row     TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS org_keys (
  kid TEXT PRIMARY KEY,
  did TEXT NOT NULL,
  row TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS facilities (
  id       TEXT PRIMARY KEY,
  operator TEXT NOT NULL,
  kind     TEXT NOT NULL,
  country  TEXT NOT NULL,
  row      TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS facilities_operator ON facilities (operator);

-- rowid order is creation order (an upsert keeps the rowid): the listing order and its cursor.
CREATE TABLE IF NOT EXISTS batches (
  id        TEXT PRIMARY KEY,
  material  TEXT NOT NULL,
  status    TEXT NOT NULL,
  custodian TEXT NOT NULL,
  owner     TEXT NOT NULL,
  facility  TEXT NOT NULL,
  row       TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS batches_custodian ON batches (custodian);
CREATE INDEX IF NOT EXISTS batches_owner ON batches (owner);

CREATE TABLE IF NOT EXISTS custody_events (
  statement TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  row       TEXT NOT NULL,
  PRIMARY KEY (statement, seq)
) STRICT;

-- Which events touched which batch: a batch's history.
CREATE TABLE IF NOT EXISTS batch_events (
  batch     TEXT NOT NULL,
  statement TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  PRIMARY KEY (batch, statement, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS batch_edges (
  from_batch TEXT NOT NULL,
  to_batch   TEXT NOT NULL,
  statement  TEXT NOT NULL,
  row        TEXT NOT NULL,
  PRIMARY KEY (to_batch, from_batch, statement)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS batch_edges_from ON batch_edges (from_batch, to_batch);
`;
