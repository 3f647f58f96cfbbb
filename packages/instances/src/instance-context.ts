import { access, rm, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import type { ResolvedImage, Runtime, Sandbox } from '@sqlrs/runtime';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import type { InstanceRecord, Store } from '@sqlrs/store';
import type { Logger } from '@sqlrs/telemetry';
import type { ConnTracker, InstanceEndpoint } from '@sqlrs/conntrack';
import type { CapacityGuard } from './capacity-guard.js';
import type { FifoSemaphore } from './fifo-semaphore.js';
import type { InstanceLocks } from './instance-locks.js';

/** The logger calls the service makes. */
export type InstanceLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** What every part of the instance service shares; built once by `createInstanceService`. */
export interface InstanceContext {
  store: Store;
  layout: StoreLayout;
  runtime: Runtime;
  snapshotter: Snapshotter;
  logger: InstanceLogger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  storeId: string;
  permits: FifoSemaphore;
  readyDeadlineMs: number;
  /** Sandboxes this service started, by instance id (they know the inner port). */
  sandboxes: Map<string, Sandbox>;
  /** Instances being created or restarted right now; reconciliation leaves them alone. */
  busy: Set<string>;
  /** Restarts in flight, by instance id, so a run and reconciliation share one. */
  restarts: Map<string, Promise<InstanceRecord>>;
  /** Runs streaming right now, counted by instance id; their sidecars are not leftovers. */
  liveRuns: Map<string, number>;
  /** Per-instance locks of reset, delete and expiry. */
  locks: InstanceLocks;
  /** Live client session counts over the instance sockets. */
  conntrack: ConnTracker;
  /** Cache room for reset clones; absent = unbounded. */
  capacity?: CapacityGuard;
  /** Retention of expired tombstones in ms (live config `instances.expiredRetention`). */
  expiredRetentionMs: () => number;
  /** Counts an expiry deferred because the instance was in use. */
  onExpiryDeferred: () => void;
}

/** The socket endpoint of an active instance, for conntrack; undefined when it is not running. */
export function endpointOf(context: InstanceContext, instanceId: string): InstanceEndpoint | undefined {
  const instance = context.store.getInstance(instanceId);
  if (instance?.status !== 'active' || instance.runtimeId === null || instance.port === null) return undefined;
  const sandbox = sandboxOf(context, instance);
  return { socketDir: sandbox.endpoint.socketDir, port: sandbox.endpoint.innerPort };
}

/**
 * Removes an instance's sandbox and data after its row changed (deleted or expired). Idempotent:
 * a missing container, pid or directory counts as removed; errors are logged, and reconciliation
 * retries what is left (engine.md §12).
 */
export async function destroyInstance(context: InstanceContext, instance: InstanceRecord): Promise<void> {
  context.sandboxes.delete(instance.instanceId);
  if (instance.runtimeId !== null) {
    await context.runtime
      .remove({ kind: instance.runtimeKind, id: instance.runtimeId, purpose: 'instance', ownerId: instance.instanceId, storeId: context.storeId, running: true })
      .catch((error: unknown) => context.logger.warn({ err: error, instanceId: instance.instanceId }, 'cannot remove the instance sandbox; reconciliation retries'));
  }
  await destroyInstanceFiles(context, instance.instanceId, storePath(context.layout, instance.socketDir));
}

/** A path inside the store as stored in a row (relative), or absolute when outside it. */
export function storedPath(layout: StoreLayout, path: string): string {
  const rel = relative(layout.root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** A stored path made absolute again. */
export function storePath(layout: StoreLayout, stored: string): string {
  return resolve(layout.root, stored);
}

/** The resolved image of an instance, from the store's image row. */
export function imageOf(context: InstanceContext, imageKey: string): ResolvedImage {
  const row = context.store.getImage(imageKey);
  if (row === undefined) {
    throw new SqlrsError('internal_error', `image ${imageKey} of the instance is not in the store`, { details: imageKey });
  }
  return {
    imageKey: row.imageKey,
    displayRef: row.displayRef,
    ...(row.repoDigest === null ? {} : { repoDigest: row.repoDigest }),
    platform: row.platform,
    pgMajor: row.pgMajor,
    pgVersion: row.pgVersion,
    runUid: row.runUid ?? 0,
    runGid: row.runGid ?? 0,
    locales: row.locales === null ? [] : row.locales.split('\n').filter((l) => l !== ''),
  };
}

/**
 * The sandbox of an active instance: the one this service started, else rebuilt from the row
 * (inner port = host port, which holds for the process runtime and Docker host networking).
 */
export function sandboxOf(context: InstanceContext, instance: InstanceRecord): Sandbox {
  const known = context.sandboxes.get(instance.instanceId);
  if (known !== undefined && known.ref.id === instance.runtimeId) return known;
  if (instance.runtimeId === null || instance.port === null) {
    throw new SqlrsError('unavailable', `instance ${instance.instanceId} is not running; retry once it was restarted`);
  }
  return {
    ref: {
      kind: instance.runtimeKind,
      id: instance.runtimeId,
      purpose: 'instance',
      ownerId: instance.instanceId,
      storeId: context.storeId,
      running: true,
    },
    endpoint: {
      host: '127.0.0.1',
      port: instance.port,
      innerPort: instance.port,
      socketDir: storePath(context.layout, instance.socketDir),
    },
  };
}

/** True when the instance's cluster is still on disk (`data/pgdata/PG_VERSION`). */
export function hasData(context: InstanceContext, instanceId: string): Promise<boolean> {
  return access(join(context.layout.instanceDataDir(instanceId), 'pgdata', 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** Removes a dead server's `postmaster.pid` (only call when its runtime is known to be gone). */
export async function removeStalePid(context: InstanceContext, instanceId: string): Promise<void> {
  await unlink(join(context.layout.instanceDataDir(instanceId), 'pgdata', 'postmaster.pid')).catch(() => undefined);
}

/** Destroys an instance's data, its directory and an out-of-store socket dir; best effort. */
export async function destroyInstanceFiles(context: InstanceContext, instanceId: string, socketDir: string | null): Promise<void> {
  await context.snapshotter.destroy(context.layout.instanceDataDir(instanceId)).catch((error: unknown) => {
    context.logger.warn({ err: error, instanceId }, 'cannot destroy instance data');
  });
  await rm(context.layout.instanceDir(instanceId), { recursive: true, force: true }).catch(() => undefined);
  if (socketDir !== null && isAbsolute(socketDir) && !socketDir.startsWith(context.layout.root)) {
    await rm(socketDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
