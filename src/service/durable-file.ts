import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Create `path` with `text`, durably: written to a temporary file, fsynced, renamed into place, and the
 * directory fsynced. A crash leaves either no file or the whole file — never an empty one, which for a
 * key or a token would be worse than none. Fails if `path` exists (the rename target is checked first).
 */
export function writeFileDurably(path: string, text: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
