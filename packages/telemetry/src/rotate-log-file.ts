import { chmodSync, copyFileSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';

/** When and how deep to rotate: defaults 20 MiB and five old files (engine.md §5.1). */
export interface RotateOptions {
  maxBytes?: number;
  keep?: number;
}

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_KEEP = 5;

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Rotates `path` → `path.1` … `path.<keep>` when it has reached `maxBytes`; returns whether it did.
 * Copy-then-truncate keeps the logger's append-mode file descriptor valid, so a running logger
 * goes on writing to `path` without being reopened.
 */
export function rotateLogFile(path: string, options: RotateOptions = {}): boolean {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const size = sizeOf(path);
  if (size === undefined || size < maxBytes || size === 0) return false;
  rmSync(`${path}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) {
    if (sizeOf(`${path}.${n}`) !== undefined) renameSync(`${path}.${n}`, `${path}.${n + 1}`);
  }
  if (keep >= 1) {
    copyFileSync(path, `${path}.1`);
    chmodSync(`${path}.1`, 0o600);
  }
  truncateSync(path, 0);
  return true;
}
