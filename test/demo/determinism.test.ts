import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LodestoneNode, seedDemoWorld } from '../../src/service/index.js';
import { tempDir } from '../helpers/node.js';

/** Everything a log publishes (tlog-tiles): its checkpoint, every entry bundle and every hash tile. */
interface PublishedLog {
  readonly checkpoint: string;
  readonly size: number;
  readonly files: Map<string, Buffer>;
}

const TILE_WIDTH = 256;

async function publishedLog(dataDir: string): Promise<PublishedLog> {
  const node = LodestoneNode.open({ dataDir, verifyThreads: 0 });
  try {
    const size = node.size;
    const files = new Map<string, Buffer>();
    for (let n = 0; n * TILE_WIDTH < size; n++) {
      files.set(`tile/entries/${n}`, node.entryBundle(n, Math.min(TILE_WIDTH, size - n * TILE_WIDTH))!);
    }
    for (let level = 0, hashes = size; hashes > 0; level++, hashes = Math.floor(hashes / TILE_WIDTH)) {
      for (let n = 0; n * TILE_WIDTH < hashes; n++) {
        files.set(`tile/${level}/${n}`, node.tile(level, n, Math.min(TILE_WIDTH, hashes - n * TILE_WIDTH))!);
      }
    }
    return { checkpoint: node.checkpoint(), size, files };
  } finally {
    await node.close();
  }
}

/** The files a seeding writes beside the database: node keys, organisations' keys, the manifest. */
function seededFiles(dataDir: string): Map<string, Buffer> {
  const names = ['log.key', 'operator.key', 'witness.key', 'demo.json'];
  const keys = readdirSync(join(dataDir, 'demo-keys')).map((f) => join('demo-keys', f));
  return new Map([...names, ...keys].map((name) => [name, readFileSync(join(dataDir, name))]));
}

describe('seedDemoWorld', () => {
  const dirs = [tempDir('lodestone-demo-a-'), tempDir('lodestone-demo-b-'), tempDir('lodestone-demo-c-')];
  afterAll(() => {
    for (const d of dirs) d.cleanup();
  });
  const [a, b, c] = dirs.map((d) => d.dir) as [string, string, string];
  const options = { seed: 1, scale: 0.1 };

  describe('when the same seed is seeded into two directories', () => {
    it('publishes byte-identical logs: checkpoint, every entry bundle and every tile', async () => {
      await seedDemoWorld(a, options);
      await seedDemoWorld(b, options);
      const [first, second] = [await publishedLog(a), await publishedLog(b)];
      expect(first.size).toBeGreaterThan(1_000);
      expect(second.checkpoint).toBe(first.checkpoint);
      expect([...second.files.keys()]).toEqual([...first.files.keys()]);
      for (const [path, bytes] of first.files) {
        expect(bytes, path).toBeInstanceOf(Buffer);
        expect(second.files.get(path)?.equals(bytes), path).toBe(true);
      }
    });

    it('writes identical node keys, organisation keys and manifests', () => {
      const [first, second] = [seededFiles(a), seededFiles(b)];
      expect([...second.keys()]).toEqual([...first.keys()]);
      for (const [name, bytes] of first) expect(second.get(name)?.equals(bytes), name).toBe(true);
    });
  });

  describe('when another seed is seeded', () => {
    it('publishes another log', async () => {
      await seedDemoWorld(c, { ...options, seed: 2 });
      const [first, other] = [await publishedLog(a), await publishedLog(c)];
      expect(other.checkpoint).not.toBe(first.checkpoint);
      expect(other.files.get('tile/entries/0')?.equals(first.files.get('tile/entries/0')!)).toBe(false);
      expect(readFileSync(join(c, 'operator.key')).equals(readFileSync(join(a, 'operator.key')))).toBe(false);
    });
  });
});
