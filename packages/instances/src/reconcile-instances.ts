import { readdir } from 'node:fs/promises';
import type { RuntimeRef } from '@sqlrs/runtime';
import type { InstanceRecord } from '@sqlrs/store';
import type { InstanceContext } from './instance-context.js';
import { destroyInstance, destroyInstanceFiles, hasData } from './instance-context.js';
import { restartInstance } from './restart-instance.js';

/** Options of one reconciliation pass. */
export interface ReconcileOptions {
  /** Restart `stopped` instances (default true; startup recovery passes false, engine.md §10 step 5). */
  restartStopped?: boolean;
}

async function removeRef(context: InstanceContext, ref: RuntimeRef, why: string): Promise<void> {
  try {
    await context.runtime.remove(ref);
    context.logger.info({ ref, why }, 'removed a leftover sandbox');
  } catch (error) {
    context.logger.warn({ err: error, ref }, 'cannot remove a leftover sandbox');
  }
}

function markGone(context: InstanceContext, instance: InstanceRecord, dataPresent: boolean): void {
  const at = context.now();
  const reason = dataPresent ? 'runtime_gone' : 'data_missing';
  context.store.updateInstance(
    instance.instanceId,
    { status: dataPresent ? 'stopped' : 'failed', statusReason: reason, runtimeId: null, stoppedAt: at },
    [{ ts: at, actor: 'engine', action: 'instance.stopped', objectId: instance.instanceId, details: { reason } }],
  );
  context.logger.warn({ instanceId: instance.instanceId, reason }, 'instance is no longer running');
}

/**
 * One reconciliation pass over instances (engine.md §10 step 4 for instances and runs, step 5,
 * and the periodic restart): leftover instance sandboxes and run sidecars are removed, active
 * instances whose runtime is gone become `stopped` (or `failed` without data), and stopped
 * instances with data are restarted under instance permits. Skipped while the runtime probe fails.
 */
export async function reconcileInstances(context: InstanceContext, options: ReconcileOptions = {}): Promise<void> {
  const restart = options.restartStopped ?? true;
  const probe = await context.runtime.probe();
  if (!probe.ok) {
    context.logger.warn({ reason: probe.reason }, 'runtime unavailable; instance reconciliation skipped');
    return;
  }
  const refs = await context.runtime.list(context.storeId);
  const rows = new Map(context.store.listInstances().map((row) => [row.instanceId, row]));
  const live = new Map<string, RuntimeRef>();
  for (const ref of refs) {
    if (context.busy.has(ref.ownerId) || context.locks.isLocked(ref.ownerId)) continue;
    if (ref.purpose === 'run') {
      if (!context.liveRuns.has(ref.ownerId)) await removeRef(context, ref, 'run sidecar without a live run');
      continue;
    }
    if (ref.purpose !== 'instance') continue;
    const row = rows.get(ref.ownerId);
    if (row === undefined || row.status === 'expired') await removeRef(context, ref, 'instance sandbox without a row');
    else if (ref.running && ref.id === row.runtimeId) live.set(row.instanceId, ref);
  }
  const restarts: Promise<unknown>[] = [];
  for (const row of rows.values()) {
    if (context.busy.has(row.instanceId) || context.locks.isLocked(row.instanceId)) continue;
    if (row.status === 'active' && !live.has(row.instanceId)) {
      const dataPresent = await hasData(context, row.instanceId);
      markGone(context, row, dataPresent);
      if (dataPresent && restart) restarts.push(restartQuietly(context, row.instanceId));
    } else if (restart && row.status === 'stopped' && (await hasData(context, row.instanceId))) {
      restarts.push(restartQuietly(context, row.instanceId));
    }
  }
  await Promise.all(restarts);
  await removeLeftoverData(context, rows);
}

/**
 * Data no row points at (a delete or expiry cut short by a crash: rows go first, engine.md §12)
 * and files of expired tombstones are removed; instances being created are in `busy`.
 */
async function removeLeftoverData(context: InstanceContext, rows: ReadonlyMap<string, InstanceRecord>): Promise<void> {
  const names = await readdir(context.layout.instancesDir).catch(() => [] as string[]);
  for (const name of names) {
    if (context.busy.has(name) || context.locks.isLocked(name)) continue;
    const row = rows.get(name) ?? context.store.getInstance(name);
    if (row === undefined) {
      if (!/^[0-9a-f]{32}$/.test(name)) continue;
      await destroyInstanceFiles(context, name, null);
      context.logger.info({ instanceId: name }, 'removed instance data without a row');
    } else if (row.status === 'expired') {
      await destroyInstance(context, row);
      context.logger.info({ instanceId: name }, 'removed the leftover data of an expired instance');
    }
  }
}

function restartQuietly(context: InstanceContext, instanceId: string): Promise<void> {
  return restartInstance(context, instanceId).then(
    () => undefined,
    (error: unknown) => context.logger.warn({ err: error, instanceId }, 'instance restart failed'),
  );
}
