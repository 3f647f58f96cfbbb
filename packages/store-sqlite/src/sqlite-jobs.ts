import { type JobStore, newJobRecord, storeErrors } from '@sqlrs/store';
import { and, asc, eq, inArray, like, type SQL } from 'drizzle-orm';
import { applyPatch, columnPlaceholders, ph } from './placeholders.js';
import { prepareJobs } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';
import { stored } from './stored.js';

/** The job part of the SQLite store. */
export function sqliteJobs(ctx: SqliteContext): JobStore {
  const { db } = ctx;
  const byId = db.select().from(prepareJobs).where(eq(prepareJobs.jobId, ph('jobId'))).prepare();
  const insert = db.insert(prepareJobs).values(columnPlaceholders(prepareJobs)).prepare();
  const update = db
    .update(prepareJobs)
    .set(columnPlaceholders(prepareJobs, ['jobId']))
    .where(eq(prepareJobs.jobId, ph('jobId')))
    .prepare();
  const remove = db.delete(prepareJobs).where(eq(prepareJobs.jobId, ph('jobId'))).prepare();
  const find = (jobId: string) => byId.get({ jobId });

  return {
    insertJob(job) {
      return ctx.tx(() => {
        if (find(job.jobId) !== undefined) throw storeErrors.exists('job', job.jobId);
        const row = newJobRecord(job);
        insert.run({ ...row });
        return stored(find(job.jobId), 'job', job.jobId);
      });
    },
    updateJob(jobId, patch) {
      return ctx.tx(() => {
        update.run({ ...applyPatch(stored(find(jobId), 'job', jobId), patch) });
        return stored(find(jobId), 'job', jobId);
      });
    },
    getJob(jobId) {
      return find(jobId);
    },
    listJobs(filter = {}) {
      const conditions: SQL[] = [];
      if (filter.jobPrefix !== undefined) conditions.push(like(prepareJobs.jobId, `${filter.jobPrefix}%`));
      if (filter.idPrefix !== undefined) conditions.push(like(prepareJobs.jobId, `${filter.idPrefix}%`));
      if (filter.statuses !== undefined) conditions.push(inArray(prepareJobs.status, [...filter.statuses]));
      if (filter.signature !== undefined) conditions.push(eq(prepareJobs.signature, filter.signature));
      return db
        .select()
        .from(prepareJobs)
        .where(and(...conditions))
        .orderBy(asc(prepareJobs.createdAt), asc(prepareJobs.jobId))
        .all();
    },
    deleteJobs(jobIds, audit = []) {
      ctx.tx(() => {
        for (const jobId of new Set(jobIds)) {
          stored(find(jobId), 'job', jobId);
          // Tasks and events cascade; states, instances and names drop the reference (FK actions).
          remove.run({ jobId });
        }
        ctx.writeAudit(audit);
      });
    },
  };
}
