import type { StateRecord } from '@sqlrs/store';

/** The bytes a state is accounted with: btrfs exclusive bytes when measured, else allocated. */
export function stateBytes(state: StateRecord): number {
  return state.sizeExclusiveBytes ?? state.sizeAllocatedBytes ?? 0;
}

/** Eligible states in eviction order, and how many cached states are held back. */
export interface CandidateList {
  eligible: StateRecord[];
  blocked: StateRecord[];
}

/**
 * engine.md §13 "Eligible" and "Order": `ready` or `missing` leaves with no instance, not pinned
 * by a job, past their minimum retention; least recently used first, then largest, then id.
 * `states` must hold every row (children of any status keep their parent).
 */
export function evictionCandidates(states: readonly StateRecord[], o: { pinned: (id: string) => boolean; named: ReadonlySet<string>; now: number }): CandidateList {
  const parents = new Set<string>();
  for (const s of states) if (s.parentStateId !== null && s.status !== 'failed') parents.add(s.parentStateId);
  const eligible: StateRecord[] = [];
  const blocked: StateRecord[] = [];
  for (const s of states) {
    if (s.status !== 'ready' && s.status !== 'missing') continue;
    const ok = !parents.has(s.stateId) && s.refcount === 0 && !o.named.has(s.stateId) && !o.pinned(s.stateId) && (s.minRetentionUntil ?? 0) <= o.now;
    (ok ? eligible : blocked).push(s);
  }
  eligible.sort(
    (a, b) =>
      (a.lastUsedAt ?? a.readyAt ?? a.createdAt) - (b.lastUsedAt ?? b.readyAt ?? b.createdAt) ||
      stateBytes(b) - stateBytes(a) ||
      (a.stateId < b.stateId ? -1 : a.stateId > b.stateId ? 1 : 0),
  );
  return { eligible, blocked };
}
