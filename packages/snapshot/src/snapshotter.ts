/** The snapshot backends (engine.md §6.2). */
export type SnapshotterKind = 'btrfs' | 'reflink' | 'copy';

/** What a backend can do; shared code branches on these, never on `kind` (style.md). */
export interface SnapshotterCaps {
  /** Clones share data with their source until written (btrfs, reflink). */
  cowClone: boolean;
  /** Captured states are read-only on disk (btrfs read-only subvolumes). */
  readOnlyStates: boolean;
  /** Snapshots share extents, so per-state sizes over-count (btrfs, reflink). */
  sharedExtents: boolean;
  /** `snapshot(src, dest, {consumeSource: true})` may rename `src` instead of copying it (copy). */
  snapshotMayConsumeSource: boolean;
  /**
   * `destroy` returns before space is freed; call `awaitFree` before measuring (btrfs cleaner; XFS
   * also frees unlinked inodes in the background, so reflink and copy set it too).
   */
  asyncFree: boolean;
  /** `sizeOf` reports `exclusive` bytes no other snapshot shares (btrfs `filesystem du`). */
  exclusiveSizes: boolean;
}

/** Sizes of a directory tree in bytes. */
export interface TreeSize {
  /** Sum of file sizes. */
  apparent: number;
  /** Blocks allocated (st_blocks × 512), the API's `size_bytes`. */
  allocated: number;
  /** Bytes no other snapshot shares (btrfs only). */
  exclusive?: number;
}

/**
 * Clones and captures PGDATA trees (engine.md §6.1). Paths are absolute; `dest` never exists
 * beforehand. Errors are `SqlrsError`s; an unusable root is `unavailable` naming the fix.
 */
export interface Snapshotter {
  readonly kind: SnapshotterKind;
  readonly caps: SnapshotterCaps;
  /** Checks that this backend works under `root`; throws `unavailable` with the reason and fix. */
  validateRoot(root: string): Promise<void>;
  /** Creates an empty writable directory (a subvolume on btrfs). */
  createVolume(path: string): Promise<void>;
  /** A writable clone of a state or base for a build sandbox. */
  cloneForBuild(src: string, dest: string): Promise<void>;
  /** A writable clone of a state for an instance. */
  cloneForInstance(src: string, dest: string): Promise<void>;
  /** Captures a stopped tree as an immutable state; never modifies `src` unless `consumeSource`. */
  snapshot(src: string, dest: string, options?: { consumeSource?: boolean }): Promise<void>;
  /** Removes a clone, state or volume; idempotent (a missing path counts as removed). */
  destroy(path: string): Promise<void>;
  /** Resolves once space freed by earlier `destroy` calls shows in statfs (no-op unless asyncFree). */
  awaitFree(): Promise<void>;
  /**
   * Sizes of a tree. `exclusive: false` skips btrfs's exclusive bytes (a filesystem sync and a
   * `du` of the subvolume) for callers on a hot path.
   */
  sizeOf(path: string, options?: { exclusive?: boolean }): Promise<TreeSize>;
}
