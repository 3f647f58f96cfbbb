import { SqlrsError, isSqlrsError } from '@sqlrs/errors';
import type { Sandbox, StartSpec } from '@sqlrs/runtime';
import type { InstanceRecord } from '@sqlrs/store';
import type { InstanceContext } from './instance-context.js';
import { hasData, imageOf, removeStalePid, storePath, storedPath } from './instance-context.js';

function markFailed(context: InstanceContext, instance: InstanceRecord, reason: string): void {
  const at = context.now();
  context.store.updateInstance(instance.instanceId, { status: 'failed', statusReason: reason, runtimeId: null, stoppedAt: at }, [
    { ts: at, actor: 'engine', action: 'instance.stopped', objectId: instance.instanceId, details: { reason } },
  ]);
}

/** Starts an instance's server on its own data, on its old port when it is free (restart and reset). */
export async function startOnData(context: InstanceContext, instance: InstanceRecord): Promise<Sandbox> {
  const spec: StartSpec = {
    purpose: 'instance',
    ownerId: instance.instanceId,
    storeId: context.storeId,
    image: imageOf(context, instance.imageKey),
    dataDir: context.layout.instanceDataDir(instance.instanceId),
    socketDir: storePath(context.layout, instance.socketDir),
    settings: {},
    readyDeadlineMs: context.readyDeadlineMs,
  };
  if (instance.port === null) return context.runtime.start(spec);
  try {
    return await context.runtime.start({ ...spec, port: instance.port });
  } catch (error) {
    // The old port is taken (or would not bind): any free one will do (engine.md §4.2).
    context.logger.info({ instanceId: instance.instanceId, port: instance.port, err: error }, 'restart on the old port failed; trying another');
    await removeStalePid(context, instance.instanceId);
    return context.runtime.start(spec);
  }
}

/** The row fields of an instance whose sandbox `startOnData` just started. */
export function runningFields(context: InstanceContext, sandbox: Sandbox, at: number) {
  return {
    status: 'active' as const,
    statusReason: null,
    runtimeId: sandbox.ref.id,
    port: sandbox.endpoint.port,
    socketDir: storedPath(context.layout, sandbox.endpoint.socketDir),
    startedAt: at,
  };
}

/** A start failure as one line (message and details) for the details of the error that wraps it. */
export function startFailureDetails(error: unknown): string {
  return isSqlrsError(error) ? `${error.message}${error.details === undefined ? '' : `: ${error.details}`}` : String(error);
}

async function restartNow(context: InstanceContext, instanceId: string): Promise<InstanceRecord> {
  const instance = context.store.getInstance(instanceId);
  if (instance === undefined) throw new SqlrsError('not_found', 'instance not found');
  if (instance.status === 'expired' || instance.status === 'failed') {
    throw new SqlrsError('conflict', `instance ${instanceId} is ${instance.status}; reset or delete it`);
  }
  if (!(await hasData(context, instanceId))) {
    markFailed(context, instance, 'data_missing');
    throw new SqlrsError('conflict', `instance ${instanceId} lost its data; delete it and prepare again`);
  }
  if (instance.runtimeId !== null) {
    await context.runtime
      .remove({ kind: instance.runtimeKind, id: instance.runtimeId, purpose: 'instance', ownerId: instanceId, storeId: context.storeId, running: false })
      .catch(() => undefined);
  }
  await removeStalePid(context, instanceId);
  let sandbox: Sandbox;
  try {
    sandbox = await startOnData(context, instance);
  } catch (error) {
    if (isSqlrsError(error) && error.code === 'unavailable' && /daemon|binaries/.test(error.message)) throw error;
    markFailed(context, instance, 'restart_failed');
    throw new SqlrsError('unavailable', `instance ${instanceId} could not be restarted; reset or delete it`, {
      details: startFailureDetails(error),
      cause: error,
    });
  }
  const at = context.now();
  const record = context.store.updateInstance(
    instanceId,
    runningFields(context, sandbox, at),
    [{ ts: at, actor: 'engine', action: 'instance.restarted', objectId: instanceId, details: { port: sandbox.endpoint.port, previousPort: instance.port } }],
  );
  context.sandboxes.set(instanceId, sandbox);
  context.logger.info({ instanceId, port: sandbox.endpoint.port }, 'instance restarted');
  return record;
}

/**
 * Restarts an instance on its own data (never re-cloned), on its old port when free, under an
 * instance permit; concurrent callers share one restart. Missing data or a failed start → `failed`.
 */
export function restartInstance(context: InstanceContext, instanceId: string): Promise<InstanceRecord> {
  const pending = context.restarts.get(instanceId);
  if (pending !== undefined) return pending;
  if (context.locks.isLocked(instanceId)) {
    return Promise.reject(new SqlrsError('conflict', `instance ${instanceId} is being reset, deleted or expired; retry in a moment`));
  }
  const restart = (async () => {
    context.busy.add(instanceId);
    try {
      return await context.permits.with(() => restartNow(context, instanceId));
    } finally {
      context.busy.delete(instanceId);
      context.restarts.delete(instanceId);
    }
  })();
  context.restarts.set(instanceId, restart);
  return restart;
}
