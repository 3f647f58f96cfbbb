import type { JobEventRecord, JobEventStore } from '../job-events.js';
import { storeErrors } from '../store-errors.js';
import { type MemoryTables, eventKey } from './memory-tables.js';

/** The job event part of the in-memory store. */
export function memoryJobEvents(t: MemoryTables): JobEventStore {
  const eventsOf = (jobId: string): JobEventRecord[] =>
    [...t.events.values()].filter((event) => event.jobId === jobId).sort((a, b) => a.seq - b.seq);

  return {
    appendJobEvents(jobId, events) {
      return t.transaction(() => {
        if (!t.jobs.has(jobId)) throw storeErrors.notFound('job', jobId);
        let seq = eventsOf(jobId).length;
        return events.map((event) => {
          const row: JobEventRecord = {
            jobId,
            seq,
            ts: event.ts,
            type: event.type,
            status: event.status ?? null,
            taskId: event.taskId ?? null,
            message: event.message ?? null,
            resultJson: event.resultJson ?? null,
            errorJson: event.errorJson ?? null,
          };
          t.set(t.events, eventKey(jobId, seq), row);
          seq += 1;
          return { ...row };
        });
      });
    },
    listJobEvents(jobId, { fromSeq = 0, limit } = {}) {
      t.assertOpen();
      const from = eventsOf(jobId).filter((event) => event.seq >= fromSeq);
      return (limit === undefined ? from : from.slice(0, Math.max(0, limit))).map((event) => ({ ...event }));
    },
    countJobEvents(jobId, type) {
      t.assertOpen();
      return eventsOf(jobId).filter((event) => type === undefined || event.type === type).length;
    },
  };
}
