import { open, readFile, rm } from 'node:fs/promises';
import { InfrastructureError, InvalidStateError } from '../errors/index.ts';

/** A held lock file; `release()` removes it. */
export interface DirLock {
  release(): Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The running process holding the lock file `path`, or null when none does (no file, or a dead pid). */
export async function lockHolder(path: string): Promise<number | null> {
  const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  return Number.isInteger(holder) && holder > 0 && isAlive(holder) ? holder : null;
}

/**
 * Takes `path` as a lock file holding this process's pid, since PGlite's files must not be opened by
 * two processes at once. A lock left by a process that no longer runs is taken over; one held by a
 * running process is an error naming it.
 */
export async function lockDataDir(path: string, what: string): Promise<DirLock> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryCreate(path)) return { release: () => rm(path, { force: true }) };
    const holder = await lockHolder(path);
    if (holder !== null) {
      throw new InvalidStateError(
        `${what} is in use by process ${holder} (lock ${path}); stop it (or delete the lock if that process is not Gamma), or give this process another DATA_DIR or a DATABASE_URL`,
      );
    }
    await rm(path, { force: true });
  }
  throw new InfrastructureError(`${what}: could not take the lock ${path}`);
}
