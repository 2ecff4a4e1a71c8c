/**
 * W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/): the bitstring behind a
 * `BitstringStatusList` credential's `encodedList`, bit-for-bit.
 *
 * - Bit order (spec §"Bitstring Expansion"/"Validate"): index 0 is the left-most, most significant bit of
 *   the first byte; index 7 the least significant bit of the first byte; index 8 the MSB of the second.
 * - `encodedList` (spec §"Bitstring Generation Algorithm"): the multibase base64url prefix `u` followed by
 *   unpadded base64url (RFC 4648 §5) of the GZIP (RFC 1952) compression of the bytes.
 * - Size: at least {@link MIN_STATUS_LIST_BITS} (16 KB, the spec's herd-privacy minimum), at most
 *   {@link MAX_STATUS_LIST_BYTES} decompressed (Lodestone's GZIP-bomb guard).
 *
 * Multi-bit entries (`statusSize` > 1, `statusMessage` purpose) are not read here: this is the single-bit
 * revocation/suspension view of the list.
 */
import type { Buffer } from 'node:buffer';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fromBase64Url } from '../crypto/index.js';
import { CredentialsError } from './errors.js';

/** The spec's minimum bitstring length: 16 KB (131,072 entries), so one credential hides among many. */
export const MIN_STATUS_LIST_BITS = 131_072;

/**
 * The largest decompressed bitstring Lodestone accepts: 16 MiB (134,217,728 entries), a GZIP-bomb guard.
 * A few kilobytes of GZIP can expand to gigabytes; {@link StatusBitstring.decode} hands this bound to zlib
 * as `maxOutputLength`, so an oversized stream is refused mid-inflate and never allocated in full.
 */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/**
 * The longest `encodedList` string {@link StatusBitstring.decode} looks at, refused before any decoding
 * (STATUS_LIST_TOO_LARGE): `u` plus base64url of {@link MAX_STATUS_LIST_BYTES} + 1 MiB of GZIP — far above
 * deflate's worst-case expansion (stored blocks: 5 bytes per 65,535) plus the GZIP header and trailer.
 */
export const MAX_ENCODED_LIST_LENGTH = 1 + Math.ceil(((MAX_STATUS_LIST_BYTES + 1024 * 1024) * 4) / 3);

const MIN_BYTES = MIN_STATUS_LIST_BITS / 8;

/**
 * A status list bitstring: an immutable value over a private byte array. {@link with} and
 * {@link withAll} return a new bitstring (copy-on-write); nothing mutates an existing one, so a decoded
 * list can be cached and shared freely.
 */
export class StatusBitstring {
  readonly #bytes: Uint8Array;

  /** Takes ownership of `bytes` (callers pass a fresh array nobody else holds). */
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /**
   * An all-clear bitstring of `length` bits.
   * @throws RangeError unless `length` is a multiple of 8 in
   *   [{@link MIN_STATUS_LIST_BITS}, 8 × {@link MAX_STATUS_LIST_BYTES}] (a larger list would not decode).
   */
  static create(length: number = MIN_STATUS_LIST_BITS): StatusBitstring {
    if (
      !Number.isSafeInteger(length) ||
      length % 8 !== 0 ||
      length < MIN_STATUS_LIST_BITS ||
      length > MAX_STATUS_LIST_BYTES * 8
    ) {
      throw new RangeError(
        `status list length must be a multiple of 8 from ${MIN_STATUS_LIST_BITS} to ${MAX_STATUS_LIST_BYTES * 8}, got ${length}`,
      );
    }
    return new StatusBitstring(new Uint8Array(length / 8));
  }

  /**
   * The bitstring whose raw (uncompressed) bytes are `bytes`, copied; the inverse of {@link toBytes}.
   * @throws CredentialsError STATUS_LIST_TOO_SMALL, STATUS_LIST_TOO_LARGE
   */
  static fromBytes(bytes: Uint8Array): StatusBitstring {
    checkSize(bytes.byteLength);
    return new StatusBitstring(Uint8Array.from(bytes));
  }

  /**
   * Parses an `encodedList`. Strict: the `u` prefix, canonical unpadded base64url (no `=`, no stray
   * characters or non-zero trailing bits), a complete GZIP stream (one or more members, RFC 1952 §2.2) and
   * nothing after it. Throws nothing but {@link CredentialsError}, whatever the input.
   * @throws CredentialsError STATUS_LIST_MALFORMED, STATUS_LIST_TOO_SMALL, STATUS_LIST_TOO_LARGE
   */
  static decode(encodedList: string): StatusBitstring {
    try {
      return new StatusBitstring(decodeBytes(encodedList));
    } catch (err) {
      if (err instanceof CredentialsError) throw err;
      throw new CredentialsError('STATUS_LIST_MALFORMED', 'encodedList does not decode', { cause: err });
    }
  }

  /** The number of entries (bits): always a multiple of 8. */
  get length(): number {
    return this.#bytes.length * 8;
  }

