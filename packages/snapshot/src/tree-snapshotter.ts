import { mkdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { awaitStatfsSettled } from './await-statfs-settled.js';
import type { BackendOptions } from './backend-options.js';
import { checkAbsent, checkSource, checkSourceAndDest, lstatOrUndefined } from './check-paths.js';
import { copyTree } from './copy-tree.js';
import type { FileCopyMode } from './copy-tree.js';
import { errnoOf, fsFailure } from './fs-failure.js';
import { measureTree } from './measure-tree.js';
import { randomNonce } from './random-nonce.js';
import { runningAsRoot } from './running-as-root.js';
import { createPendingFree } from './pending-free.js';
import { removeTree } from './remove-tree.js';
import type { Snapshotter, SnapshotterCaps, SnapshotterKind, TreeSize } from './snapshotter.js';

/** What distinguishes the reflink and copy backends on top of the shared tree walk. */
export interface TreeBackend {
  kind: Extract<SnapshotterKind, 'reflink' | 'copy'>;
  caps: SnapshotterCaps;
  files: FileCopyMode;
  validateRoot(root: string): Promise<void>;
}

/** A Snapshotter that clones and captures by walking the tree (reflink and copy backends). */
export function createTreeSnapshotter(backend: TreeBackend, options: BackendOptions = {}): Snapshotter {
  const nonce = options.randomId ?? randomNonce;
  const preserveOwner = runningAsRoot();
  const pendingFree = createPendingFree();

  async function copyInto(src: string, dest: string): Promise<void> {
    await checkSourceAndDest(src, dest);
    try {
      await copyTree(src, dest, { files: backend.files, preserveOwner });
    } catch (error) {
      // A half-written tree must not block a retry under the same name.
      await removeTree(dest).catch(() => undefined);
      throw fsFailure(`copy ${src} to`, dest, error);
    }
  }

  async function trashPath(path: string): Promise<string> {
    if (options.trashDir === undefined) return join(dirname(path), `.trash-${basename(path)}-${nonce()}`);
    await mkdir(options.trashDir, { recursive: true, mode: 0o700 });
    return join(options.trashDir, nonce());
  }

  async function destroy(path: string): Promise<void> {
    if ((await lstatOrUndefined(path)) === undefined) return;
    let doomed = path;
    try {
      const target = await trashPath(path);
      await rename(path, target);
      doomed = target;
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return;
      // Another filesystem or an unwritable trash: remove in place instead.
      if (errnoOf(error) !== 'EXDEV' && errnoOf(error) !== 'EACCES' && errnoOf(error) !== 'EPERM') {
        throw fsFailure('move to trash', path, error);
      }
    }
    pendingFree.note(doomed);
    try {
      await removeTree(doomed);
    } catch (error) {
      throw fsFailure('remove', doomed, error);
    }
  }

  return {
    kind: backend.kind,
    caps: backend.caps,
    validateRoot: backend.validateRoot,
    async createVolume(path: string): Promise<void> {
      await checkAbsent(path);
      try {
        await mkdir(path, { mode: 0o700 });
      } catch (error) {
        throw fsFailure('create', path, error);
      }
    },
    cloneForBuild: copyInto,
    cloneForInstance: copyInto,
    async snapshot(src: string, dest: string, snapshotOptions?: { consumeSource?: boolean }): Promise<void> {
      if (snapshotOptions?.consumeSource === true && backend.caps.snapshotMayConsumeSource) {
        await checkSourceAndDest(src, dest);
        try {
          await rename(src, dest);
          return;
        } catch (error) {
          if (errnoOf(error) !== 'EXDEV') throw fsFailure(`rename ${src} to`, dest, error);
        }
        await copyInto(src, dest);
        await destroy(src);
        return;
      }
      await copyInto(src, dest);
    },
    destroy,
    async awaitFree(): Promise<void> {
      for (const dir of await pendingFree.take()) await awaitStatfsSettled(dir);
    },
    async sizeOf(path: string): Promise<TreeSize> {
      await checkSource(path);
      try {
        return await measureTree(path);
      } catch (error) {
        throw fsFailure('measure', path, error);
      }
    },
  };
}
