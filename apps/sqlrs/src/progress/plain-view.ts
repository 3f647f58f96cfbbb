// Progress as plain lines on stderr (not a TTY): one line per task change.
import type { PlanTask, PrepareJobEvent } from '@sqlrs/contract';
import type { JobView } from './job-view.js';
import { TaskRows, formatElapsed } from './task-rows.js';

/** Writes `sqlrs: <task> <status> …` lines. */
export class PlainView implements JobView {
  private readonly rows: TaskRows;

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.rows = new TaskRows(now);
  }

  plan(tasks: readonly PlanTask[]): void {
    this.rows.plan(tasks);
  }

  event(event: PrepareJobEvent): void {
    if (event.heartbeat === true) return;
    const before = this.rows.jobStatus;
    const row = this.rows.apply(event);
    if (event.type === 'status' && this.rows.jobStatus !== before) this.write(`sqlrs: job ${this.rows.jobStatus}\n`);
    if (row === undefined || row.status === 'queued') return;
    if (row.status === 'running') {
      this.write(`sqlrs: ${row.id} running${row.summary === '' ? '' : `: ${row.summary}`}\n`);
      return;
    }
    const took = row.startedAt === undefined || row.finishedAt === undefined ? '' : ` in ${formatElapsed(row.finishedAt - row.startedAt)}`;
    const how = row.status === 'succeeded' && row.startedAt === undefined && row.id.startsWith('execute-') ? ' (cached)' : took;
    this.write(`sqlrs: ${row.id} ${row.status}${how}\n`);
  }

  pause(): void {}
  resume(): void {}
  close(): void {}
}
