import { readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from './errors.js';

export const LOCK_FILE = 'lodestone.lock';

// Directories this process holds: a second open in the same process is refused without looking at pids.
const held = new Set<string>();

/**
 * Take the data directory's writer lock: one sequencer per log, or two processes would sign diverging
 * checkpoints for one origin. The lock file holds the owner's pid. A lock left by a process that no
 * longer runs (killed, crashed) is taken over, so a crash never blocks the restart; that includes a lock
 * holding this process's own pid, which after a container restart belongs to the previous incarnation.
 * @returns a function that releases the lock
 * @throws ServiceError NODE_LOCKED when another live process (or this one) holds it
 */
export function lockDataDirectory(dataDir: string): () => void {
  const dir = realpathSync(dataDir);
  if (held.has(dir)) throw new ServiceError('NODE_LOCKED', `${dataDir} is already open in this process`);
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) {
      held.add(dir);
      return () => release(dir, path);
    }
    const owner = readOwner(path);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new ServiceError(
        'NODE_LOCKED',
        `${dataDir} is in use by process ${owner}; stop it or use another --data directory`,
      );
    }
    takeOver(path, owner);
  }
  throw new ServiceError('NODE_LOCKED', `could not lock ${dataDir}: another process keeps taking it`);
}

function tryCreate(path: string): boolean {
  try {
    // O_EXCL: of several processes creating the file, exactly one succeeds.
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

// Move the stale lock aside rather than deleting it: of two processes taking over, only one rename can
// succeed. If what we moved is no longer the stale owner's (someone took over in between), put it back.
function takeOver(path: string, staleOwner: number | undefined): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readOwner(aside) !== staleOwner) renameSync(aside, path);
  else rmSync(aside, { force: true });
}

function release(dir: string, path: string): void {
  held.delete(dir);
  // Remove only our own lock: never one another process took over meanwhile.
  if (readOwner(path) === process.pid) rmSync(path, { force: true });
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
