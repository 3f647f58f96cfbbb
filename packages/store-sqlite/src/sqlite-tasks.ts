import { type TaskStore, storeErrors } from '@sqlrs/store';
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { applyPatch, columnPlaceholders, ph } from './placeholders.js';
import { prepareJobs, prepareTasks } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';
import { stored } from './stored.js';

/** Statements of the task part, prepared once per store. */
function prepareStatements(ctx: SqliteContext) {
  const { db } = ctx;
  const ordered = () =>
    db
      .select(getTableColumns(prepareTasks))
      .from(prepareTasks)
      .innerJoin(prepareJobs, eq(prepareJobs.jobId, prepareTasks.jobId));
  const byKey = and(eq(prepareTasks.jobId, ph('jobId')), eq(prepareTasks.taskId, ph('taskId')));
  return {
    all: ordered().orderBy(asc(prepareJobs.createdAt), asc(prepareTasks.jobId), asc(prepareTasks.position)).prepare(),
    ofJob: ordered().where(eq(prepareTasks.jobId, ph('jobId'))).orderBy(asc(prepareTasks.position)).prepare(),
    one: db.select().from(prepareTasks).where(byKey).prepare(),
    insert: db.insert(prepareTasks).values(columnPlaceholders(prepareTasks)).prepare(),
    update: db.update(prepareTasks).set(columnPlaceholders(prepareTasks, ['jobId', 'taskId'])).where(byKey).prepare(),
    removeOfJob: db.delete(prepareTasks).where(eq(prepareTasks.jobId, ph('jobId'))).prepare(),
    jobExists: db.select({ id: prepareJobs.jobId }).from(prepareJobs).where(eq(prepareJobs.jobId, ph('jobId'))).prepare(),
  };
}

/** The task part of the SQLite store. */
export function sqliteTasks(ctx: SqliteContext): TaskStore {
  const q = prepareStatements(ctx);
  return {
    replaceJobTasks(jobId, tasks) {
      return ctx.tx(() => {
        stored(q.jobExists.get({ jobId }), 'job', jobId);
        const ids = new Set<string>();
        const positions = new Set<number>();
        for (const task of tasks) {
          if (ids.has(task.taskId)) throw storeErrors.exists('task', task.taskId);
          if (positions.has(task.position)) throw storeErrors.taken('task position', String(task.position));
          ids.add(task.taskId);
          positions.add(task.position);
        }
        q.removeOfJob.run({ jobId });
        for (const task of tasks) q.insert.run({ ...task, jobId });
        return q.ofJob.all({ jobId });
      });
    },
    updateTask(jobId, taskId, patch) {
      return ctx.tx(() => {
        const what = `${jobId}/${taskId}`;
        q.update.run({ ...applyPatch(stored(q.one.get({ jobId, taskId }), 'task', what), patch) });
        return stored(q.one.get({ jobId, taskId }), 'task', what);
      });
    },
    listTasks(filter = {}) {
      return filter.jobId === undefined ? q.all.all() : q.ofJob.all({ jobId: filter.jobId });
    },
  };
}
