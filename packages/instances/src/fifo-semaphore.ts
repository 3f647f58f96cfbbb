import { SqlrsError } from '@sqlrs/errors';

/** Gives back a permit; calling it twice is harmless. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  reject: (error: unknown) => void;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new SqlrsError('cancelled', 'cancelled while waiting for a permit');
}

/**
 * A counting semaphore that grants permits strictly in request order (engine.md §9.1); the limit is
 * read on every grant, so a live config change applies to the next waiter. Shared with prepare.
 */
export class FifoSemaphore {
  private readonly waiters: Waiter[] = [];
  private inUse = 0;

  constructor(private readonly limit: () => number) {}

  /** Resolves with a release function once a permit is free; rejects when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, reject };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      waiter.grant = (release) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Runs `fn` while holding one permit. */
  async with<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Permits held right now. */
  get held(): number {
    return this.inUse;
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.inUse < Math.max(1, this.limit())) {
      const waiter = this.waiters.shift() as Waiter;
      this.inUse += 1;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.inUse -= 1;
        this.pump();
      });
    }
  }
}
