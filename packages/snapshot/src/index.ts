// Copy-on-write snapshots of PGDATA trees: the Snapshotter interface, btrfs/reflink/copy backends, autodetection.
export type { Snapshotter, SnapshotterCaps, SnapshotterKind, TreeSize } from './snapshotter.js';
export type { BackendOptions } from './backend-options.js';
export { createBtrfsSnapshotter } from './btrfs-snapshotter.js';
export { createReflinkSnapshotter } from './reflink-snapshotter.js';
export { createCopySnapshotter } from './copy-snapshotter.js';
export { createSnapshotter, selectSnapshotter } from './select-snapshotter.js';
export type { SelectSnapshotterOptions, SnapshotBackendSetting } from './select-snapshotter.js';
