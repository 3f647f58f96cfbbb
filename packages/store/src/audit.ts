/** Every audited action of engine.md §14. */
export const AUDIT_ACTIONS = [
  'state.created',
  'state.deleted',
  'state.evicted',
  'state.lost',
  'instance.created',
  'instance.deleted',
  'instance.expired',
  'instance.reset',
  'instance.stopped',
  'instance.restarted',
  'name.bound',
  'name.removed',
  'job.deleted',
  'config.changed',
  'store.recovered',
] as const;

/** The literal union of audited actions. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who caused an audited change: an API request or the engine itself. */
export type AuditActor = 'api' | 'engine';

/** The kind of object an audit row is about: the part of its action before the dot. */
export type AuditObjectKind = AuditAction extends `${infer K}.${string}` ? K : never;

import type { AuditFilter } from './filters.js';

/** An audit row to write; the store derives `objectKind` from the action. */
export interface NewAuditEvent {
  ts: number;
  actor: AuditActor;
  action: AuditAction;
  objectId: string;
  /** The triggering job, when there is one. */
  jobId?: string | null;
  /** Sizes, reasons and other facts; stored as JSON. */
  details?: Record<string, unknown> | null;
}

/** A stored audit row (table `audit_events`). */
export interface AuditEventRecord {
  id: number;
  ts: number;
  actor: AuditActor;
  action: AuditAction;
  objectKind: AuditObjectKind;
  objectId: string;
  jobId: string | null;
  details: Record<string, unknown> | null;
}

/** Limits of audit retention (engine.md §5.3: 90 days or 100,000 rows, whichever is less). */
export interface AuditRetention {
  /** Rows with `ts` before this are removed. */
  olderThan: number;
  /** At most this many of the newest rows are kept. */
  maxRows: number;
}

/** The audit trail; rows tied to a change are passed to that change's mutation method instead. */
export interface AuditStore {
  /** Writes standalone audit rows (`config.changed`, `store.recovered`) in one transaction. */
  appendAudit(rows: readonly NewAuditEvent[]): void;
  /** Audit rows in the order they were written. */
  listAudit(filter?: AuditFilter): AuditEventRecord[];
  /** Removes rows beyond the retention limits; returns how many were removed. */
  pruneAudit(retention: AuditRetention): number;
}

/** The object kind an action is about (`state.deleted` → `state`). */
export function auditObjectKind(action: AuditAction): AuditObjectKind {
  return action.slice(0, action.indexOf('.')) as AuditObjectKind;
}
