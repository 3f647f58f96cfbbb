import type { AuditStore } from './audit.js';
import type { BaseStore } from './bases.js';
import type { ImageStore } from './images.js';
import type { InstanceStore } from './instances.js';
import type { JobEventStore } from './job-events.js';
import type { JobStore } from './jobs.js';
import type { MemoStore } from './memos.js';
import type { MetaStore } from './meta.js';
import type { NameStore } from './names.js';
import type { StateStore } from './states.js';
import type { TaskStore } from './tasks.js';

/**
 * Everything the engine persists. Synchronous; every method is atomic, and `transaction` groups
 * several calls into one all-or-nothing change (nested calls join the outer transaction).
 */
export interface Store
  extends MetaStore,
    ImageStore,
    BaseStore,
    StateStore,
    InstanceStore,
    NameStore,
    JobStore,
    TaskStore,
    JobEventStore,
    AuditStore,
    MemoStore {
  /** Runs `fn` in one transaction: if it throws, none of its changes remain. `fn` must not be async. */
  transaction<T>(fn: () => T): T;
  /** Releases the store; no method may be called afterwards. */
  close(): void;
}
