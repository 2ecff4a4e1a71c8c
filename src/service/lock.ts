import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from './errors.js';

export const LOCK_FILE = 'lodestone.lock';

/**
 * Take the data directory's writer lock: one sequencer per log, or two processes would sign diverging
 * checkpoints for one origin. The lock file holds the owner's pid; a lock left by a process that no
 * longer runs (killed, crashed) is taken over, so a crash never blocks the restart.
 * @returns a function that releases the lock
 * @throws ServiceError NODE_LOCKED when a live process holds it
 */
export function lockDataDirectory(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (isAlive(owner)) {
        throw new ServiceError(
          'NODE_LOCKED',
          `${dataDir} is in use by process ${owner}; stop it or use another --data directory`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new ServiceError('NODE_LOCKED', `could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
