import type { ConnTracker } from '@sqlrs/conntrack';
import type { InstanceRecord, Store } from '@sqlrs/store';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Logger } from '@sqlrs/telemetry';

/** Releases locks a guard granted. */
export type Release = () => void;

/**
 * Exclusive locks on states (architecture.md): the composition root fills it with prepare's
 * single-flight state locks, so a state is never deleted while a job builds or clones it.
 */
export interface StateGuard {
  tryLockExclusive(stateIds: readonly string[]): Release | undefined;
}

/** What deletion needs of the instance service. */
export interface InstanceHandle {
  readonly conntrack: ConnTracker;
  tryLock(instanceIds: readonly string[]): Release | undefined;
  destroy(instance: InstanceRecord): Promise<void>;
}

/** Collaborators of the deletion service. */
export interface DeletionContext {
  store: Store;
  layout: StoreLayout;
  snapshotter: Snapshotter;
  instances: InstanceHandle;
  stateGuard: StateGuard;
  logger: Pick<Logger, 'info' | 'warn'>;
  now: () => number;
}
