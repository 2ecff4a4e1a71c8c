/**
 * Tile geometry and resource paths of a tiled transparency log (c2sp.org/tlog-tiles).
 *
 * Every number here is a JS `number`: tree sizes and indices are limited to Number.MAX_SAFE_INTEGER
 * (2^53 − 1 entries), far beyond any log this project will run, and the limit keeps arithmetic exact.
 * @module
 */
import { LogError } from '../errors.js';

/** Merkle levels spanned by one tile; fixed at 8 by tlog-tiles §Merkle Tree. */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile (2^TILE_HEIGHT); also the entries in a full entry bundle. */
export const TILE_WIDTH = 256;
/** Largest entry an entry bundle can carry: its uint16-BE length prefix (tlog-tiles §Log entries). */
export const MAX_ENTRY_SIZE = 65_535;
/** Highest tile level a path may name (tlog-tiles §Merkle Tree: `<L>` is 0..63). */
export const MAX_TILE_LEVEL = 63;

/** A hash tile: `width` hashes (1..256; 256 is a full tile) of tile `index` at tile level `level`. */
export interface TileId {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** What {@link parseTilePath} found: a hash tile, or an entry bundle (whose `level` is always 0). */
export interface ParsedTilePath extends TileId {
  readonly kind: 'hash' | 'entries';
}

/** How many tiles one level holds for a tree size: `full` complete tiles plus one of `partialWidth` (0 = none). */
export interface TileCount {
  readonly level: number;
  readonly full: number;
  readonly partialWidth: number;
}

/** Where a perfect subtree's hash is computed from: `count` consecutive hashes of one tile from `start`. */
export interface NodeTileAddress {
  readonly tileLevel: number;
  readonly tileIndex: number;
  /** Levels to hash up inside the tile (binary level mod 8). */
  readonly height: number;
  readonly start: number;
  readonly count: number;
}

// The longest valid path is ~47 characters; refusing long input first bounds all later work.
const MAX_PATH_LENGTH = 64;
// tlog-tiles §Merkle Tree: L without leading zeros, N as 3-digit groups all but the last prefixed `x`,
// optional `.p/<W>` with W without leading zeros. At most six groups: 18 digits is the widest number
// that can still be a safe integer, so a seventh group is rejected before any arithmetic.
const TILE_PATH =
  /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/){0,5}[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

function rangeError(what: string, value: unknown): LogError {
  return new LogError('LOG_RANGE', `${what} out of range: ${String(value)}`);
}

function checkLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw rangeError('tile level', level);
}

function checkIndex(what: string, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw rangeError(what, index);
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw rangeError('tile width', width);
}

function checkSize(size: number): void {
  checkIndex('tree size', size);
}

// tlog-tiles §Merkle Tree: zero-padded 3-digit path elements, all but the last prefixed with `x`.
function formatIndex(index: number): string {
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  const last = groups.pop() as string;
  return groups.map((g) => `x${g}/`).join('') + last;
}

