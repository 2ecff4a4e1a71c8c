/**
 * The demo world's discrete-event clock: actions run in order of their time, and actions due at the
 * same instant in the order they were scheduled, so a run is a function of the seed alone.
 */
interface Action {
  readonly atMs: number;
  readonly seq: number;
  readonly run: () => void;
}

export class Schedule {
  readonly #heap: Action[] = [];
  #seq = 0;
  #nowMs: number;

  constructor(startMs: number) {
    this.#nowMs = startMs;
  }

  /** The time of the action running (or of the last one run). */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** Run `run` at `atMs`; never before the action scheduling it. */
  at(atMs: number, run: () => void): void {
    const action = { atMs: Math.max(atMs, this.#nowMs), seq: this.#seq++, run };
    this.#heap.push(action);
    this.#up(this.#heap.length - 1);
  }

  /** Run every action due before `endMs`, in order; later ones are dropped. */
  runUntil(endMs: number): void {
    for (let next = this.#pop(); next !== undefined && next.atMs < endMs; next = this.#pop()) {
      this.#nowMs = next.atMs;
      next.run();
    }
    this.#heap.length = 0;
  }

  #pop(): Action | undefined {
    const top = this.#heap[0];
    const last = this.#heap.pop();
    if (top !== undefined && last !== undefined && this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#down(0);
    }
    return top;
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.#heap[i]!, this.#heap[parent]!)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let first = i;
      if (left < this.#heap.length && before(this.#heap[left]!, this.#heap[first]!)) first = left;
      if (right < this.#heap.length && before(this.#heap[right]!, this.#heap[first]!)) first = right;
      if (first === i) return;
      this.#swap(i, first);
      i = first;
    }
  }

  #swap(i: number, j: number): void {
    [this.#heap[i], this.#heap[j]] = [this.#heap[j]!, this.#heap[i]!];
  }
}

function before(a: Action, b: Action): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}
