import { chmod, mkdir } from 'node:fs/promises';
import type { StoreLayout } from './store-layout.js';

/** Whether the engine runs as root, which makes traversed directories 0711 (engine.md §5.1). */
export interface EnsureStoreDirsOptions {
  asRoot: boolean;
}

/**
 * Creates the store root and its top directories (`engines/`, `instances/`, `jobs/`, `tmp/`,
 * `logs/`) and sets their modes: 0700, except that as root the directories a server uid must
 * traverse (`<root>`, `engines/`, `instances/`, `tmp/`) are 0711.
 */
export async function ensureStoreDirs(layout: StoreLayout, options: EnsureStoreDirsOptions): Promise<void> {
  const traverse = options.asRoot ? 0o711 : 0o700;
  const dirs: [string, number][] = [
    [layout.root, traverse],
    [layout.enginesDir, traverse],
    [layout.instancesDir, traverse],
    [layout.tmpDir, traverse],
    [layout.jobsDir, 0o700],
    [layout.logsDir, 0o700],
  ];
  for (const [dir, mode] of dirs) {
    await mkdir(dir, { recursive: true, mode });
    // mkdir applies the umask and leaves existing directories alone; the mode is part of the contract.
    await chmod(dir, mode);
  }
}
