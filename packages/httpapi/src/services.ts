import type {
  CacheExplainPrepareRequest,
  CacheExplainPrepareResponse,
  DeleteResult,
  PrepareJobAccepted,
  PrepareJobEntry,
  PrepareJobEvent,
  PrepareJobRequest,
  PrepareJobStatus,
  RunEvent,
  RunRequest,
  TaskEntry,
} from '@sqlrs/contract';

// Structural copies of the interfaces that `@sqlrs/prepare` and `@sqlrs/instances` export (issue 4):
// the composition root passes the real services, which satisfy these shapes.

/** A job's persisted events and live tail, as the events route reads them (api.md §4.9). */
export interface JobEventFeed {
  /** Persisted events with seq >= fromSeq (ascending), the persisted count, and whether the job is terminal; undefined for an unknown job. */
  read(jobId: string, fromSeq: number): { events: PrepareJobEvent[]; total: number; terminal: boolean } | undefined;
  /** Live events appended after the call, in seq order; `onEnd` once the job is terminal or deleted; returns the unsubscribe function. */
  subscribe(jobId: string, onEvent: (e: PrepareJobEvent) => void, onEnd: () => void): () => void;
}

/** The prepare job manager behind the jobs, tasks and cache explain routes (api.md §4, §7.2). */
export interface PrepareService {
  /** Runs the synchronous checks of api.md §4.4, persists the job `queued` and starts it. */
  submit(request: PrepareJobRequest): Promise<PrepareJobAccepted>;
  /** Jobs matching both prefixes, oldest first. */
  listJobs(filter: { jobPrefix?: string; idPrefix?: string }): PrepareJobEntry[];
  /** One job's status; undefined for an unknown job. */
  getJob(jobId: string): PrepareJobStatus | undefined;
  /** Cancels a job (api.md §4.7); throws not_found `job not found`. */
  cancel(jobId: string): { httpStatus: 200 | 202; job: PrepareJobStatus };
  /** Deletes a job (api.md §4.8); throws not_found `job not found`. */
  deleteJob(jobId: string, o: { force: boolean; dryRun: boolean }): Promise<{ httpStatus: 200 | 409; result: DeleteResult }>;
  /** Tasks of every job or of one job. */
  listTasks(filter: { jobId?: string }): TaskEntry[];
  /** Plans a request without creating anything (api.md §7.2). */
  explain(request: CacheExplainPrepareRequest): Promise<CacheExplainPrepareResponse>;
  /** The event feed of every job. */
  readonly events: JobEventFeed;
  /** Jobs queued or running, for shutdown and idle decisions. */
  activeJobs(): { queued: number; running: number };
  /** Stops taking work; running jobs end failed `interrupted` at the deadline. */
  shutdown(deadlineMs: number): Promise<void>;
}

/** A validated run whose instance is resolved and ready (api.md §6). */
export interface PreparedRun {
  /** Streams the run's events ending with exactly one exit or error; aborting `signal` stops the tool. */
  execute(sink: (e: RunEvent) => void, signal: AbortSignal): Promise<void>;
}

/** The run service behind `POST /v1/runs`. */
export interface RunService {
  /** Validates the request and resolves the instance; throws SqlrsError before any event is streamed. */
  prepare(request: RunRequest): Promise<PreparedRun>;
  /** Runs in progress. */
  active(): number;
}
