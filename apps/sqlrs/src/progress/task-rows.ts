// The state behind both progress views: one row per task, in plan order, with timings.
import type { PlanTask, PrepareJobEvent, TaskStatus } from '@sqlrs/contract';

/** One task as the views show it. */
export interface TaskRow {
  readonly id: string;
  summary: string;
  status: TaskStatus;
  cached: boolean;
  startedAt: number | undefined;
  finishedAt: number | undefined;
}

/** Task rows of one job, updated from its events. */
export class TaskRows {
  readonly rows: TaskRow[] = [];
  jobStatus: string = 'queued';
  lastLog: string | undefined;

  constructor(private readonly now: () => number) {}

  /** Adds the planned tasks (keeping what events already told). */
  plan(tasks: readonly PlanTask[]): void {
    for (const task of tasks) {
      const row = this.row(task.task_id);
      row.summary = summaryOf(task);
      if (task.type === 'state_execute') row.cached = task.cached;
      if (row.status === 'queued') row.status = task.status;
    }
    this.rows.sort((a, b) => tasks.findIndex((t) => t.task_id === a.id) - tasks.findIndex((t) => t.task_id === b.id));
  }

  /** Applies one event; returns the row it changed, if any. */
  apply(event: PrepareJobEvent): TaskRow | undefined {
    if (event.type === 'status' && event.status !== undefined) this.jobStatus = event.status;
    if (event.type === 'log' && event.message !== undefined) this.lastLog = event.message;
    if (event.type !== 'task' || event.task_id === undefined || event.status === undefined) return undefined;
    const row = this.row(event.task_id);
    if (event.status === row.status && event.heartbeat === true) return undefined;
    row.status = event.status;
    if (event.status === 'running') row.startedAt ??= this.now();
    if (event.status === 'succeeded' || event.status === 'failed') row.finishedAt = this.now();
    return row;
  }

  private row(id: string): TaskRow {
    let row = this.rows.find((r) => r.id === id);
    if (row === undefined) {
      row = { id, summary: '', status: 'queued', cached: false, startedAt: undefined, finishedAt: undefined };
      this.rows.push(row);
    }
    return row;
  }
}

function summaryOf(task: PlanTask): string {
  switch (task.type) {
    case 'plan':
      return `plan (${task.planner_kind})`;
    case 'resolve_image':
      return `resolve ${task.image_id}`;
    case 'state_execute':
      return task.args_summary;
    case 'prepare_instance':
      return 'start instance';
  }
}

/** `1.2s` / `1m05s`. */
export function formatElapsed(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
}
