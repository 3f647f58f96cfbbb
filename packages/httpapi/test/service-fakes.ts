// Small in-memory fakes of the PrepareService / JobEventFeed / RunService interfaces that httpapi
// consumes; they hold exactly what a test puts in them.
import type {
  CacheExplainPrepareResponse,
  CacheStatus,
  EvictionTrigger,
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
import { SqlrsError } from '@sqlrs/errors';
import { id32, id64 } from '@sqlrs/store/testing';
import type { JobEventFeed, PrepareService, PreparedRun, RunService } from '../src/index.js';

export const TS = '2025-06-01T09:00:00.000Z';

/** A job status as the prepare service would report it. */
export function jobStatus(jobId: string, status: PrepareJobStatus['status']): PrepareJobStatus {
  return {
    job_id: jobId,
    status,
    prepare_kind: 'psql',
    image_id: 'postgres:17',
    resolved_image_id: null,
    plan_only: false,
    name: null,
    ttl_seconds: null,
    prepare_args_normalized: '-X -v ON_ERROR_STOP=1 -c select 1',
    signature: null,
    created_at: TS,
    started_at: null,
    finished_at: null,
    cancel_requested: false,
    tasks: null,
    result: null,
    error: null,
    events_url: `/v1/prepare-jobs/${jobId}/events`,
  };
}

/** A job list row of `jobStatus`. */
export function jobEntry(jobId: string, status: PrepareJobStatus['status']): PrepareJobEntry {
  const s = jobStatus(jobId, status);
  return {
    job_id: jobId,
    status,
    prepare_kind: s.prepare_kind,
    image_id: s.image_id,
    resolved_image_id: null,
    plan_only: false,
    name: null,
    prepare_args_normalized: s.prepare_args_normalized,
    signature: null,
    created_at: TS,
    started_at: null,
    finished_at: null,
    instance_id: null,
    error_code: null,
  };
}

/** The plan task row of a job. */
export function planTask(jobId: string): TaskEntry {
  return {
    task_id: 'plan',
    job_id: jobId,
    status: 'succeeded',
    type: 'plan',
    planner_kind: 'psql',
    input: null,
    task_hash: null,
    output_state_id: null,
    cached: null,
    instance_mode: null,
    instance_id: null,
    image_id: null,
    resolved_image_id: null,
    args_summary: null,
    changeset_id: null,
    changeset_author: null,
    changeset_path: null,
    started_at: TS,
    finished_at: TS,
    error: null,
  };
}

/** The api.md §7.1 example. */
export const CACHE_STATUS: CacheStatus = {
  usage_bytes: 5368709120,
  configured_max_bytes: null,
  effective_max_bytes: 15461882266,
  reserve_bytes: 1717986918,
  high_watermark: 0.9,
  low_watermark: 0.8,
  min_state_age: '10m0s',
  min_state_age_seconds: 600,
  store_total_bytes: 17179869184,
  store_free_bytes: 9663676416,
  state_count: 12,
  reclaimable_bytes: 1073741824,
  blocked_count: 4,
  pressure_reasons: [],
  last_eviction: null,
  snapshot_backend: 'btrfs',
};

export const EXPLAIN: CacheExplainPrepareResponse = {
  decision: 'miss',
  reason_code: 'no_matching_state',
  signature: id64('5a'),
  matched_state_id: null,
  resolved_image_id: 'postgres@sha256:ab',
  total_steps: 1,
  cached_steps: 0,
  steps: [{ task_id: 'execute-0', output_state_id: id64('5b'), cached: false, args_summary: '-c select 1' }],
};

interface FakeJob {
  status: PrepareJobStatus;
  events: PrepareJobEvent[];
  terminal: boolean;
  subscribers: Set<{ onEvent: (e: PrepareJobEvent) => void; onEnd: () => void }>;
}

/** A prepare service over jobs a test creates; events are appended by the test. */
export class FakePrepare implements PrepareService {
  readonly jobs = new Map<string, FakeJob>();
  readonly calls: unknown[] = [];
  /** Runs inside `read` before it answers, e.g. to append an event between subscribe and read. */
  beforeRead: (() => void) | undefined;
  /** Live events with these seqs are not delivered to subscribers (to provoke a gap). */
  readonly dropLive = new Set<number>();
  submitError: SqlrsError | undefined;
  readonly newJobId = id32('e0');

  /** A job with `count` persisted events (status queued, status running, then logs). */
  addJob(jobId: string, count: number, o: { terminal?: boolean } = {}): void {
    this.jobs.set(jobId, { status: jobStatus(jobId, o.terminal === true ? 'failed' : 'running'), events: [], terminal: false, subscribers: new Set() });
    for (let i = 0; i < count; i += 1) {
      if (o.terminal === true && i === count - 2) this.append(jobId, { type: 'status', status: 'failed' });
      else if (o.terminal === true && i === count - 1) this.append(jobId, { type: 'error', error: { code: 'cancelled', message: 'job cancelled' } });
      else if (i < 2) this.append(jobId, { type: 'status', status: i === 0 ? 'queued' : 'running' });
      else this.append(jobId, { type: 'log', message: `psql: line ${i}` });
    }
    if (o.terminal === true) this.#end(jobId);
  }

  /** Persists the next event of a job and hands it to its subscribers. */
  append(jobId: string, e: Omit<PrepareJobEvent, 'seq' | 'ts'>): PrepareJobEvent {
    const job = this.#job(jobId);
    const event = { seq: job.events.length, ts: TS, ...e } as PrepareJobEvent;
    job.events.push(event);
    if (!this.dropLive.has(event.seq)) for (const s of job.subscribers) s.onEvent(event);
    return event;
  }

  /** Appends `status failed` + `error` and ends the job's subscriptions. */
  fail(jobId: string): void {
    this.append(jobId, { type: 'status', status: 'failed' });
    this.append(jobId, { type: 'error', error: { code: 'cancelled', message: 'job cancelled' } });
    this.#end(jobId);
  }

  /** Open subscriptions of a job. */
  subscribers(jobId: string): number {
    return this.jobs.get(jobId)?.subscribers.size ?? 0;
  }

  readonly events: JobEventFeed = {
    read: (jobId, fromSeq) => {
      this.beforeRead?.();
      const job = this.jobs.get(jobId);
      if (job === undefined) return undefined;
      return { events: job.events.filter((e) => e.seq >= fromSeq), total: job.events.length, terminal: job.terminal };
    },
    subscribe: (jobId, onEvent, onEnd) => {
      const job = this.jobs.get(jobId);
      if (job === undefined) return () => undefined;
      const sub = { onEvent, onEnd };
      job.subscribers.add(sub);
      return () => job.subscribers.delete(sub);
    },
  };

  async submit(request: PrepareJobRequest): Promise<PrepareJobAccepted> {
    this.calls.push({ submit: request });
    if (this.submitError !== undefined) throw this.submitError;
    const url = `/v1/prepare-jobs/${this.newJobId}`;
    return { job_id: this.newJobId, status_url: url, events_url: `${url}/events`, status: 'queued' };
  }

  listJobs(filter: { jobPrefix?: string; idPrefix?: string }): PrepareJobEntry[] {
    this.calls.push({ listJobs: filter });
    return [...this.jobs.values()].map((j) => jobEntry(j.status.job_id, j.status.status));
  }

  getJob(jobId: string): PrepareJobStatus | undefined {
    return this.jobs.get(jobId)?.status;
  }

  cancel(jobId: string): { httpStatus: 200 | 202; job: PrepareJobStatus } {
    const job = this.#job(jobId);
    if (job.terminal) return { httpStatus: 200, job: job.status };
    job.status = { ...job.status, cancel_requested: true };
    return { httpStatus: 202, job: job.status };
  }

  async deleteJob(jobId: string, o: { force: boolean; dryRun: boolean }): Promise<{ httpStatus: 200 | 409; result: DeleteResult }> {
    const job = this.#job(jobId);
    this.calls.push({ deleteJob: jobId, ...o });
    const blocked = !job.terminal && !o.force;
    const root = { kind: 'job' as const, id: jobId, connections: null, runtime_id: null, blocked: blocked ? ('active_tasks' as const) : null, children: [] };
    const outcome = blocked ? 'blocked' : o.dryRun ? 'would_delete' : 'deleted';
    return { httpStatus: blocked && !o.dryRun ? 409 : 200, result: { dry_run: o.dryRun, outcome, root } };
  }

  listTasks(filter: { jobId?: string }): TaskEntry[] {
    this.calls.push({ listTasks: filter });
    return [...this.jobs.keys()].filter((id) => filter.jobId === undefined || id === filter.jobId).map(planTask);
  }

  readonly enforced: EvictionTrigger[] = [];

  async cacheStatus(): Promise<CacheStatus> {
    return CACHE_STATUS;
  }

  async enforceCache(trigger: EvictionTrigger): Promise<void> {
    this.enforced.push(trigger);
  }

  async explain(): Promise<CacheExplainPrepareResponse> {
    return EXPLAIN;
  }

  activeJobs(): { queued: number; running: number } {
    return { queued: 0, running: [...this.jobs.values()].filter((j) => !j.terminal).length };
  }

  async shutdown(): Promise<void> {}

  #job(jobId: string): FakeJob {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new SqlrsError('not_found', 'job not found');
    return job;
  }

  #end(jobId: string): void {
    const job = this.#job(jobId);
    job.terminal = true;
    job.status = { ...job.status, status: 'failed' };
    for (const s of [...job.subscribers]) s.onEnd();
  }
}

/** A run service whose runs follow `script`; `prepare` throws `error` when set. */
export class FakeRuns implements RunService {
  readonly requests: RunRequest[] = [];
  error: SqlrsError | undefined;
  script: PreparedRun['execute'] = async () => undefined;

  async prepare(request: RunRequest): Promise<PreparedRun> {
    this.requests.push(request);
    if (this.error !== undefined) throw this.error;
    return { execute: (sink: (e: RunEvent) => void, signal: AbortSignal) => this.script(sink, signal) };
  }

  active(): number {
    return 0;
  }
}
