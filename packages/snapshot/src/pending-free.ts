import { dirname } from 'node:path';
import { lstatOrUndefined } from './check-paths.js';

/** Remembers where trees were destroyed, so `awaitFree` knows which filesystems to flush. */
export interface PendingFree {
  /** Records the filesystem of a destroyed `path` (through its parent directory). */
  note(path: string): void;
  /** The noted directories (or their nearest existing ancestors), deduplicated; forgets them. */
  take(): Promise<string[]>;
}

/** `dir`, or its nearest ancestor that exists now. */
async function nearestExisting(dir: string): Promise<string> {
  let current = dir;
  while ((await lstatOrUndefined(current)) === undefined && dirname(current) !== current) current = dirname(current);
  return current;
}

/**
 * Runs `command(dir)` on `dir` or, when a concurrent removal takes the directory away while it
 * runs, on its nearest existing ancestor (same filesystem for our store layout).
 */
export async function onExistingDir<T>(dir: string, command: (dir: string) => Promise<T>): Promise<T> {
  for (;;) {
    const target = await nearestExisting(dir);
    try {
      return await command(target);
    } catch (error) {
      if ((await lstatOrUndefined(target)) !== undefined || dirname(target) === target) throw error;
    }
  }
}

/** An empty PendingFree. */
export function createPendingFree(): PendingFree {
  const dirs = new Set<string>();
  return {
    note(path) {
      dirs.add(dirname(path));
    },
    async take() {
      const noted = [...dirs];
      dirs.clear();
      const existing = new Set<string>();
      for (const dir of noted) existing.add(await nearestExisting(dir));
      return [...existing];
    },
  };
}
