/** An interrupted seeding leaves the data directory as it was: no partial log for a start to serve. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canSeedDemoWorld, seedDemoWorld } from '../../src/service/index.js';
import { tempDir } from '../helpers/node.js';

describe('an interrupted demo seeding', () => {
  it('leaves nothing behind, so the next start seeds afresh', async () => {
    const { dir, cleanup } = tempDir('lodestone-demo-interrupt-');
    try {
      const data = join(dir, 'data');
      let calls = 0;
      const interrupted = seedDemoWorld(data, {
        scale: 0.1,
        progress: () => {
          if (++calls === 2) throw new Error('interrupted');
        },
      });
      await expect(interrupted).rejects.toThrow('interrupted');
      expect(existsSync(data)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
      expect(canSeedDemoWorld(data)).toBe(true);
      const manifest = await seedDemoWorld(data, { scale: 0.1 });
      expect(manifest.counts.statements).toBeGreaterThan(100);
      expect(canSeedDemoWorld(data)).toBe(false);
    } finally {
      cleanup();
    }
  }, 60_000);
});
