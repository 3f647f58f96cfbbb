import { statfs } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long to watch the free-block count. */
export interface SettleOptions {
  /** Pause between reads in ms (default 10). */
  intervalMs?: number;
  /** Equal reads in a row that count as settled (default 3). */
  stableReads?: number;
  /** Give up waiting after this many ms (default 2000). */
  maxWaitMs?: number;
}

/**
 * Waits until the free-block count of the filesystem holding `path` stops changing. XFS frees
 * unlinked inodes in a background worker that statfs only kicks off (verified: the first statfs
 * after `rm` of a 64 MiB file shows nothing freed, one a few ms later shows all of it), and no
 * call Node can make waits for it.
 */
export async function awaitStatfsSettled(path: string, options: SettleOptions = {}): Promise<void> {
  const intervalMs = options.intervalMs ?? 10;
  const stableReads = options.stableReads ?? 3;
  const deadline = Date.now() + (options.maxWaitMs ?? 2000);
  let last = (await statfs(path)).bfree;
  let stable = 0;
  while (stable < stableReads && Date.now() < deadline) {
    await sleep(intervalMs);
    const next = (await statfs(path)).bfree;
    stable = next === last ? stable + 1 : 0;
    last = next;
  }
}
