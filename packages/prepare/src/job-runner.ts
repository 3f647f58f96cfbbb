import { readFile } from 'node:fs/promises';
import { type ParsedPsqlArgs, type PrepareJobRequest, validatePsqlPrepareRequest } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { JobRecord, NewTask, TaskStatus } from '@sqlrs/store';
import { acquireState } from './acquire-state.js';
import { buildState } from './build-state.js';
import { ensureBase } from './ensure-base.js';
import { type JobOutcome, finishJob } from './job-finish.js';
import { updateJobGauge } from './job-gauge.js';
import { type JobPlan, type PlanInput, furthestReadyStep, planJob, recordImage } from './job-plan.js';
import { validateLbRequest } from './lb-request.js';
import { errorBody, type ResolveStep, type StoredResult } from './job-views.js';
import type { PrepareContext } from './prepare-context.js';

/** Where a running job is; a cancel inside `instance` is only recorded (api.md §4.7). */
type JobPhase = 'plan' | 'build' | 'instance';

/** The in-memory handle of a running job. */
export interface JobHandle {
  readonly controller: AbortController;
  phase: JobPhase;
}

/** The fields of `request_json` the runner reads back. */
interface StoredRequest {
  image_id: string;
  psql_args?: string[] | null;
  stdin_sha256?: string;
  rebind?: boolean;
  ttl_seconds?: number | null;
}

function isPinned(ref: string): boolean {
  return ref.includes('@');
}

function taskList(job: JobRecord, plan: JobPlan): NewTask[] {
  const blank = { inputKind: null, inputId: null, taskHash: null, outputStateId: null, cached: null, argsSummary: null, stepJson: null, instanceId: null, startedAt: null, finishedAt: null, errorJson: null };
  const done: TaskStatus = 'succeeded';
  const later: TaskStatus = job.planOnly ? 'succeeded' : 'queued';
  const tasks: NewTask[] = [{ ...blank, taskId: 'plan', position: 0, type: 'plan', status: done }];
  if (!isPinned(job.imageRef)) {
    const step: ResolveStep = { image_id: job.imageRef, resolved_image_id: plan.image.displayRef };
    tasks.push({ ...blank, taskId: 'resolve-image', position: 1, type: 'resolve_image', status: done, stepJson: JSON.stringify(step) });
  }
  plan.steps.forEach((step, k) => {
    tasks.push({
      ...blank,
      taskId: `execute-${k}`,
      position: tasks.length,
      type: 'state_execute',
      status: later,
      inputKind: step.inputKind,
      inputId: step.inputKind === 'image' ? plan.image.displayRef : step.inputId,
      taskHash: step.taskHash,
      outputStateId: step.outputStateId,
      cached: k <= plan.furthestReady,
      argsSummary: step.argsSummary,
      stepJson: step.taskJson,
    });
  });
  const last = plan.steps[plan.steps.length - 1];
  tasks.push({ ...blank, taskId: 'prepare-instance', position: tasks.length, type: 'prepare_instance', status: later, inputKind: 'state', inputId: last?.outputStateId ?? null });
  return tasks;
}

/** Drives one job through plan, build steps and the instance (engine.md §9.2). */
export class JobRunner {
  /** Step clean-ups still running; the job ends only after them. */
  private readonly leftovers: Promise<void>[] = [];

  constructor(
    private readonly ctx: PrepareContext,
    private job: JobRecord,
    private readonly handle: JobHandle,
  ) {}

  private get signal(): AbortSignal {
    return this.handle.controller.signal;
  }

  private log = (message: string): void => this.ctx.events.log(this.job.jobId, message);

  private task(taskId: string, status: TaskStatus, patch: { cached?: boolean; instanceId?: string; error?: unknown } = {}): void {
    const at = this.ctx.now();
    const error = patch.error === undefined ? undefined : errorBody(patch.error);
    this.ctx.store.updateTask(this.job.jobId, taskId, {
      status,
      ...(status === 'running' ? { startedAt: at } : { finishedAt: at }),
      ...(patch.cached === undefined ? {} : { cached: patch.cached }),
      ...(patch.instanceId === undefined ? {} : { instanceId: patch.instanceId }),
      ...(error === undefined ? {} : { errorJson: JSON.stringify(error) }),
    });
    this.ctx.events.append(this.job.jobId, [
      { type: 'task', taskId, status, ...(error === undefined ? {} : { message: error.message, errorJson: JSON.stringify(error) }) },
    ]);
  }

  private failure(error: unknown): unknown {
    return this.signal.aborted ? (this.signal.reason ?? error) : error;
  }

