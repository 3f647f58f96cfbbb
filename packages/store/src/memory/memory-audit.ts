import { type AuditEventRecord, type AuditStore, type NewAuditEvent, auditObjectKind } from '../audit.js';
import type { MemoryTables } from './memory-tables.js';

/** Writes audit rows inside the caller's transaction. */
export function writeAudit(t: MemoryTables, rows: readonly NewAuditEvent[]): void {
  for (const row of rows) {
    const id = t.takeAuditId();
    const details = row.details === undefined || row.details === null ? null : (JSON.parse(JSON.stringify(row.details)) as Record<string, unknown>);
    const record: AuditEventRecord = {
      id,
      ts: row.ts,
      actor: row.actor,
      action: row.action,
      objectKind: auditObjectKind(row.action),
      objectId: row.objectId,
      jobId: row.jobId ?? null,
      details,
    };
    t.set(t.audit, id, record);
  }
}

/** Audit rows by id (a rollback may re-insert a row out of order). */
function sortedAudit(t: MemoryTables): AuditEventRecord[] {
  return [...t.audit.values()].sort((a, b) => a.id - b.id);
}

/** The audit part of the in-memory store. */
export function memoryAudit(t: MemoryTables): AuditStore {
  return {
    appendAudit(rows) {
      t.transaction(() => writeAudit(t, rows));
    },
    listAudit(filter = {}) {
      t.assertOpen();
      return sortedAudit(t).filter(
        (row) =>
          (filter.action === undefined || row.action === filter.action) &&
          (filter.objectKind === undefined || row.objectKind === filter.objectKind) &&
          (filter.objectId === undefined || row.objectId === filter.objectId),
      );
    },
    pruneAudit({ olderThan, maxRows }) {
      return t.transaction(() => {
        const rows = sortedAudit(t);
        const keepFrom = Math.max(0, rows.length - Math.max(0, maxRows));
        let removed = 0;
        rows.forEach((row, index) => {
          if (row.ts < olderThan || index < keepFrom) {
            t.delete(t.audit, row.id);
            removed += 1;
          }
        });
        return removed;
      });
    },
  };
}
