import type { InstanceEntry, NameEntry, StateEntry } from '@sqlrs/contract';
import type { InstanceRecord, NameRecord, StateRecord } from '@sqlrs/store';

/** An epoch-ms timestamp as api.md writes it (`Date.toISOString()`), or null. */
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function isoRequired(ms: number): string {
  return new Date(ms).toISOString();
}

/** A state the API shows: every status but `failed` (engine.md §4.1). */
export type VisibleState = StateRecord & { status: Exclude<StateRecord['status'], 'failed'> };

/** The statuses the API lists. */
export const VISIBLE_STATE_STATUSES = ['building', 'ready', 'missing'] as const;

/** True for a state the API may show. */
export function isVisibleState(r: StateRecord): r is VisibleState {
  return r.status !== 'failed';
}

/** The API view of a state (api.md §5.1). */
export function toStateEntry(r: VisibleState): StateEntry {
  return {
    state_id: r.stateId,
    parent_state_id: r.parentStateId,
    image_id: r.imageId,
    prepare_kind: r.prepareKind,
    prepare_args_normalized: r.prepareArgsNormalized,
    created_at: isoRequired(r.createdAt),
    size_bytes: r.sizeAllocatedBytes,
    last_used_at: iso(r.lastUsedAt),
    use_count: r.useCount,
    refcount: r.refcount,
    status: r.status,
    min_retention_until: iso(r.minRetentionUntil),
  };
}

/** How fresh a stored connection count must be for lists to show it (api.md §5.1). */
const CONNECTIONS_MAX_AGE_MS = 5000;

/** The DSN of a running instance, password included (rendered at read time, never stored). */
function instanceDsn(r: InstanceRecord): string | null {
  if (r.port === null || r.status === 'expired' || r.status === 'failed') return null;
  return `postgres://${encodeURIComponent(r.dbUser)}:${encodeURIComponent(r.password)}@${r.host}:${r.port}/${encodeURIComponent(r.dbName)}`;
}

function connections(r: InstanceRecord, now: number): number | null {
  if (r.status === 'stopped') return 0;
  if (r.status !== 'active' || r.lastConnections === null || r.connectionsAt === null) return null;
  return now - r.connectionsAt <= CONNECTIONS_MAX_AGE_MS ? r.lastConnections : null;
}

/** The API view of an instance (api.md §5.1); an expired tombstone has no endpoint. */
export function toInstanceEntry(r: InstanceRecord, now: number): InstanceEntry {
  const tombstone = r.status === 'expired';
  return {
    instance_id: r.instanceId,
    name: r.name,
    image_id: r.imageId,
    state_id: r.stateId,
    job_id: r.jobId,
    status: r.status,
    runtime_id: tombstone ? null : r.runtimeId,
    dsn: instanceDsn(r),
    host: tombstone ? null : r.host,
    port: tombstone ? null : r.port,
    database: r.dbName,
    user: r.dbUser,
    created_at: isoRequired(r.createdAt),
    expires_at: iso(r.expiresAt),
    last_reset_at: iso(r.lastResetAt),
    reset_count: r.resetCount,
    connections: connections(r, now),
  };
}

/** The API view of a bound name (api.md §5.6); only bound rows reach it. */
export function toNameEntry(r: NameRecord): NameEntry {
  const stateId = r.stateId ?? '';
  return {
    name: r.name,
    instance_id: r.instanceId,
    state_id: stateId,
    image_id: r.imageId ?? '',
    state_fingerprint: stateId,
    status: 'active',
    created_at: isoRequired(r.createdAt),
    last_used_at: iso(r.lastUsedAt),
  };
}
