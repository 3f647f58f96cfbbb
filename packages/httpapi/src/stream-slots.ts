import { SqlrsError } from '@sqlrs/errors';

/** Open job event streams allowed in total (api.md §1.9). */
export const MAX_EVENT_STREAMS = 64;
/** Open event streams allowed per job (api.md §1.9). */
export const MAX_EVENT_STREAMS_PER_JOB = 16;

/** Counts open event streams, in total and per job, and refuses one over either limit. */
export class StreamSlots {
  readonly #perJob = new Map<string, number>();
  #total = 0;

  constructor(
    private readonly limits: { total: number; perJob: number } = { total: MAX_EVENT_STREAMS, perJob: MAX_EVENT_STREAMS_PER_JOB },
  ) {}

  /** Open streams right now. */
  get open(): number {
    return this.#total;
  }

  /** Takes a slot for `jobId` and returns its release function (safe to call twice); throws too_many_requests when full. */
  acquire(jobId: string): () => void {
    const forJob = this.#perJob.get(jobId) ?? 0;
    if (this.#total >= this.limits.total) {
      throw new SqlrsError('too_many_requests', `${this.limits.total} event streams are open; close one or retry shortly`);
    }
    if (forJob >= this.limits.perJob) {
      throw new SqlrsError('too_many_requests', `${this.limits.perJob} event streams are open for this job; close one or retry shortly`);
    }
    this.#total += 1;
    this.#perJob.set(jobId, forJob + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total -= 1;
      const left = (this.#perJob.get(jobId) ?? 1) - 1;
      if (left === 0) this.#perJob.delete(jobId);
      else this.#perJob.set(jobId, left);
    };
  }
}
