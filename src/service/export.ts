import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  buildConsistencyProof,
  type Checkpoint,
  entriesPath,
  parseCheckpoint,
  parseNote,
  TILE_WIDTH,
  TileHashReader,
  tileCounts,
  tilePath,
  verifyConsistency,
} from '../log/index.js';
import { DATABASE_FILE, SqliteStore, StoreError } from '../store/index.js';
import { fsyncDirectory, writeFileAtomically } from './durable-file.js';
import { ServiceError } from './errors.js';
import { entryBundleBytes, tileBytes } from './tiles.js';

/** The checkpoint file of a tlog-tiles tree (c2sp.org/tlog-tiles), relative to its root. */
export const CHECKPOINT_FILE = 'checkpoint';

export interface ExportOptions {
  /** Called as files are checked or written; `total` counts every tile and bundle (not the checkpoint). */
  readonly progress?: (done: number, total: number) => void;
}

/** What {@link exportLog} did. */
export interface ExportReport {
  readonly origin: string;
  /** The size of the exported checkpoint. */
  readonly size: number;
  /** Files written (tiles, bundles, the checkpoint). */
  readonly written: number;
  /** Files already present with the exact bytes they must have, left alone. */
  readonly unchanged: number;
  /** Bytes written. */
  readonly bytes: number;
}

/** One file of the tree: its path relative to the tree root, and how to make its bytes. */
interface TreeFile {
  readonly path: string;
  readonly bytes: () => Buffer;
}

const PROGRESS_EVERY = 1024;

/**
 * `lodestone export`: write the log's latest checkpoint with every hash tile and entry bundle it needs as a
 * C2SP tlog-tiles tree under `outDir`, for any static web server or object store to serve (DESIGN.md §4).
 *
 * Everything is read in one read transaction, so a live node can keep writing. The export is incremental:
 * a file already present with the right bytes is left alone, and each file is written atomically (a
 * temporary file, fsynced, renamed). The checkpoint is written last, after the directories are fsynced,
 * so a reader never sees a checkpoint whose tiles are missing. Old partial tiles are kept (tlog-tiles
 * lets them linger). Nothing is written before every existing file has been checked.
 * @throws ServiceError EXPORT_NO_LOG when `dataDir` holds no database or no signed checkpoint
 * @throws ServiceError EXPORT_OTHER_LOG when `outDir/checkpoint` is not a checkpoint of this log's origin
 * @throws ServiceError EXPORT_CONFLICT when `outDir/checkpoint` is larger than the log or not consistent
 *   with it, or an existing tile or bundle differs from the log's
 * @throws StoreError STORE_MISSING when the store lacks a tile or entry its checkpoint needs
 */
export function exportLog(dataDir: string, outDir: string, options: ExportOptions = {}): ExportReport {
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new ServiceError('EXPORT_NO_LOG', `${dataDir} holds no Lodestone database (${DATABASE_FILE})`);
  }
  const store = SqliteStore.open(dataDir, { readonly: true });
  try {
    return store.snapshot(() => exportSnapshot(store, resolve(outDir), options));
  } finally {
    store.close();
  }
}

function exportSnapshot(store: SqliteStore, outDir: string, options: ExportOptions): ExportReport {
  const latest = store.latestCheckpoint();
  if (latest === undefined) {
    throw new ServiceError('EXPORT_NO_LOG', 'the log has no signed checkpoint yet: start the node once');
  }
  const ours = parseCheckpoint(parseNote(latest.note).text);
  const checkpointFile = join(outDir, CHECKPOINT_FILE);
  const previous = existsSync(checkpointFile) ? readFileSync(checkpointFile) : undefined;
  if (previous !== undefined) checkPrevious(previous, ours, store);

  const files = treeFiles(store, ours.size);
  const total = files.length;
  const report = { written: 0, unchanged: 0, bytes: 0 };
  const missing: TreeFile[] = [];
  const tick = (): void => {
    const done = report.written + report.unchanged;
    if (done % PROGRESS_EVERY === 0 || done === total) options.progress?.(done, total);
  };

  // First check every file already there, so that a directory of another log is refused untouched.
  for (const file of files) {
    const target = join(outDir, file.path);
    if (!existsSync(target)) {
      missing.push(file);
      continue;
    }
    const want = file.bytes();
    const have = statSync(target).size === want.length ? readFileSync(target) : undefined;
    if (have === undefined || !have.equals(want)) {
      throw new ServiceError(
        'EXPORT_CONFLICT',
        `${target} differs from this log's ${file.path}: ${outDir} holds another log's tree or was modified`,
      );
    }
    report.unchanged++;
    tick();
  }

  const dirs = new Set<string>();
  for (const file of missing) {
    const target = join(outDir, file.path);
    const bytes = file.bytes();
    writeAtomically(outDir, target, bytes, dirs);
    report.written++;
    report.bytes += bytes.length;
    tick();
  }
  // The tiles are durable before the checkpoint that points at them appears.
  for (const dir of dirs) fsyncDirectory(dir);

  const note = Buffer.from(latest.note, 'utf8');
  if (previous?.equals(note)) {
    report.unchanged++;
  } else {
    const outDirs = new Set<string>();
    writeAtomically(outDir, checkpointFile, note, outDirs);
    for (const dir of outDirs) fsyncDirectory(dir);
    report.written++;
    report.bytes += note.length;
  }
  return { origin: ours.origin, size: ours.size, ...report };
}

