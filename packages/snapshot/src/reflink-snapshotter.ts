import { constants } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import type { BackendOptions } from './backend-options.js';
import { backendUnavailable } from './backend-unavailable.js';
import { checkRootDirectory } from './check-root-directory.js';
import { filesystemTypeName, filesystemTypeOf } from './filesystem-type.js';
import { errnoOf } from './fs-failure.js';
import { randomNonce } from './random-nonce.js';
import { withProbeFile } from './with-probe-file.js';
import type { Snapshotter } from './snapshotter.js';
import { createTreeSnapshotter } from './tree-snapshotter.js';

async function validateReflinkRoot(root: string, nonce: string): Promise<void> {
  await checkRootDirectory('reflink', root);
  await withProbeFile('reflink', root, nonce, async (probe) => {
    try {
      await copyFile(probe, `${probe}-clone`, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE_FORCE);
    } catch (error) {
      const fsName = filesystemTypeName(await filesystemTypeOf(root));
      throw backendUnavailable({
        backend: 'reflink',
        root,
        reason: `the ${fsName} filesystem of ${root} cannot clone files (FICLONE failed: ${errnoOf(error) ?? 'error'})`,
        fix: 'put the state store on XFS made with reflink=1 or on btrfs, or set snapshot.backend to auto or copy',
        details: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    }
  });
}

/**
 * The reflink backend (engine.md §6.2): per-file FICLONE clones of the tree, 16 files at a time.
 * Works on XFS (reflink=1), btrfs, and APFS where the probe passes.
 */
export function createReflinkSnapshotter(options: BackendOptions = {}): Snapshotter {
  const nonce = options.randomId ?? randomNonce;
  return createTreeSnapshotter(
    {
      kind: 'reflink',
      caps: { cowClone: true, readOnlyStates: false, sharedExtents: true, snapshotMayConsumeSource: false, asyncFree: true, exclusiveSizes: false },
      files: 'clone',
      validateRoot: (root) => validateReflinkRoot(root, nonce()),
    },
    options,
  );
}
