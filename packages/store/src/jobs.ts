import type { ErrorCode } from '@sqlrs/errors';
import type { NewAuditEvent } from './audit.js';
import type { JobFilter } from './filters.js';
import type { PrepareKind } from './states.js';

/** Lifecycle of a prepare job; cancel is `failed` with error code `cancelled`. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A prepare job (table `prepare_jobs`); JSON columns stay JSON text. */
export interface JobRecord {
  jobId: string;
  status: JobStatus;
  prepareKind: PrepareKind;
  planOnly: boolean;
  /** The image reference as requested (the API's `image_id`). */
  imageRef: string;
  imageKey: string | null;
  resolvedImageId: string | null;
  name: string | null;
  ttlSeconds: number | null;
  /** The request with `stdin` replaced by `stdin_sha256` and `stdin_bytes`. */
  requestJson: string;
  prepareArgsNormalized: string;
  signature: string | null;
  finalStateId: string | null;
  instanceId: string | null;
  /** Result without secrets. */
  resultJson: string | null;
  errorCode: ErrorCode | null;
  errorJson: string | null;
  deadlineAt: number | null;
  cancelRequestedAt: number | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** The facts known at submit; the job is written `queued`. */
export type NewJob = Pick<
  JobRecord,
  | 'jobId'
  | 'prepareKind'
  | 'planOnly'
  | 'imageRef'
  | 'name'
  | 'ttlSeconds'
  | 'requestJson'
  | 'prepareArgsNormalized'
  | 'deadlineAt'
  | 'createdAt'
>;

/** Fields of a job that change while it runs. */
export type JobPatch = Partial<Omit<JobRecord, 'jobId' | 'createdAt' | 'prepareKind' | 'planOnly' | 'imageRef' | 'requestJson'>>;

/** Persistence of prepare jobs. */
/** The record of a job as submitted: `queued`, with every field that later work fills still unset. */
export function newJobRecord(job: NewJob): JobRecord {
  return {
    ...job,
    status: 'queued',
    imageKey: null,
    resolvedImageId: null,
    signature: null,
    finalStateId: null,
    instanceId: null,
    resultJson: null,
    errorCode: null,
    errorJson: null,
    cancelRequestedAt: null,
    startedAt: null,
    finishedAt: null,
  };
}

export interface JobStore {
  /** Writes a `queued` job; `conflict` when the id exists. */
  insertJob(job: NewJob): JobRecord;
  /** Updates a job; `not_found` when absent. */
  updateJob(jobId: string, patch: JobPatch): JobRecord;
  /** The job with this id, or undefined. */
  getJob(jobId: string): JobRecord | undefined;
  /** Jobs by `createdAt`, then id. */
  listJobs(filter?: JobFilter): JobRecord[];
  /**
   * Deletes jobs with their tasks and events and writes the audit rows (`job.deleted`), in one
   * transaction; states, instances and names keep their rows with the job reference cleared.
   */
  deleteJobs(jobIds: readonly string[], audit?: readonly NewAuditEvent[]): void;
}
