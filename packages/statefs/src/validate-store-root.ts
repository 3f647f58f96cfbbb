import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import type { StoreLayout } from './store-layout.js';

/** Facts about the store's filesystem found while validating it. */
export interface StoreRootInfo {
  /** The root is a mount point of its own (`st_dev(root) ≠ st_dev(dirname(root))`). */
  ownMount: boolean;
}

/**
 * Checks that `<root>`, `engines/`, `instances/` and `tmp/` are on one filesystem, since states,
 * clones and staging directories move between them by `rename(2)` (engine.md §5.1).
 */
export async function validateStoreRoot(layout: StoreLayout): Promise<StoreRootInfo> {
  const rootDev = (await stat(layout.root)).dev;
  for (const dir of [layout.enginesDir, layout.instancesDir, layout.tmpDir]) {
    if ((await stat(dir)).dev !== rootDev) {
      throw new SqlrsError('unavailable', `state store ${layout.root} spans filesystems; mount nothing below it`, {
        details: `${dir} is on another filesystem than ${layout.root}`,
        data: { exitCode: 3 },
      });
    }
  }
  return { ownMount: (await stat(dirname(layout.root))).dev !== rootDev };
}
