// Progress on a TTY: a step list redrawn in place, with cached/running/done markers and elapsed time.
import type { PlanTask, PrepareJobEvent } from '@sqlrs/contract';
import type { TextSink } from '../cli-io.js';
import type { JobView } from './job-view.js';
import { TaskRows, formatElapsed } from './task-rows.js';
import type { TaskRow } from './task-rows.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REFRESH_MS = 150;

/** Redraws the whole step list on every change and every 150 ms (elapsed time, spinner). */
export class LiveView implements JobView {
  private readonly rows: TaskRows;
  private readonly startedAt: number;
  private drawnLines = 0;
  private paused = false;
  private closed = false;
  private tick = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sink: TextSink,
    private readonly title: string,
    private readonly now: () => number = Date.now,
  ) {
    this.rows = new TaskRows(now);
    this.startedAt = now();
    this.timer = setInterval(() => this.draw(), REFRESH_MS);
    this.timer.unref();
    this.draw();
  }

  plan(tasks: readonly PlanTask[]): void {
    this.rows.plan(tasks);
    this.draw();
  }

  event(event: PrepareJobEvent): void {
    this.rows.apply(event);
    this.draw();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (this.closed) return;
    this.paused = false;
    // The prompt took lines below the view; start a fresh block.
    this.drawnLines = 0;
    this.draw();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.paused = false;
    this.draw();
    this.paused = true;
  }

  private draw(): void {
    if (this.paused) return;
    this.tick++;
    const width = Math.max(20, (this.sink.columns ?? 80) - 1);
    const lines = [
      `${this.title}  ${this.rows.jobStatus}  ${formatElapsed(this.now() - this.startedAt)}`,
      ...this.rows.rows.map((row) => this.line(row)),
      ...(this.rows.lastLog === undefined || this.rows.jobStatus !== 'running' ? [] : [`  ${this.rows.lastLog}`]),
    ].map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
    const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A` : '';
    const extra = Math.max(0, this.drawnLines - lines.length);
    // Clear each line before writing it; clear leftovers when the block got shorter.
    const body = lines.map((l) => `\r\x1b[2K${l}\n`).join('') + '\r\x1b[2K\n'.repeat(extra) + (extra > 0 ? `\x1b[${extra}A` : '');
    this.sink.write(up + body);
    this.drawnLines = lines.length;
  }

  private line(row: TaskRow): string {
    const cached = row.status === 'succeeded' && (row.cached || (row.startedAt === undefined && row.id.startsWith('execute-')));
    const marker = cached ? '=' : row.status === 'succeeded' ? '✓' : row.status === 'failed' ? '✗' : row.status === 'running' ? SPINNER[this.tick % SPINNER.length] : '·';
    const state = cached ? 'cached' : row.status === 'queued' ? '' : row.status === 'running' ? 'running' : row.status === 'failed' ? 'failed' : 'done';
    const time = row.startedAt === undefined ? '' : formatElapsed((row.finishedAt ?? this.now()) - row.startedAt);
    const summary = row.summary === '' ? '' : `  ${row.summary}`;
    return `  ${marker} ${row.id.padEnd(17)} ${state.padEnd(7)} ${time.padStart(7)}${summary}`;
  }
}
