import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Create or replace `path` atomically: the bytes go to a temporary file, which is fsynced and renamed
 * into place, so a reader or a crash sees the old file or the whole new one, never a part. The rename
 * itself is durable only once the directory is fsynced ({@link fsyncDirectory}), which a caller writing
 * many files does once at the end.
 */
export function writeFileAtomically(path: string, data: Uint8Array | string, mode: number): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** fsync a directory, making the creations and renames in it durable. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write one file durably: atomically, then its directory fsynced. A crash leaves either no file or the
 * whole file — never an empty one, which for a key or a token would be worse than none.
 */
export function writeFileDurably(path: string, text: string, mode: number): void {
  writeFileAtomically(path, text, mode);
  fsyncDirectory(dirname(path));
}