  /**
   * The bit at `index` (true: set, e.g. revoked).
   * @throws CredentialsError STATUS_INDEX_OUT_OF_RANGE unless `index` is a safe integer in [0, length)
   */
  get(index: number): boolean {
    this.#check(index);
    return (this.#bytes[index >>> 3]! & (0x80 >>> (index & 7))) !== 0;
  }

  /**
   * A copy with the bit at `index` set to `value`; `this` when it already is.
   * @throws CredentialsError STATUS_INDEX_OUT_OF_RANGE
   */
  with(index: number, value: boolean): StatusBitstring {
    if (this.get(index) === value) return this;
    return this.withAll([index], value);
  }

  /**
   * A copy with every bit in `indices` set to `value`, in one copy (for publishing a batch of changes).
   * @throws CredentialsError STATUS_INDEX_OUT_OF_RANGE (checked before anything is copied)
   */
  withAll(indices: Iterable<number>, value: boolean): StatusBitstring {
    const list = [...indices];
    for (const index of list) this.#check(index);
    const bytes = Uint8Array.from(this.#bytes);
    for (const index of list) {
      const mask = 0x80 >>> (index & 7);
      const at = index >>> 3;
      bytes[at] = value ? bytes[at]! | mask : bytes[at]! & ~mask;
    }
    return new StatusBitstring(bytes);
  }

  /**
   * The `encodedList` value: `u` + unpadded base64url of GZIP (zlib's default level, MTIME 0, so equal
   * bitstrings encode equally on one zlib build). For the all-clear 16 KB list this is the spec's example,
   * `uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA`.
   */
  encode(): string {
    return 'u' + gzipSync(this.#bytes).toString('base64url');
  }

  /** A copy of the raw (uncompressed) bytes, first byte holding indices 0–7. */
  toBytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  /** The indices of the set bits, ascending. One number per set bit: mind the size of huge, full lists. */
  setIndices(): number[] {
    const out: number[] = [];
    const bytes = this.#bytes;
    for (let at = 0; at < bytes.length; at++) pushBits(out, at, bytes[at]!);
    return out;
  }

  /**
   * The indices set in `previous` but clear in this bitstring, ascending: the entries a new version would
   * un-revoke (refused for the `revocation` purpose, STATUS_REVOCATION_IRREVERSIBLE, by the caller).
   * Bits of `previous` beyond this bitstring's length count as cleared; bits beyond `previous`'s length are
   * ignored.
   */
  clearedFrom(previous: StatusBitstring): number[] {
    const out: number[] = [];
    const before = previous.#bytes;
    const now = this.#bytes;
    for (let at = 0; at < before.length; at++) {
      const cleared = before[at]! & ~(now[at] ?? 0);
      if (cleared !== 0) pushBits(out, at, cleared);
    }
    return out;
  }

  #check(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length) {
      throw new CredentialsError(
        'STATUS_INDEX_OUT_OF_RANGE',
        `status list index ${String(index)} is outside [0, ${this.length})`,
      );
    }
  }
}

/** Appends the indices of the set bits of `byte` (the byte at offset `at`), most significant first. */
function pushBits(out: number[], at: number, byte: number): void {
  let rest = byte & 0xff;
  while (rest !== 0) {
    const bit = Math.clz32(rest) - 24;
    out.push(at * 8 + bit);
    rest &= ~(0x80 >>> bit);
  }
}

function checkSize(bytes: number): void {
  if (bytes < MIN_BYTES) {
    throw new CredentialsError(
      'STATUS_LIST_TOO_SMALL',
      `status list is ${bytes} bytes, under the ${MIN_BYTES}-byte (${MIN_STATUS_LIST_BITS}-entry) minimum`,
    );
  }
  if (bytes > MAX_STATUS_LIST_BYTES) {
    throw new CredentialsError(
      'STATUS_LIST_TOO_LARGE',
      `status list is over the ${MAX_STATUS_LIST_BYTES}-byte maximum`,
    );
  }
}

/** zlib's `info: true` result (typed as a plain Buffer by @types/node). */
interface InflateInfo {
  readonly buffer: Buffer;
  readonly engine: { readonly bytesWritten: number };
}

function decodeBytes(encodedList: string): Uint8Array {
  if (typeof encodedList !== 'string') {
    throw new CredentialsError('STATUS_LIST_MALFORMED', 'encodedList must be a string');
  }
  if (encodedList.length > MAX_ENCODED_LIST_LENGTH) {
    throw new CredentialsError(
      'STATUS_LIST_TOO_LARGE',
      `encodedList is ${encodedList.length} characters, over the ${MAX_ENCODED_LIST_LENGTH} accepted`,
    );
  }
  if (!encodedList.startsWith('u')) {
    throw new CredentialsError(
      'STATUS_LIST_MALFORMED',
      "encodedList must start with the multibase base64url prefix 'u'",
    );
  }
  let compressed: Buffer;
  try {
    compressed = fromBase64Url(encodedList.slice(1));
  } catch (err) {
    throw new CredentialsError(
      'STATUS_LIST_MALFORMED',
      'encodedList is not canonical unpadded base64url after its prefix',
      { cause: err },
    );
  }
  let inflated: InflateInfo;
  try {
    inflated = gunzipSync(compressed, {
      info: true,
      maxOutputLength: MAX_STATUS_LIST_BYTES,
    }) as unknown as InflateInfo;
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CredentialsError(
        'STATUS_LIST_TOO_LARGE',
        `status list decompresses to over ${MAX_STATUS_LIST_BYTES} bytes`,
        { cause: err },
      );
    }
    throw new CredentialsError('STATUS_LIST_MALFORMED', 'encodedList is not a valid GZIP stream', {
      cause: err,
    });
  }
  // zlib stops at the end of the last GZIP member and silently drops what follows (e.g. zero bytes):
  // the bytes it consumed must be the whole input.
  if (inflated.engine.bytesWritten !== compressed.length) {
    throw new CredentialsError('STATUS_LIST_MALFORMED', 'encodedList has bytes after its GZIP stream');
  }
  const out = inflated.buffer;
  checkSize(out.length);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
