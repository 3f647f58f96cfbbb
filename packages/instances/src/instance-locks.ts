/** Releases what a lock call took. */
export type LockRelease = () => void;

/**
 * Per-instance exclusive locks for reset, delete and expiry: one of them at a time per instance,
 * and a second caller is told at once instead of waiting (api.md §5.4 "instance busy").
 */
export class InstanceLocks {
  private readonly held = new Set<string>();

  /** Takes all `ids` or none; undefined when any is held. */
  tryLock(ids: readonly string[]): LockRelease | undefined {
    if (ids.some((id) => this.held.has(id))) return undefined;
    for (const id of ids) this.held.add(id);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of ids) this.held.delete(id);
    };
  }

  /** True while a reset, delete or expiry holds the instance. */
  isLocked(id: string): boolean {
    return this.held.has(id);
  }
}
