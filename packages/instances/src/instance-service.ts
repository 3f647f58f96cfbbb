import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { createConnTracker } from '@sqlrs/conntrack';
import type { ConnTracker } from '@sqlrs/conntrack';
import type { Runtime } from '@sqlrs/runtime';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import type { InstanceRecord, Store } from '@sqlrs/store';
import type { CreateInstanceRequest } from './create-instance.js';
import { createInstance } from './create-instance.js';
import type { CapacityGuard } from './capacity-guard.js';
import type { ExpirySweep } from './expire-instances.js';
import { sweepExpired } from './expire-instances.js';
import { FifoSemaphore } from './fifo-semaphore.js';
import type { InstanceContext, InstanceLogger } from './instance-context.js';
import { destroyInstance, endpointOf } from './instance-context.js';
import type { LockRelease } from './instance-locks.js';
import { InstanceLocks } from './instance-locks.js';
import type { ReconcileOptions } from './reconcile-instances.js';
import { reconcileInstances } from './reconcile-instances.js';
import type { ResetOptions } from './reset-instance.js';
import { resetInstance } from './reset-instance.js';
import { restartInstance } from './restart-instance.js';
import type { RunService } from './run-service.js';
import { createRunService } from './run-service.js';

/** Instance permits: clone + start + password, and restarts (engine.md §9.1). */
export const INSTANCE_PERMITS = 8;

/** Makes instances from ready states (prepare_instance, issue 4 interfaces). */
export interface InstanceCreator {
  /**
   * Clones the ready state `stateId` (cloneForInstance), starts it (purpose 'instance'), sets a random
   * password (24 random bytes, base64url; SCRAM-SHA-256 verifier sent over the socket, never plaintext),
   * then in ONE store transaction inserts the instance row `active` with expires_at, binds `name` (when
   * given; rebind moves it) and writes audit rows; then returns the record. Under the instance permit
   * (8 at once). On failure removes whatever it made and throws.
   */
  create(o: CreateInstanceRequest): Promise<InstanceRecord>;
}

/** Everything the instance service offers. */
export interface InstanceService extends InstanceCreator, RunService {
  /** One reconciliation pass (engine.md §10 step 5 and the periodic pass, instance part). */
  reconcile(options?: ReconcileOptions): Promise<void>;
  /** Restarts a stopped instance on its data (same port when free); resolves with the active row. */
  restart(instanceId: string): Promise<InstanceRecord>;
  /** api.md §5.4: a fresh clone of the source state, same id, name, port and password. */
  reset(instanceId: string, options: ResetOptions): Promise<InstanceRecord>;
  /** One TTL reaper pass (api.md §5.5). */
  sweepExpired(): Promise<ExpirySweep>;
  /** Live client session counts of instances (engine.md §11). */
  readonly conntrack: ConnTracker;
  /** Takes the per-instance locks of all `ids` (delete), or undefined when one is busy. */
  tryLock(ids: readonly string[]): LockRelease | undefined;
  /** Removes the sandbox and data of an instance whose row is gone or expired; idempotent. */
  destroy(instance: InstanceRecord): Promise<void>;
}

/** Tunables of the instance service; defaults follow engine.md. */
export interface InstanceServiceConfig {
  /** Instance permits (default 8). */
  instancePermits?: number;
  /** Readiness deadline of instance starts in ms (default 30000). */
  readyDeadlineMs?: number;
  /** Retention of expired tombstones in ms, read at each sweep (default 1 h). */
  expiredRetentionMs?: () => number;
}

/** Collaborators and seams of the instance service. */
export interface InstanceServiceOptions {
  store: Store;
  layout: StoreLayout;
  runtime: Runtime;
  snapshotter: Snapshotter;
  logger: InstanceLogger;
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
  config?: InstanceServiceConfig;
  /** Cache room for reset clones (prepare's bounded cache); absent = unbounded. */
  capacity?: CapacityGuard;
  /** Counts deferred expiries (`sqlrs_instances_expiry_deferred_total`). */
  onExpiryDeferred?: () => void;
}

/** Builds the instance service: creation, runs and reconciliation over one runtime and store. */
export function createInstanceService(options: InstanceServiceOptions): InstanceService {
  const context: InstanceContext = {
    store: options.store,
    layout: options.layout,
    runtime: options.runtime,
    snapshotter: options.snapshotter,
    logger: options.logger,
    now: options.now ?? Date.now,
    randomBytes: options.randomBytes ?? ((n) => nodeRandomBytes(n)),
    storeId: options.store.storeId(),
    permits: new FifoSemaphore(() => options.config?.instancePermits ?? INSTANCE_PERMITS),
    readyDeadlineMs: options.config?.readyDeadlineMs ?? 30_000,
    sandboxes: new Map(),
    busy: new Set(),
    restarts: new Map(),
    liveRuns: new Map(),
    locks: new InstanceLocks(),
    conntrack: createConnTracker({ endpointOf: (id) => endpointOf(context, id) }),
    ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
    expiredRetentionMs: options.config?.expiredRetentionMs ?? (() => 3_600_000),
    onExpiryDeferred: options.onExpiryDeferred ?? (() => undefined),
  };
  const runs = createRunService(context);
  return {
    create: (request) => createInstance(context, request),
    prepare: (request) => runs.prepare(request),
    active: () => runs.active(),
    reconcile: (reconcileOptions) => reconcileInstances(context, reconcileOptions),
    restart: (instanceId) => restartInstance(context, instanceId),
    reset: (instanceId, resetOptions) => resetInstance(context, instanceId, resetOptions),
    sweepExpired: () => sweepExpired(context),
    conntrack: context.conntrack,
    // A restart in flight (first use of a stopped instance) counts as busy too: one lock world.
    tryLock: (ids) => (ids.some((id) => context.busy.has(id)) ? undefined : context.locks.tryLock(ids)),
    destroy: (instance) => destroyInstance(context, instance),
  };
}
