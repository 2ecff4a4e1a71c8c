import { signCheckpoint } from './checkpoint.js';
import { LogError } from './errors.js';
import { hashLeaf, MerkleFrontier } from './merkle.js';
import type { NoteSigner } from './note.js';
import type { LatestCheckpoint, LogStore } from './ports.js';
import { MAX_ENTRY_SIZE } from './tiles/layout.js';
import { TileHashReader } from './tiles/reader.js';
import { TileWriter } from './tiles/writer.js';

/** Where an added entry landed, once it is durable. */
export interface Sequenced {
  readonly index: number;
  /** The checkpoint covering the entry (the one signed for the batch that integrated it). */
  readonly checkpoint: LatestCheckpoint;
}

export interface SequencerOptions<R> {
  readonly store: LogStore<R>;
  readonly origin: string;
  readonly signer: NoteSigner;
  /** Most entries integrated in one transaction. */
  readonly maxBatch?: number;
  /** How long the first pending entry waits for company before a batch is integrated. */
  readonly maxDelayMs?: number;
  /** Most entries waiting; beyond it `add` fails with LOG_PUSHBACK rather than queueing without bound. */
  readonly maxPending?: number;
}

interface Pending<R> {
  readonly entry: Uint8Array;
  readonly record: R;
  readonly resolve: (s: Sequenced) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Batches entries and integrates each batch in one durable transaction with a freshly signed checkpoint
 * (DESIGN.md §4). A promise from {@link Sequencer.add} resolves only after the store has committed, so an
 * acknowledged entry is never lost. Sequencing and integration are one step here: a single process owns
 * the tree, and the store refuses a batch whose `fromSize` is stale.
 */
export class Sequencer<R> {
  readonly #opts: Required<SequencerOptions<R>>;
  readonly #reader: TileHashReader;
  #writer: TileWriter;
  #frontier: MerkleFrontier;
  #latest: LatestCheckpoint;
  #pending: Pending<R>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #immediate = false;
  #quietUntil = 0;
  /** Pending entries when the drain last decided to wait: the queue is still growing if more now. */
  #seen = 0;
  #closed = false;

  constructor(options: SequencerOptions<R>) {
    this.#opts = { maxBatch: 2048, maxDelayMs: 2, maxPending: 32_768, ...options };
    const { store } = this.#opts;
    this.#reader = new TileHashReader((l, i) => store.readTile(l, i), 4096);
    const latest = store.latestCheckpoint();
    const size = latest?.size ?? 0;
    this.#writer = TileWriter.fromStore(size, (l, i) => store.readTile(l, i));
    this.#frontier = MerkleFrontier.fromHashReader(size, this.#reader);
    this.#latest = latest ?? this.#initialise();
  }

  /** The latest durable checkpoint. */
  get latest(): LatestCheckpoint {
    return this.#latest;
  }

  /** Reads perfect-subtree hashes from the stored tiles; for building proofs. */
  get hashReader(): TileHashReader {
    return this.#reader;
  }

  get pending(): number {
    return this.#pending.length;
  }

  /**
   * Queue an entry. Resolves once it is durable; rejects if its batch could not be committed.
   * @throws LogError LOG_PUSHBACK when the queue is full, LOG_ENTRY_TOO_LARGE, LOG_CLOSED
   */
  add(entry: Uint8Array, record: R): Promise<Sequenced> {
    if (this.#closed) return Promise.reject(new LogError('LOG_CLOSED', 'the log is shutting down'));
    if (entry.length > MAX_ENTRY_SIZE) {
      return Promise.reject(new LogError('LOG_ENTRY_TOO_LARGE', `entry exceeds ${MAX_ENTRY_SIZE} bytes`));
    }
    if (this.#pending.length >= this.#opts.maxPending) {
      return Promise.reject(new LogError('LOG_PUSHBACK', 'integration queue is full'));
    }
    const promise = new Promise<Sequenced>((resolve, reject) => {
      this.#pending.push({ entry, record, resolve, reject });
    });
    this.#schedule();
    return promise;
  }

  /**
   * Reject every entry still waiting, without integrating it. For a caller that checked entries against
   * state which a failed commit has just invalidated.
   */
  rejectPending(reason: unknown): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const p of this.#pending.splice(0)) p.reject(reason);
  }

