import type { EdgeRow, LedgerEffects } from '../custody/index.js';
import type { UpstreamBatch, UpstreamGraph } from '../store/index.js';

/**
 * The element-mass graph of committed batches, in memory, for provenance answers: a product with 10,000
 * upstream lots is walked in a few milliseconds, where a recursive SQL query over the edge table takes
 * tens. Only committed rows are added (after their batch is durable), and a batch's upstream is fixed
 * when it is created, so the walk never sees a statement still in flight.
 */
export class UpstreamIndex {
  readonly #inputs = new Map<string, EdgeRow[]>();
  readonly #batches = new Map<string, { seq: number; summary: UpstreamBatch }>();

  /** Record what a committed statement created or changed. */
  add(effects: LedgerEffects): void {
    for (const b of effects.batches) {
      const seq = this.#batches.get(b.id)?.seq ?? this.#batches.size;
      const summary = { id: b.id, material: b.material, facility: b.facility, createdGrams: b.createdGrams };
      this.#batches.set(b.id, { seq, summary });
    }
    for (const e of effects.edges) {
      const list = this.#inputs.get(e.to);
      if (list) list.push(e);
      else this.#inputs.set(e.to, [e]);
    }
  }

  /**
   * Every batch upstream of `id` (itself included) in creation order, and the edges among them ordered by
   * (to, from, statement): the same answer as the store's recursive query.
   */
  upstream(id: string): UpstreamGraph {
    const seen = new Set<string>([id]);
    const edges: EdgeRow[] = [];
    const queue = [id];
    for (let i = 0; i < queue.length; i++) {
      for (const e of this.#inputs.get(queue[i]!) ?? []) {
        edges.push(e);
        if (!seen.has(e.from)) {
          seen.add(e.from);
          queue.push(e.from);
        }
      }
    }
    edges.sort((a, b) => compare(a.to, b.to) || compare(a.from, b.from) || compare(a.statement, b.statement));
    const batches = [...seen]
      .map((b) => this.#batches.get(b))
      .filter((b) => b !== undefined)
      .sort((a, b) => a.seq - b.seq)
      .map((b) => b.summary);
    return { batches, edges };
  }
}

// SQLite's default BINARY collation: byte order of the UTF-8, which for these strings is code-unit order.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
