import type { TaskFilter } from './filters.js';
import type { StepInputKind } from './states.js';

/** The kinds of plan entries (api.md §4.11). */
export type TaskType = 'plan' | 'resolve_image' | 'state_execute' | 'prepare_instance';

/** Lifecycle of a task; after a failure unstarted tasks stay `queued`. */
export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** One entry of a job's ordered plan (table `prepare_tasks`). */
export interface TaskRecord {
  jobId: string;
  /** `plan`, `resolve-image`, `execute-<k>` or `prepare-instance`. */
  taskId: string;
  position: number;
  type: TaskType;
  status: TaskStatus;
  inputKind: StepInputKind | null;
  inputId: string | null;
  taskHash: string | null;
  outputStateId: string | null;
  cached: boolean | null;
  argsSummary: string | null;
  /** Source kind, hashes, closure, changeset fields (engine.md §5.3). */
  stepJson: string | null;
  instanceId: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  errorJson: string | null;
}

/** A task as the planner writes it. */
export type NewTask = Omit<TaskRecord, 'jobId'>;

/** Fields of a task that change while its job runs. */
export type TaskPatch = Partial<Omit<TaskRecord, 'jobId' | 'taskId' | 'position' | 'type'>>;

/** Persistence of job plans. */
export interface TaskStore {
  /** Replaces a job's plan in one transaction; `not_found` when the job is absent. */
  replaceJobTasks(jobId: string, tasks: readonly NewTask[]): TaskRecord[];
  /** Updates one task; `not_found` when absent. */
  updateTask(jobId: string, taskId: string, patch: TaskPatch): TaskRecord;
  /** Tasks by their job's `createdAt` (then job id), then position. */
  listTasks(filter?: TaskFilter): TaskRecord[];
}
