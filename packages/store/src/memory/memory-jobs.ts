import { type JobStore, newJobRecord } from '../jobs.js';
import { storeErrors } from '../store-errors.js';
import { writeAudit } from './memory-audit.js';
import { type MemoryTables, applyPatch, byCreated } from './memory-tables.js';

/** Removes a job's tasks and events and clears references to it, as the schema's FK actions do. */
function cascadeJob(t: MemoryTables, jobId: string): void {
  for (const [key, task] of [...t.tasks]) if (task.jobId === jobId) t.delete(t.tasks, key);
  for (const [key, event] of [...t.events]) if (event.jobId === jobId) t.delete(t.events, key);
  for (const state of [...t.states.values()]) {
    if (state.buildJobId === jobId) t.set(t.states, state.stateId, { ...state, buildJobId: null });
  }
  for (const instance of [...t.instances.values()]) {
    if (instance.jobId === jobId) t.set(t.instances, instance.instanceId, { ...instance, jobId: null });
  }
  for (const name of [...t.names.values()]) {
    if (name.reservedJobId === jobId) t.set(t.names, name.name, { ...name, reservedJobId: null });
  }
}

/** The job part of the in-memory store. */
export function memoryJobs(t: MemoryTables): JobStore {
  return {
    insertJob(job) {
      return t.transaction(() => {
        if (t.jobs.has(job.jobId)) throw storeErrors.exists('job', job.jobId);
        const row = newJobRecord(job);
        t.set(t.jobs, row.jobId, row);
        return { ...row };
      });
    },
    updateJob(jobId, patch) {
      return t.transaction(() => {
        const previous = t.jobs.get(jobId);
        if (previous === undefined) throw storeErrors.notFound('job', jobId);
        const row = applyPatch(previous, patch);
        t.set(t.jobs, jobId, row);
        return { ...row };
      });
    },
    getJob(jobId) {
      t.assertOpen();
      const row = t.jobs.get(jobId);
      return row === undefined ? undefined : { ...row };
    },
    listJobs(filter = {}) {
      t.assertOpen();
      return [...t.jobs.values()]
        .filter(
          (job) =>
            (filter.jobPrefix === undefined || job.jobId.startsWith(filter.jobPrefix)) &&
            (filter.idPrefix === undefined || job.jobId.startsWith(filter.idPrefix)) &&
            (filter.statuses === undefined || filter.statuses.includes(job.status)) &&
            (filter.signature === undefined || job.signature === filter.signature),
        )
        .sort(byCreated((job) => job.jobId))
        .map((job) => ({ ...job }));
    },
    deleteJobs(jobIds, audit = []) {
      t.transaction(() => {
        for (const jobId of new Set(jobIds)) {
          if (!t.jobs.has(jobId)) throw storeErrors.notFound('job', jobId);
          cascadeJob(t, jobId);
          t.delete(t.jobs, jobId);
        }
        writeAudit(t, audit);
      });
    },
  };
}
