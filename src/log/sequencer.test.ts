import { describe, expect, it } from 'vitest';
import { generateEd25519 } from '../crypto/index.js';
import { openCheckpoint } from './checkpoint.js';
import { LogError } from './errors.js';
import { hashLeaf, rootOfLeafHashes } from './merkle.js';
import { newEd25519Signer, newEd25519Verifier } from './note.js';
import type { IntegrationBatch, LatestCheckpoint, LogStore } from './ports.js';
import { buildInclusionProof, verifyInclusion } from './proof.js';
import { Sequencer } from './sequencer.js';

const ORIGIN = 'example.com/sequencer-test';
const keys = generateEd25519();
const signer = newEd25519Signer(ORIGIN, keys);
const verifier = newEd25519Verifier(ORIGIN, keys.publicRaw);

/** An in-memory LogStore that keeps what the port asks for and can be told to fail the next commit. */
class MemoryLogStore implements LogStore<string> {
  entries: Buffer[] = [];
  records: string[] = [];
  tiles = new Map<string, Buffer>();
  checkpoints: LatestCheckpoint[] = [];
  failNext = false;

  latestCheckpoint(): LatestCheckpoint | undefined {
    return this.checkpoints.at(-1);
  }
  readTile(level: number, index: number): Uint8Array | undefined {
    return this.tiles.get(`${level}/${index}`);
  }
  readEntries(start: number, end: number): Buffer[] {
    return this.entries.slice(start, end);
  }
  integrate(batch: IntegrationBatch<string>): void {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    if (batch.fromSize !== (this.latestCheckpoint()?.size ?? 0)) throw new Error('stale batch');
    this.entries.push(...batch.entries.map((e) => Buffer.from(e)));
    this.records.push(...batch.records);
    for (const t of batch.tiles) this.tiles.set(`${t.level}/${t.index}`, Buffer.from(t.data));
    this.checkpoints.push(batch.checkpoint);
  }
}

const entry = (i: number): Buffer => Buffer.from(`entry ${i}`);

describe('Sequencer', () => {
  it('publishes a signed checkpoint for the empty log on first start', () => {
    const store = new MemoryLogStore();
    new Sequencer({ store, origin: ORIGIN, signer });
    expect(store.checkpoints).toHaveLength(1);
    expect(openCheckpoint(store.checkpoints[0]!.note, verifier).checkpoint.size).toBe(0);
  });

  it('integrates in batches of at most maxBatch, in submission order, each with a checkpoint', async () => {
    const store = new MemoryLogStore();
    const seq = new Sequencer({ store, origin: ORIGIN, signer, maxBatch: 16, maxDelayMs: 1 });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => seq.add(entry(i), `r${i}`)));
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(store.records).toEqual(Array.from({ length: 100 }, (_, i) => `r${i}`));
    const sizes = store.checkpoints.map((c) => c.size);
    expect(sizes.at(-1)).toBe(100);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]! - sizes[i - 1]!).toBeLessThanOrEqual(16);
    const { checkpoint } = openCheckpoint(seq.latest.note, verifier);
    expect(checkpoint.rootHash).toEqual(rootOfLeafHashes(store.entries.map(hashLeaf)));
    for (const r of results) {
      const cp = openCheckpoint(r.checkpoint.note, verifier).checkpoint;
      const proof = buildInclusionProof(r.index, cp.size, seq.hashReader);
      verifyInclusion(r.index, cp.size, hashLeaf(entry(r.index)), proof, cp.rootHash);
    }
  });

  it('answers LOG_PUSHBACK beyond maxPending and LOG_ENTRY_TOO_LARGE above 65,535 bytes', async () => {
    const store = new MemoryLogStore();
    const seq = new Sequencer({ store, origin: ORIGIN, signer, maxPending: 3, maxDelayMs: 5 });
    const added = Array.from({ length: 5 }, (_, i) => seq.add(entry(i), `r${i}`));
    const settled = await Promise.allSettled(added);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'LOG_PUSHBACK' });
    await expect(seq.add(Buffer.alloc(65_536), 'big')).rejects.toMatchObject({ code: 'LOG_ENTRY_TOO_LARGE' });
  });

  it('rejects a whole batch whose commit fails, and carries on from what is durable', async () => {
    const store = new MemoryLogStore();
    const seq = new Sequencer({ store, origin: ORIGIN, signer, maxDelayMs: 1 });
    await Promise.all([0, 1, 2].map((i) => seq.add(entry(i), `r${i}`)));
    store.failNext = true;
    const failed = await Promise.allSettled([3, 4].map((i) => seq.add(entry(i), `r${i}`)));
    expect(failed.every((f) => f.status === 'rejected')).toBe(true);
    const next = await seq.add(entry(5), 'r5');
    expect(next.index).toBe(3);
    const { checkpoint } = openCheckpoint(seq.latest.note, verifier);
    expect(checkpoint.rootHash).toEqual(rootOfLeafHashes(store.entries.map(hashLeaf)));
  });

  it('restarts from the store: same tree, next index continues', async () => {
    const store = new MemoryLogStore();
    const first = new Sequencer({ store, origin: ORIGIN, signer, maxDelayMs: 1 });
    await Promise.all(Array.from({ length: 300 }, (_, i) => first.add(entry(i), `r${i}`)));
    await first.close();
    const second = new Sequencer({ store, origin: ORIGIN, signer, maxDelayMs: 1 });
    expect(second.latest).toEqual(first.latest);
    expect((await second.add(entry(300), 'r300')).index).toBe(300);
    const { checkpoint } = openCheckpoint(second.latest.note, verifier);
    expect(checkpoint.rootHash).toEqual(rootOfLeafHashes(store.entries.map(hashLeaf)));
  });

  it('integrates what is pending on close, then refuses new entries with LOG_CLOSED', async () => {
    const store = new MemoryLogStore();
    const seq = new Sequencer({ store, origin: ORIGIN, signer, maxDelayMs: 1000 });
    const pending = seq.add(entry(0), 'r0');
    await seq.close();
    expect((await pending).index).toBe(0);
    await expect(seq.add(entry(1), 'r1')).rejects.toBeInstanceOf(LogError);
    await expect(seq.add(entry(1), 'r1')).rejects.toMatchObject({ code: 'LOG_CLOSED' });
  });
});
