/**
 * Room in the bounded cache for a clone (architecture.md): prepare's cache fills it; reset asks it
 * before cloning so a full cache fails with `cache_*` while nothing has changed yet.
 */
export interface CapacityGuard {
  ensureRoom(phase: 'reset', bytes: number, signal?: AbortSignal): Promise<void>;
}
