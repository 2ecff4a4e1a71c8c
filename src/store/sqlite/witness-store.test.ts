import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, SqliteStore } from './sqlite-store.js';

let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lodestone-witness-store-'));
  store = SqliteStore.open(dir);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const record = (size: number) => ({
  origin: 'o',
  size,
  root: Buffer.alloc(32, size),
  checkpoint: `cp ${size}`,
});

describe('WitnessStore', () => {
  it('stores what update decides, durably across a reopen, and nothing when it decides nothing', () => {
    expect(store.witness.get('o')).toBeUndefined();
    expect(store.witness.update('o', (cur) => ({ next: record(3), result: cur?.size ?? 0 }))).toBe(0);
    expect(store.witness.update('o', (cur) => ({ result: cur?.size }))).toBe(3);
    store.close();
    store = SqliteStore.open(dir);
    expect(store.witness.get('o')).toEqual(record(3));
  });

  it('rolls the write back when the decision throws', () => {
    store.witness.update('o', () => ({ next: record(1), result: undefined }));
    expect(() =>
      store.witness.update('o', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.witness.get('o')?.size).toBe(1);
  });

  it('takes the write lock before reading: a second connection cannot write meanwhile', () => {
    const other = new Database(join(dir, DATABASE_FILE), { timeout: 0 });
    try {
      store.witness.update('o', () => {
        // BEGIN IMMEDIATE holds the RESERVED lock: another writer fails instead of interleaving.
        expect(() => other.prepare('DELETE FROM witness_state').run()).toThrow(/locked|busy/i);
        return { result: undefined };
      });
    } finally {
      other.close();
    }
  });

  it('opens read-only over a directory whose witness table was never written', () => {
    const ro = SqliteStore.open(dir, { readonly: true });
    try {
      expect(ro.witness.get('o')).toBeUndefined();
    } finally {
      ro.close();
    }
  });
});
