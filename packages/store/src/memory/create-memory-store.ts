import { STORE_LAYOUT_VERSION, type StoreMeta } from '../meta.js';
import type { Store } from '../store.js';
import { memoryAudit } from './memory-audit.js';
import { memoryCatalog } from './memory-catalog.js';
import { memoryInstances } from './memory-instances.js';
import { memoryJobEvents } from './memory-job-events.js';
import { memoryJobs } from './memory-jobs.js';
import { memoryMemos } from './memory-memos.js';
import { memoryNames } from './memory-names.js';
import { memoryStates } from './memory-states.js';
import { MemoryTables } from './memory-tables.js';
import { memoryTasks } from './memory-tasks.js';

/** Options of the in-memory store; every fact defaults to a fixed value. */
export interface MemoryStoreOptions {
  storeId?: string;
  createdAt?: number;
  createdByVersion?: string;
}

/** An in-memory `Store` with the same behaviour as the SQLite one, for other packages' unit tests. */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const meta: StoreMeta = {
    storeId: options.storeId ?? '0'.repeat(32),
    layoutVersion: STORE_LAYOUT_VERSION,
    createdAt: options.createdAt ?? 0,
    createdByVersion: options.createdByVersion ?? 'memory',
  };
  const t = new MemoryTables(meta);
  return {
    ...memoryCatalog(t),
    ...memoryStates(t),
    ...memoryInstances(t),
    ...memoryNames(t),
    ...memoryJobs(t),
    ...memoryTasks(t),
    ...memoryJobEvents(t),
    ...memoryAudit(t),
    ...memoryMemos(t),
    transaction: (fn) => t.transaction(fn),
    close: () => t.close(),
  };
}
