import { storeErrors } from '../store-errors.js';
import type { TaskRecord, TaskStore } from '../tasks.js';
import { type MemoryTables, applyPatch, compareText, taskKey } from './memory-tables.js';

/** The task part of the in-memory store. */
export function memoryTasks(t: MemoryTables): TaskStore {
  const list = (jobId?: string): TaskRecord[] =>
    [...t.tasks.values()]
      .filter((task) => jobId === undefined || task.jobId === jobId)
      .sort((a, b) => {
        const ja = t.jobs.get(a.jobId)?.createdAt ?? 0;
        const jb = t.jobs.get(b.jobId)?.createdAt ?? 0;
        return ja - jb || compareText(a.jobId, b.jobId) || a.position - b.position;
      })
      .map((task) => ({ ...task }));

  return {
    replaceJobTasks(jobId, tasks) {
      return t.transaction(() => {
        if (!t.jobs.has(jobId)) throw storeErrors.notFound('job', jobId);
        for (const [key, task] of [...t.tasks]) if (task.jobId === jobId) t.delete(t.tasks, key);
        const positions = new Set<number>();
        for (const task of tasks) {
          const key = taskKey(jobId, task.taskId);
          if (t.tasks.has(key)) throw storeErrors.exists('task', task.taskId);
          if (positions.has(task.position)) throw storeErrors.taken('task position', String(task.position));
          positions.add(task.position);
          t.set(t.tasks, key, { ...task, jobId });
        }
        return list(jobId);
      });
    },
    updateTask(jobId, taskId, patch) {
      return t.transaction(() => {
        const key = taskKey(jobId, taskId);
        const previous = t.tasks.get(key);
        if (previous === undefined) throw storeErrors.notFound('task', `${jobId}/${taskId}`);
        const row = applyPatch(previous, patch);
        t.set(t.tasks, key, row);
        return { ...row };
      });
    },
    listTasks(filter = {}) {
      t.assertOpen();
      return list(filter.jobId);
    },
  };
}
