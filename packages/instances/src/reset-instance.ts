import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { toHex } from '@sqlrs/id';
import type { Sandbox } from '@sqlrs/runtime';
import type { InstanceRecord } from '@sqlrs/store';
import { connectedConflict, isBusy, liveCount } from './connection-gate.js';
import { setPassword } from './create-instance.js';
import type { InstanceContext } from './instance-context.js';
import { runningFields, startFailureDetails, startOnData } from './restart-instance.js';

/** Room a CoW clone asks for: one 16 MiB WAL segment (prepare's build steps use the same). */
const COW_CLONE_HEADROOM = 16 * 1024 * 1024;

/** What a reset may change besides the data (api.md §5.4 body and query). */
export interface ResetOptions {
  force: boolean;
  /** Absent/null keeps `expires_at`; 0 clears it; 1..2592000 sets now + ttl. */
  ttlSeconds?: number | null;
}

function expiresAfterReset(instance: InstanceRecord, ttlSeconds: number | null | undefined, at: number): number | null {
  if (ttlSeconds === undefined || ttlSeconds === null) return instance.expiresAt;
  return ttlSeconds === 0 ? null : at + ttlSeconds * 1000;
}

function markFailed(context: InstanceContext, instanceId: string, reason: string): void {
  const at = context.now();
  context.store.updateInstance(instanceId, { status: 'failed', statusReason: reason, runtimeId: null, stoppedAt: at }, [
    { ts: at, actor: 'api', action: 'instance.stopped', objectId: instanceId, details: { reason } },
  ]);
}

/**
 * Brings an instance back to its source state (api.md §5.4, engine.md §4.2): under the instance
 * lock, checks sessions (409 unless `force`), the runtime (503) and cache room (507) while nothing
 * has changed, clones the state next to the old data, then stops the server, swaps the data in and
 * starts it on the same port with the same password. A failure after the swap leaves `failed`.
 */
export async function resetInstance(context: InstanceContext, instanceId: string, options: ResetOptions): Promise<InstanceRecord> {
  const instance = context.store.getInstance(instanceId);
  if (instance === undefined) throw new SqlrsError('not_found', 'instance not found');
  if (instance.status === 'expired') throw new SqlrsError('conflict', 'instance expired; prepare a new one');
  const release = context.locks.tryLock([instanceId]);
  if (release === undefined || context.busy.has(instanceId)) {
    release?.();
    throw new SqlrsError('conflict', 'instance busy; another reset or delete of it is in progress, retry when it has finished');
  }
  context.busy.add(instanceId);
  try {
    return await context.permits.with(() => resetLocked(context, instance, options));
  } finally {
    context.busy.delete(instanceId);
    release();
  }
}

async function resetLocked(context: InstanceContext, instance: InstanceRecord, options: ResetOptions): Promise<InstanceRecord> {
  const { instanceId } = instance;
  const count = await liveCount(context, instance);
  if (!options.force && isBusy(count)) throw connectedConflict(count);
  const state = context.store.getState(instance.stateId);
  if (state?.status !== 'ready') {
    throw new SqlrsError('conflict', `state ${instance.stateId} of the instance is not available; delete the instance and prepare again`);
  }
  const probe = await context.runtime.probe();
  if (!probe.ok) throw new SqlrsError('unavailable', `${probe.reason}; ${probe.fix}`);
  // A CoW clone shares the state's data: ask for one WAL segment, as a build step does; a plain copy needs it all.
  await context.capacity?.ensureRoom('reset', context.snapshotter.caps.cowClone ? COW_CLONE_HEADROOM : (state.sizeAllocatedBytes ?? 0));
  const dataDir = context.layout.instanceDataDir(instanceId);
  const fresh = join(context.layout.instanceDir(instanceId), `.reset-${toHex(context.randomBytes(8))}`);
  await context.snapshotter.cloneForInstance(join(context.layout.root, state.relPath), fresh);
  try {
    if (instance.runtimeId !== null) {
      await context.runtime.remove({ kind: instance.runtimeKind, id: instance.runtimeId, purpose: 'instance', ownerId: instanceId, storeId: context.storeId, running: true });
    }
    context.sandboxes.delete(instanceId);
    await context.snapshotter.destroy(dataDir);
    await rename(fresh, dataDir);
  } catch (error) {
    await context.snapshotter.destroy(fresh).catch(() => undefined);
    markFailed(context, instanceId, 'reset_failed');
    throw new SqlrsError('internal_error', 'reset failed after the old data was discarded; reset again to recover', { details: String(error), cause: error });
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startOnData(context, instance);
    await setPassword(context, sandbox, instance.password);
  } catch (error) {
    markFailed(context, instanceId, 'reset_failed');
    throw new SqlrsError('internal_error', 'reset failed after the old data was discarded; reset again to recover', { details: startFailureDetails(error), cause: error });
  }
  const at = context.now();
  const record = context.store.updateInstance(
    instanceId,
    {
      ...runningFields(context, sandbox, at),
      stoppedAt: null,
      lastResetAt: at,
      resetCount: instance.resetCount + 1,
      expiresAt: expiresAfterReset(instance, options.ttlSeconds, at),
      lastConnections: 0,
      connectionsAt: at,
    },
    [{ ts: at, actor: 'api', action: 'instance.reset', objectId: instanceId, details: { port: sandbox.endpoint.port, previousPort: instance.port, forced: options.force } }],
  );
  context.store.touchStates([instance.stateId], at);
  context.sandboxes.set(instanceId, sandbox);
  context.logger.info({ instanceId, port: sandbox.endpoint.port }, 'instance reset');
  return record;
}
