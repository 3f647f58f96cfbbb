import { randomBytes } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import type {
  CacheExplainPrepareRequest,
  CacheExplainPrepareResponse,
  CacheStatus,
  EvictionTrigger,
  DeleteResult,
  PrepareJobAccepted,
  PrepareJobEntry,
  PrepareJobRequest,
  PrepareJobStatus,
  TaskEntry,
} from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { newRandomId } from '@sqlrs/id';
import type { JobRecord } from '@sqlrs/store';
import { admitJob } from './admit-job.js';
import { explainPrepare } from './explain-prepare.js';
import { FifoSemaphore } from '@sqlrs/instances';
import { PG_HBA_CONF } from '@sqlrs/runtime';
import { applyRetention, finishJob, removeJobFiles } from './job-finish.js';
import { type JobEventFeed, JobEventLog } from './job-event-log.js';
import { updateJobGauge } from './job-gauge.js';
import { type JobHandle, JobRunner } from './job-runner.js';
import { renderResult, toJobEntry, toJobStatus, toTaskEntry } from './job-views.js';
import { KeyedMutex } from './keyed-mutex.js';
import { LbPlanMemo } from './lb-plan-memo.js';
import type { LiquibaseRunners } from './lb-runners.js';
import type { PrepareContext, PrepareServiceOptions } from './prepare-context.js';
import { type RecoveryReport, recoverStore } from './recover-store.js';
import { StateCache } from './state-cache.js';
import { StateFlights } from './state-flights.js';
import { StatePins } from './state-pins.js';

/** How long a delete waits for a running job to stop after cancelling it (api.md §4.8). */
const DELETE_WAIT_MS = 60_000;

/** The prepare job manager as the HTTP layer uses it (issue 4 interface). */
export interface PrepareService {
  /** api.md §4.4 checks in order; persists the job `queued` with event 0 and starts it. */
  submit(request: PrepareJobRequest): Promise<PrepareJobAccepted>;
  /** api.md §4.5 rows, oldest first. */
  listJobs(filter: { jobPrefix?: string; idPrefix?: string }): PrepareJobEntry[];
  /** api.md §4.6; undefined = unknown job. */
  getJob(jobId: string): PrepareJobStatus | undefined;
  /** api.md §4.7; throws not_found 'job not found'. */
  cancel(jobId: string): { httpStatus: 200 | 202; job: PrepareJobStatus };
  /** api.md §4.8; throws not_found 'job not found'. */
  deleteJob(jobId: string, o: { force: boolean; dryRun: boolean }): Promise<{ httpStatus: 200 | 409; result: DeleteResult }>;
  /** api.md §4.10 rows. */
  listTasks(filter: { jobId?: string }): TaskEntry[];
  /** api.md §7.2; nothing is created. */
  explain(request: CacheExplainPrepareRequest): Promise<CacheExplainPrepareResponse>;
  /** Persisted and live job events (api.md §4.9). */
  readonly events: JobEventFeed;
  /** Jobs queued or running, for shutdown and idle checks. */
  activeJobs(): { queued: number; running: number };
  /** Stops taking work; jobs still running at `deadlineMs` (epoch ms) end failed `interrupted`. */
  shutdown(deadlineMs: number): Promise<void>;
  /** api.md §7.1. */
  cacheStatus(): Promise<CacheStatus>;
  /** Runs an eviction pass now if the cache is under pressure (e.g. after a `cache.capacity.*` change). */
  enforceCache(trigger: EvictionTrigger): Promise<void>;
}

/** The service plus what the composition root calls at startup. */
export interface PrepareManager extends PrepareService {
  /** engine.md §10 steps 2, 3, 6, then starts the queued jobs in order; call before listening. */
  recover(): Promise<RecoveryReport>;
  /** Room for a reset's clone (the `CapacityGuard` of @sqlrs/instances). */
  ensureRoom(phase: 'reset', bytes: number, signal?: AbortSignal): Promise<void>;
  /** Deletion's `StateGuard`: no lock while a job relies on or builds one of the states. */
  tryLockExclusive(stateIds: readonly string[]): (() => void) | undefined;
}

interface Active {
  handle: JobHandle;
  done: Promise<JobRecord>;
}

function notFound(): SqlrsError {
  return new SqlrsError('not_found', 'job not found');
}