  /** Integrate what is pending, then refuse new entries. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    while (this.#pending.length > 0) this.#integrateBatch();
  }

  // Group commit. A full batch goes at once. Otherwise the first pending entry waits `maxDelayMs` for
  // company. Right after a commit it may wait longer, while entries keep arriving, until the commit's own
  // duration has passed three times over: the commit blocks the event loop in fsync, so under load this
  // keeps fsync to about a quarter of the loop and lets batches grow. As soon as a millisecond passes
  // with no new entry, or on an idle node, the batch goes: waiting would only add latency.
  #schedule(): void {
    if (this.#pending.length >= this.#opts.maxBatch) {
      if (this.#immediate) return;
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#immediate = true;
      setImmediate(() => this.#drain());
    } else if (this.#timer === undefined && !this.#immediate) {
      this.#timer = setTimeout(() => this.#drain(), this.#opts.maxDelayMs);
    }
  }

  #drain(): void {
    this.#timer = undefined;
    this.#immediate = false;
    const pending = this.#pending.length;
    if (pending === 0) return;
    const growing = pending > this.#seen && pending < this.#opts.maxBatch;
    if (growing && performance.now() < this.#quietUntil) {
      this.#seen = pending;
      this.#timer = setTimeout(() => this.#drain(), 1);
      return;
    }
    const started = performance.now();
    this.#integrateBatch();
    const ended = performance.now();
    this.#quietUntil = ended + 3 * (ended - started);
    this.#seen = 0;
    if (this.#pending.length > 0) this.#schedule();
  }

  #integrateBatch(): void {
    const batch = this.#pending.splice(0, this.#opts.maxBatch);
    const fromSize = this.#frontier.size;
    try {
      const leafHashes = batch.map((p) => hashLeaf(p.entry));
      const tiles = this.#writer.append(leafHashes);
      for (const h of leafHashes) this.#frontier.append(h);
      const checkpoint = this.#sign();
      this.#opts.store.integrate({
        fromSize,
        entries: batch.map((p) => p.entry),
        records: batch.map((p) => p.record),
        tiles,
        checkpoint,
      });
      this.#latest = checkpoint;
      for (const [i, p] of batch.entries()) p.resolve({ index: fromSize + i, checkpoint });
    } catch (err) {
      for (const p of batch) p.reject(err);
      this.#restore();
    }
  }

  #sign(): LatestCheckpoint {
    const size = this.#frontier.size;
    const checkpoint = { origin: this.#opts.origin, size, rootHash: this.#frontier.root(), extensions: [] };
    return { size, note: signCheckpoint(checkpoint, this.#opts.signer) };
  }

  /**
   * After a failed commit the in-memory tree ran ahead of the store: rebuild it from what is durable. If
   * even that fails (the store cannot be read), the sequencer closes: it cannot know its own tree, and
   * must not sign another checkpoint.
   */
  #restore(): void {
    try {
      this.#rebuild();
    } catch {
      this.#closed = true;
      for (const p of this.#pending.splice(0)) p.reject(new LogError('LOG_CLOSED', 'the log store failed'));
    }
  }

  #rebuild(): void {
    const { store } = this.#opts;
    const size = store.latestCheckpoint()?.size ?? 0;
    this.#reader.clear();
    this.#writer = TileWriter.fromStore(size, (l, i) => store.readTile(l, i));
    this.#frontier = MerkleFrontier.fromHashReader(size, this.#reader);
  }

  /** A new log publishes a signed checkpoint for the empty tree, so `/log/checkpoint` always exists. */
  #initialise(): LatestCheckpoint {
    const checkpoint = this.#sign();
    this.#opts.store.integrate({ fromSize: 0, entries: [], records: [], tiles: [], checkpoint });
    return checkpoint;
  }
}
