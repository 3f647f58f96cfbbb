import type { InstanceRecord } from '@sqlrs/store';
import { isBusy, liveCount } from './connection-gate.js';
import type { InstanceContext } from './instance-context.js';
import { destroyInstance } from './instance-context.js';

/** What one sweep did (api.md §5.5). */
export interface ExpirySweep {
  /** Instances turned into `expired` tombstones, their server and data removed. */
  expired: string[];
  /** Past their TTL but still in use (or their count could not be read): kept for a later sweep. */
  skipped: { instanceId: string; connections: number | null }[];
  /** Tombstones purged after `instances.expiredRetention`. */
  purged: string[];
}

/** How often the reaper runs (api.md §5.5). */
export const EXPIRY_SWEEP_INTERVAL_MS = 10_000;

/** Past its TTL and not yet a tombstone. */
function expirable(instance: InstanceRecord, now: number): boolean {
  return instance.status !== 'expired' && instance.expiresAt !== null && instance.expiresAt <= now;
}

async function expireOne(context: InstanceContext, listed: InstanceRecord, sweep: ExpirySweep): Promise<void> {
  const release = context.locks.tryLock([listed.instanceId]);
  if (release === undefined || context.busy.has(listed.instanceId)) {
    release?.();
    return;
  }
  try {
    // The sweep's list may be stale: a reset (new TTL, new sandbox) or a delete may have run
    // since. Decide on the row as it is now, under the lock.
    const instance = context.store.getInstance(listed.instanceId);
    if (instance === undefined || !expirable(instance, context.now())) return;
    const count = await liveCount(context, instance);
    if (isBusy(count)) {
      context.onExpiryDeferred();
      const connections = count.state === 'known' ? count.clients : null;
      sweep.skipped.push({ instanceId: instance.instanceId, connections });
      context.logger.info({ instanceId: instance.instanceId, connections }, 'instance expired but in use; expiry deferred');
      return;
    }
    // Rows before data (engine.md §4.2): the tombstone and the unbound name first, then the files.
    const at = context.now();
    context.store.updateInstance(
      instance.instanceId,
      { status: 'expired', statusReason: 'ttl', runtimeId: null, stoppedAt: at, lastConnections: null, connectionsAt: null },
      [
        { ts: at, actor: 'engine', action: 'instance.expired', objectId: instance.instanceId, details: { expiresAt: instance.expiresAt } },
        ...(instance.name === null ? [] : [{ ts: at, actor: 'engine' as const, action: 'name.removed' as const, objectId: instance.name, details: { instanceId: instance.instanceId, reason: 'expired' } }]),
      ],
    );
    await destroyInstance(context, instance);
    sweep.expired.push(instance.instanceId);
    context.logger.info({ instanceId: instance.instanceId }, 'instance expired and removed');
  } finally {
    release();
  }
}

function purgeTombstones(context: InstanceContext, sweep: ExpirySweep): void {
  const cutoff = context.now() - context.expiredRetentionMs();
  const old = context.store
    .listInstances({ statuses: ['expired'] })
    .filter((i) => (i.stoppedAt ?? i.expiresAt ?? 0) <= cutoff && !context.locks.isLocked(i.instanceId));
  if (old.length === 0) return;
  const at = context.now();
  context.store.deleteInstances(
    old.map((i) => i.instanceId),
    old.map((i) => ({ ts: at, actor: 'engine' as const, action: 'instance.deleted' as const, objectId: i.instanceId, details: { reason: 'tombstone_retention' } })),
  );
  sweep.purged.push(...old.map((i) => i.instanceId));
}

/** Refreshes `last_connections` of the other active instances, which lists show (engine.md §11). */
async function sampleConnections(context: InstanceContext, skip: ReadonlySet<string>): Promise<void> {
  const active = context.store
    .listInstances({ statuses: ['active'] })
    .filter((i) => !skip.has(i.instanceId) && !context.busy.has(i.instanceId) && !context.locks.isLocked(i.instanceId));
  await Promise.all(active.map((i) => liveCount(context, i).catch(() => undefined)));
}

/**
 * One reaper pass (api.md §5.5, engine.md §4.2): instances past `expires_at` with no live client
 * sessions become `expired` tombstones (name unbound) and lose their server and data; those in use,
 * or whose count cannot be read, are skipped and reported. Then old tombstones are purged.
 */
export async function sweepExpired(context: InstanceContext): Promise<ExpirySweep> {
  const sweep: ExpirySweep = { expired: [], skipped: [], purged: [] };
  const now = context.now();
  const due = context.store
    .listInstances({ statuses: ['active', 'stopped', 'failed'] })
    .filter((i) => expirable(i, now));
  for (const instance of due) await expireOne(context, instance, sweep);
  await sampleConnections(context, new Set(due.map((i) => i.instanceId)));
  purgeTombstones(context, sweep);
  return sweep;
}
