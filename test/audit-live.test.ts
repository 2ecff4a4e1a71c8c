import { afterAll, describe, expect, it } from 'vitest';
import { auditDataDirectory } from '../src/service/index.js';
import { samplePayload, tempDir, testSigner } from './helpers/node.js';
import { killAllNodes, registerOrganisation, spawnNode } from './helpers/spawn-node.js';

afterAll(() => killAllNodes());

describe('lodestone verify --data on a node that is taking writes', () => {
  it('reads one consistent snapshot: no false alarms while entries, tiles and checkpoints change', async () => {
    const { dir, cleanup } = tempDir();
    const node = await spawnNode({ dataDir: dir });
    const signer = testSigner();
    await registerOrganisation(node, signer);
    let n = 0;
    let writing = true;
    const writer = async (): Promise<void> => {
      while (writing) {
        const res = await fetch(`${node.url}/v1/statements`, {
          method: 'POST',
          headers: { 'content-type': 'application/jose' },
          body: signer.sign(samplePayload(n++)),
        });
        expect(res.status).toBe(201);
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    try {
      const sizes: number[] = [];
      for (let round = 0; round < 8; round++) {
        await new Promise((r) => setTimeout(r, 150));
        const report = auditDataDirectory(dir);
        expect(report.problems).toEqual([]);
        sizes.push(report.size);
      }
      expect(sizes.at(-1)).toBeGreaterThan(sizes[0]!);
    } finally {
      writing = false;
      await Promise.all(writers);
      node.kill('SIGTERM');
      await node.stopped;
      cleanup();
    }
  }, 60_000);
});