function formatWidth(width: number): string {
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/**
 * The path of a hash tile, relative to the log prefix: `tile/<L>/<N>[.p/<W>]` (tlog-tiles §Merkle Tree).
 * @throws LogError `LOG_RANGE` when the level is not 0..63, the index not a safe non-negative integer, or
 *   the width not 1..256.
 * @example tilePath({ level: 0, index: 1234067, width: 256 }) === 'tile/0/x001/x234/067'
 */
export function tilePath(tile: TileId): string {
  checkLevel(tile.level);
  checkIndex('tile index', tile.index);
  checkWidth(tile.width);
  return `tile/${tile.level}/${formatIndex(tile.index)}${formatWidth(tile.width)}`;
}

/**
 * The path of entry bundle `index` holding `width` entries (256 = full): `tile/entries/<N>[.p/<W>]`
 * (tlog-tiles §Log entries).
 * @throws LogError `LOG_RANGE` when the index is not a safe non-negative integer or the width not 1..256.
 */
export function entriesPath(index: number, width: number = TILE_WIDTH): string {
  checkIndex('bundle index', index);
  checkWidth(width);
  return `tile/entries/${formatIndex(index)}${formatWidth(width)}`;
}

/**
 * The path of the entry bundle that holds entry `index` in a tree of `size` entries: the full bundle
 * once it is complete, else the size's partial bundle.
 * @throws LogError `LOG_RANGE` unless 0 <= index < size (both safe integers).
 */
export function entriesPathForLogIndex(index: number, size: number): string {
  checkSize(size);
  checkIndex('entry index', index);
  if (index >= size) throw rangeError(`entry index (tree size ${size})`, index);
  const bundle = Math.floor(index / TILE_WIDTH);
  return entriesPath(bundle, tileWidth(0, bundle, size));
}

/**
 * Parses a tile or entry-bundle path relative to the log prefix (no leading slash). The path is
 * attacker-controlled (it comes from a URL), so only the canonical form is accepted: no leading zeros
 * in L or W, no all-zero leading group in N, no empty or extra segments, no percent-encoding or dot
 * segments, W in 1..255 (a full tile has no `.p/` suffix), L in 0..63 and N a safe integer.
 * @throws TypeError when `path` is not a string.
 * @throws LogError `LOG_TILE_PATH` for any other input that is not such a canonical path.
 */
export function parseTilePath(path: string): ParsedTilePath {
  if (typeof path !== 'string') throw new TypeError(`tile path must be a string, got ${typeof path}`);
  const m = path.length <= MAX_PATH_LENGTH ? TILE_PATH.exec(path) : null;
  if (m === null) throw pathError(path, 'not a tlog-tiles path');
  const [, levelText, indexText, widthText] = m as unknown as [string, string, string, string?];
  const kind = levelText === 'entries' ? 'entries' : 'hash';
  const level = kind === 'entries' ? 0 : Number(levelText);
  if (level > MAX_TILE_LEVEL) throw pathError(path, 'level above 63');
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  // A full tile has no suffix, so `.p/256` would be a second name for it.
  if (widthText !== undefined && width >= TILE_WIDTH) throw pathError(path, 'partial width above 255');
  return { kind, level, index: parseIndex(path, indexText), width };
}

function parseIndex(path: string, text: string): number {
  // Two spellings of one tile would let a cache or a mirror hold diverging copies.
  if (text.startsWith('x000/')) throw pathError(path, 'non-canonical index');
  const index = Number(text.replaceAll('x', '').replaceAll('/', ''));
  if (!Number.isSafeInteger(index)) throw pathError(path, 'index above 2^53 - 1');
  return index;
}

function pathError(path: string, why: string): LogError {
  return new LogError('LOG_TILE_PATH', `${why}: ${JSON.stringify(path.slice(0, MAX_PATH_LENGTH))}`);
}

// floor(size / 256^level), exact for safe integers: dividing by a power of two only shifts the exponent.
function hashesAtLevel(level: number, size: number): number {
  return Math.floor(size / 2 ** (TILE_HEIGHT * level));
}

/**
 * Width of the partial tile at tile level `level` for a tree of `size` entries: floor(size/256^level)
 * mod 256, where 0 means the level has no partial tile (tlog-tiles §Partial Tiles).
 * @throws LogError `LOG_RANGE` for a level outside 0..63 or a size that is not a safe non-negative integer.
 */
export function partialTileWidth(level: number, size: number): number {
  checkLevel(level);
  checkSize(size);
  return hashesAtLevel(level, size) % TILE_WIDTH;
}

/**
 * The full and partial tiles that tile level `level` holds for a tree of `size` entries.
 * @throws LogError `LOG_RANGE` as {@link partialTileWidth}.
 * @example tilesForSize(1, 70_000) deep-equals { level: 1, full: 1, partialWidth: 17 }
 */
export function tilesForSize(level: number, size: number): TileCount {
  checkLevel(level);
  checkSize(size);
  const hashes = hashesAtLevel(level, size);
  return { level, full: Math.floor(hashes / TILE_WIDTH), partialWidth: hashes % TILE_WIDTH };
}

/**
 * {@link tilesForSize} for every level that holds at least one tile, from level 0 up; empty for size 0.
 * @throws LogError `LOG_RANGE` when `size` is not a safe non-negative integer.
 */
export function tileCounts(size: number): TileCount[] {
  checkSize(size);
  const counts: TileCount[] = [];
  for (let level = 0; hashesAtLevel(level, size) > 0; level++) counts.push(tilesForSize(level, size));
  return counts;
}

/**
 * Width of tile `index` at `level` in a tree of `size` entries: 256 if it is full, its partial width if
 * it is the level's right-edge tile, 0 if the tree has no such tile (an empty tile is never served).
 * @throws LogError `LOG_RANGE` for an invalid level, index or size.
 */
export function tileWidth(level: number, index: number, size: number): number {
  checkIndex('tile index', index);
  const { full, partialWidth } = tilesForSize(level, size);
  if (index < full) return TILE_WIDTH;
  return index === full ? partialWidth : 0;
}

/**
 * Locates the perfect subtree of 2^level leaves starting at leaf index·2^level (the `HashReader`
 * addressing) in the tile tree: tile level floor(level/8), hashed up level mod 8 levels from 2^(level
 * mod 8) consecutive hashes of one tile (tlog-tiles §Merkle Tree: "levels between those expressed by
 * the tile hashes are reconstructed by hashing").
 * @throws LogError `LOG_RANGE` when level is not 0..511 or index not a safe non-negative integer.
 */
export function nodeTileAddress(level: number, index: number): NodeTileAddress {
  if (!Number.isInteger(level) || level < 0 || level >= (MAX_TILE_LEVEL + 1) * TILE_HEIGHT) {
    throw rangeError('node level', level);
  }
  checkIndex('node index', index);
  const height = level % TILE_HEIGHT;
  // Nodes per tile at this height; dividing rather than multiplying index by 2^height keeps it exact.
  const perTile = 2 ** (TILE_HEIGHT - height);
  return {
    tileLevel: (level - height) / TILE_HEIGHT,
    tileIndex: Math.floor(index / perTile),
    height,
    start: (index % perTile) * 2 ** height,
    count: 2 ** height,
  };
}
