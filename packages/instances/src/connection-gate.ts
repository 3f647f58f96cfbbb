import { SqlrsError } from '@sqlrs/errors';
import type { ConnCount } from '@sqlrs/conntrack';
import type { InstanceRecord } from '@sqlrs/store';
import type { InstanceContext } from './instance-context.js';

/** A live count for an instance: a stopped/failed one has nobody connected (engine.md §11). */
export async function liveCount(context: InstanceContext, instance: InstanceRecord): Promise<ConnCount> {
  if (instance.status !== 'active') return { state: 'not_running' };
  const count = await context.conntrack.count(instance.instanceId);
  if (count.state === 'known') {
    const at = context.now();
    context.store.updateInstance(instance.instanceId, {
      lastConnections: count.clients,
      connectionsAt: at,
      ...(count.clients > 0 ? { lastActivityAt: at } : {}),
    });
  }
  return count;
}

/** True when sessions (or an unreadable count) must block an operation without `force`. */
export function isBusy(count: ConnCount): boolean {
  return count.state === 'unknown' || (count.state === 'known' && count.clients > 0);
}

/** The 409 of a reset that would cut off sessions (api.md §5.4 step 2). */
export function connectedConflict(count: ConnCount): SqlrsError {
  const n = count.state === 'known' ? String(count.clients) : 'unknown';
  return new SqlrsError('conflict', 'instance has open connections; close them or reset with force=true', { details: `connections=${n}` });
}
