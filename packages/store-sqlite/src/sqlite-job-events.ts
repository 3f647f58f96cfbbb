import type { JobEventRecord, JobEventStore } from '@sqlrs/store';
import { and, asc, count, eq, gte, max } from 'drizzle-orm';
import { columnPlaceholders, ph } from './placeholders.js';
import { prepareEvents, prepareJobs } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';
import { stored } from './stored.js';

/** Statements of the job event part, prepared once per store. */
function prepareStatements(ctx: SqliteContext) {
  const { db } = ctx;
  const ofJob = eq(prepareEvents.jobId, ph('jobId'));
  return {
    jobExists: db.select({ id: prepareJobs.jobId }).from(prepareJobs).where(eq(prepareJobs.jobId, ph('jobId'))).prepare(),
    lastSeq: db.select({ seq: max(prepareEvents.seq) }).from(prepareEvents).where(ofJob).prepare(),
    insert: db.insert(prepareEvents).values(columnPlaceholders(prepareEvents)).prepare(),
    // LIMIT -1 means no limit in SQLite.
    range: db
      .select()
      .from(prepareEvents)
      .where(and(ofJob, gte(prepareEvents.seq, ph('fromSeq'))))
      .orderBy(asc(prepareEvents.seq))
      .limit(ph('limit'))
      .prepare(),
    count: db.select({ n: count() }).from(prepareEvents).where(ofJob).prepare(),
    countType: db
      .select({ n: count() })
      .from(prepareEvents)
      .where(and(ofJob, eq(prepareEvents.type, ph('type'))))
      .prepare(),
  };
}

/** The job event part of the SQLite store. */
export function sqliteJobEvents(ctx: SqliteContext): JobEventStore {
  const q = prepareStatements(ctx);
  return {
    appendJobEvents(jobId, events) {
      return ctx.tx(() => {
        stored(q.jobExists.get({ jobId }), 'job', jobId);
        const first = (q.lastSeq.get({ jobId })?.seq ?? -1) + 1;
        return events.map((event, index): JobEventRecord => {
          const row: JobEventRecord = {
            jobId,
            seq: first + index,
            ts: event.ts,
            type: event.type,
            status: event.status ?? null,
            taskId: event.taskId ?? null,
            message: event.message ?? null,
            resultJson: event.resultJson ?? null,
            errorJson: event.errorJson ?? null,
          };
          q.insert.run({ ...row });
          return row;
        });
      });
    },
    listJobEvents(jobId, { fromSeq = 0, limit } = {}) {
      return q.range.all({ jobId, fromSeq, limit: limit === undefined ? -1 : Math.max(0, limit) });
    },
    countJobEvents(jobId, type) {
      return (type === undefined ? q.count.get({ jobId }) : q.countType.get({ jobId, type }))?.n ?? 0;
    },
  };
}
