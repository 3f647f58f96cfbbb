import type { PrepareJobEvent } from '@sqlrs/contract';

/**
 * Buffers a job's live events between subscription callbacks and the stream writer, and lets the
 * writer sleep until an event, the end of the job, an interrupt or a timeout, whichever is first.
 */
export class EventBuffer {
  #items: PrepareJobEvent[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  /** Whether the feed said the job is terminal or gone. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Events buffered and not yet taken. */
  get pending(): number {
    return this.#items.length;
  }

  /** Adds a live event (subscription callback; never blocks). */
  push(event: PrepareJobEvent): void {
    this.#items.push(event);
    this.#notify();
  }

  /** Marks the feed as finished (subscription end callback). */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** Wakes a sleeping writer without data, e.g. when the client went away. */
  interrupt(): void {
    this.#notify();
  }

  /** Removes and returns every buffered event. */
  take(): PrepareJobEvent[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }

  /** Sleeps up to `ms`; resolves at once when events are buffered or the feed ended. */
  wait(ms: number): Promise<void> {
    if (this.#items.length > 0 || this.#ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#notify(), ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
