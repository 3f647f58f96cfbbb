import { join } from 'node:path';
import { isSqlrsError } from '@sqlrs/errors';
import { backendUnavailable } from './backend-unavailable.js';
import type { BtrfsCli } from './btrfs-cli.js';
import { checkRootDirectory } from './check-root-directory.js';
import { BTRFS_MAGIC, filesystemTypeName, filesystemTypeOf } from './filesystem-type.js';
import { runningAsRoot } from './running-as-root.js';

const CHOOSE_OTHER = 'set snapshot.backend to auto, reflink or copy';

/**
 * Probes btrfs under `root` for real: the filesystem type, the `btrfs` tool, and a probe subvolume
 * that is created, snapshotted read-only and deleted again.
 */
export async function validateBtrfsRoot(root: string, btrfs: BtrfsCli, nonce: string): Promise<void> {
  await checkRootDirectory('btrfs', root);
  const type = await filesystemTypeOf(root);
  if (type !== BTRFS_MAGIC) {
    throw backendUnavailable({
      backend: 'btrfs',
      root,
      reason: `${root} is on ${filesystemTypeName(type)}, not btrfs`,
      fix: `put the state store on a btrfs filesystem or ${CHOOSE_OTHER}`,
    });
  }
  try {
    await btrfs(['--version']);
  } catch (error) {
    throw backendUnavailable({
      backend: 'btrfs',
      root,
      reason: 'the btrfs command cannot be run',
      fix: `install btrfs-progs (apt-get install btrfs-progs) or ${CHOOSE_OTHER}`,
      details: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
  const probe = join(root, `.sqlrs-probe-${nonce}`);
  const snapshot = `${probe}-ro`;
  const created: string[] = [];
  try {
    await btrfs(['subvolume', 'create', probe]);
    created.push(probe);
    await btrfs(['subvolume', 'snapshot', '-r', probe, snapshot]);
    created.push(snapshot);
    while (created.length > 0) {
      await btrfs(['subvolume', 'delete', created[created.length - 1] as string]);
      created.pop();
    }
  } catch (error) {
    const deleteHint = runningAsRoot() ? '' : ' (a non-root engine needs the mount option user_subvol_rm_allowed)';
    throw backendUnavailable({
      backend: 'btrfs',
      root,
      reason: `the btrfs probe under ${root} failed: ${isSqlrsError(error) ? error.message : String(error)}`,
      fix: `fix btrfs access${deleteHint} or ${CHOOSE_OTHER}`,
      details: isSqlrsError(error) ? error.details : undefined,
      cause: error,
    });
  } finally {
    for (const leftover of created.reverse()) {
      await btrfs(['subvolume', 'delete', leftover]).catch(() => undefined);
    }
  }
}
