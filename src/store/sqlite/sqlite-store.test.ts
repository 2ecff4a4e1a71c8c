import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/node.js';
import { DATABASE_FILE, SqliteStore } from './sqlite-store.js';

describe('SqliteStore.open', () => {
  it('runs WAL with synchronous=FULL, so a commit is fsynced before it returns (DESIGN.md §4)', () => {
    const { dir, cleanup } = tempDir();
    const store = SqliteStore.open(dir);
    try {
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
    } finally {
      store.close();
      cleanup();
    }
  });

  it('creates the database readable by its owner only', () => {
    const { dir, cleanup } = tempDir();
    SqliteStore.open(dir).close();
    try {
      expect(statSync(join(dir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      cleanup();
    }
  });

  it('refuses a batch that does not start at the current size (two writers cannot interleave)', () => {
    const { dir, cleanup } = tempDir();
    const store = SqliteStore.open(dir);
    try {
      const batch = {
        fromSize: 5,
        entries: [],
        records: [],
        tiles: [],
        checkpoint: { size: 5, note: 'x\n' },
      };
      expect(() => store.integrate(batch)).toThrow(expect.objectContaining({ code: 'STORE_CONFLICT' }));
    } finally {
      store.close();
      cleanup();
    }
  });
});
