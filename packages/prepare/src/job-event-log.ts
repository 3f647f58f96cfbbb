import type { ErrorResponse, PrepareJobEvent, PrepareJobResult } from '@sqlrs/contract';
import type { JobEventRecord, NewJobEvent, Store } from '@sqlrs/store';

/** Persisted `log` events per job before one truncation line (api.md §1.9). */
export const MAX_LOG_EVENTS = 50_000;
/** Longest `log` message in bytes, truncation marker included (api.md §1.9). */
export const MAX_LOG_MESSAGE_BYTES = 8 * 1024;
const TRUNCATED = '…[truncated]';

/** The read side the HTTP layer streams from (api.md §4.9). */
export interface JobEventFeed {
  /**
   * Persisted events with seq >= fromSeq (ascending), the persisted count and whether the job is
   * terminal; undefined for an unknown job.
   */
  read(jobId: string, fromSeq: number): { events: PrepareJobEvent[]; total: number; terminal: boolean } | undefined;
  /**
   * Live events appended after the call, in seq order; `onEnd` once the job is terminal (after its
   * terminal events) or deleted. Returns the unsubscribe function. Call it in the same synchronous
   * turn as `read` and nothing is missed or repeated.
   */
  subscribe(jobId: string, onEvent: (e: PrepareJobEvent) => void, onEnd: () => void): () => void;
}

interface Subscriber {
  onEvent: (e: PrepareJobEvent) => void;
  onEnd: () => void;
}

/** Cuts a log message to 8 KiB of UTF-8, ending it with `…[truncated]`. */
export function boundLogMessage(message: string): string {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= MAX_LOG_MESSAGE_BYTES) return message;
  const room = MAX_LOG_MESSAGE_BYTES - Buffer.byteLength(TRUNCATED);
  const cut = bytes.subarray(0, room).toString('utf8').replace(/\uFFFD$/, '');
  return cut + TRUNCATED;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Job events: persisted in the store first (contiguous per-job seq), then published to live
 * subscribers; `log` events are bounded per api.md §1.9.
 */
export class JobEventLog implements JobEventFeed {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly logCounts = new Map<string, { kept: number; dropped: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly renderResult: (resultJson: string) => PrepareJobResult,
    private readonly maxLogEvents: number = MAX_LOG_EVENTS,
  ) {}

  /** Persists events of one job in order and publishes them. */
  append(jobId: string, events: readonly Omit<NewJobEvent, 'ts'>[]): JobEventRecord[] {
    const ts = this.now();
    const records = this.store.appendJobEvents(
      jobId,
      events.map((e) => ({ ts, ...e })),
    );
    const subscribers = this.subscribers.get(jobId);
    if (subscribers !== undefined) {
      for (const record of records) {
        const event = this.toEvent(record);
        for (const s of [...subscribers]) {
          try {
            s.onEvent(event);
          } catch {
            subscribers.delete(s);
          }
        }
      }
    }
    return records;
  }

  /** Appends one `log` event unless the job's cap is reached (then counts it as dropped). */
  log(jobId: string, message: string): void {
    let counts = this.logCounts.get(jobId);
    if (counts === undefined) {
      counts = { kept: this.store.countJobEvents(jobId, 'log'), dropped: 0 };
      this.logCounts.set(jobId, counts);
    }
    if (counts.kept >= this.maxLogEvents) {
      counts.dropped += 1;
      return;
    }
    counts.kept += 1;
    this.append(jobId, [{ type: 'log', message: boundLogMessage(message) }]);
  }

  /** Appends the truncation line if lines were dropped; call before the job's terminal events. */
  flushTruncation(jobId: string): void {
    const counts = this.logCounts.get(jobId);
    this.logCounts.delete(jobId);
    if (counts === undefined || counts.dropped === 0) return;
    this.append(jobId, [{ type: 'log', message: `output truncated: ${counts.dropped} lines dropped` }]);
  }

  /** Tells every subscriber of the job that its stream is over (terminal or deleted). */
  end(jobId: string): void {
    const subscribers = this.subscribers.get(jobId);
    this.subscribers.delete(jobId);
    this.logCounts.delete(jobId);
    for (const s of subscribers ?? []) {
      try {
        s.onEnd();
      } catch {
        // A failing subscriber must not affect the job or other subscribers.
      }
    }
  }

  read(jobId: string, fromSeq: number): { events: PrepareJobEvent[]; total: number; terminal: boolean } | undefined {
    const job = this.store.getJob(jobId);
    if (job === undefined) return undefined;
    const events = this.store.listJobEvents(jobId, { fromSeq }).map((r) => this.toEvent(r));
    const terminal = job.status === 'succeeded' || job.status === 'failed';
    return { events, total: this.store.countJobEvents(jobId), terminal };
  }

  subscribe(jobId: string, onEvent: (e: PrepareJobEvent) => void, onEnd: () => void): () => void {
    const job = this.store.getJob(jobId);
    if (job === undefined || job.status === 'succeeded' || job.status === 'failed') {
      queueMicrotask(onEnd);
      return () => undefined;
    }
    const subscriber: Subscriber = { onEvent, onEnd };
    let set = this.subscribers.get(jobId);
    if (set === undefined) {
      set = new Set();
      this.subscribers.set(jobId, set);
    }
    set.add(subscriber);
    return () => {
      this.subscribers.get(jobId)?.delete(subscriber);
    };
  }

  /** The api.md §4.9 shape of a stored event; results get their DSN rendered now. */
  toEvent(record: JobEventRecord): PrepareJobEvent {
    const event: PrepareJobEvent = { seq: record.seq, type: record.type, ts: iso(record.ts) };
    if (record.status !== null) event.status = record.status;
    if (record.taskId !== null) event.task_id = record.taskId;
    if (record.message !== null) event.message = record.message;
    if (record.resultJson !== null) event.result = this.renderResult(record.resultJson);
    if (record.errorJson !== null) event.error = JSON.parse(record.errorJson) as ErrorResponse;
    return event;
  }
}