/** The out directory's checkpoint must be of this log, no larger than ours and consistent with it. */
function checkPrevious(bytes: Buffer, ours: Checkpoint, store: SqliteStore): void {
  let theirs: Checkpoint;
  try {
    theirs = parseCheckpoint(parseNote(bytes).text);
  } catch (cause) {
    throw new ServiceError('EXPORT_OTHER_LOG', `the existing ${CHECKPOINT_FILE} is not a checkpoint`, {
      cause,
    });
  }
  if (theirs.origin !== ours.origin) {
    throw new ServiceError(
      'EXPORT_OTHER_LOG',
      `the existing ${CHECKPOINT_FILE} is of the log "${theirs.origin}", not "${ours.origin}"`,
    );
  }
  if (theirs.size > ours.size) {
    throw new ServiceError(
      'EXPORT_CONFLICT',
      `the existing ${CHECKPOINT_FILE} is at size ${theirs.size}, beyond this log's ${ours.size}`,
    );
  }
  if (theirs.size === 0) {
    if (ours.size === 0 && !theirs.rootHash.equals(ours.rootHash)) throw inconsistent(theirs.size);
    return;
  }
  try {
    const reader = new TileHashReader((level, index) => store.readTile(level, index), 64);
    const proof = buildConsistencyProof(theirs.size, ours.size, reader);
    verifyConsistency(theirs.size, ours.size, theirs.rootHash, ours.rootHash, proof);
  } catch (cause) {
    throw inconsistent(theirs.size, cause);
  }
}

function inconsistent(size: number, cause?: unknown): ServiceError {
  return new ServiceError(
    'EXPORT_CONFLICT',
    `the existing ${CHECKPOINT_FILE} (size ${size}) is not consistent with this log`,
    cause === undefined ? undefined : { cause },
  );
}

/** Every hash tile and entry bundle of the tree of `size` leaves: full ones, then the partial one. */
function treeFiles(store: SqliteStore, size: number): TreeFile[] {
  const files: TreeFile[] = [];
  for (const { level, full, partialWidth } of tileCounts(size)) {
    for (let index = 0; index < full; index++) {
      files.push({
        path: tilePath({ level, index, width: TILE_WIDTH }),
        bytes: () => required(tileBytes(store, level, index, TILE_WIDTH), `hash tile ${level}/${index}`),
      });
    }
    if (partialWidth > 0) {
      files.push({
        path: tilePath({ level, index: full, width: partialWidth }),
        bytes: () => required(tileBytes(store, level, full, partialWidth), `hash tile ${level}/${full}`),
      });
    }
  }
  const bundles = Math.ceil(size / TILE_WIDTH);
  for (let index = 0; index < bundles; index++) {
    const width = Math.min(TILE_WIDTH, size - index * TILE_WIDTH);
    files.push({
      path: entriesPath(index, width),
      bytes: () => required(entryBundleBytes(store, size, index, width), `entry bundle ${index}`),
    });
  }
  return files;
}

/** A tile or bundle the checkpoint needs must be in the store. */
function required(bytes: Buffer | undefined, what: string): Buffer {
  if (bytes === undefined) throw new StoreError('STORE_MISSING', `the store lacks ${what}`);
  return bytes;
}

/**
 * Write `bytes` to `path` (under `root`) via a fsynced temporary file renamed into place. Adds to `dirs`
 * the directories whose entries changed (the file's, and those up to `root`), for the caller to fsync.
 */
function writeAtomically(root: string, path: string, bytes: Buffer, dirs: Set<string>): void {
  const dir = dirname(path);
  if (!dirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    for (let d = dir; !dirs.has(d); d = dirname(d)) {
      dirs.add(d);
      if (d === root || d === dirname(d)) break;
    }
  }
  writeFileAtomically(path, bytes, 0o644);
}
