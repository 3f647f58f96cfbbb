import type { JobStatus } from './jobs.js';

/** The kinds of persisted job events (api.md §4.9). */
export type JobEventType = 'status' | 'task' | 'log' | 'result' | 'error';

/** A persisted job event (table `prepare_events`). */
export interface JobEventRecord {
  jobId: string;
  /** Per job, 0-based and contiguous. */
  seq: number;
  ts: number;
  type: JobEventType;
  /** The job's or task's status for `status` and `task` events. */
  status: JobStatus | null;
  taskId: string | null;
  message: string | null;
  resultJson: string | null;
  errorJson: string | null;
}

/** An event to append; the store assigns `seq`. */
export interface NewJobEvent {
  ts: number;
  type: JobEventType;
  status?: JobStatus | null;
  taskId?: string | null;
  message?: string | null;
  resultJson?: string | null;
  errorJson?: string | null;
}

/** Which part of a job's events to read. */
export interface JobEventRange {
  /** First seq to return (default 0). */
  fromSeq?: number;
  /** At most this many events. */
  limit?: number;
}

/** Persistence of job events. */
export interface JobEventStore {
  /** Appends events in one transaction with the next seqs of the job; `not_found` when the job is absent. */
  appendJobEvents(jobId: string, events: readonly NewJobEvent[]): JobEventRecord[];
  /** A job's events in seq order. */
  listJobEvents(jobId: string, range?: JobEventRange): JobEventRecord[];
  /** How many events a job has, or of one type (e.g. `log`, for the 50,000 cap). */
  countJobEvents(jobId: string, type?: JobEventType): number;
}
