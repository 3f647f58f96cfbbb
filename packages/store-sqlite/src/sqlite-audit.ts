import { type AuditEventRecord, type AuditStore, type NewAuditEvent, auditObjectKind } from '@sqlrs/store';
import { and, asc, desc, eq, lt, lte, or, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { columnPlaceholders } from './placeholders.js';
import { auditEvents } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';

/** Writes audit rows inside the caller's transaction. */
export type AuditWriter = (rows: readonly NewAuditEvent[]) => void;

/** Prepares the writer every audited change uses. */
export function prepareAuditWriter(db: BetterSQLite3Database): AuditWriter {
  const insert = db.insert(auditEvents).values(columnPlaceholders(auditEvents, ['id'])).prepare();
  return (rows) => {
    for (const row of rows) {
      insert.run({
        ts: row.ts,
        actor: row.actor,
        action: row.action,
        objectKind: auditObjectKind(row.action),
        objectId: row.objectId,
        jobId: row.jobId ?? null,
        detailsJson: row.details === undefined || row.details === null ? null : JSON.stringify(row.details),
      });
    }
  };
}

/** The audit part of the SQLite store. */
export function sqliteAudit(ctx: SqliteContext): AuditStore {
  const { db } = ctx;
  return {
    appendAudit(rows) {
      ctx.tx(() => ctx.writeAudit(rows));
    },
    listAudit(filter = {}) {
      const conditions: SQL[] = [];
      if (filter.action !== undefined) conditions.push(eq(auditEvents.action, filter.action));
      if (filter.objectKind !== undefined) conditions.push(eq(auditEvents.objectKind, filter.objectKind));
      if (filter.objectId !== undefined) conditions.push(eq(auditEvents.objectId, filter.objectId));
      return db
        .select()
        .from(auditEvents)
        .where(and(...conditions))
        .orderBy(asc(auditEvents.id))
        .all()
        .map(
          ({ detailsJson, ...row }): AuditEventRecord => ({
            ...row,
            details: detailsJson === null ? null : (JSON.parse(detailsJson) as Record<string, unknown>),
          }),
        );
    },
    pruneAudit({ olderThan, maxRows }) {
      return ctx.tx(() => {
        // The newest row beyond the row limit; it and everything older go.
        const cutoff = db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .orderBy(desc(auditEvents.id))
          .limit(1)
          .offset(Math.max(0, maxRows))
          .get();
        const tooOld = lt(auditEvents.ts, olderThan);
        const condition = cutoff === undefined ? tooOld : or(tooOld, lte(auditEvents.id, cutoff.id));
        return db.delete(auditEvents).where(condition).run().changes;
      });
    },
  };
}
