import { sha256 } from '../../crypto/index.js';

/**
 * A small seeded pseudo-random generator for the demo world: sfc32 (Chris Doty-Humphrey's "Small Fast
 * Counting" generator, PractRand-clean at 32 bits), seeded from SHA-256 of the world seed and a stream
 * name. Named streams keep unrelated draws apart: adding an organisation does not shift every later
 * lot size, and each key comes from its own stream. Never for secrets: the demo's keys are derived from
 * a seed anyone may know.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  private constructor(words: readonly [number, number, number, number]) {
    [this.#a, this.#b, this.#c, this.#d] = words;
    // The reference implementation discards the first outputs so the state is well mixed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The generator for `stream` of world `seed`. */
  static of(seed: number, stream: string): Random {
    const digest = sha256(Buffer.from(`lodestone-demo/${seed}/${stream}`, 'utf8'));
    return new Random([digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), 1]);
  }

  /** The next 32 random bits, as an unsigned integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `items`, each as likely as its `weight`. */
  weighted<T extends { readonly weight: number }>(items: readonly T[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }

  /** `n` random bytes. */
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i += 4) {
      const word = this.uint32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (word >>> (8 * (3 - j))) & 0xff;
    }
    return out;
  }
}
