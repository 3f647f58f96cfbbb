/**
 * States a running job still needs (its plan's chain, its parent, its final state until the
 * instance is cloned). Eviction skips pinned states; a job pins first and then re-checks that a
 * state is ready, so a state it relies on can't vanish in between (engine.md §13 "No race").
 */
export class StatePins {
  private readonly counts = new Map<string, number>();
  /** Ids a deletion holds, with the promise its release resolves. */
  private readonly exclusive = new Map<string, Promise<void>>();

  /** Pins each id (counted, so two jobs may pin the same state); the returned function unpins once. */
  pin(stateIds: Iterable<string>): () => void {
    const ids = [...new Set(stateIds)];
    for (const id of ids) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of ids) {
        const left = (this.counts.get(id) ?? 1) - 1;
        if (left <= 0) this.counts.delete(id);
        else this.counts.set(id, left);
      }
    };
  }

  has(stateId: string): boolean {
    return this.counts.has(stateId) || this.exclusive.has(stateId);
  }

  /**
   * Resolves once no deletion holds any of `stateIds`. A job calls it after pinning them: from then
   * on no deletion can start on them, and one already running has finished (rows and data gone),
   * so the job's readiness re-check sees the truth.
   */
  async whenUnlocked(stateIds: Iterable<string>): Promise<void> {
    for (const id of stateIds) {
      for (let held = this.exclusive.get(id); held !== undefined; held = this.exclusive.get(id)) await held;
    }
  }

  /**
   * For deletion (architecture.md `StateGuard`): locks states no job has pinned, or answers
   * undefined. Eviction skips locked states as if pinned.
   */
  tryLockExclusive(stateIds: readonly string[], busy: (id: string) => boolean = () => false): (() => void) | undefined {
    if (stateIds.some((id) => this.has(id) || busy(id))) return undefined;
    let done!: () => void;
    const held = new Promise<void>((resolve) => {
      done = resolve;
    });
    for (const id of stateIds) this.exclusive.set(id, held);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of stateIds) if (this.exclusive.get(id) === held) this.exclusive.delete(id);
      done();
    };
  }
}
