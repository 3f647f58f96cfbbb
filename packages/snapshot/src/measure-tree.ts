import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createLimiter } from './create-limiter.js';
import type { Limiter } from './create-limiter.js';

/** Apparent and allocated bytes of a tree. */
export interface MeasuredTree {
  /** Sum of `st_size` of regular files. */
  apparent: number;
  /** Sum of `st_blocks × 512` of every entry (directories included), hard links counted once. */
  allocated: number;
}

/** Walks `path` with `lstat` (links not followed) and adds up its sizes. */
export async function measureTree(path: string): Promise<MeasuredTree> {
  const total: MeasuredTree = { apparent: 0, allocated: 0 };
  const seen = new Set<string>();
  const limit = createLimiter(16);
  const add = (stats: Stats): void => {
    if (stats.nlink > 1 && !stats.isDirectory()) {
      const key = `${stats.dev}:${stats.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    if (stats.isFile()) total.apparent += stats.size;
    total.allocated += stats.blocks * 512;
  };
  const visit = async (entry: string, stats: Stats): Promise<void> => {
    add(stats);
    if (!stats.isDirectory()) return;
    const names = await limit(() => readdir(entry));
    await Promise.all(
      names.map(async (name) => {
        const child = join(entry, name);
        await visit(child, await limit(() => lstat(child)));
      }),
    );
  };
  await visit(path, await lstat(path));
  return total;
}