  /** Runs the job to its end; never throws. */
  async run(): Promise<JobRecord> {
    const { ctx } = this;
    this.job = ctx.store.updateJob(this.job.jobId, { status: 'running', startedAt: ctx.now() });
    updateJobGauge(ctx);
    ctx.events.append(this.job.jobId, [{ type: 'status', status: 'running' }]);
    let outcome: JobOutcome;
    try {
      outcome = await this.execute();
    } catch (error) {
      outcome = { status: 'failed', error: this.failure(error) };
    }
    await Promise.all(this.leftovers);
    this.job = finishJob(ctx, this.job, outcome);
    return this.job;
  }

  private async readRequest(): Promise<{ request: StoredRequest; input: PlanInput; parsed: ParsedPsqlArgs | null; stdin: string | null }> {
    const request = JSON.parse(this.job.requestJson) as StoredRequest;
    const base = { imageRef: this.job.imageRef, planOnly: this.job.planOnly };
    if (this.job.prepareKind === 'lb') {
      const lb = await validateLbRequest(request as unknown as PrepareJobRequest);
      return { request, input: { ...base, kind: 'lb', lb, exec: lb.exec, jobId: this.job.jobId, log: this.log }, parsed: null, stdin: null };
    }
    const stdin = request.stdin_sha256 === undefined ? null : await readFile(this.ctx.layout.jobStdin(this.job.jobId), 'utf8');
    const parsed = validatePsqlPrepareRequest({ psql_args: request.psql_args ?? null, stdin });
    return { request, input: { ...base, kind: 'psql', parsed, stdin }, parsed, stdin };
  }

  private async plan(input: PlanInput): Promise<JobPlan> {
    const { ctx } = this;
    ctx.events.append(this.job.jobId, [{ type: 'task', taskId: 'plan', status: 'running' }]);
    const started = performance.now();
    let plan: JobPlan;
    try {
      plan = await planJob(ctx, input, this.signal);
    } catch (error) {
      const failure = this.failure(error);
      const body = JSON.stringify(errorBody(failure));
      ctx.store.replaceJobTasks(this.job.jobId, [
        { taskId: 'plan', position: 0, type: 'plan', status: 'failed', inputKind: null, inputId: null, taskHash: null, outputStateId: null, cached: null, argsSummary: null, stepJson: null, instanceId: null, startedAt: null, finishedAt: ctx.now(), errorJson: body },
      ]);
      ctx.events.append(this.job.jobId, [{ type: 'task', taskId: 'plan', status: 'failed', message: errorBody(failure).message, errorJson: body }]);
      throw failure;
    }
    ctx.metrics?.planDurationSeconds.observe({ kind: input.kind }, (performance.now() - started) / 1000);
    const at = ctx.now();
    const image = plan.image;
    ctx.store.transaction(() => {
      recordImage(ctx, image, at);
      const last = plan.steps[plan.steps.length - 1];
      this.job = ctx.store.updateJob(this.job.jobId, {
        imageKey: image.imageKey,
        resolvedImageId: image.displayRef,
        signature: plan.signature,
        finalStateId: last?.outputStateId ?? null,
      });
      const tasks = ctx.store.replaceJobTasks(this.job.jobId, taskList(this.job, plan));
      ctx.events.append(
        this.job.jobId,
        tasks.filter((t) => t.type === 'plan' || t.type === 'resolve_image').map((t) => ({ type: 'task' as const, taskId: t.taskId, status: 'succeeded' as const })),
      );
    });
    return plan;
  }

  private async execute(): Promise<JobOutcome> {
    const { ctx } = this;
    const { request, input, parsed, stdin } = await this.readRequest();
    const plan = await this.plan(input);
    // Pin the chain before trusting the plan's cache hits, wait out a deletion that locked one of
    // them first, then re-check: eviction and deletion skip pinned states, so whatever is still
    // ready now stays until the job ends.
    const ids = plan.steps.map((s) => s.outputStateId);
    const unpin = ctx.pins.pin(ids);
    try {
      await ctx.pins.whenUnlocked(ids);
      plan.furthestReady = await furthestReadyStep(ctx, plan);
      return await this.executePlan(plan, request, parsed, stdin);
    } finally {
      unpin();
    }
  }