/** Without a provider every lb request is 503 (a build or test without Liquibase wiring). */
const NO_LIQUIBASE: LiquibaseRunners = {
  forJob() {
    throw new SqlrsError('unavailable', 'Liquibase is not configured in this engine; prepare_kind lb needs the Liquibase provider');
  },
};

function terminal(job: JobRecord): boolean {
  return job.status === 'succeeded' || job.status === 'failed';
}

/** Creates the prepare job manager (engine.md §9). */
export function createPrepareService(options: PrepareServiceOptions): PrepareManager {
  const now = options.now ?? Date.now;
  const random = options.randomId ?? (() => newRandomId((n) => randomBytes(n)));
  const pins = new StatePins();
  const ctx: PrepareContext = {
    ...options,
    metrics: options.metrics,
    now,
    randomId: random,
    pgHbaConf: options.pgHbaConf ?? PG_HBA_CONF,
    stopTimeoutMs: options.stopTimeoutMs ?? 120_000,
    liquibase: options.liquibase ?? NO_LIQUIBASE,
    events: new JobEventLog(options.store, now, (json) => renderResult(options.store, json)),
    buildPermits: new FifoSemaphore(() => options.config().orchestrator.jobs.maxConcurrent),
    baseMutex: new KeyedMutex(),
    flights: new StateFlights(),
    pins,
    cache: new StateCache({ ...options, pins }),
    lbPlanMemo: new LbPlanMemo(),
    nonce: () => randomBytes(8).toString('hex'),
  };
  const active = new Map<string, Active>();
  let accepting = true;
  const { store } = options;

  function start(job: JobRecord): void {
    const controller = new AbortController();
    const handle: JobHandle = { controller, phase: 'plan' };
    const left = (job.deadlineAt ?? Number.POSITIVE_INFINITY) - now();
    const timeout = ctx.config().orchestrator.jobs.timeout;
    const timer = Number.isFinite(left)
      ? setTimeout(() => {
          if (handle.phase !== 'instance') controller.abort(new SqlrsError('cancelled', `job timed out after ${timeout}`));
        }, Math.max(0, left))
      : undefined;
    const done = new JobRunner(ctx, job, handle)
      .run()
      .catch((error: unknown) => {
        options.logger.error({ err: error, jobId: job.jobId }, 'prepare job runner crashed');
        return store.getJob(job.jobId) ?? job;
      })
      .then(async (finished) => {
        clearTimeout(timer);
        // Let the terminal events reach open event streams (microtasks) before the bookkeeping below;
        // the job stays in `active` until then, so a shutdown waits for its retention too.
        await setImmediate();
        if (finished.signature !== null) {
          await applyRetention(ctx, finished.signature, (id) => id !== job.jobId && active.has(id)).catch((error: unknown) =>
            options.logger.warn({ err: error, jobId: job.jobId }, 'job retention failed'),
          );
        }
        active.delete(job.jobId);
        // The job's pins are gone and its instance exists: check the cache once more.
        void ctx.cache.enforce('metadata_commit');
        return finished;
      });
    active.set(job.jobId, { handle, done });
  }

  function statusOf(jobId: string): PrepareJobStatus {
    const job = store.getJob(jobId);
    if (job === undefined) throw notFound();
    return toJobStatus(store, job);
  }

  function cancel(jobId: string): { httpStatus: 200 | 202; job: PrepareJobStatus } {
    const job = store.getJob(jobId);
    if (job === undefined) throw notFound();
    if (terminal(job)) return { httpStatus: 200, job: toJobStatus(store, job) };
    const running = active.get(jobId);
    if (running === undefined) {
      finishJob(ctx, job, { status: 'failed', error: new SqlrsError('cancelled', 'job cancelled') });
      return { httpStatus: 202, job: statusOf(jobId) };
    }
    if (job.cancelRequestedAt === null) store.updateJob(jobId, { cancelRequestedAt: now() });
    const status = statusOf(jobId);
    if (running.handle.phase !== 'instance') running.handle.controller.abort(new SqlrsError('cancelled', 'job cancelled'));
    return { httpStatus: 202, job: status };
  }

  async function deleteJob(jobId: string, o: { force: boolean; dryRun: boolean }): Promise<{ httpStatus: 200 | 409; result: DeleteResult }> {
    const job = store.getJob(jobId);
    if (job === undefined) throw notFound();
    const busy = store.listTasks({ jobId }).some((t) => t.status === 'running');
    const root = { kind: 'job' as const, id: jobId, connections: null, runtime_id: null, blocked: null, children: [] };
    if (busy && !o.force) {
      const result: DeleteResult = { dry_run: o.dryRun, outcome: 'blocked', root: { ...root, blocked: 'active_tasks' } };
      return { httpStatus: o.dryRun ? 200 : 409, result };
    }
    if (o.dryRun) return { httpStatus: 200, result: { dry_run: true, outcome: 'would_delete', root } };
    const running = active.get(jobId);
    if (running !== undefined) {
      cancel(jobId);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), DELETE_WAIT_MS);
      });
      const outcome = await Promise.race([running.done, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') throw new SqlrsError('internal_error', 'the job did not stop within 60 s; nothing was deleted, try again');
    }
    const current = store.getJob(jobId);
    if (current === undefined) throw notFound();
    store.transaction(() => {
      if (current.name !== null && store.getName(current.name)?.reservedJobId === jobId) store.releaseNameReservation(current.name, jobId);
      store.deleteJobs([jobId], [{ ts: now(), actor: 'api', action: 'job.deleted', objectId: jobId }]);
    });
    updateJobGauge(ctx);
    ctx.events.end(jobId);
    await removeJobFiles(ctx, jobId);
    return { httpStatus: 200, result: { dry_run: false, outcome: 'deleted', root } };
  }

  async function shutdown(deadlineMs: number): Promise<void> {
    accepting = false;
    ctx.cache.stop();
    const all = [...active.values()].map((a) => a.done.catch(() => undefined));
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), Math.max(0, deadlineMs - now()));
    });
    const first = await Promise.race([Promise.all(all), expired]);
    clearTimeout(timer);
    if (first !== 'deadline') return;
    for (const { handle } of active.values()) {
      handle.controller.abort(new SqlrsError('interrupted', 'the engine stopped while the job ran; resubmit it to reuse every finished step'));
    }
    await Promise.all([...active.values()].map((a) => a.done.catch(() => undefined)));
  }

  return {
    events: ctx.events,
    async submit(request) {
      if (!accepting) throw new SqlrsError('unavailable', 'the engine is shutting down; retry once it has restarted');
      const job = await admitJob(ctx, request);
      start(job);
      const statusUrl = `/v1/prepare-jobs/${job.jobId}`;
      return { job_id: job.jobId, status_url: statusUrl, events_url: `${statusUrl}/events`, status: 'queued' };
    },
    listJobs(filter) {
      return store
        .listJobs({ ...(filter.jobPrefix === undefined ? {} : { jobPrefix: filter.jobPrefix }), ...(filter.idPrefix === undefined ? {} : { idPrefix: filter.idPrefix }) })
        .map((job) => toJobEntry(store, job));
    },
    getJob(jobId) {
      const job = store.getJob(jobId);
      return job === undefined ? undefined : toJobStatus(store, job);
    },
    cancel,
    deleteJob,
    listTasks(filter) {
      const jobs = new Map<string, JobRecord>();
      return store.listTasks(filter.jobId === undefined ? {} : { jobId: filter.jobId }).flatMap((task) => {
        const job = jobs.get(task.jobId) ?? store.getJob(task.jobId);
        if (job === undefined) return [];
        jobs.set(job.jobId, job);
        return [toTaskEntry(job, task)];
      });
    },
    explain: (request) => explainPrepare(ctx, request),
    activeJobs() {
      const rows = store.listJobs({ statuses: ['queued', 'running'] });
      return { queued: rows.filter((j) => j.status === 'queued').length, running: rows.filter((j) => j.status === 'running').length };
    },
    shutdown,
    cacheStatus: () => ctx.cache.status(),
    ensureRoom: (phase, bytes, signal) => ctx.cache.ensureRoom(phase, bytes, signal),
    tryLockExclusive: (stateIds) => pins.tryLockExclusive(stateIds, (id) => ctx.flights.get(id) !== undefined),
    async enforceCache(trigger) {
      await ctx.cache.enforce(trigger);
    },
    async recover() {
      const { report, queued } = await recoverStore(ctx);
      updateJobGauge(ctx);
      await ctx.cache.enforce('startup_recovery');
      ctx.cache.start();
      for (const job of queued) start(job);
      return report;
    },
  };
}
