import { PrepareJobAccepted, PrepareJobEntry, PrepareJobEvent, PrepareJobStatus, TaskEntry } from '@sqlrs/contract';
import type { DeleteResult, PrepareJobRequest } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type {
  CallOptions,
  DeleteOptions,
  EventsOptions,
  ListOptions,
  PrepareJobFilters,
  TaskFilters,
} from './client-options.js';
import { openEventStream } from './event-stream.js';
import type { EventStream } from './event-stream.js';
import type { HttpTransport } from './http-transport.js';
import { deleteCall, jsonCall, listCall } from './json-call.js';
import { pathSegment } from './query.js';

/** Prepare job and task routes (api.md §4). */
export interface PrepareJobsApi {
  /** `POST /v1/prepare-jobs` (201): queues a job; later failures show in its status and events. */
  submitPrepareJob(request: PrepareJobRequest, options?: CallOptions): Promise<PrepareJobAccepted>;
  /** `GET /v1/prepare-jobs?job=&id_prefix=`. */
  listPrepareJobs(filters?: PrepareJobFilters, options?: ListOptions): Promise<PrepareJobEntry[]>;
  /** `GET /v1/prepare-jobs/{job_id}`. */
  getPrepareJob(jobId: string, options?: CallOptions): Promise<PrepareJobStatus>;
  /** `DELETE /v1/prepare-jobs/{job_id}?force=&dry_run=`; a blocked delete (409) is returned, not thrown. */
  deletePrepareJob(jobId: string, options?: DeleteOptions): Promise<DeleteResult>;
  /** `POST /v1/prepare-jobs/{job_id}/cancel` (202 while it takes effect, 200 when already terminal). */
  cancelPrepareJob(jobId: string, options?: CallOptions): Promise<PrepareJobStatus>;
  /**
   * `GET /v1/prepare-jobs/{job_id}/events`: resolves once the engine answered (404, 416, 429 throw
   * here), then yields every event as it arrives, heartbeats (`heartbeat: true`) included.
   */
  prepareJobEvents(jobId: string, options?: EventsOptions): Promise<EventStream<PrepareJobEvent>>;
  /** `GET /v1/tasks?job=`. */
  listTasks(filters?: TaskFilters, options?: ListOptions): Promise<TaskEntry[]>;
}

/** The {@link PrepareJobsApi} methods over a transport. */
export function prepareJobsApi(transport: HttpTransport): PrepareJobsApi {
  const jobPath = (jobId: string): string => `/v1/prepare-jobs/${pathSegment(jobId, 'job_id')}`;
  return {
    submitPrepareJob: async (request, options) =>
      jsonCall(
        transport,
        { method: 'POST', path: '/v1/prepare-jobs', body: request, signal: options?.signal },
        { schema: PrepareJobAccepted, what: 'PrepareJobAccepted' },
      ),
    listPrepareJobs: async (filters, options) =>
      listCall(
        transport,
        { path: '/v1/prepare-jobs', query: { job: filters?.job, id_prefix: filters?.id_prefix } },
        options,
        { schema: PrepareJobEntry, what: 'PrepareJobEntry' },
      ),
    getPrepareJob: async (jobId, options) =>
      jsonCall(
        transport,
        { method: 'GET', path: jobPath(jobId), signal: options?.signal },
        { schema: PrepareJobStatus, what: 'PrepareJobStatus' },
      ),
    deletePrepareJob: async (jobId, options) =>
      deleteCall(transport, {
        method: 'DELETE',
        path: jobPath(jobId),
        query: { force: options?.force, dry_run: options?.dry_run },
        signal: options?.signal,
      }),
    cancelPrepareJob: async (jobId, options) =>
      jsonCall(
        transport,
        { method: 'POST', path: `${jobPath(jobId)}/cancel`, signal: options?.signal },
        { schema: PrepareJobStatus, what: 'PrepareJobStatus' },
      ),
    prepareJobEvents: async (jobId, options) => {
      const range = eventsRange(options);
      return openEventStream(
        transport,
        {
          method: 'GET',
          path: `${jobPath(jobId)}/events`,
          headers: range === undefined ? undefined : { range },
          signal: options?.signal,
        },
        { schema: PrepareJobEvent, what: 'PrepareJobEvent' },
      );
    },
    listTasks: async (filters, options) =>
      listCall(transport, { path: '/v1/tasks', query: { job: filters?.job } }, options, {
        schema: TaskEntry,
        what: 'TaskEntry',
      }),
  };
}

/** The `Range: events=N-[M]` value for `fromSeq`/`toSeq`, or undefined when neither is set. */
export function eventsRange(options: EventsOptions | undefined): string | undefined {
  const from = options?.fromSeq;
  const to = options?.toSeq;
  if (from === undefined && to === undefined) return undefined;
  const start = checkSeq(from ?? 0, 'fromSeq');
  if (to === undefined) return `events=${start}-`;
  const end = checkSeq(to, 'toSeq');
  if (end < start) {
    throw new SqlrsError('invalid_argument', `toSeq (${end}) must not be below fromSeq (${start})`, {
      issues: [{ path: 'toSeq', message: 'must be at least fromSeq' }],
    });
  }
  return `events=${start}-${end}`;
}

function checkSeq(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SqlrsError('invalid_argument', `${what} must be a non-negative integer, got ${value}`, {
      issues: [{ path: what, message: 'expected a non-negative integer' }],
    });
  }
  return value;
}
