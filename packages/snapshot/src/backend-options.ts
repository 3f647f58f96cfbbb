/** Settings shared by every backend factory; all have working defaults. */
export interface BackendOptions {
  /**
   * Where reflink and copy `destroy` rename a tree before removing it (the store's `tmp/trash`);
   * without it the tree is renamed to a dot-named sibling, which no state listing picks up.
   */
  trashDir?: string;
  /** Source of nonces for probe and trash names (default: 8 random bytes as hex). */
  randomId?: () => string;
  /** The btrfs executable (default `btrfs`, looked up on PATH). */
  btrfsCommand?: string;
  /** Deadline of one btrfs command in ms (default 60 s; `subvolume sync` gets five times as long). */
  commandTimeoutMs?: number;
}