  private async executePlan(plan: JobPlan, request: StoredRequest, parsed: ParsedPsqlArgs | null, stdin: string | null): Promise<JobOutcome> {
    const { ctx } = this;
    const steps = plan.steps;
    const kind = plan.kind;
    if (this.job.planOnly) {
      ctx.events.append(this.job.jobId, [
        ...steps.map((_s, k) => ({ type: 'task' as const, taskId: `execute-${k}`, status: 'succeeded' as const })),
        { type: 'task', taskId: 'prepare-instance', status: 'succeeded' },
      ]);
      return { status: 'succeeded', result: null, instanceId: null };
    }
    this.handle.phase = 'build';
    if (plan.furthestReady < steps.length - 1) await ensureBase(ctx, plan);
    for (const [k, step] of steps.entries()) {
      const taskId = `execute-${k}`;
      if (k <= plan.furthestReady) {
        this.task(taskId, 'succeeded', { cached: true });
        ctx.metrics?.prepareStepsTotal.inc({ kind, cache: 'hit' });
        continue;
      }
      let running = false;
      const markRunning = (): void => {
        if (!running) this.task(taskId, 'running');
        running = true;
      };
      try {
        const lease = await acquireState(ctx, {
          version: plan.version,
          signal: this.signal,
          log: (message) => {
            markRunning();
            this.log(message);
          },
          state: {
            stateId: step.outputStateId,
            baseId: plan.baseId,
            parentStateId: step.inputKind === 'state' ? step.inputId : null,
            inputKind: step.inputKind,
            inputId: step.inputId,
            taskHash: step.taskHash,
            prepareKind: kind,
            depth: k,
            argsSummary: step.argsSummary,
            prepareArgsNormalized: this.job.prepareArgsNormalized,
            stepJson: step.stateJson,
            buildJobId: this.job.jobId,
            relPath: ctx.layout.stateDir(plan.version, step.outputStateId).slice(ctx.layout.root.length + 1),
            snapshotter: ctx.snapshotter.kind,
            createdAt: ctx.now(),
          },
        });
        if (lease === 'ready') {
          this.task(taskId, 'succeeded', { cached: true });
          ctx.metrics?.prepareStepsTotal.inc({ kind, cache: 'hit' });
          continue;
        }
        try {
          const parentDir = step.inputKind === 'image' ? await ensureBase(ctx, plan) : ctx.layout.stateDir(plan.version, step.inputId);
          if (step.inputKind === 'state') ctx.store.touchStates([step.inputId], ctx.now());
          const defer = (work: Promise<void>): number => this.leftovers.push(work);
          await buildState(ctx, { jobId: this.job.jobId, k, plan, parsed, stdin, parentDir, signal: this.signal, log: this.log, onPermit: markRunning, defer });
          lease.resolve();
        } catch (error) {
          const failure = this.failure(error);
          ctx.store.markStateFailed(step.outputStateId, JSON.stringify(errorBody(failure)));
          lease.reject(failure);
          throw failure;
        }
        ctx.metrics?.prepareStepsTotal.inc({ kind, cache: 'miss' });
        this.task(taskId, 'succeeded', { cached: false });
      } catch (error) {
        const failure = this.failure(error);
        markRunning();
        this.task(taskId, 'failed', { error: failure });
        throw failure;
      }
    }
    return this.prepareInstance(plan, request);
  }

  private async prepareInstance(plan: JobPlan, request: StoredRequest): Promise<JobOutcome> {
    const { ctx } = this;
    if (this.signal.aborted) throw this.signal.reason ?? new SqlrsError('cancelled', 'job cancelled');
    this.handle.phase = 'instance';
    const final = plan.steps[plan.steps.length - 1]?.outputStateId as string;
    this.task('prepare-instance', 'running');
    const ttl = request.ttl_seconds ?? ctx.config().instances.defaultTtlSeconds;
    const expiresAt = ttl === null || ttl === 0 ? null : ctx.now() + ttl * 1000;
    try {
      ctx.store.touchStates([final], ctx.now());
      const instance = await ctx.instances.create({ jobId: this.job.jobId, stateId: final, image: plan.image, name: this.job.name, rebind: request.rebind ?? false, expiresAt });
      this.task('prepare-instance', 'succeeded', { instanceId: instance.instanceId });
      const result: StoredResult = {
        instance_id: instance.instanceId,
        state_id: final,
        image_id: plan.image.displayRef,
        prepare_kind: plan.kind,
        prepare_args_normalized: this.job.prepareArgsNormalized,
        name: instance.name ?? this.job.name,
        expires_at: instance.expiresAt === null ? null : new Date(instance.expiresAt).toISOString(),
        host: instance.host,
        port: instance.port ?? 0,
        database: instance.dbName,
        user: instance.dbUser,
      };
      return { status: 'succeeded', result, instanceId: instance.instanceId };
    } catch (error) {
      this.task('prepare-instance', 'failed', { error });
      throw error;
    }
  }
}
