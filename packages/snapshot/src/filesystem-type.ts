import { statfs } from 'node:fs/promises';

/** `statfs.f_type` of btrfs. */
export const BTRFS_MAGIC = 0x9123683e;

// Names of the f_type values a store is likely to sit on, for error messages.
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x9123683e, 'btrfs'],
  [0x58465342, 'xfs'],
  [0xef53, 'ext4'],
  [0x01021994, 'tmpfs'],
  [0x794c7630, 'overlayfs'],
  [0x2fc12fc1, 'zfs'],
  [0x6969, 'nfs'],
  [0xff534d42, 'cifs'],
  [0x65735546, 'fuse'],
]);

/** A readable name for a `statfs` type (`0x<hex>` when unknown). */
export function filesystemTypeName(type: number): string {
  return NAMES.get(type) ?? `0x${type.toString(16)}`;
}

/** The `statfs` type of the filesystem holding `path`. */
export async function filesystemTypeOf(path: string): Promise<number> {
  return (await statfs(path)).type;
}
