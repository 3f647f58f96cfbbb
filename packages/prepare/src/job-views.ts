import type { ErrorResponse, PlanTask, PrepareJobEntry, PrepareJobResult, PrepareJobStatus, TaskEntry } from '@sqlrs/contract';
import { type SqlrsError, toSqlrsError } from '@sqlrs/errors';
import type { JobRecord, Store, TaskRecord } from '@sqlrs/store';

/** A job result as persisted: everything but the DSN, which carries the password. */
export type StoredResult = Omit<PrepareJobResult, 'dsn'>;

/** `step_json` of a `resolve_image` task. */
export interface ResolveStep {
  image_id: string;
  resolved_image_id: string | null;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The api.md §1.5 body of an error (details and issues only when present). */
export function errorBody(error: unknown): ErrorResponse {
  const e: SqlrsError = toSqlrsError(error);
  const body: ErrorResponse = { code: e.code, message: e.message };
  if (e.details !== undefined) body.details = e.details;
  if (e.issues !== undefined && e.issues.length > 0) body.issues = e.issues;
  return body;
}

/** Renders a stored result: the DSN carries the password while the instance is alive (api.md §4.6). */
export function renderResult(store: Store, resultJson: string): PrepareJobResult {
  const stored = JSON.parse(resultJson) as StoredResult;
  const instance = store.getInstance(stored.instance_id);
  const live = instance !== undefined && instance.status !== 'expired' && instance.password !== '';
  const auth = live ? `sqlrs:${instance.password}` : 'sqlrs';
  return { dsn: `postgres://${auth}@${stored.host}:${stored.port}/${stored.database}`, ...stored };
}

function resolvedImageId(store: Store, job: JobRecord): string | null {
  if (job.resolvedImageId !== null) return job.resolvedImageId;
  if (job.imageKey === null) return null;
  return store.getImage(job.imageKey)?.displayRef ?? null;
}

/** One row of `GET /v1/prepare-jobs` (api.md §4.5). */
export function toJobEntry(store: Store, job: JobRecord): PrepareJobEntry {
  return {
    job_id: job.jobId,
    status: job.status,
    prepare_kind: job.prepareKind,
    image_id: job.imageRef,
    resolved_image_id: resolvedImageId(store, job),
    plan_only: job.planOnly,
    name: job.name,
    prepare_args_normalized: job.prepareArgsNormalized,
    signature: job.signature,
    created_at: iso(job.createdAt) as string,
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    instance_id: job.instanceId,
    error_code: job.errorCode,
  };
}

function input(task: TaskRecord): { kind: 'image' | 'state'; id: string } | null {
  return task.inputKind === null || task.inputId === null ? null : { kind: task.inputKind, id: task.inputId };
}

type ChangesetFields = { changeset_id: string | null; changeset_author: string | null; changeset_path: string | null };

/** The changeset an lb step applies (from its `step_json`); nulls for psql steps and the runAlways tail. */
function changesetFields(job: JobRecord, task: TaskRecord): ChangesetFields {
  const none = { changeset_id: null, changeset_author: null, changeset_path: null };
  if (job.prepareKind !== 'lb' || task.type !== 'state_execute' || task.stepJson === null) return none;
  const step = JSON.parse(task.stepJson) as { tail?: boolean; changesets?: { id: string; author: string; path: string }[] };
  const cs = step.tail === true ? undefined : step.changesets?.[0];
  return cs === undefined ? none : { changeset_id: cs.id, changeset_author: cs.author, changeset_path: cs.path };
}

/** A task as `PrepareJobStatus.tasks` lists it (api.md §4.11). */
function toPlanTask(job: JobRecord, task: TaskRecord): PlanTask {
  const common = { task_id: task.taskId, status: task.status };
  switch (task.type) {
    case 'plan':
      return { ...common, type: 'plan', planner_kind: job.prepareKind };
    case 'resolve_image': {
      const step = JSON.parse(task.stepJson ?? '{}') as Partial<ResolveStep>;
      return { ...common, type: 'resolve_image', image_id: step.image_id ?? job.imageRef, resolved_image_id: step.resolved_image_id ?? null };
    }
    case 'state_execute':
      return {
        ...common,
        type: 'state_execute',
        input: input(task) ?? { kind: 'image', id: '' },
        task_hash: task.taskHash ?? '',
        output_state_id: task.outputStateId ?? '',
        cached: task.cached ?? false,
        args_summary: task.argsSummary ?? '',
        ...changesetFields(job, task),
      };
    case 'prepare_instance':
      return {
        ...common,
        type: 'prepare_instance',
        input: input(task) ?? { kind: 'state', id: '' },
        instance_mode: 'ephemeral',
        instance_id: task.instanceId,
      };
  }
}

/** One row of `GET /v1/tasks` (api.md §4.10). */
export function toTaskEntry(job: JobRecord, task: TaskRecord): TaskEntry {
  const resolve = task.type === 'resolve_image' ? (JSON.parse(task.stepJson ?? '{}') as Partial<ResolveStep>) : undefined;
  return {
    task_id: task.taskId,
    job_id: task.jobId,
    status: task.status,
    type: task.type,
    planner_kind: task.type === 'plan' ? job.prepareKind : null,
    input: input(task),
    task_hash: task.taskHash,
    output_state_id: task.outputStateId,
    cached: task.cached,
    instance_mode: task.type === 'prepare_instance' ? 'ephemeral' : null,
    instance_id: task.instanceId,
    image_id: resolve === undefined ? null : (resolve.image_id ?? job.imageRef),
    resolved_image_id: resolve === undefined ? null : (resolve.resolved_image_id ?? null),
    args_summary: task.argsSummary,
    ...changesetFields(job, task),
    started_at: iso(task.startedAt),
    finished_at: iso(task.finishedAt),
    error: task.errorJson === null ? null : (JSON.parse(task.errorJson) as ErrorResponse),
  };
}

/** `GET /v1/prepare-jobs/{job_id}` (api.md §4.6). */
export function toJobStatus(store: Store, job: JobRecord): PrepareJobStatus {
  const tasks = store.listTasks({ jobId: job.jobId });
  const statusUrl = `/v1/prepare-jobs/${job.jobId}`;
  return {
    job_id: job.jobId,
    status: job.status,
    prepare_kind: job.prepareKind,
    image_id: job.imageRef,
    resolved_image_id: resolvedImageId(store, job),
    plan_only: job.planOnly,
    name: job.name,
    ttl_seconds: job.ttlSeconds,
    prepare_args_normalized: job.prepareArgsNormalized,
    signature: job.signature,
    created_at: iso(job.createdAt) as string,
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    cancel_requested: job.cancelRequestedAt !== null,
    tasks: tasks.length === 0 ? null : tasks.map((t) => toPlanTask(job, t)),
    result: job.resultJson === null ? null : renderResult(store, job.resultJson),
    error: job.errorJson === null ? null : (JSON.parse(job.errorJson) as ErrorResponse),
    events_url: `${statusUrl}/events`,
  };
}
