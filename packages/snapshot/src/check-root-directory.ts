import { stat } from 'node:fs/promises';
import { backendUnavailable } from './backend-unavailable.js';
import { errnoOf } from './fs-failure.js';
import type { SnapshotterKind } from './snapshotter.js';

/** Throws `unavailable` unless `root` is an existing directory. */
export async function checkRootDirectory(backend: SnapshotterKind, root: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(root)).isDirectory();
  } catch (error) {
    throw backendUnavailable({
      backend,
      root,
      reason: `state store root ${root} cannot be read (${errnoOf(error) ?? 'error'})`,
      fix: 'create the state store first or check --state-store',
      cause: error,
    });
  }
  if (!isDirectory) {
    throw backendUnavailable({ backend, root, reason: `state store root ${root} is not a directory`, fix: 'check --state-store' });
  }
}
