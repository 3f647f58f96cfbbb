import type { Stats } from 'node:fs';
import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendOptions } from './backend-options.js';
import { btrfsCli } from './btrfs-cli.js';
import { checkAbsent, checkSource, checkSourceAndDest, lstatOrUndefined } from './check-paths.js';
import { copyTree } from './copy-tree.js';
import { BTRFS_MAGIC, filesystemTypeOf } from './filesystem-type.js';
import { fsFailure } from './fs-failure.js';
import { measureTree } from './measure-tree.js';
import { createPendingFree, onExistingDir } from './pending-free.js';
import { randomNonce } from './random-nonce.js';
import { runningAsRoot } from './running-as-root.js';
import { removeTree } from './remove-tree.js';
import type { Snapshotter, TreeSize } from './snapshotter.js';
import { validateBtrfsRoot } from './validate-btrfs-root.js';

// The root directory of every btrfs subvolume has this inode number (BTRFS_FIRST_FREE_OBJECTID).
const SUBVOLUME_ROOT_INO = 256;

async function isSubvolume(path: string, stats: Stats): Promise<boolean> {
  return stats.isDirectory() && stats.ino === SUBVOLUME_ROOT_INO && (await filesystemTypeOf(path)) === BTRFS_MAGIC;
}

/** Subvolumes strictly below `path`, deepest first. */
async function nestedSubvolumes(path: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const child = join(dir, entry.name);
      await visit(child);
      if (await isSubvolume(child, await lstat(child))) found.push(child);
    }
  };
  await visit(path);
  return found;
}

function parseExclusive(duOutput: string): number | undefined {
  // `btrfs filesystem du -s --raw`: a header line, then "Total Exclusive Set-shared Filename".
  const fields = duOutput.trim().split('\n')[1]?.trim().split(/\s+/) ?? [];
  const exclusive = Number(fields[1]);
  return Number.isSafeInteger(exclusive) ? exclusive : undefined;
}

/**
 * The btrfs backend (engine.md §6.2): clones are writable subvolume snapshots, states read-only
 * ones; destroy deletes subvolumes in place and `awaitFree` waits for the cleaner.
 */
export function createBtrfsSnapshotter(options: BackendOptions = {}): Snapshotter {
  const btrfs = btrfsCli(options);
  const nonce = options.randomId ?? randomNonce;
  const pendingFree = createPendingFree();

  async function snapshotTree(src: string, dest: string, readOnly: boolean): Promise<void> {
    const stats = await checkSourceAndDest(src, dest);
    if (await isSubvolume(src, stats)) {
      await btrfs(['subvolume', 'snapshot', ...(readOnly ? ['-r'] : []), src, dest]);
      return;
    }
    // A plain directory (not a subvolume root): a new subvolume filled with reflinked files.
    await btrfs(['subvolume', 'create', dest]);
    try {
      await copyTree(src, dest, { files: 'clone', preserveOwner: runningAsRoot(), destExists: true });
      if (readOnly) await btrfs(['property', 'set', '-ts', dest, 'ro', 'true']);
    } catch (error) {
      await destroy(dest).catch(() => undefined);
      throw fsFailure(`clone ${src} to`, dest, error);
    }
  }

  async function removeOnce(path: string): Promise<void> {
    const stats = await lstatOrUndefined(path);
    if (stats === undefined) return;
    if (await isSubvolume(path, stats)) await btrfs(['subvolume', 'delete', path]);
    await removeTree(path);
  }

  async function destroy(path: string): Promise<void> {
    if ((await lstatOrUndefined(path)) === undefined) return;
    pendingFree.note(path);
    try {
      await removeOnce(path);
    } catch (error) {
      // Nested subvolumes block both `subvolume delete` and rm of a read-only one: delete them first.
      const nested = await nestedSubvolumes(path).catch(() => []);
      if (nested.length === 0) throw fsFailure('destroy', path, error);
      for (const subvolume of nested) await btrfs(['subvolume', 'delete', subvolume]);
      await removeOnce(path).catch((retryError: unknown) => {
        throw fsFailure('destroy', path, retryError);
      });
    }
  }

  return {
    kind: 'btrfs',
    caps: { cowClone: true, readOnlyStates: true, sharedExtents: true, snapshotMayConsumeSource: false, asyncFree: true, exclusiveSizes: true },
    validateRoot: (root) => validateBtrfsRoot(root, btrfs, nonce()),
    async createVolume(path: string): Promise<void> {
      await checkAbsent(path);
      await btrfs(['subvolume', 'create', path]);
      await chmod(path, 0o700).catch((error: unknown) => {
        throw fsFailure('set the mode of', path, error);
      });
    },
    cloneForBuild: (src, dest) => snapshotTree(src, dest, false),
    cloneForInstance: (src, dest) => snapshotTree(src, dest, false),
    snapshot: (src, dest) => snapshotTree(src, dest, true),
    destroy,
    async awaitFree(): Promise<void> {
      // The commit wakes the cleaner, which `subvolume sync` waits for; the last commit makes
      // the freed extents show in statfs (without the first, `subvolume sync` can wait ~30 s).
      // Concurrent builds remove their directories at any time: fall back to an ancestor.
      for (const dir of await pendingFree.take()) {
        await onExistingDir(dir, (d) => btrfs(['filesystem', 'sync', d]));
        await onExistingDir(dir, (d) => btrfs(['subvolume', 'sync', d], { long: true }));
        await onExistingDir(dir, (d) => btrfs(['filesystem', 'sync', d]));
      }
    },
    async sizeOf(path: string, options?: { exclusive?: boolean }): Promise<TreeSize> {
      await checkSource(path);
      let measured;
      try {
        measured = await measureTree(path);
      } catch (error) {
        throw fsFailure('measure', path, error);
      }
      if (options?.exclusive === false) return measured;
      // du reads extents, which exist only once dirty data reached the disk.
      const exclusive = await btrfs(['filesystem', 'sync', path])
        .then(() => btrfs(['filesystem', 'du', '-s', '--raw', path], { long: true }))
        .then(parseExclusive, () => undefined);
      return exclusive === undefined ? measured : { ...measured, exclusive };
    },
  };
}
