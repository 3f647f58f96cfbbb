import { isSqlrsError } from '@sqlrs/errors';
import type { Logger } from '@sqlrs/telemetry';
import type { BackendOptions } from './backend-options.js';
import { createBtrfsSnapshotter } from './btrfs-snapshotter.js';
import { createCopySnapshotter } from './copy-snapshotter.js';
import { BTRFS_MAGIC, filesystemTypeOf } from './filesystem-type.js';
import { createReflinkSnapshotter } from './reflink-snapshotter.js';
import type { Snapshotter, SnapshotterKind } from './snapshotter.js';

/** The `snapshot.backend` config value (api.md §8). */
export type SnapshotBackendSetting = 'auto' | SnapshotterKind;

/** Where the store lives, what the config asks for, and the backend settings. */
export interface SelectSnapshotterOptions extends BackendOptions {
  /** The state store root (it must exist). */
  root: string;
  configured: SnapshotBackendSetting;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** Creates the backend of the given kind (not yet validated). */
export function createSnapshotter(kind: SnapshotterKind, options: BackendOptions = {}): Snapshotter {
  switch (kind) {
    case 'btrfs':
      return createBtrfsSnapshotter(options);
    case 'reflink':
      return createReflinkSnapshotter(options);
    case 'copy':
      return createCopySnapshotter(options);
  }
}

async function onBtrfs(root: string): Promise<boolean> {
  try {
    return (await filesystemTypeOf(root)) === BTRFS_MAGIC;
  } catch {
    return false;
  }
}

/**
 * Picks and validates the backend for the store at startup (engine.md §6.2). `auto`: btrfs when
 * the root is btrfs and its probe passes, else reflink when its probe passes, else copy. An
 * explicitly configured backend whose probe fails throws `unavailable`; it is never downgraded.
 */
export async function selectSnapshotter(options: SelectSnapshotterOptions): Promise<Snapshotter> {
  const { root, configured, logger, ...backendOptions } = options;
  if (configured !== 'auto') {
    const snapshotter = createSnapshotter(configured, backendOptions);
    await snapshotter.validateRoot(root);
    logger?.info({ backend: configured, root }, 'snapshot: using the configured backend');
    return snapshotter;
  }
  const candidates: SnapshotterKind[] = (await onBtrfs(root)) ? ['btrfs', 'reflink'] : ['reflink'];
  for (const kind of candidates) {
    const snapshotter = createSnapshotter(kind, backendOptions);
    try {
      await snapshotter.validateRoot(root);
      logger?.info({ backend: kind, root }, 'snapshot: backend selected automatically');
      return snapshotter;
    } catch (error) {
      if (!isSqlrsError(error) || error.code !== 'unavailable') throw error;
      logger?.warn({ backend: kind, root, reason: error.message }, 'snapshot: backend unavailable, trying the next one');
    }
  }
  const copy = createCopySnapshotter(backendOptions);
  await copy.validateRoot(root);
  logger?.info({ backend: 'copy', root }, 'snapshot: backend selected automatically');
  return copy;
}
