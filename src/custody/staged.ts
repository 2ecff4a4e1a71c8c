/**
 * A map with a pending layer: writes go to a draft until {@link StagedMap.commit}, reads see the draft
 * first. This is what makes `Ledger.apply` atomic without copying state: a failing statement discards its
 * draft and the committed layer was never touched. Values are replaced, never mutated, so the committed
 * layer cannot change through a shared reference either.
 */
export class StagedMap<K, V> {
  readonly #committed = new Map<K, V>();
  readonly #draft = new Map<K, V>();

  get(key: K): V | undefined {
    // A draft entry is never undefined, so one lookup decides which layer answers.
    return this.#draft.get(key) ?? this.#committed.get(key);
  }

  has(key: K): boolean {
    return this.#draft.has(key) || this.#committed.has(key);
  }

  set(key: K, value: V): void {
    this.#draft.set(key, value);
  }

  /** Values written since the last commit, in order of first write (deterministic for a given input). */
  drafted(): IterableIterator<V> {
    return this.#draft.values();
  }

  /** Every value, drafts included, in committed-then-new order. */
  *values(): IterableIterator<V> {
    for (const [key, value] of this.#committed) yield this.#draft.get(key) ?? value;
    for (const [key, value] of this.#draft) if (!this.#committed.has(key)) yield value;
  }

  /** Every key, drafts included, in committed-then-new order. */
  *keys(): IterableIterator<K> {
    yield* this.#committed.keys();
    for (const key of this.#draft.keys()) if (!this.#committed.has(key)) yield key;
  }

  commit(): void {
    for (const [key, value] of this.#draft) this.#committed.set(key, value);
    this.#draft.clear();
  }

  discard(): void {
    this.#draft.clear();
  }
}
