/**
 * Byte formats of tlog-tiles resources: entry bundles and hash tiles (c2sp.org/tlog-tiles).
 * @module
 */
import { LogError } from '../errors.js';
import { HASH_SIZE } from '../merkle.js';
import { MAX_ENTRY_SIZE, TILE_WIDTH } from './layout.js';

export { HASH_SIZE };
/** Bytes of a full hash tile (256 hashes). */
export const FULL_TILE_SIZE = TILE_WIDTH * HASH_SIZE;

// Each entry in a bundle is preceded by its length as a big-endian uint16 (tlog-tiles §Log entries).
const LENGTH_PREFIX_SIZE = 2;

/**
 * Encodes up to 256 entries as an entry bundle: each entry prefixed with its uint16-BE length
 * (tlog-tiles §Log entries).
 * @throws LogError `LOG_ENTRY_TOO_LARGE` when an entry exceeds 65,535 bytes.
 * @throws LogError `LOG_RANGE` when there are no entries or more than 256 (a bundle is never empty and
 *   never wider than a tile).
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  if (entries.length === 0 || entries.length > TILE_WIDTH) {
    throw new LogError('LOG_RANGE', `an entry bundle holds 1..${TILE_WIDTH} entries, got ${entries.length}`);
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_SIZE) {
      throw new LogError('LOG_ENTRY_TOO_LARGE', `entry of ${entry.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    }
    total += LENGTH_PREFIX_SIZE + entry.length;
  }
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const entry of entries) {
    offset = out.writeUInt16BE(entry.length, offset);
    out.set(entry, offset);
    offset += entry.length;
  }
  return out;
}

/**
 * Decodes an entry bundle into its entries, which are views into `bytes` (copy them to keep them past
 * a reuse of `bytes`). Strict, because bundles come from untrusted mirrors and clients: every byte must
 * belong to exactly one entry, and there must be 1..256 entries.
 * @throws TypeError when `bytes` is not a Uint8Array.
 * @throws LogError `LOG_TILE_MALFORMED` for a truncated prefix or entry, an empty bundle, or more than
 *   256 entries.
 */
export function decodeEntryBundle(bytes: Uint8Array): Buffer[] {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('an entry bundle must be a Uint8Array');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: Buffer[] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (entries.length === TILE_WIDTH) throw malformed(`entry bundle holds more than ${TILE_WIDTH} entries`);
    if (buf.length - offset < LENGTH_PREFIX_SIZE) throw malformed('entry bundle ends inside a length prefix');
    const length = buf.readUInt16BE(offset);
    offset += LENGTH_PREFIX_SIZE;
    if (buf.length - offset < length) throw malformed('entry bundle ends inside an entry');
    entries.push(buf.subarray(offset, offset + length));
    offset += length;
  }
  if (entries.length === 0) throw malformed('entry bundle is empty');
  return entries;
}

/**
 * Splits a hash tile into its hashes, which are views into `bytes`. A tile is 1..256 concatenated
 * 32-byte hashes (tlog-tiles §Merkle Tree; empty tiles are never served, §Partial Tiles).
 * @param expectedWidth - if given, the width the tile's path promises; any other width is rejected.
 * @throws TypeError when `bytes` is not a Uint8Array.
 * @throws LogError `LOG_TILE_MALFORMED` when the length is not a positive multiple of 32 up to 8,192, or
 *   does not match `expectedWidth`.
 */
export function splitHashTile(bytes: Uint8Array, expectedWidth?: number): Buffer[] {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('a hash tile must be a Uint8Array');
  const width = checkHashTile(bytes);
  if (expectedWidth !== undefined && width !== expectedWidth) {
    throw malformed(`hash tile holds ${width} hashes, expected ${expectedWidth}`);
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hashes: Buffer[] = [];
  for (let i = 0; i < width; i++) hashes.push(buf.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return hashes;
}

/**
 * The width (hash count) of a hash tile's bytes, after checking their length.
 * @throws LogError `LOG_TILE_MALFORMED` when the length is not a positive multiple of 32 up to 8,192.
 */
export function checkHashTile(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n === 0 || n > FULL_TILE_SIZE || n % HASH_SIZE !== 0) {
    throw malformed(`hash tile of ${n} bytes is not 1..${TILE_WIDTH} hashes of ${HASH_SIZE} bytes`);
  }
  return n / HASH_SIZE;
}

function malformed(message: string): LogError {
  return new LogError('LOG_TILE_MALFORMED', message);
}
