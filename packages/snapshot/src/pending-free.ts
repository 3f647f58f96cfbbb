import { dirname } from 'node:path';
import { lstatOrUndefined } from './check-paths.js';

/** Remembers where trees were destroyed, so `awaitFree` knows which filesystems to flush. */
export interface PendingFree {
  /** Records the filesystem of a destroyed `path` (through its parent directory). */
  note(path: string): void;
  /** The noted directories (or their nearest existing ancestors), deduplicated; forgets them. */
  take(): Promise<string[]>;
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
      for (let dir of noted) {
        while ((await lstatOrUndefined(dir)) === undefined && dirname(dir) !== dir) dir = dirname(dir);
        existing.add(dir);
      }
      return [...existing];
    },
  };
}
